import { describe, expect, it } from "vitest";
import { formatMoney } from "./format";
import { distinctSegments } from "./queries";
import {
  customerBody,
  customerSchema,
  customerValues,
  emptyCustomer,
  parseAmount,
  parseCustomersSearch,
} from "./schemas";

function messages(result: ReturnType<typeof customerSchema.safeParse>) {
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("parseAmount", () => {
  it("reads plain and grouped amounts; blank is unknown", () => {
    expect(parseAmount("1250000")).toBe(1_250_000);
    expect(parseAmount("1,250,000")).toBe(1_250_000);
    expect(parseAmount(" 1 250 000.50 ")).toBe(1_250_000.5);
    expect(parseAmount("")).toBeNull();
    expect(parseAmount("   ")).toBeNull();
    expect(parseAmount("lots")).toBeNaN();
    expect(parseAmount("-5")).toBeNaN();
  });
});

describe("customerSchema", () => {
  it("needs a name and a sensible revenue", () => {
    expect(
      messages(customerSchema.safeParse({ ...emptyCustomer, annual_revenue: "lots" })),
    ).toEqual({
      name: "Give the customer a name.",
      annual_revenue: "Enter an amount in whole numbers, like 1250000, or leave it empty.",
    });
    expect(
      messages(
        customerSchema.safeParse({
          ...emptyCustomer,
          name: "Atlas",
          annual_revenue: "20000000000000",
          segment: "s".repeat(81),
          external_id: "e".repeat(101),
        }),
      ),
    ).toEqual({
      annual_revenue: "Enter an amount in whole numbers, like 1250000, or leave it empty.",
      segment: "Keep the segment to 80 characters or fewer.",
      external_id: "Keep the external id to 100 characters or fewer.",
    });
  });

  it("sends blank revenue and external id as null", () => {
    expect(customerBody({ ...emptyCustomer, name: " Nordwind ", notes: " ok " })).toEqual({
      name: "Nordwind",
      segment: "",
      annual_revenue: null,
      is_premier_account: false,
      external_id: null,
      notes: "ok",
    });
    expect(
      customerBody({
        ...emptyCustomer,
        name: "Atlas",
        annual_revenue: "48,000,000",
        is_premier_account: true,
        external_id: "CRM-1",
      }),
    ).toMatchObject({ annual_revenue: 48_000_000, is_premier_account: true, external_id: "CRM-1" });
  });

  it("round-trips a customer into the form", () => {
    expect(
      customerValues({
        id: "c1",
        name: "Atlas",
        segment: "Enterprise",
        annual_revenue: null,
        is_premier_account: true,
        external_id: null,
        notes: "",
        created_at: "",
        updated_at: "",
        etag: '"c1"',
      }),
    ).toEqual({ ...emptyCustomer, name: "Atlas", segment: "Enterprise", is_premier_account: true });
  });
});

describe("parseCustomersSearch", () => {
  it("keeps q, segment and premier only when set", () => {
    expect(parseCustomersSearch({ q: " atlas ", segment: "Enterprise", premier: true })).toEqual({
      q: "atlas",
      segment: "Enterprise",
      premier: true,
    });
    expect(parseCustomersSearch({ premier: "true" })).toEqual({ premier: true });
    expect(parseCustomersSearch({ premier: false, segment: "", q: null })).toEqual({});
    expect(parseCustomersSearch({ premier: "yes", other: 1 })).toEqual({});
  });
});

describe("distinctSegments", () => {
  it("lists each segment once, sorted, without blanks", () => {
    expect(
      distinctSegments([
        { segment: "Mid-market" },
        { segment: "" },
        { segment: "Enterprise" },
        { segment: "Mid-market " },
      ]),
    ).toEqual(["Enterprise", "Mid-market"]);
  });
});

describe("formatMoney", () => {
  it("shows whole amounts in the workspace currency", () => {
    expect(formatMoney(1_250_000, "GBP", "en-GB")).toBe("£1,250,000");
    expect(formatMoney(1_250_000.4, "EUR", "en-GB")).toBe("€1,250,000");
  });
});
