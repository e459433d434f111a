import { useMemo } from "react";
import { useAllCustomers } from "@/features/customers/queries";
import { useMembers } from "@/features/members/queries";
import { useRubric } from "@/features/settings/queries";
import { ENGAGEMENTS, HEALTH_LABELS, RISK_LABELS, STAGE_LABELS } from "../labels";

/** Names for the conflict dialog: people, customers, criteria and codes in words. */
export function useConflictNames(workspaceId: string) {
  const members = useMembers(workspaceId);
  const customers = useAllCustomers(workspaceId);
  const rubric = useRubric(workspaceId);
  return useMemo(() => {
    const map: Record<string, string> = { ...STAGE_LABELS, ...HEALTH_LABELS, ...RISK_LABELS };
    for (const e of ENGAGEMENTS) map[e.value] = e.label;
    for (const c of customers.data ?? []) map[c.id] = c.name;
    for (const m of members.data ?? []) map[m.user_id] = m.name;
    for (const k of rubric.data ?? []) map[k.key] = k.label;
    return map;
  }, [customers.data, members.data, rubric.data]);
}
