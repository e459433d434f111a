// Runs before first paint, like theme-init.js. On a workspace's portfolio (where executives land):
// marks the page so index.html's outline of the portfolio shows at once (styles.css, #boot), and
// asks for the portfolio itself right away, while the app's code is still on its way. The app
// takes that answer for its first request of the same URL (frontend/src/lib/boot.ts).
(() => {
  const match = /^\/w\/([^/]+)\/portfolio$/.exec(location.pathname);
  if (!match) return;
  document.documentElement.dataset.boot = "portfolio";
  // Only the plain view: filters and a date are read by the app (`y` only picks a chart's axis).
  const search = new URLSearchParams(location.search);
  search.delete("y");
  if (search.toString() !== "" || typeof fetch !== "function") return;
  const url = `/api/v1/workspaces/${match[1]}/portfolio`;
  const response = fetch(url, {
    credentials: "same-origin",
    headers: { Accept: "application/json, application/problem+json" },
  });
  // A failure is the app's to report (it asks again); not an unhandled rejection here.
  response.catch(() => {});
  window.pilotboardBoot = { url: new URL(url, location.href).href, response };
})();
