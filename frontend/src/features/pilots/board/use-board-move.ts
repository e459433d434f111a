import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, describeError } from "@/lib/api-error";
import { toast } from "@/lib/toast";
import { plainMessage, STAGE_LABELS, type Stage } from "../labels";
import type { Gate, Pilot, TransitionBody } from "../queries";
import { type Held, isHeld, moveKind } from "./grouping";
import { fetchGate, useBoardTransition } from "./queries";

export type MoveState =
  | { step: "idle" }
  | { step: "checking"; pilot: Pilot; to: Stage }
  /** The gate is not met: the dialog lists what is missing. */
  | { step: "unmet"; pilot: Pilot; to: Stage; gate: Gate }
  /** Pausing or stopping: the dialog asks why (and, to stop, what was learned). */
  | { step: "reason"; pilot: Pilot; to: Held }
  | { step: "moving"; pilot: Pilot; to: Stage }
  | { step: "failed"; pilot: Pilot; to: Stage; message: string };

/** A gate answer built from a refused move (409 with the unmet criteria). */
function gateFromRefusal(to: Stage, error: ApiError): Gate {
  return {
    to_stage: to,
    allowed: true,
    met: false,
    ready_on: null,
    criteria: error.unmet.map((u) => ({ code: u.code, met: false, message: u.message })),
  } as Gate;
}

function unmetCount(gate: Gate): number {
  return gate.criteria.filter((c) => !c.met).length;
}

/**
 * Moving a pilot from the board, the way the pilot page does: read the gate of the move, show
 * what is unmet, ask for the reason to pause or stop, then move. `announce` tells screen readers
 * each outcome. A newer move, or closing the dialog, cancels a gate read still in flight quietly
 * (no error shown, nothing logged).
 */
export function useBoardMove(workspaceId: string, announce: (message: string) => void) {
  const [state, setState] = useState<MoveState>({ step: "idle" });
  const inFlight = useRef<AbortController | null>(null);
  const transition = useBoardTransition(workspaceId);

  const cancel = useCallback(() => {
    inFlight.current?.abort();
    inFlight.current = null;
  }, []);
  useEffect(() => cancel, [cancel]);

  const move = useCallback(
    (pilot: Pilot, to: Stage, body: Omit<TransitionBody, "to_stage"> = {}) => {
      setState({ step: "moving", pilot, to });
      transition.mutate(
        { pilot, transition: { to_stage: to, ...body } },
        {
          onSuccess: (moved) => {
            const message = `“${moved.title}” is now ${STAGE_LABELS[moved.stage]}`;
            toast(message);
            announce(`${message}.`);
            setState({ step: "idle" });
          },
          onError: (error) => {
            if (error instanceof ApiError && error.unmet.length > 0) {
              const gate = gateFromRefusal(to, error);
              setState({ step: "unmet", pilot, to, gate });
              announce(notReady(pilot, to, gate));
              return;
            }
            const message = describeError(error).detail;
            setState({ step: "failed", pilot, to, message });
            announce(`Could not move “${pilot.title}”: ${message}`);
          },
        },
      );
    },
    [announce, transition],
  );

  const request = useCallback(
    async (pilot: Pilot, to: Stage) => {
      const kind = moveKind(pilot, to);
      cancel();
      if (kind.kind === "none") return;
      const controller = new AbortController();
      inFlight.current = controller;
      setState({ step: "checking", pilot, to });
      announce(`Checking whether “${pilot.title}” can move to ${STAGE_LABELS[to]}…`);
      let gate: Gate;
      try {
        gate = await fetchGate(workspaceId, pilot.id, to, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) return; // superseded or closed: say nothing
        const message = describeError(error).detail;
        setState({ step: "failed", pilot, to, message });
        announce(`Could not check the gate: ${message}`);
        return;
      }
      if (controller.signal.aborted) return;
      inFlight.current = null;
      if (!gate.met) {
        setState({ step: "unmet", pilot, to, gate });
        announce(notReady(pilot, to, gate));
        return;
      }
      if (kind.needsReason && isHeld(to)) {
        setState({ step: "reason", pilot, to });
        return;
      }
      move(pilot, to);
    },
    [announce, cancel, move, workspaceId],
  );

  const close = useCallback(() => {
    cancel();
    setState({ step: "idle" });
  }, [cancel]);

  return { state, request, move, close, pending: transition.isPending };
}

function notReady(pilot: Pilot, to: Stage, gate: Gate): string {
  const unmet = gate.criteria.filter((c) => !c.met);
  const lifecycle = unmet.find((c) => c.code === "lifecycle");
  if (lifecycle) return `“${pilot.title}” was not moved. ${plainMessage(lifecycle.message)}`;
  const count = unmetCount(gate);
  return `“${pilot.title}” was not moved: ${count} condition${count === 1 ? "" : "s"} for ${STAGE_LABELS[to]} ${count === 1 ? "is" : "are"} not met yet.`;
}
