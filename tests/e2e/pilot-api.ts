import { expect, type Locator, type Page } from "@playwright/test";

/*
 * Set-up helpers for the pilot specs: what the test is not about is prepared through the API, as
 * the signed-in page, so each spec drives by hand only the part of the workflow it checks.
 */

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Calls the API as the signed-in page (session cookie + CSRF token); fails on any error. */
export async function api<T = Record<string, unknown>>(
  page: Page,
  method: Method,
  path: string,
  data?: unknown,
): Promise<T> {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === "pilotboard_csrf")?.value ?? "";
  const response = await page.request.fetch(`/api/v1${path}`, {
    method,
    headers: { "X-CSRF-Token": decodeURIComponent(csrf) },
    data,
  });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
  return (response.status() === 204 ? null : await response.json()) as T;
}

/** A calendar date `days` before today (UTC), as the API writes dates. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

export const RUBRIC = [
  "Low stakes in the relationship",
  "Ideal conditions for change",
  "An eager champion",
  "Strategic learning value",
  "Access to data",
] as const;

/** Scores every rubric criterion in a candidate dialog, the way a person clicks 1–5. */
export async function scoreCandidate(dialog: Locator, scores: readonly number[]): Promise<void> {
  const words = ["Poor", "Weak", "Fair", "Good", "Ideal"];
  for (const [index, label] of RUBRIC.entries()) {
    const score = scores[index] ?? 3;
    await dialog
      .getByRole("group", { name: label })
      .getByRole("radio", { name: `${score} (${words[score - 1]})` })
      .check();
  }
}

export type Workspace = {
  id: string;
  path: string;
  departments: Record<string, string>;
  customers: Record<string, string>;
};

/** A workspace with departments and customers (name → id); premier customers are flagged. */
export async function createWorkspace(
  page: Page,
  name: string,
  {
    departments = ["Supply chain", "Field service", "Finance"],
    customers = { "Northwind Depot": false, "Globex Group": true },
    members = [],
  }: {
    departments?: string[];
    customers?: Record<string, boolean>;
    members?: { email: string; role: "admin" | "editor" | "executive" | "viewer" }[];
  } = {},
): Promise<Workspace> {
  const workspace = await api<{ id: string }>(page, "POST", "/workspaces", {
    name,
    currency: "EUR",
  });
  const path = `/workspaces/${workspace.id}`;
  for (const member of members) await api(page, "POST", `${path}/members`, member);
  const out: Workspace = { id: workspace.id, path, departments: {}, customers: {} };
  for (const department of departments) {
    const created = await api<{ id: string }>(page, "POST", `${path}/departments`, {
      name: department,
      lead_name: "",
      kpi: `${department} KPI`,
    });
    out.departments[department] = created.id;
  }
  for (const [customer, premier] of Object.entries(customers)) {
    const created = await api<{ id: string }>(page, "POST", `${path}/customers`, {
      name: customer,
      segment: "Mid-market",
      is_premier_account: premier,
    });
    out.customers[customer] = created.id;
  }
  return out;
}

/**
 * A pilot set up through the API and moved into `running`: Northwind Depot chosen, Supply chain
 * and Field service engaged, a customer-experienced "Machine downtime" metric (12 → 8 h,
 * lower is better), the signed-in admin as sponsor and a start decision.
 */
export async function runningPilot(
  page: Page,
  ws: Workspace,
  title: string,
  sponsorId: string,
): Promise<{ id: string; metricId: string }> {
  const pilot = await api<{ id: string }>(page, "POST", `${ws.path}/pilots`, {
    title,
    hypothesis: "Same-day spare parts cut the customer's machine downtime by a third.",
    target_outcome: "business_process",
  });
  const p = `${ws.path}/pilots/${pilot.id}`;
  const customerId = ws.customers["Northwind Depot"];
  await api(page, "POST", `${p}/candidates`, {
    customer_id: customerId,
    scores: { low_stakes: 5, ideal_conditions: 4, eager_champion: 5, learning_value: 4 },
  });
  await api(page, "PATCH", p, { customer_id: customerId, sponsor_id: sponsorId });
  for (const department of ["Supply chain", "Field service"]) {
    await api(page, "POST", `${p}/involvements`, {
      department_id: ws.departments[department],
      stake: `${department} gets fewer rush orders.`,
      contact_name: "Sam Contact",
      status: "engaged",
    });
  }
  const metric = await api<{ id: string }>(page, "POST", `${p}/metrics`, {
    name: "Machine downtime",
    unit: "h",
    direction: "decrease",
    kind: "customer_experienced",
    baseline: 12,
    target: 8,
  });
  await api(page, "POST", `${p}/decisions`, { kind: "start", rationale: "Small and eager." });
  await api(page, "POST", `${p}/transitions`, { to_stage: "selecting" });
  await api(page, "POST", `${p}/transitions`, { to_stage: "running" });
  return { id: pilot.id, metricId: metric.id };
}

/** The signed-in member's user id. */
export async function myId(page: Page): Promise<string> {
  return (await api<{ id: string }>(page, "GET", "/auth/me")).id;
}
