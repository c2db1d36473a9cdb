"""The merge rules, pure: a record's state is, per field, the versions still standing.

A version is `[stamp, value, seen]`. Most fields keep one version: the newest stamp wins
(last writer wins), whatever order the versions arrive in. A field where two people's words
must never be dropped (notes, summaries) keeps every version no other version has seen:
`seen` is the newest stamp the writer had read from each device for that field, so a version
that had read another replaces it, and two that had not read each other both stand. What is
shown then is the newest, followed by each other one under a marker the coach can see.

The state of a record is a function of the set of versions it was given (never of their
order or grouping): merging is idempotent, commutative and associative. That is what lets
files arrive late, twice or in any order.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from journal.sync.clock import device_of, wall_of

Version = list[Any]  # [stamp, value, seen: dict[str, str] | None]
State = dict[str, list[Version]]

DELETED = "_deleted"
"""The pseudo-field of a record's life: False once made, True once deleted (a tombstone)."""


def dominates(newer: Version, older: Version) -> bool:
    """Had the writer of `newer` seen `older`? A device's later version always replaces its
    earlier one: it either read it, or wrote it in a sync that was killed before it
    committed, and then sent the same edit again."""
    device = device_of(older[0])
    if device_of(newer[0]) == device and newer[0] > older[0]:
        return True
    seen: dict[str, str] = newer[2] or {}
    return bool(seen.get(device, "") >= older[0])


def add_version(versions: list[Version], version: Version, keep_concurrent: bool) -> bool:
    """Merge one version into a field's standing versions, in place; True if they changed."""
    if any(standing[0] == version[0] for standing in versions):
        return False
    if not keep_concurrent:
        if versions and versions[0][0] >= version[0]:
            return False
        versions[:] = [version]
        return True
    if any(dominates(standing, version) for standing in versions):
        return False
    versions[:] = [v for v in versions if not dominates(version, v)] + [version]
    versions.sort(key=lambda v: v[0], reverse=True)
    return True


def knowledge(versions: list[Version]) -> dict[str, str]:
    """What a writer editing this field now has seen: every standing version and all they saw."""
    seen: dict[str, str] = {}
    for stamp, _value, their_seen in versions:
        for device, newest in [*(their_seen or {}).items(), (device_of(stamp), stamp)]:
            if newest > seen.get(device, ""):
                seen[device] = newest
    return seen


def marker(stamp: str) -> str:
    """The line above a concurrent version: a date and the device, no words to translate, so
    every device shows the same text whatever its language."""
    when = dt.datetime.fromtimestamp(wall_of(stamp) / 1000, dt.UTC)
    return f"<<<<<<< {when:%Y-%m-%d %H:%M} UTC · {device_of(stamp)} >>>>>>>"


def shown(versions: list[Version]) -> Any:
    """The value a field shows: the newest version, and any concurrent text under markers."""
    if not versions:
        return None
    newest = versions[0][1]
    others: list[Version] = []
    for version in versions[1:]:  # the same words written twice are shown once
        if version[1] != newest and all(version[1] != other[1] for other in others):
            others.append(version)
    if not others:
        return newest
    parts = [str(newest or "")]
    parts.extend(f"{marker(stamp)}\n{value or ''}" for stamp, value, _ in others)
    return "\n\n".join(parts)


def merge_change(state: State, change: dict[str, Any], concurrent: frozenset[str]) -> bool:
    """Merge one change (`h` stamp, `f` fields, `s` what its writer had seen per field) into
    a record's state; `concurrent`: the fields that keep concurrent versions."""
    changed = False
    seen: dict[str, dict[str, str]] = change.get("s") or {}
    for name, value in change["f"].items():
        version: Version = [change["h"], value, seen.get(name)]
        changed |= add_version(state.setdefault(name, []), version, name in concurrent)
    return changed


def alive(state: State) -> bool:
    """Made and not deleted since: a record whose making has not arrived yet is not shown."""
    life = state.get(DELETED) or []
    return bool(life) and life[0][1] is False


def newest_stamp(state: State) -> str:
    return max((v[0] for versions in state.values() for v in versions), default="")
