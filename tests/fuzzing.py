"""Fuzzing both GraphQL schemas with hypothesis-graphql: generated operations, checked replies.

Used by ``tests/api/test_fuzz.py`` (a bounded, derandomised run in ``make test``) and by
``tests/bench/fuzz_long.py`` (a longer run in ``make bench``). Operations are generated from the
committed SDL (``schema/*.graphql``, which a test keeps equal to the code) with values biased
towards ones that exist in a small organisation (ids 1–40, years around now, real dates), so
resolvers run on real rows and not only on "not found".

Every reply must be a JSON GraphQL reply with a status below 500, and no error may carry the
masked message: the masked message means an exception escaped a resolver, which is a bug.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import graphql
import httpx
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as use_seed
from hypothesis import strategies as st
from hypothesis_graphql import mutations, queries

from server.api.graphql_common import MASKED_MESSAGE

ROOT = Path(__file__).resolve().parents[1]
INTERNAL_SDL = (ROOT / "schema" / "internal.graphql").read_text(encoding="utf-8")
PUBLIC_SDL = (ROOT / "schema" / "public.graphql").read_text(encoding="utf-8")

# Sends one operation to the app under test and returns its reply (run on the app's loop).
Sender = Callable[[str], Coroutine[Any, Any, httpx.Response]]

_text = st.text(max_size=24)


def _string(values: st.SearchStrategy[str]) -> st.SearchStrategy[graphql.ValueNode]:
    return values.map(lambda v: graphql.StringValueNode(value=v))


def _int(values: st.SearchStrategy[int]) -> st.SearchStrategy[graphql.ValueNode]:
    return values.map(lambda v: graphql.IntValueNode(value=str(v)))


CUSTOM_SCALARS: dict[str, st.SearchStrategy[graphql.ValueNode]] = {
    # Ids of rows that exist in the small organisation most of the time, nonsense sometimes.
    "ID": _string(
        st.one_of(st.integers(1, 40).map(str), st.integers(1, 400).map(str), st.just("0"), _text)
    ),
    "Int": _int(
        st.one_of(
            st.integers(-3, 60),
            st.integers(2019, 2031),
            st.integers(-(2**31), 2**31 - 1),
        )
    ),
    "Date": _string(
        st.one_of(
            st.dates(date(2019, 1, 1), date(2031, 12, 31)).map(date.isoformat),
            _text,
        )
    ),
    "DateTime": _string(
        st.one_of(
            st.datetimes(datetime(2019, 1, 1), datetime(2031, 12, 31), timezones=st.just(UTC)).map(
                datetime.isoformat
            ),
            _text,
        )
    ),
    "Decimal": _string(
        st.one_of(
            st.decimals(Decimal("-1000000"), Decimal("1000000"), places=2, allow_nan=False).map(
                str
            ),
            _text,
        )
    ),
}


def _root_fields(sdl: str, root: str) -> list[str]:
    schema = graphql.build_schema(sdl)
    kind = schema.query_type if root == "query" else schema.mutation_type
    assert kind is not None
    return sorted(kind.fields)


def _operations(sdl: str, root: str) -> st.SearchStrategy[str]:
    """Mostly one root field per operation (so one bad argument does not hide the other
    resolvers behind a null root), sometimes many at once (sibling resolvers run concurrently)."""
    make = queries if root == "query" else mutations
    single = [
        make(sdl, fields=[name], custom_scalars=CUSTOM_SCALARS) for name in _root_fields(sdl, root)
    ]
    return st.one_of(st.one_of(single), st.one_of(single), make(sdl, custom_scalars=CUSTOM_SCALARS))


def internal_queries() -> st.SearchStrategy[str]:
    return _operations(INTERNAL_SDL, "query")


def internal_mutations() -> st.SearchStrategy[str]:
    return _operations(INTERNAL_SDL, "mutation")


def public_queries() -> st.SearchStrategy[str]:
    return _operations(PUBLIC_SDL, "query")


@dataclass
class FuzzRun:
    """What a run sent and got back (printed by the bench, asserted by the tests)."""

    sent: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    with_errors: int = 0
    with_data: int = 0
    root_fields: Counter[str] = field(default_factory=Counter)


def problems_of(
    query: str, response: httpx.Response, crashes: list[logging.LogRecord]
) -> list[str]:
    """Why a reply is wrong (empty: it is fine)."""
    found: list[str] = []
    if response.status_code >= 500:
        found.append(f"status {response.status_code}")
    try:
        body: Any = response.json()
    except ValueError:
        return [*found, f"not JSON: {response.text[:200]!r}"]
    if not isinstance(body, dict) or not ({"data", "errors"} & body.keys()):
        found.append(f"not a GraphQL reply: {str(body)[:200]}")
        return found
    for error in body.get("errors") or []:
        if error.get("message") == MASKED_MESSAGE:
            found.append(f"masked error (a crash) at {error.get('path')}")
    for record in crashes:
        text = logging.Formatter().formatException(record.exc_info) if record.exc_info else ""
        found.append(f"logged crash: {record.getMessage()}\n{text}")
    return found


class CrashLog(logging.Handler):
    """Collects the records ``server.api`` logs when it masks an exception."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        taken, self.records = self.records, []
        return taken


def run_fuzz(
    loop: asyncio.AbstractEventLoop,
    send: Sender,
    strategy: st.SearchStrategy[str],
    *,
    examples: int,
    seed: int | None = None,
    run: FuzzRun | None = None,
) -> FuzzRun:
    """Send ``examples`` generated operations through ``send`` (a coroutine run on ``loop``,
    the loop of the app under test) from this thread; raise on the first wrong reply
    (Hypothesis then shrinks it to a small operation and reports it).

    Without ``seed`` the run is derandomised (the same operations every time: CI stays stable);
    with one, the operations follow that seed (the bench prints it, so a find can be replayed).
    """
    record = run or FuzzRun()
    crash_log = CrashLog()
    logger = logging.getLogger("server.api")
    logger.addHandler(crash_log)

    @settings(
        max_examples=examples,
        derandomize=seed is None,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(strategy)
    def check(query: str) -> None:
        response = asyncio.run_coroutine_threadsafe(send(query), loop).result(timeout=120)
        record.sent += 1
        record.statuses[response.status_code] += 1
        problems = problems_of(query, response, crash_log.take())
        if problems:
            raise AssertionError(
                "Generated operation broke the server:\n"
                + query
                + "\n---\n"
                + "\n".join(problems)
                + f"\n---\n{response.text[:2000]}"
            )
        body = response.json()
        if body.get("errors"):
            record.with_errors += 1
        if body.get("data"):
            record.with_data += 1
            record.root_fields.update(body["data"].keys())

    if seed is not None:
        check = use_seed(seed)(check)
    try:
        check()
    finally:
        logger.removeHandler(crash_log)
    return record
