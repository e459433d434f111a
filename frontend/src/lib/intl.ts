/**
 * Intl formatters, built once per locale and options. Building one costs far more than using it
 * (a chart of hundreds of marks formats thousands of figures), and formatting needs no other state.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(
  kind: string,
  locale: string | undefined,
  options: object,
  build: () => T,
): T {
  const key = `${kind}|${locale ?? ""}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    // A throw (an unknown currency) leaves nothing cached: the caller falls back.
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter as T;
}

export const numberFormat = (locale: string | undefined, options: Intl.NumberFormatOptions) =>
  cached("n", locale, options, () => new Intl.NumberFormat(locale, options));

export const dateTimeFormat = (locale: string | undefined, options: Intl.DateTimeFormatOptions) =>
  cached("d", locale, options, () => new Intl.DateTimeFormat(locale, options));
