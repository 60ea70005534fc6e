"""Settings from environment variables: the one settings object of the application.

Every variable is documented in the README. Defaults give the embedded mode: a SQLite file and
evidence files under ./data, served on 127.0.0.1:8000.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from server.clock import DEFAULT_TIMEZONE, TimeZoneError, load_zone

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class SettingsError(ValueError):
    """An environment variable holds a value the application cannot use."""


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"{name} must be true or false, got {raw!r}")


def _int(env: Mapping[str, str], name: str, default: int, *, minimum: int = 0) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from exc
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, got {value}")
    return value


def _evidence_types(env: Mapping[str, str]) -> tuple[str, ...]:
    from server.storage.content_types import KNOWN_TYPES, parse_type_codes

    raw = env.get("KINERJA_EVIDENCE_TYPES")
    if raw is None or raw.strip() == "":
        return tuple(KNOWN_TYPES)
    try:
        return parse_type_codes(raw)
    except ValueError as exc:
        raise SettingsError(f"KINERJA_EVIDENCE_TYPES: {exc}") from exc


def _timezone(env: Mapping[str, str]) -> str:
    raw = env.get("KINERJA_TIMEZONE", "").strip()
    return raw or DEFAULT_TIMEZONE


def _base_url(env: Mapping[str, str]) -> str:
    raw = env.get("KINERJA_PUBLIC_BASE_URL", "").strip()
    if not raw:
        return "http://127.0.0.1:8000"
    if not raw.startswith(("http://", "https://")) or any(ch in raw for ch in ' ?#"<>'):
        raise SettingsError(
            f"KINERJA_PUBLIC_BASE_URL must be an absolute http(s) URL without query, got {raw!r}"
        )
    return raw.rstrip("/")


def _redis_url(env: Mapping[str, str]) -> str:
    raw = env.get("KINERJA_REDIS_URL", "").strip()
    if raw and not raw.startswith(("redis://", "rediss://", "unix://")):
        raise SettingsError(
            "KINERJA_REDIS_URL must start with redis://, rediss:// or unix://, got "
            f"{raw.split('@')[-1]!r}"
        )
    return raw


def _redis_prefix(env: Mapping[str, str]) -> str:
    raw = env.get("KINERJA_REDIS_PREFIX", "").strip() or "kinerja"
    if len(raw) > 64 or not all(c.isalnum() or c in "-_.:" for c in raw):
        raise SettingsError(
            "KINERJA_REDIS_PREFIX: at most 64 letters, digits or - _ . :, got " + repr(raw)
        )
    return raw


def _addresses(env: Mapping[str, str], name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """Comma-separated e-mail addresses; anything that could smuggle a header is refused."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    found = tuple(part.strip() for part in raw.split(",") if part.strip())
    for address in found:
        local, at, domain = address.rpartition("@")
        if not at or not local or "." not in domain or any(c in address for c in ' <>,;\r\n\t"'):
            raise SettingsError(f"{name}: not an e-mail address: {address!r}")
    return found


@dataclass(frozen=True)
class Settings:
    """Runtime configuration. Build it with :meth:`from_env`; tests build it directly."""

    data_dir: Path = Path("data")
    database_url: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    session_lifetime_minutes: int = 8 * 60
    demo_mode: bool = False
    log_level: str = "INFO"
    # The instansi's time zone (IANA name): "today", deadlines and periods are its calendar days.
    timezone: str = DEFAULT_TIMEZONE
    # None: decide per request (Secure when the request came over HTTPS).
    secure_cookies: bool | None = None
    web_dist: Path = Path("web/dist")
    # Database timeouts (see server/db/engine.py DatabaseTimeouts): a request gives up with 503
    # instead of waiting. PostgreSQL statement_timeout / lock_timeout (ms, 0 = none), SQLite
    # busy_timeout (ms), opening a connection and waiting for a pooled one (s).
    db_statement_timeout_ms: int = 15_000
    db_lock_timeout_ms: int = 3_000
    sqlite_busy_timeout_ms: int = 5_000
    db_connect_timeout_seconds: int = 5
    db_pool_timeout_seconds: int = 10
    # Login throttling (services/auth.py), counted over the failure window. One address that
    # failed this many times for one account waits (lockout); one address that failed this
    # many times over all accounts waits; an account that failed this many times from anywhere
    # is only slowed down (a growing delay up to login_max_delay_seconds), never locked.
    login_max_failures_per_account_address: int = 5
    login_max_failures_per_address: int = 20
    login_max_failures_per_account: int = 10
    login_max_delay_seconds: int = 5
    login_failure_window_seconds: int = 15 * 60
    login_lockout_seconds: int = 5 * 60
    # Public API protection: the largest query cost (see api/query_cost.py).
    public_max_cost: int = 10_000
    # Internal (staff) API protection: the largest query cost, and a per-session token bucket.
    internal_max_cost: int = 12_000
    internal_rate_per_minute: int = 600
    internal_rate_burst: int = 120
    # Per-address token bucket of the public endpoints (GraphQL and downloads): a sustained rate
    # per minute and a burst. In-process state: see README "Scale-out" for several processes.
    public_rate_per_minute: int = 600
    public_rate_burst: int = 120
    # How often the public response cache looks for a new release (seconds; 0: every request).
    # With Redis a publication is announced to every process at once; this is the backstop.
    public_cache_recheck_seconds: float = 1.0
    # Shared state of several processes or machines (server/http/shared_state.py): the rate-limit
    # buckets and the public response cache live in this Redis when set, in each process
    # otherwise. Keys and the announcement channel start with the prefix (one Redis can serve
    # several installations).
    redis_url: str = field(default="", repr=False)  # may carry a password
    redis_prefix: str = "kinerja"
    # Disclosure control of releases [P]: percentages, averages and distributions over fewer
    # people than the first are withheld; head counts below the second.
    disclosure_min_distribution: int = 10
    disclosure_min_headcount: int = 5
    instansi_name: str = "Pemerintah Kota Salatiga"
    data_licence: str = "CC BY 4.0"
    data_licence_url: str = "https://creativecommons.org/licenses/by/4.0/deed.id"
    contact: str = "BKPSDM Kota Salatiga — bkpsdm@salatiga.go.id"
    # Evidence (bukti dukung) uploads: size cap, accepted types (codes of
    # server.storage.content_types.KNOWN_TYPES) and uploads per account per hour.
    evidence_max_bytes: int = 20 * 1024 * 1024
    evidence_allowed_types: tuple[str, ...] = (
        "PDF",
        "PNG",
        "JPEG",
        "WEBP",
        "DOCX",
        "XLSX",
        "ODT",
        "ODS",
    )
    evidence_uploads_per_hour: int = 120
    # Partial uploads (<evidence dir>/.tmp/*.part) untouched for this long are removed at start-up
    # and by the periodic housekeeping (every housekeeping_interval_seconds); younger ones may
    # belong to an upload still running in another worker.
    evidence_temp_max_age_seconds: int = 60 * 60
    housekeeping_interval_seconds: int = 10 * 60
    # Citizen survey (SKM): the absolute base of the survey links printed as QR codes, the key of
    # the submitter fingerprint (empty: generated once and kept in <data_dir>/survey_secret), and
    # the per-address limits on accepted answers.
    public_base_url: str = "http://127.0.0.1:8000"
    survey_secret: str = ""
    survey_max_per_service_per_hour: int = 5
    survey_max_per_address_per_hour: int = 30
    # Keberatan (DOMAIN.md §9): days after the result is set within which the pegawai may object
    # (the rule: 14), and days the Atasan Pejabat Penilai has to decide (not fixed by the rule [I]).
    objection_filing_days: int = 14
    objection_decision_days: int = 14
    # E-mail of the daily reminder digest (`kinerja remind`). Without an SMTP host (the embedded
    # default) the digest is written to the log. Employees have no e-mail address in the data
    # model, so the digest goes to the instansi's mailbox(es) in reminder_digest_to.
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = field(default="", repr=False)
    smtp_from: str = "e-kinerja@localhost"
    smtp_starttls: bool = True
    reminder_digest_to: tuple[str, ...] = ()
    # Training sandbox (Latihan, services/sandbox.py): a SEPARATE template database holding the
    # demo (seeded on first use) with this many demo employees; empty URL: <data_dir>/latihan/
    # latihan.db. Every account practising gets its own copy of it (re-made by "Reset latihan"):
    # a file on SQLite, the database <template>_p<account id> on PostgreSQL (needs CREATEDB);
    # at most sandbox_open_copies of them stay open. `is_sandbox` is True only on
    # the sandbox's own copy of these settings (never from the environment).
    sandbox_database_url: str = field(default="", repr=False)
    sandbox_employees: int = 150
    sandbox_open_copies: int = 32
    is_sandbox: bool = False
    extra: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        try:
            load_zone(self.timezone)
        except TimeZoneError as exc:
            raise SettingsError(f"KINERJA_TIMEZONE: {exc}") from None
        if not self.database_url:
            object.__setattr__(
                self, "database_url", f"sqlite+aiosqlite:///{(self.data_dir / 'kinerja.db')}"
            )
        if not self.sandbox_database_url:
            path = self.data_dir / "latihan" / "latihan.db"
            object.__setattr__(self, "sandbox_database_url", f"sqlite+aiosqlite:///{path}")
        if not self.is_sandbox and self.sandbox_database_url == self.database_url:
            # Practising would then write real records: refuse to start.
            raise SettingsError(
                "KINERJA_SANDBOX_DATABASE_URL must name another database than KINERJA_DATABASE_URL"
            )

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    def sandbox_settings(self) -> Settings:
        """The settings the Latihan runs with: its own database and its own data folder
        (evidence files of practice uploads), everything else as configured."""
        return replace(
            self,
            data_dir=self.data_dir / "latihan",
            database_url=self.sandbox_database_url,
            is_sandbox=True,
        )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        secure = env.get("KINERJA_SECURE_COOKIES", "auto").strip().lower()
        log_level = env.get("KINERJA_LOG_LEVEL", "INFO").upper()
        if log_level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise SettingsError(
                f"KINERJA_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {log_level!r}"
            )
        return cls(
            data_dir=Path(env.get("KINERJA_DATA_DIR", "data")),
            database_url=env.get("KINERJA_DATABASE_URL", ""),
            sandbox_database_url=env.get("KINERJA_SANDBOX_DATABASE_URL", "").strip(),
            sandbox_employees=_int(env, "KINERJA_SANDBOX_EMPLOYEES", 150, minimum=50),
            sandbox_open_copies=_int(env, "KINERJA_SANDBOX_OPEN_COPIES", 32, minimum=1),
            host=env.get("KINERJA_HOST", "127.0.0.1"),
            port=_int(env, "KINERJA_PORT", 8000, minimum=1),
            session_lifetime_minutes=_int(env, "KINERJA_SESSION_LIFETIME_MINUTES", 480, minimum=1),
            demo_mode=_bool(env, "KINERJA_DEMO", False),
            log_level=log_level,
            timezone=_timezone(env),
            secure_cookies=None
            if secure == "auto"
            else _bool(env, "KINERJA_SECURE_COOKIES", False),
            web_dist=Path(env.get("KINERJA_WEB_DIST", "web/dist")),
            db_statement_timeout_ms=_int(env, "KINERJA_DB_STATEMENT_TIMEOUT_MS", 15_000),
            db_lock_timeout_ms=_int(env, "KINERJA_DB_LOCK_TIMEOUT_MS", 3_000),
            sqlite_busy_timeout_ms=_int(env, "KINERJA_SQLITE_BUSY_TIMEOUT_MS", 5_000),
            db_connect_timeout_seconds=_int(
                env, "KINERJA_DB_CONNECT_TIMEOUT_SECONDS", 5, minimum=1
            ),
            db_pool_timeout_seconds=_int(env, "KINERJA_DB_POOL_TIMEOUT_SECONDS", 10, minimum=1),
            login_max_failures_per_account_address=_int(
                env, "KINERJA_LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS", 5, minimum=1
            ),
            login_max_failures_per_address=_int(
                env, "KINERJA_LOGIN_MAX_FAILURES_PER_ADDRESS", 20, minimum=1
            ),
            login_max_failures_per_account=_int(env, "KINERJA_LOGIN_MAX_FAILURES", 10, minimum=1),
            login_max_delay_seconds=_int(env, "KINERJA_LOGIN_MAX_DELAY_SECONDS", 5),
            login_lockout_seconds=_int(env, "KINERJA_LOGIN_LOCKOUT_SECONDS", 300, minimum=1),
            contact=env.get("KINERJA_CONTACT", cls.contact),
            public_max_cost=_int(env, "KINERJA_PUBLIC_MAX_COST", 10_000, minimum=1),
            internal_max_cost=_int(env, "KINERJA_INTERNAL_MAX_COST", 12_000, minimum=1),
            internal_rate_per_minute=_int(env, "KINERJA_INTERNAL_RATE_PER_MINUTE", 600, minimum=1),
            internal_rate_burst=_int(env, "KINERJA_INTERNAL_RATE_BURST", 120, minimum=1),
            public_rate_per_minute=_int(env, "KINERJA_PUBLIC_RATE_PER_MINUTE", 600, minimum=1),
            public_rate_burst=_int(env, "KINERJA_PUBLIC_RATE_BURST", 120, minimum=1),
            disclosure_min_distribution=_int(
                env, "KINERJA_DISCLOSURE_MIN_DISTRIBUTION", 10, minimum=2
            ),
            disclosure_min_headcount=_int(env, "KINERJA_DISCLOSURE_MIN_HEADCOUNT", 5, minimum=2),
            data_licence=env.get("KINERJA_DATA_LICENCE", cls.data_licence),
            data_licence_url=env.get("KINERJA_DATA_LICENCE_URL", cls.data_licence_url),
            evidence_max_bytes=_int(env, "KINERJA_EVIDENCE_MAX_MB", 20, minimum=1) * 1024 * 1024,
            evidence_allowed_types=_evidence_types(env),
            evidence_uploads_per_hour=_int(
                env, "KINERJA_EVIDENCE_UPLOADS_PER_HOUR", 120, minimum=1
            ),
            evidence_temp_max_age_seconds=60
            * _int(env, "KINERJA_EVIDENCE_TEMP_MAX_AGE_MINUTES", 60, minimum=1),
            public_cache_recheck_seconds=float(
                _int(env, "KINERJA_PUBLIC_CACHE_RECHECK_MS", 1_000) / 1000
            ),
            redis_url=_redis_url(env),
            redis_prefix=_redis_prefix(env),
            public_base_url=_base_url(env),
            survey_secret=env.get("KINERJA_SURVEY_SECRET", ""),
            survey_max_per_service_per_hour=_int(
                env, "KINERJA_SURVEY_MAX_PER_SERVICE_PER_HOUR", 5, minimum=1
            ),
            survey_max_per_address_per_hour=_int(
                env, "KINERJA_SURVEY_MAX_PER_ADDRESS_PER_HOUR", 30, minimum=1
            ),
            objection_filing_days=_int(env, "KINERJA_OBJECTION_FILING_DAYS", 14, minimum=1),
            objection_decision_days=_int(env, "KINERJA_OBJECTION_DECISION_DAYS", 14, minimum=1),
            smtp_host=env.get("KINERJA_SMTP_HOST", "").strip(),
            smtp_port=_int(env, "KINERJA_SMTP_PORT", 587, minimum=1),
            smtp_user=env.get("KINERJA_SMTP_USER", ""),
            smtp_password=env.get("KINERJA_SMTP_PASSWORD", ""),
            smtp_from=_addresses(env, "KINERJA_SMTP_FROM", (cls.smtp_from,))[0],
            smtp_starttls=_bool(env, "KINERJA_SMTP_STARTTLS", True),
            reminder_digest_to=_addresses(env, "KINERJA_REMINDER_DIGEST_TO", ()),
        )
