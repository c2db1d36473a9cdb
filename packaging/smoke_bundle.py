"""Build the one-folder desktop bundle and smoke-test it, as CI does.

    python packaging/smoke_bundle.py                     # build.sh, then test a copy
    python packaging/smoke_bundle.py --bundle DIR        # test a bundle already built
    python packaging/smoke_bundle.py --platform xcb      # on a real X server instead

The smoke test runs a copy of the bundle away from the checkout (so nothing can still be read
from it) with a journal home of its own:
1. the app starts offscreen on a demo journal, lists the demo clients, finds its cues, and
   ends with exit code 0 when asked to stop as a logout would (SIGTERM);
2. `Rapport report --overview` on that journal writes a PDF.
It prints how long the build took and how big the bundle is; exit code 0 when all held.
Standard library only, so any Python 3.11 can run it against a bundle.
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

HERE = Path(__file__).resolve().parent
DIST = HERE / "dist" / "Rapport"
APP = "Rapport.exe" if sys.platform == "win32" else "Rapport"
# A windowed .exe has no stdout on Windows; the spec adds a console twin for commands.
EXECUTABLE = "rapport-cli.exe" if sys.platform == "win32" else "Rapport"
PASSPHRASE = "a long enough smoke-test passphrase"
WAIT = 180  # seconds for the app to reach its cues, generous for a loaded CI machine


class SmokeFailed(Exception):
    """One line saying which step of the smoke test did not hold."""


@dataclass(frozen=True)
class Built:
    bundle: Path
    seconds: float
    size: int  # bytes on disk


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def build() -> Built:
    """Run packaging/build.sh (its own venv, PyInstaller included) and time it."""
    start = time.monotonic()
    done = subprocess.run(["bash", str(HERE / "build.sh")], capture_output=True, text=True)
    seconds = time.monotonic() - start
    if done.returncode != 0:
        raise SmokeFailed(f"build.sh failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return Built(DIST, seconds, folder_size(DIST))


def environment(home: Path, platform: str) -> dict[str, str]:
    """The bundle's environment: no Python or Rapport settings of the caller's, a journal home
    of its own and a keyring that never touches the real one."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "RAPPORT_", "VIRTUAL_ENV", "QT_"))
    }
    env.update(
        QT_QPA_PLATFORM=platform,
        RAPPORT_HOME=str(home),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        RAPPORT_PASSPHRASE=PASSPHRASE,
        RAPPORT_STARTUP_PROBE="1",  # the app prints its milestones (ui/startup_probe.py)
    )
    return env


def _milestones(app: subprocess.Popen[str]) -> tuple[queue.Queue[str], threading.Thread]:
    """The app's output lines, read as they come; "" once it has ended."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert app.stdout is not None
        for line in app.stdout:
            lines.put(line.strip())
        lines.put("")

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return lines, reader


def _wait_for_cues(lines: queue.Queue[str], app: subprocess.Popen[str], errors: IO[str]) -> int:
    """Wait for the "cues" milestone; the number of client rows shown before it."""
    clients = 0
    deadline = time.monotonic() + WAIT
    while True:
        try:
            line = lines.get(timeout=max(deadline - time.monotonic(), 0.1))
        except queue.Empty:
            raise SmokeFailed(f"the app did not reach its cues within {WAIT}s") from None
        if line == "":
            app.wait()
            errors.seek(0)
            raise SmokeFailed(f"the app ended before its cues: {errors.read()}")
        name, *figures = line.split()
        if name == "rows":
            clients = int(figures[-1])
        if name == "cues":
            return clients


def start_demo_app(executable: Path, home: Path, env: dict[str, str]) -> int:
    """Start the app on a demo journal, wait until its cues are in, stop it; the demo's
    number of clients. Raises SmokeFailed."""
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8") as errors,
        subprocess.Popen(
            [str(executable), "--demo", "--home", str(home)],
            stdout=subprocess.PIPE,
            stderr=errors,  # a file: a pipe nobody reads could fill and stall the app
            text=True,
            env=env,
        ) as app,
    ):
        lines, reader = _milestones(app)
        try:
            clients = _wait_for_cues(lines, app, errors)
            app.send_signal(signal.SIGTERM)
            code = app.wait(timeout=60)
        finally:
            if app.poll() is None:
                app.kill()
                app.wait()
            reader.join(timeout=10)
    if code != 0:
        raise SmokeFailed(f"the app exited with {code} when asked to stop")
    if clients == 0:
        raise SmokeFailed("the demo journal showed no clients")
    return clients


def smoke(bundle: Path, work: Path, platform: str = "offscreen") -> Path:
    """The smoke test of a built bundle; the overview PDF it made. Raises SmokeFailed."""
    home = work / "home"
    env = environment(home, platform)
    start_demo_app(bundle / APP, home, env)
    pdf = work / "overview.pdf"
    report = subprocess.run(
        [str(bundle / EXECUTABLE), "report", "--overview", "--out", str(pdf)],
        capture_output=True,
        text=True,
        env=env,
        timeout=WAIT,
    )
    if report.returncode != 0:
        raise SmokeFailed(f"report --overview exited with {report.returncode}: {report.stderr}")
    if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF-"):
        raise SmokeFailed("report --overview wrote no PDF")
    return pdf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, help="a built bundle folder; skips the build")
    parser.add_argument("--platform", default="offscreen", help="Qt platform (offscreen, xcb)")
    args = parser.parse_args(argv)
    try:
        if args.bundle is None:
            built = build()
            print(f"Built {built.bundle} ({built.size / 1e6:.0f} MB) in {built.seconds:.0f} s.")
            source = built.bundle
        else:
            source = args.bundle
        with tempfile.TemporaryDirectory(prefix="rapport-smoke-") as scratch:
            bundle = Path(scratch) / "Rapport"
            shutil.copytree(source, bundle, symlinks=True)
            pdf = smoke(bundle, Path(scratch), args.platform)
            print(f"Smoke test passed: the demo app started and stopped, {pdf.name} was made.")
    except SmokeFailed as exc:
        print(f"smoke_bundle: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
