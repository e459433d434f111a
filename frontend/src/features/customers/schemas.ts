import { z } from "zod";
import { decimalOrNaN } from "@/lib/decimal";
import type { Customer, CustomerBody } from "./queries";

export const MAX_REVENUE = 10_000_000_000_000;

/** "1 250 000", "1,250,000.50", "1.250.000,50" → 1250000.5; "" → null; anything else → NaN. */
export function parseAmount(text: string): number | null {
  // Read in the workspace's convention (lib/decimal); amounts are never negative.
  const amount = decimalOrNaN(text);
  return amount !== null && amount < 0 ? Number.NaN : amount;
}

/** Same limits as the API (CustomerCreate). Revenue is typed as text and checked here. */
export const customerSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the customer a name.")
    .max(200, "Keep the name to 200 characters or fewer."),
  segment: z.string().trim().max(80, "Keep the segment to 80 characters or fewer."),
  annual_revenue: z.string().refine((text) => {
    const amount = parseAmount(text);
    return amount === null || (Number.isFinite(amount) && amount <= MAX_REVENUE);
  }, "Enter an amount in whole numbers, like 1250000, or leave it empty."),
  is_premier_account: z.boolean(),
  external_id: z.string().trim().max(100, "Keep the external id to 100 characters or fewer."),
  notes: z.string().max(4000, "Keep the notes to 4,000 characters or fewer."),
});

export type CustomerValues = z.input<typeof customerSchema>;

export const emptyCustomer: CustomerValues = {
  name: "",
  segment: "",
  annual_revenue: "",
  is_premier_account: false,
  external_id: "",
  notes: "",
};

export function customerValues(customer: Customer): CustomerValues {
  return {
    name: customer.name,
    segment: customer.segment,
    annual_revenue: customer.annual_revenue === null ? "" : String(customer.annual_revenue),
    is_premier_account: customer.is_premier_account,
    external_id: customer.external_id ?? "",
    notes: customer.notes,
  };
}

/** The body the API expects; blank revenue and external id are sent as null. */
export function customerBody(values: CustomerValues): CustomerBody {
  const parsed = customerSchema.parse(values);
  return {
    name: parsed.name,
    segment: parsed.segment,
    annual_revenue: parseAmount(parsed.annual_revenue),
    is_premier_account: parsed.is_premier_account,
    external_id: parsed.external_id || null,
    notes: parsed.notes.trim(),
  };
}

// The page's URL search lives in ./search (no zod: it ships with the app's first script).
export { type CustomersSearch, parseCustomersSearch } from "./search";
