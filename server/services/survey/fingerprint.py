"""The submitter fingerprint: keyed hashes that find repeats without keeping the address.

Stored in ``survey_response.submitter_fingerprint`` (64 hex characters) as two halves, each a
truncated HMAC-SHA256 (128 bits) under a server secret:
- the address key: HMAC(address, day), shared by every answer from one address on one day;
  it carries the per-address rate limits across services and app processes;
- the submitter key: HMAC(address, user agent, service, day): "the same person again" for
  duplicate detection.
Neither the address nor the user agent is stored anywhere. The day is the local date (the
instansi's calendar, server.clock), so the keys change at local midnight; checks over the last hour or day look at both days' keys.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from server import clock
from server.config import Settings

SECRET_FILE = "survey_secret"  # noqa: S105 - a file name, not a secret
HALF = 32  # hex characters per key


def _mac(secret: bytes, *parts: str) -> str:
    message = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:HALF]


@dataclass(frozen=True)
class Fingerprint:
    address_key: str
    submitter_key: str

    @property
    def value(self) -> str:
        return self.address_key + self.submitter_key


def fingerprint_of(
    secret: bytes, address: str, user_agent: str, service_id: int, day: date
) -> Fingerprint:
    return Fingerprint(
        _mac(secret, "address", address, day.isoformat()),
        _mac(secret, "submitter", address, user_agent[:512], str(service_id), day.isoformat()),
    )


def recent_fingerprints(
    secret: bytes, address: str, user_agent: str, service_id: int, now: datetime
) -> tuple[Fingerprint, Fingerprint]:
    """Today's and yesterday's keys: a window of an hour or a day may span local midnight."""
    today = clock.day_of(now if now.tzinfo else now.replace(tzinfo=UTC))
    return (
        fingerprint_of(secret, address, user_agent, service_id, today),
        fingerprint_of(secret, address, user_agent, service_id, today - timedelta(days=1)),
    )


def survey_secret(settings: Settings) -> bytes:
    """The configured secret, else one generated once and kept under the data directory.

    Several app processes on one machine share the file (created exclusively, so the first one
    wins); processes on several machines must be given KINERJA_SURVEY_SECRET.
    """
    if settings.survey_secret:
        return settings.survey_secret.encode("utf-8")
    path = Path(settings.data_dir) / SECRET_FILE
    try:
        existing = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        existing = ""
    if existing:
        return existing.encode("ascii")
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = secrets.token_hex(32)
    # Written in full to a private temporary file, then linked into place: link() fails if the
    # name exists, so concurrent first starts agree on one secret and never read a half file.
    temp = path.with_name(f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(fresh + "\n")
    try:
        os.link(temp, path)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip().encode("ascii")
    finally:
        temp.unlink()
    return fresh.encode("ascii")
