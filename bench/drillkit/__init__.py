"""The pieces of ``bench/drill.py``: the server under test, the load phases and the report.

``server`` owns the database and the server processes, ``receiver`` is the webhook receiver,
``stats`` records every request, ``api`` signs in and builds request bodies, and one module per
group of phases (``readers``, ``writers``, ``duplicates``, ``logins``) drives the load. ``report``
prints the table and the tracebacks found in the server's log.
"""
