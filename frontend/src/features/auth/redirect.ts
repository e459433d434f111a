const ORIGIN = "http://pilotboard.invalid";

/**
 * The `?redirect=` target if it is a same-origin relative path, else null. Rejects absolute and
 * protocol-relative URLs (`//evil.example`, `/\evil.example`), other schemes, control characters,
 * and the login page itself (no loops).
 */
export function safeRedirect(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN) return null;
  if (url.pathname === "/login") return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
