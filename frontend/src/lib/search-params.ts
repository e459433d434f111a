/**
 * Small parsers for URL search params, for the routes' `validateSearch`. They ship with the app's
 * first script, so they are a few lines each rather than a schema library: a value that is not
 * what the page expects is dropped (the key left out), never an error, so a stale or hand-edited
 * link still opens the page.
 */

/** `value` when it is one of `allowed`, else undefined. */
export function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  return typeof value === "string" && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : undefined;
}

// Any RFC 9562 version (1–8) and variant, plus the nil and max UUIDs.
const UUID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

/** `value` when it is a UUID (an id in the URL), else undefined. */
export function uuid(value: unknown): string | undefined {
  return typeof value === "string" && UUID.test(value) ? value : undefined;
}

/** `value` trimmed, when it is text of at most `max` characters once trimmed, else undefined. */
export function trimmed(value: unknown, max: number): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  return text.length <= max ? text : undefined;
}

/** The object without its undefined values: the URL only says what was chosen. */
export function defined<T extends object>(values: T): T {
  const out = {} as T;
  for (const key of Object.keys(values) as (keyof T)[]) {
    if (values[key] !== undefined) out[key] = values[key];
  }
  return out;
}
