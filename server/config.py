"""Settings from environment variables: the one settings object of the application.

Every variable is documented in the README. Defaults give the embedded mode: a SQLite file and
evidence files under ./data, served on 127.0.0.1:8000.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

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
    # None: decide per request (Secure when the request came over HTTPS).
    secure_cookies: bool | None = None
    web_dist: Path = Path("web/dist")
    # Login throttling: after this many failures within the window, wait.
    login_max_failures_per_account: int = 5
    login_max_failures_per_address: int = 20
    login_failure_window_seconds: int = 15 * 60
    login_lockout_seconds: int = 5 * 60
    # Public API protection.
    public_max_depth: int = 8
    public_max_aliases: int = 15
    public_max_tokens: int = 2_000
    instansi_name: str = "Pemerintah Kota Salatiga"
    data_licence: str = "CC BY 4.0"
    data_licence_url: str = "https://creativecommons.org/licenses/by/4.0/deed.id"
    contact: str = "BKPSDM Kota Salatiga — bkpsdm@salatiga.go.id"
    extra: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.database_url:
            object.__setattr__(
                self, "database_url", f"sqlite+aiosqlite:///{(self.data_dir / 'kinerja.db')}"
            )

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        secure = env.get("KINERJA_SECURE_COOKIES", "auto").strip().lower()
        log_level = env.get("KINERJA_LOG_LEVEL", "INFO").upper()
        if log_level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise SettingsError(f"KINERJA_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {log_level!r}")
        return cls(
            data_dir=Path(env.get("KINERJA_DATA_DIR", "data")),
            database_url=env.get("KINERJA_DATABASE_URL", ""),
            host=env.get("KINERJA_HOST", "127.0.0.1"),
            port=_int(env, "KINERJA_PORT", 8000, minimum=1),
            session_lifetime_minutes=_int(env, "KINERJA_SESSION_LIFETIME_MINUTES", 480, minimum=1),
            demo_mode=_bool(env, "KINERJA_DEMO", False),
            log_level=log_level,
            secure_cookies=None if secure == "auto" else _bool(env, "KINERJA_SECURE_COOKIES", False),
            web_dist=Path(env.get("KINERJA_WEB_DIST", "web/dist")),
            login_max_failures_per_account=_int(env, "KINERJA_LOGIN_MAX_FAILURES", 5, minimum=1),
            login_max_failures_per_address=_int(
                env, "KINERJA_LOGIN_MAX_FAILURES_PER_ADDRESS", 20, minimum=1
            ),
            login_lockout_seconds=_int(env, "KINERJA_LOGIN_LOCKOUT_SECONDS", 300, minimum=1),
            contact=env.get("KINERJA_CONTACT", cls.contact),
            data_licence=env.get("KINERJA_DATA_LICENCE", cls.data_licence),
            data_licence_url=env.get("KINERJA_DATA_LICENCE_URL", cls.data_licence_url),
        )
