import { zodResolver } from "@hookform/resolvers/zod";
import { Link } from "@tanstack/react-router";
import { ArrowRight } from "lucide-react";
import { useForm } from "react-hook-form";
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
import { Field } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { GateChecklist } from "../components/lifecycle";
import { Textarea } from "../components/textarea";
import { STAGE_LABELS } from "../labels";
import type { Pilot, TransitionBody } from "../queries";
import { pauseSchema, stopSchema } from "../schemas";
import type { Held } from "./grouping";
import type { MoveState } from "./use-board-move";

/**
 * The board's one dialog for a move that needs a person: the unmet criteria of a gate (with the
 * way to the pilot, where they are met), the reason to pause or stop, or an error.
 */
export function MoveDialog({
  workspaceId,
  state,
  pending,
  onClose,
  onMove,
}: {
  workspaceId: string;
  state: MoveState;
  pending: boolean;
  onClose: () => void;
  onMove: (pilot: Pilot, to: Held, body: Omit<TransitionBody, "to_stage">) => void;
}) {
  const open =
    state.step === "unmet" ||
    state.step === "failed" ||
    state.step === "reason" ||
    (state.step === "moving" && (state.to === "paused" || state.to === "stopped"));
  return (
    <Dialog open={open} onOpenChange={(next) => !next && onClose()}>
      <DialogContent>
        {state.step === "unmet" && (
          <>
            <DialogHeader>
              <DialogTitle>
                {state.gate.allowed
                  ? `Not ready for ${STAGE_LABELS[state.to]}`
                  : `Cannot move to ${STAGE_LABELS[state.to]}`}
              </DialogTitle>
              <DialogDescription>
                “{state.pilot.title}” stays in {STAGE_LABELS[state.pilot.stage]}.{" "}
                {state.gate.allowed
                  ? "Every condition below must be met first:"
                  : "The lifecycle does not allow this move."}
              </DialogDescription>
            </DialogHeader>
            <GateChecklist gate={state.gate} />
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="outline">Close</Button>
              </DialogClose>
              <Button asChild>
                <Link
                  to="/w/$workspaceId/pilots/$pilotId"
                  params={{ workspaceId, pilotId: state.pilot.id }}
                >
                  Open the pilot
                  <ArrowRight aria-hidden="true" />
                </Link>
              </Button>
            </DialogFooter>
          </>
        )}
        {state.step === "failed" && (
          <>
            <DialogHeader>
              <DialogTitle>Could not move “{state.pilot.title}”</DialogTitle>
              <DialogDescription>
                It stays in {STAGE_LABELS[state.pilot.stage]}. Nothing changed.
              </DialogDescription>
            </DialogHeader>
            <ErrorAlert>{state.message}</ErrorAlert>
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="outline">Close</Button>
              </DialogClose>
            </DialogFooter>
          </>
        )}
        {(state.step === "reason" || state.step === "moving") &&
          (state.to === "paused" || state.to === "stopped") && (
            <HoldForm
              key={`${state.pilot.id}-${state.to}`}
              pilot={state.pilot}
              to={state.to}
              pending={pending}
              onSubmit={(body) => onMove(state.pilot, state.to as Held, body)}
            />
          )}
      </DialogContent>
    </Dialog>
  );
}

function HoldForm({
  pilot,
  to,
  pending,
  onSubmit,
}: {
  pilot: Pilot;
  to: Held;
  pending: boolean;
  onSubmit: (body: { reason: string; lessons_learned: string }) => void;
}) {
  const stopping = to === "stopped";
  const form = useForm<{ reason: string; lessons_learned: string }>({
    resolver: zodResolver(stopping ? stopSchema : pauseSchema) as never,
    defaultValues: { reason: "", lessons_learned: "" },
  });
  const { errors } = form.formState;
  return (
    <>
      <DialogHeader>
        <DialogTitle>{stopping ? `Stop “${pilot.title}”?` : `Pause “${pilot.title}”`}</DialogTitle>
        <DialogDescription>
          {stopping
            ? "Stopping ends it for good: no more iterations or moves. Record why, and what it taught you, so the next pilot starts smarter."
            : "Pausing stops the health clock. You can resume it into the stage it left."}
        </DialogDescription>
      </DialogHeader>
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.handleSubmit((values) =>
          onSubmit({
            reason: values.reason,
            lessons_learned: stopping ? values.lessons_learned : "",
          }),
        )}
      >
        <Field label="Reason" error={errors.reason?.message}>
          {(props) => <Textarea {...props} rows={2} {...form.register("reason")} />}
        </Field>
        {stopping && (
          <Field
            label="Lessons learned"
            help="What worked, what did not, and what the next pilot should do differently."
            error={errors.lessons_learned?.message}
          >
            {(props) => <Textarea {...props} rows={3} {...form.register("lessons_learned")} />}
          </Field>
        )}
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="outline">
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" variant={stopping ? "destructive" : "primary"} disabled={pending}>
            {pending && <Spinner />}
            {stopping ? "Stop pilot" : "Pause pilot"}
          </Button>
        </DialogFooter>
      </form>
    </>
  );
}
