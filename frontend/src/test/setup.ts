import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  document.documentElement.className = "";
});

// jsdom does not implement scrolling; the router restores scroll positions on navigation.
window.scrollTo = () => {};
