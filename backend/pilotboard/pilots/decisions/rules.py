"""Which decisions each stage takes, and what each decision lets the team do next (pure).

A decision fits the point of the method the pilot is at: `start` before it runs, `continue` and
`pivot` while it runs or is reviewed, `scale` in the scale review, `stop` at any point of an
active or paused pilot. An adopted or stopped pilot takes none.
"""

from __future__ import annotations

from pilotboard.pilots.models import DecisionKind, Stage

_CONTINUE_OR_PIVOT = (DecisionKind.continue_, DecisionKind.pivot)

ALLOWED_DECISIONS: dict[Stage, tuple[DecisionKind, ...]] = {
    Stage.proposed: (DecisionKind.start, DecisionKind.stop),
    Stage.selecting: (DecisionKind.start, DecisionKind.stop),
    Stage.running: (*_CONTINUE_OR_PIVOT, DecisionKind.stop),
    Stage.scale_review: (*_CONTINUE_OR_PIVOT, DecisionKind.scale, DecisionKind.stop),
    Stage.scaling: (DecisionKind.stop,),
    Stage.adopted: (),
    Stage.paused: (DecisionKind.stop,),
    Stage.stopped: (),
}

DECISION_EFFECTS: dict[DecisionKind, str] = {
    DecisionKind.start: "Lets the team move the pilot into Running once the other start "
    "criteria are met.",
    DecisionKind.continue_: "Keeps the pilot running as it is; from Scale review, lets the team "
    "move it back to Running for more iterations.",
    DecisionKind.pivot: "Keeps the pilot running with a changed approach; from Scale review, "
    "lets the team move it back to Running to try it.",
    DecisionKind.scale: "Lets the team move the pilot into Scaling once the scale plan covers "
    "every involved department.",
    DecisionKind.stop: "Tells the team to end the pilot: they stop it with the reason and what "
    "was learned.",
}


def allowed_decisions(stage: str) -> tuple[DecisionKind, ...]:
    """The decision kinds a pilot in ``stage`` takes, in the order of :class:`DecisionKind`."""
    return ALLOWED_DECISIONS[Stage(stage)]


def not_allowed_detail(stage: str, kind: str) -> str:
    """Why a ``kind`` decision cannot be recorded in ``stage``, naming the stage."""
    allowed = allowed_decisions(stage)
    if not allowed:
        return f"A pilot in `{stage}` takes no decision; `{kind}` cannot be recorded."
    kinds = ", ".join(f"`{k.value}`" for k in allowed)
    return (
        f"A `{kind}` decision cannot be recorded while the pilot is in `{stage}` "
        f"(it takes {kinds})."
    )
