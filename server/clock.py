"""The one calendar of the application: "now", "today" and day boundaries (DESIGN.md).

"Now" is an instant, always timezone-aware and in UTC (that is how timestamps are stored).
"Today", deadlines and periods are calendar days in the instansi's time zone
(``KINERJA_TIMEZONE``, default ``Asia/Jakarta``: WIB, UTC+7, no daylight saving). Nothing else
in the code reads the system clock or defines a zone: a day boundary computed here is the same
for the internal API, the services, the CLI, the public data and the reports.

The zone is process-wide: :func:`server.app.create_app` and the ``kinerja`` command set it
from the settings with :func:`set_zone`. Tests stop time with :func:`frozen` (and move it
forward or back); the source of "now" is restored when the block ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "DEFAULT_TIMEZONE",
    "FrozenTime",
    "TimeZoneError",
    "at",
    "day_bounds",
    "day_of",
    "end_of",
    "frozen",
    "load_zone",
    "now",
    "reset",
    "set_zone",
    "start_of",
    "today",
    "zone",
]

DEFAULT_TIMEZONE = "Asia/Jakarta"
MAX_ZONE_NAME = 64


class TimeZoneError(ValueError):
    """Not an IANA time zone name this machine knows (e.g. ``Asia/Jakarta``)."""


def load_zone(name: str) -> ZoneInfo:
    """The IANA zone called ``name``; anything else (empty, a path, a typo) is refused."""
    key = name.strip()
    if not key or len(key) > MAX_ZONE_NAME:
        raise TimeZoneError(f"not a time zone name: {name!r} (e.g. {DEFAULT_TIMEZONE})")
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # ZoneInfo refuses absolute and ../ paths with ValueError; a directory gives OSError.
        raise TimeZoneError(
            f"unknown time zone {name!r}: use an IANA name such as {DEFAULT_TIMEZONE}, "
            "Asia/Makassar or Asia/Jayapura"
        ) from None


def _system_now() -> datetime:
    return datetime.now(UTC)


_zone: ZoneInfo = load_zone(DEFAULT_TIMEZONE)
_source: Callable[[], datetime] = _system_now


def set_zone(name: str) -> None:
    """Use the zone called ``name`` for every calendar day from now on."""
    global _zone
    _zone = load_zone(name)


def zone() -> ZoneInfo:
    return _zone


def reset() -> None:
    """The system clock and the default zone again (the tests' safety net)."""
    global _zone, _source
    _zone = load_zone(DEFAULT_TIMEZONE)
    _source = _system_now


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a naive datetime has no place on the calendar; give it a time zone")
    return moment


def now() -> datetime:
    """The current instant, in UTC."""
    return _aware(_source()).astimezone(UTC)


def day_of(moment: datetime) -> date:
    """The calendar day (in the instansi's zone) on which ``moment`` falls."""
    return _aware(moment).astimezone(_zone).date()


def today() -> date:
    """Today in the instansi's zone: at 06:30 WIB it is already tomorrow in UTC terms."""
    return day_of(now())


def at(day: date, hour: int = 0, minute: int = 0) -> datetime:
    """The instant (UTC) of the local wall-clock time ``hour:minute`` on ``day``.

    Minutes past 59 (and hours past 23) run on into the following hours and days.
    """
    midnight = datetime.combine(day, time(0), tzinfo=_zone)
    # Aware arithmetic is wall-clock arithmetic: the offset is looked up for the result.
    return (midnight + timedelta(hours=hour, minutes=minute)).astimezone(UTC)


def start_of(day: date) -> datetime:
    """The instant (UTC) at which ``day`` begins locally."""
    return at(day)


def end_of(day: date) -> datetime:
    """The instant (UTC) at which ``day`` is over: the start of the next day (exclusive bound)."""
    return start_of(day + timedelta(days=1))


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """``[start, end)`` in UTC covering the local days ``first`` to ``last`` inclusive."""
    return start_of(first), end_of(last)


class FrozenTime:
    """A clock that stands still at ``moment`` until it is moved."""

    def __init__(self, moment: datetime) -> None:
        self.moment = _aware(moment).astimezone(UTC)

    def __call__(self) -> datetime:
        return self.moment

    def move_to(self, moment: datetime) -> None:
        self.moment = _aware(moment).astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        self.moment += delta


@contextmanager
def frozen(moment: datetime) -> Iterator[FrozenTime]:
    """Within the block "now" is ``moment`` (and wherever the handle moves it)."""
    global _source
    previous = _source
    handle = FrozenTime(moment)
    _source = handle
    try:
        yield handle
    finally:
        _source = previous
