"""The pilot filters of `GET /pilots`, shared by the portfolio: one parser, one set of SQL
conditions, so both answer the same question for the same query string."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query
from sqlalchemy import ColumnElement, or_
from sqlmodel import col, select

from pilotboard.pilots.models import Engagement, Health, Involvement, Pilot, RiskLevel, Stage


@dataclass(frozen=True)
class PilotFilters:
    """The filters of ``GET /pilots`` (they combine with AND)."""

    stage: str | None = None
    health: str | None = None
    risk_level: str | None = None
    owner_id: uuid.UUID | None = None
    department_id: uuid.UUID | None = None
    engagement: str | None = None
    q: str | None = None

    @property
    def narrows(self) -> bool:
        values = (
            self.stage,
            self.health,
            self.risk_level,
            self.owner_id,
            self.department_id,
            self.engagement,
        )
        return self.q is not None or any(v is not None for v in values)


def filter_conditions(workspace_id: uuid.UUID, filters: PilotFilters) -> list[ColumnElement[bool]]:
    """The SQL conditions on ``Pilot`` for every filter but health (which depends on as_of)."""
    conditions: list[ColumnElement[bool]] = [col(Pilot.workspace_id) == workspace_id]
    if filters.stage:
        conditions.append(col(Pilot.stage) == filters.stage)
    if filters.risk_level:
        conditions.append(col(Pilot.risk_level) == filters.risk_level)
    if filters.owner_id:
        conditions.append(col(Pilot.owner_id) == filters.owner_id)
    if filters.department_id or filters.engagement:
        # One involvement answers both: with both filters, that department at that status.
        involved = [col(Involvement.workspace_id) == workspace_id]
        if filters.department_id:
            involved.append(col(Involvement.department_id) == filters.department_id)
        if filters.engagement:
            involved.append(col(Involvement.status) == filters.engagement)
        conditions.append(col(Pilot.id).in_(select(col(Involvement.pilot_id)).where(*involved)))
    if filters.q:
        conditions.append(
            or_(
                col(Pilot.title).icontains(filters.q, autoescape=True),
                col(Pilot.hypothesis).icontains(filters.q, autoescape=True),
            )
        )
    return conditions


def pilot_filters(
    stage: Annotated[Stage | None, Query(description="Only pilots in this stage.")] = None,
    health: Annotated[
        Health | None, Query(description="Only pilots with this health as of `as_of`.")
    ] = None,
    risk_level: Annotated[RiskLevel | None, Query(description="Only this risk level.")] = None,
    owner_id: Annotated[
        uuid.UUID | None, Query(description="Only pilots this member owns (user id).")
    ] = None,
    department_id: Annotated[uuid.UUID | None, Query(description="Pilots involving it.")] = None,
    engagement: Annotated[
        Engagement | None,
        Query(
            description="Pilots with a department at this engagement status (with "
            "`department_id`: that department at this status)."
        ),
    ] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Text in title or hypothesis.")
    ] = None,
) -> PilotFilters:
    """The query parameters of the filters, as one dependency."""
    return PilotFilters(
        stage=stage.value if stage else None,
        health=health.value if health else None,
        risk_level=risk_level.value if risk_level else None,
        owner_id=owner_id,
        department_id=department_id,
        engagement=engagement.value if engagement else None,
        q=q.strip() if q and q.strip() else None,
    )


FiltersDep = Annotated[PilotFilters, Depends(pilot_filters)]
