import type { NavigateOptions } from "@tanstack/react-router";
import type { CustomerHit, DepartmentHit, PilotHit } from "./search-queries";

/**
 * Where a search result leads. A pilot has its page; customers and departments have none of their
 * own, so they open their list narrowed to them (the row, with its actions, is the object).
 */
export function pilotTarget(ws: string, pilot: Pick<PilotHit, "id">): NavigateOptions {
  return { to: "/w/$workspaceId/pilots/$pilotId", params: { workspaceId: ws, pilotId: pilot.id } };
}

export function customerTarget(ws: string, customer: Pick<CustomerHit, "name">): NavigateOptions {
  return {
    to: "/w/$workspaceId/customers",
    params: { workspaceId: ws },
    search: { q: customer.name },
  };
}

export function departmentTarget(
  ws: string,
  department: Pick<DepartmentHit, "name">,
): NavigateOptions {
  return {
    to: "/w/$workspaceId/departments",
    params: { workspaceId: ws },
    search: { q: department.name },
  };
}

export function allPilotsTarget(ws: string, q: string): NavigateOptions {
  return { to: "/w/$workspaceId/pilots", params: { workspaceId: ws }, search: { q } };
}
