"""Passwords, opaque secrets and their hashes: nothing secret is ever stored in clear."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP's minimum for Argon2id: 19 MiB of memory, 2 iterations, parallelism 1.
ARGON2_MEMORY_KIB = 19 * 1024
ARGON2_TIME_COST = 2
ARGON2_PARALLELISM = 1
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024

API_TOKEN_PREFIX = "pb_"  # noqa: S105 (a public prefix, not a secret)
SESSION_TOKEN_BYTES = 32  # 256 bits; the minimum asked for is 128
API_TOKEN_BYTES = 32  # 256 bits


@lru_cache
def password_hasher() -> PasswordHasher:
    return PasswordHasher(
        time_cost=ARGON2_TIME_COST,
        memory_cost=ARGON2_MEMORY_KIB,
        parallelism=ARGON2_PARALLELISM,
    )


def hash_password(password: str) -> str:
    return password_hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return password_hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return password_hasher().check_needs_rehash(password_hash)


@lru_cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(24))


def burn_password_check(password: str) -> None:
    """Spend the time of a real verification, so unknown emails answer as slowly as real ones."""
    verify_password(_dummy_hash(), password)


def password_problem(password: str, *, email: str) -> str | None:
    """Why ``password`` may not be used, or ``None`` when it is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"The password must have at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"The password must have at most {MAX_PASSWORD_LENGTH} characters."
    lowered = password.strip().lower()
    local_part = email.split("@", 1)[0].lower()
    if lowered == email.strip().lower() or (len(local_part) >= 4 and lowered == local_part):
        return "The password must not be the email address."
    if len(set(password)) < 4:
        return "The password is too repetitive; use at least 4 different characters."
    return None


def new_session_token() -> str:
    return secrets.token_urlsafe(SESSION_TOKEN_BYTES)


def new_api_token() -> str:
    return API_TOKEN_PREFIX + secrets.token_urlsafe(API_TOKEN_BYTES)


def sha256_hex(value: str) -> str:
    """Opaque random secrets (session ids, API tokens) are looked up by this hash."""
    return hashlib.sha256(value.encode()).hexdigest()


def csrf_token_for(session_token: str, *, key: str) -> str:
    """The CSRF token bound to one session; derived, so it needs no storage."""
    return hmac.new(key.encode(), b"csrf:" + session_token.encode(), hashlib.sha256).hexdigest()


def same_secret(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
