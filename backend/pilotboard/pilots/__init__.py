"""Pilots and everything the method records about them.

The pilot itself is here (``models``, ``schemas``, ``service``, ``routes``, ``read``), with what
the rooms below share: ``http`` (the route dependencies), ``changes`` (audit entry, version
bump), ``events`` (webhook events), ``snapshot`` (what the rules read, in a fixed number of
queries) and ``backup`` (the pilots' part of a workspace export). Each sub-package has one job:
``lifecycle`` (moves and gates), ``health`` (the rules table and stored health), and one per
kind of record: ``candidates``, ``involvements``, ``iterations``, ``metrics``, ``decisions``,
``scale_plan``.
"""
