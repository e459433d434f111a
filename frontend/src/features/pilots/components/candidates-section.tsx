import { Plus } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useRubric } from "@/features/settings/queries";
import type { Pilot } from "../queries";
import { useCandidates } from "../records/candidates";
import { CandidateDialog, CandidateList } from "./candidates";
import { Section, SectionState } from "./section";

export function CandidatesSection({
  workspaceId,
  pilot,
  editable,
}: {
  workspaceId: string;
  pilot: Pilot;
  editable: boolean;
}) {
  const candidates = useCandidates(workspaceId, pilot.id);
  const rubric = useRubric(workspaceId);
  const [adding, setAdding] = useState(false);
  const list = candidates.data ?? [];
  const criteria = rubric.data ?? [];
  return (
    <Section
      id="candidates"
      title="Candidates"
      description="Customers considered for the testbed, scored on the workspace rubric. Compare before you choose: small, ideal conditions, an eager champion, not a premier account."
      action={
        editable && (
          <Button variant="outline" onClick={() => setAdding(true)}>
            <Plus aria-hidden="true" />
            Add candidate
          </Button>
        )
      }
    >
      <SectionState
        pending={candidates.isPending || rubric.isPending}
        error={candidates.error ?? rubric.error}
        onRetry={() => void Promise.all([candidates.refetch(), rubric.refetch()])}
      >
        <CandidateList
          workspaceId={workspaceId}
          pilot={pilot}
          candidates={list}
          rubric={criteria}
          editable={editable}
        />
      </SectionState>
      {editable && (
        <CandidateDialog
          workspaceId={workspaceId}
          pilot={pilot}
          candidates={list}
          rubric={criteria}
          candidate={null}
          open={adding}
          onOpenChange={setAdding}
        />
      )}
    </Section>
  );
}
