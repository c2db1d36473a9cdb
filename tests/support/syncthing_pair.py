"""Two real Syncthing instances and two Rapport devices, on the loopback only.

Run inside a private network namespace (tests/test_sync_syncthing.py starts it with
`unshare --net`): `python -m tests.support.syncthing_pair OUT`. It brings `lo` up, makes each
instance's config with `syncthing generate`, turns off everything that could reach beyond the
machine, checks every such setting in both configs before either instance starts, then syncs
two journals through the two replicated folders and measures. The result is JSON on stdout.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

OFF = {
    "globalAnnounceEnabled": "false",  # global discovery
    "localAnnounceEnabled": "false",  # local discovery
    "relaysEnabled": "false",
    "natEnabled": "false",  # UPnP / NAT-PMP
    "stunKeepaliveStartS": "0",  # STUN, the other half of NAT traversal
    "urAccepted": "-1",  # usage reporting declined
    "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0",
    "announceLANAddresses": "false",
    "startBrowser": "false",
}
LOOPBACK = "127.0.0.1"
FOLDER_ID = "rapport-sync"


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def generate(home: Path) -> str:
    """A new instance's keys and config; its device id."""
    _run("syncthing", "generate", f"--home={home}", "--no-default-folder", "--skip-port-probing")
    return _run("syncthing", f"--home={home}", "--device-id").strip()


def configure(home: Path, ports: tuple[int, int], peer: tuple[str, int], folder: Path) -> None:
    """Loopback only, nothing announced, relayed, reported or upgraded; one shared folder."""
    path = home / "config.xml"
    tree = ET.parse(path)
    root = tree.getroot()
    options = root.find("options")
    gui = root.find("gui")
    assert options is not None and gui is not None
    for name, value in OFF.items():
        node = options.find(name)
        if node is None:
            node = ET.SubElement(options, name)
        node.text = value
    for node in options.findall("listenAddress"):
        options.remove(node)
    ET.SubElement(options, "listenAddress").text = f"tcp://{LOOPBACK}:{ports[0]}"
    address = gui.find("address")
    assert address is not None
    address.text = f"{LOOPBACK}:{ports[1]}"
    own = root.find("device")
    assert own is not None
    own_id = own.get("id", "")
    own.find("address").text = f"tcp://{LOOPBACK}:{ports[0]}"  # type: ignore[union-attr]
    peer_node = ET.SubElement(root, "device", id=peer[0], name="peer", compression="metadata")
    ET.SubElement(peer_node, "address").text = f"tcp://{LOOPBACK}:{peer[1]}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".stfolder").mkdir(exist_ok=True)
    shared = ET.Element(
        "folder",
        id=FOLDER_ID,
        label="Rapport",
        path=str(folder),
        type="sendreceive",
        rescanIntervalS="60",
        fsWatcherEnabled="true",
        fsWatcherDelayS="1",
    )
    for device in (own_id, peer[0]):
        ET.SubElement(shared, "device", id=device)
    root.insert(0, shared)
    tree.write(path)


def problems(home: Path) -> list[str]:
    """Every setting that could let an instance reach beyond the loopback, checked."""
    root = ET.parse(home / "config.xml").getroot()
    found: list[str] = []
    options = root.find("options")
    assert options is not None
    for name, value in OFF.items():
        actual = options.findtext(name)
        if actual != value:
            found.append(f"{home.name}: {name} is {actual!r}, not {value!r}")
    for node in options.findall("listenAddress"):
        if not (node.text or "").startswith(f"tcp://{LOOPBACK}:"):
            found.append(f"{home.name}: listens on {node.text}")
    gui = root.findtext("gui/address") or ""
    if not gui.startswith(f"{LOOPBACK}:"):
        found.append(f"{home.name}: GUI on {gui}")
    for device in root.findall("device"):
        for address in device.findall("address"):
            if not (address.text or "").startswith(f"tcp://{LOOPBACK}:"):
                found.append(f"{home.name}: device {device.get('name')} at {address.text}")
    return found


def serve(home: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "STNOUPGRADE": "1", "STNODEFAULTFOLDER": "1", "HOME": str(home)}
    log = open(home / "syncthing.log", "wb")  # noqa: SIM115  # open for the process's life
    return subprocess.Popen(
        ["syncthing", "serve", f"--home={home}", "--no-browser", "--no-restart"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _wait(predicate: Any, timeout: float, what: str) -> float:
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"{what} did not happen within {timeout:.0f} s")
        time.sleep(0.05)
    return time.monotonic() - start


def measure(out: Path) -> dict[str, Any]:
    import keyring

    from journal.clients import create_client
    from journal.store.models import database
    from tests.support.keyrings import MemoryKeyring
    from tests.support.sync_devices import Device

    keyring.set_keyring(MemoryKeyring())
    laptop = Device(out / "laptop", out / "sync-a")
    desktop = Device(out / "desktop", out / "sync-b")
    with laptop.opened():
        create_client("Ada Lovelace")
    hex_key = laptop.start()
    _wait(  # Syncthing copies files in any order: the journal's description may come last
        lambda: (
            (out / "sync-b" / "rapport-journal.json").exists()
            and any((out / "sync-b").glob("*/c-*.rsc"))
        ),
        120,
        "the journal's description and first change file arriving",
    )
    desktop.join(hex_key)

    def phone(device: Device) -> str:
        with device.opened() as journal:
            return str(journal.db.execute_sql("SELECT phone FROM client").fetchone()[0])

    converge: list[float] = []
    for n in range(6):
        writer, reader = (laptop, desktop) if n % 2 == 0 else (desktop, laptop)
        with writer.opened() as journal:
            journal.db.execute_sql("UPDATE client SET phone = ?", (f"070-{n}",))
            start = time.monotonic()
            from journal.sync import service

            service.sync_now(journal)

        def arrived(reader: Device = reader, n: int = n) -> bool:
            reader.sync()
            return phone(reader) == f"070-{n}"

        _wait(arrived, 120, "an edit reaching the other device")
        converge.append(time.monotonic() - start)

    # Throughput: many changes in one file, merged on the other device.
    count = 2000
    with laptop.opened() as journal:
        with database.atomic():
            for i in range(count):
                create_client(f"Client {i:05d}", phone=f"{i}", notes=f"note {i}")
        service.sync_now(journal)
        seq = max(int(p.name[2:10]) for p in (out / "sync-a").glob("*/c-*.rsc"))
    name = f"c-{seq:08d}.rsc"
    source = next((out / "sync-a").glob(f"*/{name}"))
    target = out / "sync-b" / source.parent.name / name
    _wait(
        lambda: target.exists() and target.stat().st_size == source.stat().st_size,
        300,
        "the big change file arriving",
    )
    start = time.process_time()
    outcome = desktop.sync()
    cpu = time.process_time() - start
    return {
        "converge_s": [round(s, 2) for s in converge],
        "converge_median_s": round(statistics.median(converge), 2),
        "merged": outcome.merged,
        "merge_cpu_s": round(cpu, 2),
        "merged_per_s": round(outcome.merged / cpu) if cpu else None,
        "clients_on_desktop": len(desktop.dump()["client"]),
        "ciphertext_only": not any(
            b"Client 0" in p.read_bytes() for p in (out / "sync-b").rglob("*") if p.is_file()
        ),
    }


def main(out: Path) -> dict[str, Any]:
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    links = _run("ip", "-o", "link").splitlines()
    homes = [out / "st-a", out / "st-b"]
    ids = [generate(home) for home in homes]
    ports = [(22101, 28401), (22102, 28402)]
    for i, home in enumerate(homes):
        peer = 1 - i
        configure(home, ports[i], (ids[peer], ports[peer][0]), out / ("sync-a", "sync-b")[i])
    found = [p for home in homes for p in problems(home)]
    result: dict[str, Any] = {"links": len(links), "problems": found}
    if found or len(links) != 1:
        return result  # nothing starts with a setting that could leave the loopback
    processes = [serve(home) for home in homes]
    try:
        result.update(measure(out))
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
    return result


if __name__ == "__main__":
    target = Path(sys.argv[1])
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    print(json.dumps(main(target)))
