"""Outcome metrics and measurements: ``figures`` (lift, progress, target reached) and ``summary``
(each metric's stored latest value and each pilot's metric summary)."""
