"""Standard Webhooks signatures, and the signing secrets sealed at rest.

A secret is ``whsec_`` + base64 of 32 random bytes. A message is signed with HMAC-SHA256 keyed
by those bytes over ``"{webhook-id}.{webhook-timestamp}.{body}"``, and the header reads
``v1,<base64 signature>`` (https://www.standardwebhooks.com).

The secret has to be usable to sign, so it cannot be hashed like an API token: it is stored
encrypted (AES-256-GCM, a key derived from the app's secret key, the endpoint id as associated
data so a sealed secret cannot be moved to another endpoint). Changing ``PILOTBOARD_SECRET_KEY``
makes stored webhook secrets unreadable: their endpoints then need a new secret.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SECRET_PREFIX = "whsec_"  # noqa: S105 (a public prefix, not a secret)
SECRET_BYTES = 32
SEAL_VERSION = "v1"
_NONCE_BYTES = 12


class SecretUnreadable(Exception):
    """A sealed secret that the current app secret key cannot open."""


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def secret_key_bytes(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)


def signature(secret: str, *, message_id: str, timestamp: int, body: str) -> str:
    """The `webhook-signature` header value for one attempt."""
    signed = f"{message_id}.{timestamp}.{body}".encode()
    digest = hmac.new(secret_key_bytes(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def _sealing_key(app_secret: str) -> bytes:
    return hmac.new(app_secret.encode(), b"pilotboard webhook secrets v1", hashlib.sha256).digest()


def seal(secret: str, *, app_secret: str, endpoint_id: uuid.UUID) -> str:
    nonce = secrets.token_bytes(_NONCE_BYTES)
    sealed = AESGCM(_sealing_key(app_secret)).encrypt(nonce, secret.encode(), endpoint_id.bytes)
    return f"{SEAL_VERSION}.{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def unseal(sealed: str, *, app_secret: str, endpoint_id: uuid.UUID) -> str:
    version, _, payload = sealed.partition(".")
    if version != SEAL_VERSION:
        raise SecretUnreadable(f"unknown sealing version {version!r}")
    try:
        raw = base64.urlsafe_b64decode(payload.encode())
        opened = AESGCM(_sealing_key(app_secret)).decrypt(
            raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], endpoint_id.bytes
        )
    except (InvalidTag, ValueError) as exc:
        raise SecretUnreadable("the secret was sealed with another app secret key") from exc
    return opened.decode()
