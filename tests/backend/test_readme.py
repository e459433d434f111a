"""The README's integration guide stays true: its webhook-verification snippet runs and works."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest

from pilotboard.webhooks import signing

README = Path(__file__).resolve().parents[2] / "README.md"
NOW = 1_790_000_000


def _section(title: str) -> str:
    text = README.read_text()
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def _verify() -> Any:
    blocks = re.findall(r"```python\n(.*?)```", _section("Integrating with Pilotboard"), re.S)
    assert len(blocks) == 1
    code = blocks[0]
    assert len([line for line in code.splitlines() if line.strip()]) <= 10  # ten lines at most
    namespace: dict[str, Any] = {}
    exec(compile(code, str(README), "exec"), namespace)  # our own README, under test
    return namespace["verify"]


@pytest.fixture(autouse=True)
def _frozen_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "time", lambda: float(NOW))


def _delivery(secret: str, body: str, *, timestamp: int = NOW) -> dict[str, str]:
    message_id = "msg_2b8e4f6193c54a0d"
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signing.signature(
            secret, message_id=message_id, timestamp=timestamp, body=body
        ),
    }


def test_the_readme_snippet_accepts_a_delivery_signed_by_pilotboard() -> None:
    verify = _verify()
    secret = signing.new_secret()
    body = '{"type":"pilot.created","timestamp":"2026-09-21T10:00:00Z","data":{"id":"p1"}}'

    assert verify(secret, _delivery(secret, body), body.encode()) is True


def test_the_readme_snippet_accepts_any_of_several_signatures() -> None:
    verify = _verify()
    secret = signing.new_secret()
    headers = _delivery(secret, "{}")
    headers["webhook-signature"] = "v1,c29tZXRoaW5nIGVsc2U= " + headers["webhook-signature"]

    assert verify(secret, headers, b"{}") is True


@pytest.mark.parametrize(
    "tamper",
    ["body", "secret", "id", "timestamp_too_old", "timestamp_in_the_future", "version"],
)
def test_the_readme_snippet_refuses_what_pilotboard_did_not_sign(tamper: str) -> None:
    verify = _verify()
    secret = signing.new_secret()
    body = '{"type":"decision.recorded","data":{}}'
    headers = _delivery(secret, body)
    if tamper == "body":
        body = body.replace("decision", "pilot")
    elif tamper == "secret":
        secret = signing.new_secret()
    elif tamper == "id":
        headers["webhook-id"] = "msg_other"
    elif tamper == "timestamp_too_old":
        headers = _delivery(secret, body, timestamp=NOW - 301)
    elif tamper == "timestamp_in_the_future":
        headers = _delivery(secret, body, timestamp=NOW + 301)
    else:
        headers["webhook-signature"] = headers["webhook-signature"].replace("v1,", "v2,")

    assert verify(secret, headers, body.encode()) is False
