"""A minimal HTTP/1.1 keep-alive load driver for the benchmarks, run in its own process.

Why not httpx: on two cores the client shares the CPU with the servers it measures, and httpx
spends more CPU per request than the server does on a cache hit, which would squeeze every
ratio towards 1. This driver writes one prepared request per round trip on each of N
keep-alive connections (uvloop) and reads the answer by its Content-Length: a few tens of
microseconds per request. Both sides of a comparison are driven by the same code.

    python -m tests.http_driver HOST PORT PATH BODY_FILE REQUESTS CONNECTIONS [HEADER: VALUE]...

prints one JSON line: ``{"seconds": …, "statuses": {"200": n, …}}``.

    python -m tests.http_driver --alternate ROUNDS HOST PORT_A PORT_B PATH BODY_FILE REQUESTS CONNECTIONS

drives A and B in turns (A first in even rounds, B first in odd ones), ROUNDS times each, and
prints ``{"a": [seconds per round…], "b": […], "statuses": {…}}``: each pair of rounds ran
within a second of each other, so a machine whose load changes over time skews both alike.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Coroutine
from typing import Any, TypeVar

import orjson

_T = TypeVar("_T")


async def _connection(
    host: str, port: int, request: bytes, count: int, statuses: dict[int, int]
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for _ in range(count):
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if length:
                await reader.readexactly(length)
            statuses[status] = statuses.get(status, 0) + 1
    finally:
        writer.close()


async def drive(
    host: str,
    port: int,
    path: str,
    body: bytes,
    requests: int,
    connections: int,
    headers: list[str] | None = None,
) -> tuple[float, dict[int, int]]:
    extra = "".join(f"{h}\r\n" for h in headers or [])
    request = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"Accept-Encoding: identity\r\n{extra}Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    statuses: dict[int, int] = {}
    per = max(1, requests // connections)
    started = time.perf_counter()
    await asyncio.gather(
        *(_connection(host, port, request, per, statuses) for _ in range(connections))
    )
    return time.perf_counter() - started, statuses


async def alternate(
    rounds: int,
    host: str,
    ports: tuple[int, int],
    path: str,
    body: bytes,
    requests: int,
    connections: int,
) -> dict[str, object]:
    times: dict[str, list[float]] = {"a": [], "b": []}
    statuses: dict[int, int] = {}
    for round_ in range(rounds):
        order = (("a", ports[0]), ("b", ports[1]))
        for side, port in order if round_ % 2 == 0 else order[::-1]:
            seconds, found = await drive(host, port, path, body, requests, connections)
            times[side].append(seconds)
            for status, count in found.items():
                statuses[status] = statuses.get(status, 0) + count
    return {**times, "statuses": statuses}


def runner(main: Coroutine[Any, Any, _T]) -> _T:
    """Runs ``main`` on uvloop's event loop, or on asyncio's one where uvloop is missing."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvicorn[standard] brings uvloop
        return asyncio.run(main)
    return uvloop.run(main)


def main(argv: list[str]) -> None:
    result: dict[str, object]
    if argv[0] == "--alternate":
        rounds, host, port_a, port_b, path, body_file, requests, connections = argv[1:9]
        with open(body_file, "rb") as f:
            body = f.read()
        result = runner(
            alternate(int(rounds), host, (int(port_a), int(port_b)), path, body,
                      int(requests), int(connections))
        )  # fmt: skip
    else:
        host, port, path, body_file, requests, connections, *headers = argv
        with open(body_file, "rb") as f:
            body = f.read()
        seconds, statuses = runner(
            drive(host, int(port), path, body, int(requests), int(connections), headers)
        )
        result = {"seconds": seconds, "statuses": statuses}
    print(orjson.dumps(result, option=orjson.OPT_NON_STR_KEYS).decode())


if __name__ == "__main__":
    main(sys.argv[1:])
