import { Plus } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useMinEngaged } from "@/features/settings/queries";
import { useInvolvements } from "../../records/involvements";
import { EngagementHint, InvolvementDialog, InvolvementList } from "../departments";
import { SectionState } from "../section";
import { StepFooter, StepIntro, type StepProps } from "./setup-wizard";

/** Step 3: invite the counterpart departments, each with a contact and its own stake. */
export function DepartmentsStep({ workspaceId, pilot, goTo }: StepProps) {
  const involvements = useInvolvements(workspaceId, pilot.id);
  const minEngaged = useMinEngaged(workspaceId).data ?? 2;
  const [adding, setAdding] = useState(false);
  const list = involvements.data ?? [];
  return (
    <div className="flex flex-col gap-5">
      <StepIntro>
        <p>
          Cross-department pilots die of organizational indifference, not hostility: each manager
          optimises the measures they are held to. Involve the counterpart departments early, so
          each helps shape the pilot and sees its own benefit, like supply chain trying its
          automated picking system inside the pilot.
        </p>
        <p>Invite each with a contact and its stake, then mark it engaged once it has committed.</p>
      </StepIntro>
      <SectionState
        pending={involvements.isPending}
        error={involvements.error}
        onRetry={() => void involvements.refetch()}
      >
        <EngagementHint involvements={list} minEngaged={minEngaged} />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 className="font-medium">Involved departments</h3>
          <Button variant="outline" onClick={() => setAdding(true)}>
            <Plus aria-hidden="true" />
            Invite a department
          </Button>
        </div>
        <InvolvementList workspaceId={workspaceId} pilot={pilot} involvements={list} editable />
        <InvolvementDialog
          workspaceId={workspaceId}
          pilot={pilot}
          involvements={list}
          involvement={null}
          open={adding}
          onOpenChange={setAdding}
        />
      </SectionState>
      <StepFooter onBack={() => goTo("customer")}>
        <Button onClick={() => goTo("metrics")}>Continue</Button>
      </StepFooter>
    </div>
  );
}
