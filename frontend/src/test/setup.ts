import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";
import { setDecimalMark } from "@/lib/decimal";
import { toasts } from "@/lib/toast";

// `findBy…` and `waitFor` wait up to 5 s (not 1): on a busy machine a page that renders in the
// background, in slices (the portfolio), takes seconds. A test that passes still resolves as soon
// as what it waits for is there.
configure({ asyncUtilTimeout: 5_000 });

// The logic test files of a worker share one document and one module graph (the `logic` project
// in vite.config.ts): what a test leaves in a module's state is put back here, as a page would
// start.
afterEach(() => {
  cleanup();
  window.localStorage.clear();
  document.documentElement.className = "";
  setDecimalMark(".");
  for (const shown of toasts.getSnapshot()) toasts.dismiss(shown.id);
});

// jsdom does not implement scrolling; the router restores scroll positions on navigation.
window.scrollTo = () => {};
