"""Workspace settings: the candidate rubric and the stall thresholds."""
