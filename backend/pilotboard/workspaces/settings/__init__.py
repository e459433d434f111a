"""Workspace settings: the candidate rubric, the stall thresholds and the gates' time thresholds."""
