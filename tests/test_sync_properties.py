"""Any interleaving of edits and a delete on three devices, delivered in any order and
grouping (some files half-arrived first, some twice as an engine's conflict copy), converges
to one journal; a delete wins over edits that had not seen it, and no edit is lost unless a
device that had seen it wrote over it."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.clients import create_client, delete_client, find_client, update_client
from journal.store.models import Client
from tests.support.sync_devices import Device

CLIENTS = ("Ada", "Bo")
FIELDS = ("notes", "phone")  # notes keep concurrent versions; phone: the last writer wins

edit = st.tuples(
    st.just("edit"), st.integers(0, 2), st.sampled_from(CLIENTS), st.sampled_from(FIELDS)
)
sync = st.tuples(st.just("sync"), st.integers(0, 2))
deliver = st.tuples(
    st.just("deliver"),
    st.integers(0, 2),
    st.integers(0, 2),
    st.lists(st.integers(0, 30), max_size=6),
    st.sampled_from(["whole", "torn", "copy"]),
)
delete = st.tuples(st.just("delete"), st.integers(0, 2))  # Bo, on that device
operations = st.lists(st.one_of(edit, sync, deliver, delete), min_size=1, max_size=18)


@dataclass
class Edit:
    token: str
    where: tuple[str, str]  # client, field
    over: set[str]  # the edits its device had seen of that field


@dataclass
class Model:
    """What each device has seen, to tell which edits must still stand."""

    edits: list[Edit] = field(default_factory=list)
    pending: list[list[str]] = field(default_factory=lambda: [[], [], []])
    known: list[set[str]] = field(default_factory=lambda: [set(), set(), set()])
    in_file: dict[str, set[str]] = field(default_factory=dict)

    def of(self, token: str) -> Edit:
        return next(e for e in self.edits if e.token == token)

    def standing(self, where: tuple[str, str]) -> set[str]:
        edits = [e for e in self.edits if e.where == where]
        over = set().union(*(e.over for e in edits)) if edits else set()
        return {e.token for e in edits} - over


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*/[cs]-*.rsc"))


def _run(tmp_path: Path, ops: list[tuple[object, ...]]) -> None:
    folders = [tmp_path / f"folder{i}" for i in range(3)]
    devices = [Device(tmp_path / f"home{i}", folders[i]) for i in range(3)]
    with devices[0].opened():
        for name in CLIENTS:
            create_client(name)
    hex_key = devices[0].start()
    for i in (1, 2):
        shutil.copytree(folders[0], folders[i])
        devices[i].join(hex_key)
    model = Model()
    count = 0
    deleted = False

    owners = {devices[i].device_id: folders[i] for i in range(3)}

    def canonical(path: Path) -> Path:
        """The owner's own copy of a file (an engine's conflict copy names it too)."""
        return owners[path.parent.name] / path.parent.name / f"{path.name[:10]}.rsc"

    def whole(path: Path) -> bool:
        source = canonical(path)
        return source.exists() and source.read_bytes() == path.read_bytes()

    def do_sync(i: int) -> None:
        before = set(_files(folders[i]))
        devices[i].sync()
        for new in set(_files(folders[i])) - before:
            model.in_file[str(canonical(new))] = set(model.pending[i])
        model.pending[i] = []
        for path in _files(folders[i]):  # every whole file here has been read now
            if whole(path):
                model.known[i] |= model.in_file.get(str(canonical(path)), set())

    for op in ops:
        if op[0] == "delete":
            assert isinstance(op[1], int)
            with devices[op[1]].opened():
                if _here("Bo"):
                    delete_client(find_client("Bo"))
                    deleted = True
        elif op[0] == "edit":
            _, i, client, name = op
            assert isinstance(i, int)
            with devices[i].opened():
                if not _here(str(client)):
                    continue  # deleted on this device: nothing to edit
            count += 1
            token = f"t{count}"
            seen = {e.token for e in model.edits if e.where == (client, name)}
            over = {t for t in seen if t in model.known[i]}
            model.edits.append(Edit(token, (str(client), str(name)), over))
            model.known[i].add(token)
            model.pending[i].append(token)
            with devices[i].opened():
                update_client(find_client(str(client)), **{str(name): token})
        elif op[0] == "sync":
            assert isinstance(op[1], int)
            do_sync(op[1])
        else:
            _, src, dst, picks, how = op
            assert isinstance(src, int) and isinstance(dst, int) and isinstance(picks, list)
            files = _files(folders[src])
            for pick in picks:
                if not files or src == dst:
                    break
                path = files[pick % len(files)]
                target = folders[dst] / path.parent.name / path.name
                target.parent.mkdir(exist_ok=True)
                data = path.read_bytes()
                if how == "torn":
                    if not target.exists():
                        target.write_bytes(data[: len(data) // 2])
                elif how == "copy":
                    stem = path.name.removesuffix(".rsc")
                    copy = f"{stem}.sync-conflict-20261207-101010-ABCDEFG.rsc"
                    (target.parent / copy).write_bytes(data)
                else:
                    target.write_bytes(data)

    # Everything arrives everywhere, whole, and everyone syncs until nothing is left to read.
    for _round in range(3):
        for i in range(3):
            do_sync(i)
        for device, owner in owners.items():
            for path in sorted((owner / device).glob("[cs]-*.rsc")):
                for folder in folders:
                    if folder != owner:
                        (folder / device).mkdir(exist_ok=True)
                        shutil.copyfile(path, folder / device / path.name)
    dumps = [d.dump() for d in devices]
    assert dumps[0] == dumps[1] == dumps[2]
    with devices[0].opened():
        assert _here("Bo") is not deleted  # a delete wins over edits that had not seen it
        for client in CLIENTS:
            if not _here(client):
                continue
            row = find_client(client)
            for name in FIELDS:
                standing = model.standing((client, name))
                value = getattr(row, name)
                if name == "notes":
                    shown = {t for t in (e.token for e in model.edits) if _has(value, t)}
                    assert shown == standing, (client, value, standing)
                else:
                    assert value in standing or (not standing and value == ""), (value, standing)


def _here(name: str) -> bool:
    return Client.select().where(Client.name == name).exists()


def _has(text: str, token: str) -> bool:
    return token in text.replace("\n", " ").split(" ") or text == token


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=operations)
def test_any_delivery_converges_and_keeps_every_unseen_edit(tmp_path_factory, ops) -> None:  # type: ignore[no-untyped-def]
    _run(tmp_path_factory.mktemp("sync"), ops)
