"""Content-addressed evidence files on local disk: ``<root>/ab/cd/<sha256>``.

Bytes arrive in chunks and go to a temporary file inside ``<root>/.tmp`` (same file system, so the
final :func:`os.replace` is atomic): a reader never sees half a file, and two uploads of the same
content end up as one file. Any failure while receiving (too big, client gone, disk error)
deletes the temporary file before the exception leaves :meth:`EvidenceStore.receive`.

A process killed mid-upload (``kill -9``, power loss) cannot clean up: its ``.part`` file stays.
Temporary files are named ``<host tag>-<pid>-<random>.part``, so :meth:`remove_stale_temp_files`
(at start-up and periodically, see server/http/housekeeping.py) can remove those whose writer is
known to be gone (this machine, a process that no longer runs; at start-up also our own pid,
reused after a restart) and any that nobody has written to for ``max_age`` seconds, without
touching an upload that another worker is still receiving.

A full disk (``ENOSPC``, or ``EDQUOT`` for a quota) while receiving or storing raises
:class:`StorageFull` after the partial file is removed: nothing is kept.

The store knows nothing about the database; the upload endpoint writes the file first and the
rows second, so a row never points at a missing file (an orphan file from a failed transaction is
harmless: it is named by its content and reused by the next identical upload).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hashlib
import os
import re
import secrets
import socket
import time
from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiofiles
import aiofiles.os

CHUNK_SIZE = 64 * 1024
TEMP_DIR_NAME = ".tmp"
TEMP_SUFFIX = ".part"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_TEMP_NAME = re.compile(r"([0-9a-f]{8})-([0-9]+)-[0-9a-f]{32}\.part")
_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


def host_tag() -> str:
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]


class StorageFull(Exception):
    """The disk (or the quota) is full; the partial file was removed, nothing was kept."""


def _is_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


class TooLarge(Exception):
    """The body grew beyond the limit; nothing was kept."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} bytes")
        self.limit = limit


@dataclass(frozen=True)
class Received:
    """A fully received file waiting in the temporary directory."""

    temp_path: Path
    sha256: str
    size: int


class EvidenceStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def temp_dir(self) -> Path:
        return self.root / TEMP_DIR_NAME

    def path_for(self, sha256: str) -> Path:
        """Where a file lives; only a lowercase hex digest can ever become a path."""
        if not _SHA256.fullmatch(sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    async def receive(self, chunks: AsyncIterable[bytes], max_bytes: int) -> Received:
        """Write ``chunks`` to a temporary file, hashing and counting; stop past ``max_bytes``."""
        try:
            await aiofiles.os.makedirs(self.temp_dir, exist_ok=True)
        except OSError as exc:
            if _is_full(exc):
                raise StorageFull(str(exc)) from exc
            raise
        name = f"{host_tag()}-{os.getpid()}-{secrets.token_hex(16)}{TEMP_SUFFIX}"
        temp_path = self.temp_dir / name
        digest = hashlib.sha256()
        size = 0
        try:
            async with aiofiles.open(temp_path, "xb") as out:
                async for chunk in chunks:
                    if not chunk:
                        continue
                    size += len(chunk)
                    if size > max_bytes:
                        raise TooLarge(max_bytes)
                    digest.update(chunk)
                    await out.write(chunk)
        except BaseException as exc:
            # Also on cancellation (client gone): no half file may stay behind.
            await self.discard_path(temp_path)
            if _is_full(exc):
                raise StorageFull(str(exc)) from exc
            raise
        return Received(temp_path, digest.hexdigest(), size)

    async def commit(self, received: Received) -> Path:
        """Move the received file to its content address (atomic rename; kept once)."""
        final = self.path_for(received.sha256)
        try:
            await aiofiles.os.makedirs(final.parent, exist_ok=True)
            if await aiofiles.os.path.exists(final):
                await self.discard(received)
            else:
                await aiofiles.os.replace(received.temp_path, final)
        except OSError as exc:
            await self.discard(received)
            if _is_full(exc):
                raise StorageFull(str(exc)) from exc
            raise
        return final

    async def discard(self, received: Received) -> None:
        await self.discard_path(received.temp_path)

    @staticmethod
    async def discard_path(path: Path) -> None:
        # Shielded so a cancelled request still removes its temporary file.
        with contextlib.suppress(FileNotFoundError):
            await asyncio.shield(aiofiles.os.remove(path))

    async def exists(self, sha256: str) -> bool:
        return bool(await aiofiles.os.path.isfile(self.path_for(sha256)))

    async def read_chunks(self, sha256: str, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        async with aiofiles.open(self.path_for(sha256), "rb") as handle:
            while chunk := await handle.read(chunk_size):
                yield chunk

    def remove_stale_temp_files(
        self, max_age_seconds: float, *, at_startup: bool, now: float | None = None
    ) -> list[Path]:
        """Remove partial uploads that no running upload can own; return what was removed.

        Removed: files not modified for ``max_age_seconds``; files of a process of this machine
        that no longer runs; at start-up, files of our own pid (a restarted server that got the
        pid of the one that was killed, as in a container). Kept: everything else, in particular
        a young file of another live worker. Blocking file-system calls: run in a thread.
        """
        temp = self.temp_dir
        if not temp.is_dir():
            return []
        now = time.time() if now is None else now
        host, own_pid = host_tag(), os.getpid()
        removed: list[Path] = []
        for path in temp.iterdir():
            if not path.name.endswith(TEMP_SUFFIX):
                continue
            try:
                modified = path.stat().st_mtime
            except FileNotFoundError:
                continue  # finished (renamed) or removed meanwhile
            stale = now - modified >= max_age_seconds
            match = _TEMP_NAME.fullmatch(path.name)
            if not stale and match is not None and match.group(1) == host:
                pid = int(match.group(2))
                stale = (at_startup and pid == own_pid) or (
                    pid != own_pid and not _process_alive(pid)
                )
            if stale:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                removed.append(path)
        return removed


def leftover_files(root: Path) -> list[Path]:
    """Every file under the temporary directory (tests and housekeeping use it)."""
    temp = root / TEMP_DIR_NAME
    return sorted(p for p in temp.rglob("*") if p.is_file()) if temp.exists() else []
