import { describe, expect, it } from "vitest";
import { departmentBody, departmentSchema, parseDepartmentsSearch, searchText } from "./schemas";

function messages(result: ReturnType<typeof departmentSchema.safeParse>) {
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("departmentSchema", () => {
  it("needs a name and keeps to the API's lengths", () => {
    expect(
      messages(
        departmentSchema.safeParse({
          name: "  ",
          lead_name: "x".repeat(121),
          kpi: "y".repeat(301),
        }),
      ),
    ).toEqual({
      name: "Give the department a name.",
      lead_name: "Keep the lead's name to 120 characters or fewer.",
      kpi: "Keep the KPI to 300 characters or fewer.",
    });
  });

  it("builds a trimmed body", () => {
    expect(
      departmentBody({ name: " Field service ", lead_name: " Maria ", kpi: "First-time fix rate" }),
    ).toEqual({ name: "Field service", lead_name: "Maria", kpi: "First-time fix rate" });
  });
});

describe("parseDepartmentsSearch", () => {
  it("keeps a trimmed, non-empty q and drops everything else", () => {
    expect(parseDepartmentsSearch({ q: " finance ", page: 2 })).toEqual({ q: "finance" });
    expect(parseDepartmentsSearch({ q: "   " })).toEqual({});
    expect(parseDepartmentsSearch({ q: ["a"] })).toEqual({});
    expect(parseDepartmentsSearch({})).toEqual({});
  });

  it("reads numbers the router parsed from the URL as text", () => {
    expect(parseDepartmentsSearch({ q: 42 })).toEqual({ q: "42" });
    expect(searchText("x".repeat(300), 200)).toHaveLength(200);
  });
});
