"""Saves that SQLite would drop without a word: frames of the write-ahead file that fail its
checksum chain (https://www.sqlite.org/fileformat2.html#walformat).

SQLite reads a WAL up to the first frame whose checksum fails and ignores the rest, so a
flipped byte in an early frame hides every later save, with exit code 0. A frame that fails
is damage only with evidence that the writer went on past it: a later frame of the same
generation (salts matching the header), or the -shm index counting it as written. A save
cut off by a kill leaves a failing frame at the end and nothing after it: that is not damage.
Frames left from an earlier generation (other salts) are never looked at.
"""

from __future__ import annotations

import hashlib
import struct
import sys
from pathlib import Path

from journal.store.atomic import write_bytes_atomic
from journal.store.home import companions

HEADER, FRAME_HEADER = 32, 24
_MAGIC = (0x377F0682, 0x377F0683)  # little- and big-endian checksums
_SHM_MAX_FRAME, _SHM_SALTS = 16, 32  # offsets in the -shm's first index header


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for x0, x1 in zip(words[0::2], words[1::2], strict=True):
        s0 = (s0 + x0 + s1) & 0xFFFFFFFF
        s1 = (s1 + x1 + s0) & 0xFFFFFFFF
    return s0, s1


def first_bad_frame(wal: bytes, written: int = 0) -> int | None:
    """The number (from 1) of the first frame of the current generation that fails the
    checksum chain although the writer went on past it (a later frame of this generation,
    or `written`, the frames the -shm index counts); None when every frame holds."""
    if len(wal) < HEADER:
        return None
    magic, _version, page_size, _seq = struct.unpack(">4I", wal[:16])
    if magic not in _MAGIC or not 512 <= page_size <= 65536:
        return None
    big, salts = magic & 1 == 1, wal[16:24]
    sums = _checksum(wal[:24], big, 0, 0)
    if sums != struct.unpack(">2I", wal[24:32]):
        return None  # a torn header: SQLite starts the log afresh, no frame was acknowledged
    size = FRAME_HEADER + page_size
    frames = (len(wal) - HEADER) // size
    for index in range(frames):
        at = HEADER + index * size
        head = wal[at : at + FRAME_HEADER]
        if head[8:16] != salts:
            return None  # the end of this generation
        sums = _checksum(head[:8] + wal[at + FRAME_HEADER : at + size], big, *sums)
        if sums != struct.unpack(">2I", head[16:24]):
            later = (HEADER + n * size for n in range(index + 1, frames))
            went_on = index < written or any(wal[p + 8 : p + 16] == salts for p in later)
            return index + 1 if went_on else None
    return None


def _written(shm: Path, salts: bytes) -> int:
    """How many frames the -shm index (updated after each commit) counts as written, when it
    indexes this generation of the write-ahead file; 0 when it cannot tell."""
    try:
        with open(shm, "rb") as handle:
            index = handle.read(48)
    except OSError:
        return 0
    if len(index) < 48 or index[_SHM_SALTS : _SHM_SALTS + 8] != salts:
        return 0
    return int.from_bytes(index[_SHM_MAX_FRAME : _SHM_MAX_FRAME + 4], sys.byteorder)


def damaged_frame(path: Path) -> int | None:
    """The first damaged frame in the write-ahead file of the journal at `path`, or None.
    Found twice before it counts: a writer appending meanwhile can make one read see a
    frame half-written."""
    wal, shm = companions(path)
    found = None
    for _ in range(2):
        try:
            with open(wal, "rb") as handle:
                salts = handle.read(24)[16:]
            written = _written(shm, salts)  # read first: it counts frames already in the file
            data = wal.read_bytes()
            if data[16:24] != salts:  # the log started afresh meanwhile: the count was the old's
                written = 0
            found = first_bad_frame(data, written)
        except FileNotFoundError:
            return None
        if found is None:
            return None
    return found


def keep_aside(path: Path) -> Path:
    """A copy of the journal's write-ahead file beside it, named by its content, so the saves
    SQLite cannot read stay there for a repair; made once however often the journal opens."""
    wal, _shm = companions(path)
    data = wal.read_bytes()
    copy = wal.with_name(f"{wal.name}.damaged-{hashlib.sha256(data).hexdigest()[:12]}")
    if not copy.exists():
        write_bytes_atomic(copy, data)  # owner-only, as mkstemp makes it
    return copy
