// Keep in sync with frontend/src/lib/theme.ts (storage key and class name).
(() => {
  try {
    const stored = localStorage.getItem("pilotboard-theme");
    const dark =
      stored === "dark" ||
      (stored !== "light" && window.matchMedia("(prefers-color-scheme: dark)").matches);
    document.documentElement.classList.toggle("dark", dark);
    document.documentElement.style.colorScheme = dark ? "dark" : "light";
  } catch {
    // Storage can be blocked; the app falls back to the system preference.
  }
})();
