import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import type { Involvement } from "@/features/pilots/records/involvements";
import { useAnswerKey } from "@/features/public-links/idempotency";
import { applyProblem } from "@/lib/form-errors";
import { toast } from "@/lib/toast";
import { useRecordCheckIn } from "../queries";
import { type CheckInValues, checkInBody, checkInSchema, EMPTY_CHECK_IN } from "../schemas";
import { CHECK_IN_FIELDS, CheckInFields } from "./check-in-fields";

/** A member records what a department said in a call or a meeting (editors and admins). */
export function RecordCheckInDialog({
  workspaceId,
  pilotId,
  involvement,
  onClose,
}: {
  workspaceId: string;
  pilotId: string;
  involvement: Involvement | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={involvement !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Record a check-in from {involvement?.department_name}</DialogTitle>
          <DialogDescription>
            What the department told you, in a call or a meeting. It counts like an answer to the
            emailed request, and ends its silence.
          </DialogDescription>
        </DialogHeader>
        {involvement && (
          <CheckInForm
            key={involvement.id}
            workspaceId={workspaceId}
            pilotId={pilotId}
            involvement={involvement}
            onDone={onClose}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function CheckInForm({
  workspaceId,
  pilotId,
  involvement,
  onDone,
}: {
  workspaceId: string;
  pilotId: string;
  involvement: Involvement;
  onDone: () => void;
}) {
  const record = useRecordCheckIn(workspaceId, pilotId);
  const answerKey = useAnswerKey();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<CheckInValues>({
    resolver: zodResolver(checkInSchema) as unknown as Resolver<CheckInValues>,
    defaultValues: EMPTY_CHECK_IN,
  });
  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    const body = checkInBody(values);
    record.mutate(
      { involvementId: involvement.id, body, key: answerKey.keyFor(body) },
      {
        onSuccess: () => {
          toast(`Check-in from ${involvement.department_name} recorded`);
          onDone();
        },
        onError: (error) => setFormError(applyProblem(error, form.setError, CHECK_IN_FIELDS)),
      },
    );
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <CheckInFields form={form} who={involvement.department_name} />
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={record.isPending}>
          {record.isPending && <Spinner />}
          {record.isPending ? "Recording…" : "Record check-in"}
        </Button>
      </DialogFooter>
    </form>
  );
}
