"""Prepares the end-to-end database in one process: migrations, the people the specs sign in
as (none in a workspace yet; tests/e2e/fixtures.ts) and the demo workspace.

The same CLI commands `make run` uses, run in one interpreter: each `pilotboard` process
imports the whole app again, seconds apiece on a busy CI machine.
"""

from __future__ import annotations

import io
import sys

from pilotboard.cli import app

PASSWORD = "e2e-password-123"  # tests/e2e/fixtures.ts
PEOPLE = (
    ("admin@e2e.local", "Ada Admin"),
    ("viewer@e2e.local", "Vic Viewer"),
    ("newcomer@e2e.local", "Nina Newcomer"),
    ("guest@e2e.local", "Gus Guest"),
)


def run(*args: str) -> None:
    # Not standalone: a command that refuses returns its exit code instead of exiting.
    code = app(list(args), prog_name="pilotboard", standalone_mode=False)
    if code not in (None, 0):
        raise SystemExit(f"pilotboard {args[0]} failed with exit code {code}")


def main() -> None:
    run("migrate")
    for email, name in PEOPLE:
        sys.stdin = io.StringIO(f"{PASSWORD}\n")
        run("create-user", "--email", email, "--name", name, "--password-stdin")
    sys.stdin = sys.__stdin__
    # The demo workspace and its people (exec@demo.local …, password pilotboard-demo): the
    # portfolio spec reads its story (stalled pilots, a scale decision waiting) and records a
    # decision in it.
    run("demo")


if __name__ == "__main__":
    main()
