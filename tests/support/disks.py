"""Small disks for the tests that need a read-only or a full one: a tmpfs mounted for the
test (root only; the test is skipped, saying why, where it cannot be mounted). As root,
chmod does not stop a write, so a read-only mount is the only honest read-only journal."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True, timeout=30)


@contextmanager
def small_disk(where: Path, size_kib: int) -> Iterator[Path]:
    """A tmpfs of `size_kib` at `where`, unmounted afterwards."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root and mount(8)")
    where.mkdir(parents=True, exist_ok=True)
    try:
        _mount("-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", str(where))
    except (subprocess.CalledProcessError, OSError) as exc:
        pytest.skip(f"a tmpfs cannot be mounted here ({exc})")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, timeout=30)


def read_only(where: Path) -> None:
    _mount("-o", "remount,ro", str(where))


def fill(where: Path, leave_kib: int = 0) -> None:
    """Fill the disk at `where` until `leave_kib` are free (0: full)."""
    free = shutil.disk_usage(where).free // 1024
    with open(where / "filler", "wb") as handle:
        try:
            handle.write(bytes(max(free - leave_kib, 0) * 1024))
            handle.flush()
            os.fsync(handle.fileno())
        except OSError:
            pass  # full
