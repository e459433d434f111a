/**
 * The hand-over from index.html's first paint to the app. On the portfolio, `public/boot.js`
 * shows an outline of the page (#boot) and asks for the portfolio before this code has arrived;
 * the app takes that answer for its first request of the same URL, and removes the outline once
 * the router has rendered its first page (whatever it turned out to be: the portfolio, the
 * sign-in page, an error).
 */

declare global {
  interface Window {
    /** Set by public/boot.js: the portfolio request it started, for the app to take over. */
    pilotboardBoot?: { url: string; response: Promise<Response> };
  }
}

/**
 * A `fetch` for openapi-fetch: answers the request boot.js already made for this URL (once), and
 * fetches anything else. An answer that is not a success is asked for again, so errors (a session
 * that ended) take the app's usual path.
 */
export function bootFetch(request: Request): Promise<Response> {
  const boot = window.pilotboardBoot;
  if (!boot || request.method !== "GET" || request.url !== boot.url) return fetch(request);
  window.pilotboardBoot = undefined;
  return boot.response.then(
    (response) => (response.ok ? response : fetch(request)),
    () => fetch(request),
  );
}

/** The first page is on screen: the outline goes, and so does an answer nobody took. */
export function endBoot(): void {
  window.pilotboardBoot = undefined;
  document.getElementById("boot")?.remove();
}
