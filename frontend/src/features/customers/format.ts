import { numberFormat } from "@/lib/intl";

/** An amount in the workspace currency, without cents: "£1,250,000". */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  try {
    return numberFormat(locale, {
      style: "currency",
      currency,
      maximumFractionDigits: 0,
    }).format(amount);
  } catch {
    // An unknown currency code: show the number with the code.
    return `${numberFormat(locale, { maximumFractionDigits: 0 }).format(amount)} ${currency}`;
  }
}
