"""The one calendar: "today" is the instansi's day, day boundaries are its midnights, the zone is
validated, and a frozen clock stands still until moved (and is given back afterwards)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from server import clock
from server.config import Settings, SettingsError

# 23:30 UTC on 14 July is 06:30 WIB on 15 July; 17:30 UTC on 14 July is 00:30 WIB on 15 July.
LATE_UTC = datetime(2026, 7, 14, 23, 30, tzinfo=UTC)
JUST_AFTER_MIDNIGHT_WIB = datetime(2026, 7, 14, 17, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (LATE_UTC, date(2026, 7, 15)),
        (JUST_AFTER_MIDNIGHT_WIB, date(2026, 7, 15)),
        (datetime(2026, 7, 14, 16, 59, 59, tzinfo=UTC), date(2026, 7, 14)),  # 23:59:59 WIB
        (datetime(2026, 7, 14, 17, 0, tzinfo=UTC), date(2026, 7, 15)),  # 00:00 WIB
        (datetime(2026, 12, 31, 17, 0, tzinfo=UTC), date(2027, 1, 1)),  # a new year in Salatiga
    ],
)
def test_today_is_the_local_day(moment: datetime, day: date) -> None:
    with clock.frozen(moment):
        assert clock.today() == day
        assert clock.now() == moment
        assert clock.now().tzinfo is UTC


def test_day_boundaries_are_local_midnights() -> None:
    start, end = clock.day_bounds(date(2026, 7, 1), date(2026, 7, 31))
    assert start == datetime(2026, 6, 30, 17, 0, tzinfo=UTC)
    assert end == datetime(2026, 7, 31, 17, 0, tzinfo=UTC)
    assert clock.end_of(date(2026, 7, 15)) == clock.start_of(date(2026, 7, 16))
    assert clock.day_of(end - timedelta(microseconds=1)) == date(2026, 7, 31)
    assert clock.day_of(end) == date(2026, 8, 1)


def test_wall_clock_times_and_overflowing_minutes() -> None:
    assert clock.at(date(2026, 7, 3), 3, 48) == datetime(2026, 7, 2, 20, 48, tzinfo=UTC)
    # 8:00 plus 479 minutes is 15:59 the same day (demo data counts minutes from a start).
    assert clock.at(date(2026, 7, 3), 8, 479) == datetime(2026, 7, 3, 8, 59, tzinfo=UTC)


def test_another_zone_moves_the_day() -> None:
    clock.set_zone("Asia/Jayapura")  # WIT, UTC+9 (reset by the autouse fixture)
    with clock.frozen(datetime(2026, 7, 14, 15, 30, tzinfo=UTC)):
        assert clock.today() == date(2026, 7, 15)
    clock.set_zone("Asia/Jakarta")
    with clock.frozen(datetime(2026, 7, 14, 15, 30, tzinfo=UTC)):
        assert clock.today() == date(2026, 7, 14)


def test_frozen_time_moves_only_when_told_and_is_given_back() -> None:
    with clock.frozen(LATE_UTC) as frozen:
        assert clock.now() == clock.now() == LATE_UTC
        frozen.advance(timedelta(days=1))
        assert clock.today() == date(2026, 7, 16)
        frozen.move_to(datetime(2026, 7, 15, 1, 0, tzinfo=timezone(timedelta(hours=7))))
        assert clock.now() == datetime(2026, 7, 14, 18, 0, tzinfo=UTC)
    assert clock.now() > LATE_UTC  # the system clock again


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        clock.day_of(datetime(2026, 7, 14, 12, 0))
    with pytest.raises(ValueError, match="naive"), clock.frozen(datetime(2026, 7, 14)):
        pass


@pytest.mark.parametrize("name", ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "UTC"])
def test_known_zones_are_accepted(name: str) -> None:
    assert Settings.from_env({"KINERJA_TIMEZONE": name}).timezone == name
    assert Settings(timezone=name).timezone == name


def test_the_default_zone_is_jakarta() -> None:
    assert Settings.from_env({}).timezone == "Asia/Jakarta"
    assert Settings.from_env({"KINERJA_TIMEZONE": "  "}).timezone == "Asia/Jakarta"


@pytest.mark.parametrize(
    "name",
    [
        "WIB",  # an abbreviation, not a zone name
        "Asia/Salatiga",
        "../../etc/passwd",
        "/etc/localtime",
        "Asia/",
        "Asia\x00Jakarta",
        "x" * 300,
        "+07:00",
    ],
)
def test_unknown_zones_are_refused_with_a_clear_message(name: str) -> None:
    with pytest.raises(SettingsError, match="KINERJA_TIMEZONE"):
        Settings.from_env({"KINERJA_TIMEZONE": name})
    with pytest.raises(SettingsError, match="KINERJA_TIMEZONE"):
        Settings(timezone=name)
    with pytest.raises(clock.TimeZoneError):
        clock.set_zone(name)
    assert clock.zone().key == "Asia/Jakarta"  # a refused zone changes nothing
