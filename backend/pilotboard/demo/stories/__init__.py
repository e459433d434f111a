"""The demo's seventeen current pilots, by theme in the modules here, in the order they are loaded
(after the forty closed ones of ``history.HISTORY``).

``TITLES`` maps each pilot's short key (the tests use it) to its title, closed ones included.
"""

from __future__ import annotations

from pilotboard.demo.steps import PilotStory
from pilotboard.demo.stories import flagged, halted, scaled, underway
from pilotboard.demo.stories.history import HISTORY

PILOTS: tuple[PilotStory, ...] = (
    scaled.VMI,
    flagged.SHELF_READY,
    flagged.SPARE_PARTS,
    flagged.DUNNING,
    flagged.KITTING,
    underway.ENERGY,
    flagged.DEMAND_PLANNING,
    halted.NIGHT_DELIVERY,
    halted.MONITORING,
    scaled.POINT_OF_USE,
    underway.CONSIGNMENT,
    scaled.RETURNABLE_CRATES,
    halted.PARTS_PORTAL,
    flagged.PROOF_OF_DELIVERY,
    flagged.STERILISER_MONITORING,
    scaled.DELIVERY_WINDOWS,
    underway.LOYALTY_OFFERS,
)

TITLES: dict[str, str] = {pilot.key: pilot.title for pilot in (*HISTORY, *PILOTS)}
