import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// `findBy…` and `waitFor` wait up to 5 s (not 1): on a busy machine a page that renders in the
// background, in slices (the portfolio), takes seconds. A test that passes still resolves as soon
// as what it waits for is there.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  document.documentElement.className = "";
});

// jsdom does not implement scrolling; the router restores scroll positions on navigation.
window.scrollTo = () => {};
