"""Argon2id password hashing, always in a worker thread (it is deliberately slow)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from server.services.errors import ErrorCode, ServiceError

_hasher = PasswordHasher()  # argon2-cffi's defaults are Argon2id with RFC 9106 low-memory params
# At most this many hashes at once per process; the others wait their turn. Each one already
# uses several threads and 64 MiB: twelve logins at once (the default thread pool) starve
# every other request of the process for seconds, as the month-end load showed.
HASHING_THREADS = 2
_hashing = ThreadPoolExecutor(max_workers=HASHING_THREADS, thread_name_prefix="argon2")

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256

# Verified when the login is unknown, so an unknown user costs the same time as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password-used-for-timing")


def use_cheap_hashing_for_tests() -> None:
    """Still Argon2id, with minimal cost: thousands of test logins must not take minutes.

    Only the test suite calls this; production always uses the library's recommended cost.
    """
    global _hasher, _DUMMY_HASH
    _hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    _DUMMY_HASH = _hasher.hash("not-a-real-password-used-for-timing")


def check_password_policy(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServiceError(
            ErrorCode.INVALID_INPUT,
            f"Kata sandi minimal {MIN_PASSWORD_LENGTH} karakter.",
            "password",
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ServiceError(
            ErrorCode.INVALID_INPUT,
            f"Kata sandi maksimal {MAX_PASSWORD_LENGTH} karakter.",
            "password",
        )


async def hash_password(password: str) -> str:
    check_password_policy(password)
    return await asyncio.get_running_loop().run_in_executor(_hashing, _hasher.hash, password)


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


async def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches. With ``None`` it burns the same time and says False."""
    if len(password) > MAX_PASSWORD_LENGTH:
        return False
    return await asyncio.get_running_loop().run_in_executor(
        _hashing, _verify, password_hash, password
    )
