import { Plus } from "lucide-react";
import { useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useRubric } from "@/features/settings/queries";
import { describeError } from "@/lib/api-error";
import { toast } from "@/lib/toast";
import { useTransition } from "../../queries";
import { useCandidates } from "../../records/candidates";
import { CandidateDialog, CandidateList } from "../candidates";
import { SectionState } from "../section";
import { StepFooter, StepIntro, type StepProps } from "./setup-wizard";

/**
 * Step 2: compare candidate customers on the rubric, then choose one with a reason. Adding the
 * first candidate moves a proposed pilot to `selecting`: comparing customers is what that stage is.
 */
export function CustomerStep({ workspaceId, pilot, goTo }: StepProps) {
  const candidates = useCandidates(workspaceId, pilot.id);
  const rubric = useRubric(workspaceId);
  const transition = useTransition(workspaceId, pilot.id);
  const [adding, setAdding] = useState(false);
  const list = candidates.data ?? [];

  const startSelecting = () => {
    if (pilot.stage !== "proposed") return;
    transition.mutate(
      { transition: { to_stage: "selecting" } },
      { onSuccess: () => toast("Comparing customers: the pilot is now Selecting") },
    );
  };

  return (
    <div className="flex flex-col gap-5">
      <StepIntro>
        <p>
          Choose the testbed customer meticulously: small enough to be low-risk, with ideal
          conditions for change (a new site, new processes) and an eager champion. Add two or three
          candidates, score each criterion from 1 to 5, and compare them before you choose.
        </p>
        <p>
          Not a premier account: trying something unfinished with your best customer raises a red
          flag with them.
        </p>
      </StepIntro>
      <SectionState
        pending={candidates.isPending || rubric.isPending}
        error={candidates.error ?? rubric.error}
        onRetry={() => void Promise.all([candidates.refetch(), rubric.refetch()])}
      >
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 className="font-medium">
            Ranking <span className="font-normal text-muted-foreground">(weighted score)</span>
          </h3>
          <Button variant="outline" onClick={() => setAdding(true)}>
            <Plus aria-hidden="true" />
            Add a candidate
          </Button>
        </div>
        <CandidateList
          workspaceId={workspaceId}
          pilot={pilot}
          candidates={list}
          rubric={rubric.data ?? []}
          editable
        />
        {transition.isError && (
          <ErrorAlert title="Could not move the pilot to Selecting">
            {describeError(transition.error).detail}
          </ErrorAlert>
        )}
        <CandidateDialog
          workspaceId={workspaceId}
          pilot={pilot}
          candidates={list}
          rubric={rubric.data ?? []}
          candidate={null}
          open={adding}
          onOpenChange={setAdding}
          onAdded={startSelecting}
        />
      </SectionState>
      <StepFooter onBack={() => goTo("outcome")}>
        {!pilot.customer_id && list.length > 0 && (
          <p className="text-sm text-muted-foreground">
            You can choose later; the pilot cannot run without its customer.
          </p>
        )}
        <Button onClick={() => goTo("departments")}>Continue</Button>
      </StepFooter>
    </div>
  );
}
