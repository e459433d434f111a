"""`alembic upgrade head` then `alembic check` on a fresh PostgreSQL database (used by make).

Usage: python -m tests.migrations_check POSTGRESQL_URL
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.backend.conftest import throwaway_database


def main(server_url: str) -> int:
    os.environ["PILOTBOARD_TEST_DATABASE_URL"] = server_url
    alembic = str(Path(sys.executable).with_name("alembic"))
    with tempfile.TemporaryDirectory() as tmp, throwaway_database(Path(tmp), "alembic") as url:
        env = {**os.environ, "PILOTBOARD_ENV": "development", "PILOTBOARD_DATABASE_URL": url}
        for args in (["upgrade", "head"], ["check"]):
            result = subprocess.run([alembic, *args], env=env, check=False)
            if result.returncode:
                return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
