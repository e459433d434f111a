import { Plus } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useMinEngaged, useThresholds } from "@/features/settings/queries";
import type { Pilot } from "../queries";
import { useInvolvements } from "../records/involvements";
import { EngagementHint, InvolvementDialog, InvolvementList } from "./departments";
import { Section, SectionState } from "./section";

export function DepartmentsSection({
  workspaceId,
  pilot,
  editable,
}: {
  workspaceId: string;
  pilot: Pilot;
  editable: boolean;
}) {
  const involvements = useInvolvements(workspaceId, pilot.id);
  const minEngaged = useMinEngaged(workspaceId).data ?? 2;
  const silenceDays = useThresholds(workspaceId).data?.department_silence_days ?? 30;
  const [adding, setAdding] = useState(false);
  const list = involvements.data ?? [];
  return (
    <Section
      id="departments"
      title="Departments"
      description="Pilots die of indifference, not hostility. Involve counterpart departments early, each with its own stake: what it gets out of the pilot. Check in with them as it runs: silence is how indifference starts."
      action={
        editable && (
          <Button variant="outline" onClick={() => setAdding(true)}>
            <Plus aria-hidden="true" />
            Invite department
          </Button>
        )
      }
    >
      <SectionState
        pending={involvements.isPending}
        error={involvements.error}
        onRetry={() => void involvements.refetch()}
      >
        <EngagementHint involvements={list} minEngaged={minEngaged} />
        <InvolvementList
          workspaceId={workspaceId}
          pilot={pilot}
          involvements={list}
          editable={editable}
          checkIns={{ silenceDays, canRecord: editable }}
        />
      </SectionState>
      {editable && (
        <InvolvementDialog
          workspaceId={workspaceId}
          pilot={pilot}
          involvements={list}
          involvement={null}
          open={adding}
          onOpenChange={setAdding}
        />
      )}
    </Section>
  );
}
