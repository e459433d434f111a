"""The daily health job: time alone changes health (a threshold of days is crossed)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from pilotboard.pilots.health.service import refresh
from pilotboard.pilots.models import Pilot

BATCH = 500


def refresh_due_health(session: Session, *, now: datetime, batch: int = BATCH) -> int:
    """Re-evaluate the pilots whose stored health changes by time passing alone
    (`health_changes_on` reached), emitting `pilot.health_changed`. Idempotent: a re-evaluated
    pilot's `health_changes_on` moves past today. Returns how many pilots changed health."""
    changed = 0
    while True:
        pilots = session.exec(
            select(Pilot)
            .where(col(Pilot.health_changes_on) <= now.date())
            .order_by(col(Pilot.workspace_id), col(Pilot.id))
            .limit(batch)
            .with_for_update(skip_locked=True)
        ).all()
        changed += refresh(session, pilots, now=now, facts=False)
        if len(pilots) < batch:
            return changed
