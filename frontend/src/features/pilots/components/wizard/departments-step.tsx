import { Building2, Plus } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { useAllDepartments } from "@/features/departments/queries";
import { useMinEngaged } from "@/features/settings/queries";
import { useInvolvements } from "../../records/involvements";
import { EngagementHint, InvolvementDialog, InvolvementList } from "../departments";
import { SectionState } from "../section";
import { NewDepartmentForm } from "./new-department";
import { StepFooter, StepIntro, type StepProps } from "./setup-wizard";

/** Step 3: invite the counterpart departments, each with a contact and its own stake. */
export function DepartmentsStep({ workspaceId, pilot, goTo }: StepProps) {
  const involvements = useInvolvements(workspaceId, pilot.id);
  const minEngaged = useMinEngaged(workspaceId).data ?? 2;
  const departments = useAllDepartments(workspaceId);
  const [adding, setAdding] = useState(false);
  const [creating, setCreating] = useState(false);
  /** A department just created here: the invite dialog opens with it chosen. */
  const [created, setCreated] = useState<string | undefined>(undefined);
  const [inviteWhenListed, setInviteWhenListed] = useState(false);
  const list = involvements.data ?? [];
  // Open the invite dialog once the new department is in the list it chooses from.
  useEffect(() => {
    if (inviteWhenListed && departments.data?.some((d) => d.id === created)) {
      setInviteWhenListed(false);
      setAdding(true);
    }
  }, [inviteWhenListed, departments.data, created]);
  const none = departments.data !== undefined && departments.data.length === 0;
  const available = (departments.data ?? []).filter(
    (d) => !list.some((i) => i.department_id === d.id),
  );
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
          {!none && (
            <div className="flex flex-wrap gap-2">
              <Button variant="outline" onClick={() => setCreating((v) => !v)}>
                <Building2 aria-hidden="true" />
                New department
              </Button>
              {available.length > 0 && (
                <Button
                  variant="outline"
                  onClick={() => {
                    setCreated(undefined);
                    setAdding(true);
                  }}
                >
                  <Plus aria-hidden="true" />
                  Invite a department
                </Button>
              )}
            </div>
          )}
        </div>
        {(none || creating) && (
          <NewDepartmentForm
            workspaceId={workspaceId}
            first={none}
            onCancel={none ? undefined : () => setCreating(false)}
            onCreated={(department) => {
              setCreating(false);
              setCreated(department.id);
              setInviteWhenListed(true);
            }}
          />
        )}
        <InvolvementList workspaceId={workspaceId} pilot={pilot} involvements={list} editable />
        <InvolvementDialog
          key={created ?? "any"}
          workspaceId={workspaceId}
          pilot={pilot}
          involvements={list}
          involvement={null}
          open={adding}
          onOpenChange={setAdding}
          departmentId={created}
        />
      </SectionState>
      <StepFooter onBack={() => goTo("customer")}>
        <Button onClick={() => goTo("metrics")}>Continue</Button>
      </StepFooter>
    </div>
  );
}
