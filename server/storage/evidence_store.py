"""Content-addressed evidence files on local disk: ``<root>/ab/cd/<sha256>``.

Bytes arrive in chunks and go to a temporary file inside ``<root>/.tmp`` (same file system, so the
final :func:`os.replace` is atomic): a reader never sees half a file, and two uploads of the same
content end up as one file. Any failure while receiving (too big, client gone, disk error)
deletes the temporary file before the exception leaves :meth:`EvidenceStore.receive`.

The store knows nothing about the database; the upload endpoint writes the file first and the
rows second, so a row never points at a missing file (an orphan file from a failed transaction is
harmless: it is named by its content and reused by the next identical upload).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import re
import secrets
from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiofiles
import aiofiles.os

CHUNK_SIZE = 64 * 1024
TEMP_DIR_NAME = ".tmp"
_SHA256 = re.compile(r"[0-9a-f]{64}")


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
        await aiofiles.os.makedirs(self.temp_dir, exist_ok=True)
        temp_path = self.temp_dir / f"{secrets.token_hex(16)}.part"
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
        except BaseException:
            # Also on cancellation (client gone): no half file may stay behind.
            await self.discard_path(temp_path)
            raise
        return Received(temp_path, digest.hexdigest(), size)

    async def commit(self, received: Received) -> Path:
        """Move the received file to its content address (atomic rename; kept once)."""
        final = self.path_for(received.sha256)
        await aiofiles.os.makedirs(final.parent, exist_ok=True)
        if await aiofiles.os.path.exists(final):
            await self.discard(received)
        else:
            await aiofiles.os.replace(received.temp_path, final)
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


def leftover_files(root: Path) -> list[Path]:
    """Every file under the temporary directory (tests and housekeeping use it)."""
    temp = root / TEMP_DIR_NAME
    return sorted(p for p in temp.rglob("*") if p.is_file()) if temp.exists() else []
