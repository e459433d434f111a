"""The iteration log."""
