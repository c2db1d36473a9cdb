"""Two real Syncthing instances (Debian's package) replicate the sync folder between two
journal homes, inside a private network namespace that has only the loopback. Every setting
that could reach beyond it is off, and checked in both configs before either starts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.keyring_journal import ROOT


def _namespace_refusal() -> str:
    """Why no private network namespace can be made here, or ""."""
    if shutil.which("syncthing") is None:
        return "syncthing is not installed (.ci/run installs Debian's package as root)"
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return "unshare or ip is missing"
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        return "a private network namespace needs root (unshare --net)"
    probe = subprocess.run(["unshare", "--net", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"unshare --net fails here: {probe.stderr.strip()}"
    return ""


@pytest.mark.slow
def test_two_syncthing_instances_on_the_loopback_sync_two_journals(tmp_path: Path) -> None:
    refusal = _namespace_refusal()
    if refusal:
        pytest.skip(refusal)
    done = subprocess.run(
        ["unshare", "--net", sys.executable, "-m", "tests.support.syncthing_pair", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["links"] == 1  # the namespace has the loopback and nothing else
    assert result["problems"] == []
    assert len(result["converge_s"]) == 6  # edits went both ways, three times each
    assert result["merged"] == 2000  # one change per new client, every field in it
    assert result["clients_on_desktop"] == 2001
    assert result["ciphertext_only"]
    print(json.dumps(result))


def test_the_check_refuses_a_config_as_syncthing_generates_it(tmp_path: Path) -> None:
    if shutil.which("syncthing") is None:
        pytest.skip("syncthing is not installed (.ci/run installs Debian's package as root)")
    from tests.support.syncthing_pair import configure, generate, problems

    home = tmp_path / "st"
    generate(home)
    found = " ".join(problems(home))
    for setting in ("globalAnnounceEnabled", "localAnnounceEnabled", "relaysEnabled"):
        assert setting in found
    for setting in ("natEnabled", "urAccepted", "crashReportingEnabled", "autoUpgradeIntervalH"):
        assert setting in found
    assert "listens on default" in found and "at dynamic" in found
    configure(home, (22101, 28401), ("PEER", 22102), tmp_path / "folder")
    assert problems(home) == []
