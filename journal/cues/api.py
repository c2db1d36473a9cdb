"""The cue engine's journal-facing half: thresholds per client, cues from stored histories."""

import bisect
import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from journal import settings
from journal.cues.engine import cue_order, evaluate, required_days, sort_cues
from journal.cues.history import all_histories, history_of
from journal.cues.model import Cue
from journal.cues.state import load_holds, without_held
from journal.cues.thresholds import Thresholds, clean_override, merge
from journal.errors import UserInputError
from journal.i18n import _, language
from journal.settings import CUE_SETTINGS
from journal.store.models import Client, database
from journal.values import fields
from journal.values.dates import decimal
from journal.values.zones import zone_or_local

_SPECS = {spec.key: spec for spec in CUE_SETTINGS}


def _global_values() -> dict[str, Any]:
    return settings.get_all()


def thresholds_for(client: Client, global_values: dict[str, Any] | None = None) -> Thresholds:
    """The global thresholds with this client's overrides on top."""
    values = _global_values() if global_values is None else global_values
    return merge(values, client.cue_settings)


def cues_for_client(
    client: Client,
    as_of: dt.datetime,
    include_held: bool = False,
    lang: str | None = None,
    zone: dt.tzinfo | None = None,
) -> list[Cue]:
    """One client's cues as of a moment, worst first, without dismissed or snoozed ones
    unless `include_held` (state.hold_of tells which hold hides one). Explanations are in
    `lang`, by default the language spoken now; days in `zone`, by default the
    machine's (zones.local_zone)."""
    zone = zone_or_local(zone)
    as_of = as_of.astimezone(zone)  # its date is the coach's day (history reads it too)
    values = _global_values()
    thresholds = thresholds_for(client, values)
    with database.atomic("DEFERRED"):  # one read snapshot, no write lock
        history = history_of(client, as_of, required_days(thresholds))
        holds = load_holds(client.id)
    found = evaluate(history, thresholds, as_of, lang or language(), zone)
    return found if include_held else without_held(found, holds, as_of)


def all_cues(
    as_of: dt.datetime,
    include_held: bool = False,
    lang: str | None = None,
    zone: dt.tzinfo | None = None,
) -> list[Cue]:
    """Every client's cues as of a moment, worst first; a handful of queries in all.
    Explanations are in `lang`, by default the language spoken now; days in `zone`,
    by default the machine's (zones.local_zone)."""
    zone = zone_or_local(zone)
    as_of = as_of.astimezone(zone)  # its date is the coach's day (histories read it too)
    with database.atomic("DEFERRED"):  # one read snapshot, no write lock
        global_values = _global_values()
        overrides = [c.cue_settings for c in Client.select(Client.cue_settings) if c.cue_settings]
        days = max(required_days(merge(global_values, o)) for o in [{}, *overrides])
        histories = all_histories(as_of, days)
        holds = load_holds()
    found: list[Cue] = []
    for history in histories:
        thresholds = merge(global_values, history.overrides)
        spoken = lang or language()
        found.extend(evaluate(history, thresholds, as_of, spoken, zone))
    return sort_cues(found if include_held else without_held(found, holds, as_of))


def set_client_threshold(client: Client, key: str, value: Any) -> Client:
    """Override one threshold for one client (None removes the override); checked first."""
    set_client_thresholds(client, {key: value})
    return client


def set_client_thresholds(client: Client, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Override (a value) or reset to the global setting (None) several of one client's
    thresholds, all or nothing: every value is checked first and the first bad one named,
    then all are stored in one transaction. Returns each changed key's earlier override
    (None where it followed the global value): passed back in, it undoes the change."""
    cleaned = {}
    for key, value in changes.items():
        full = clean_override_key(key)
        cleaned[full] = None if value is None else _checked(full, value, fields.shown(value))
    overrides = dict(client.cue_settings or {})
    previous = {key: overrides.get(key) for key in cleaned}
    for key, value in cleaned.items():
        if value is None:
            overrides.pop(key, None)
        else:
            overrides[key] = value
    client.cue_settings = overrides
    with database.atomic():
        client.save()
    return previous


def clean_override_key(key: str) -> str:
    """A threshold key as typed (with or without the cue_ prefix) as its setting key; raises
    UserInputError listing the keys there are."""
    full = key if key.startswith("cue_") else f"cue_{key}"
    if full not in _SPECS:
        raise UserInputError(
            _("There is no warning-sign setting called %(key)r; the thresholds are: %(keys)s.")
            % {"key": key, "keys": ", ".join(_SPECS)}
        )
    return full


def allowed_values(key: str) -> str:
    """What a threshold accepts, in words: 'a whole number from 1 to 60'."""
    spec = _SPECS[clean_override_key(key)]
    bounds = {"low": decimal(spec.minimum or 0), "high": decimal(spec.maximum or 0)}
    if spec.type is int:
        return _("a whole number from %(low)s to %(high)s") % bounds
    if spec.type is float:
        return _("a number from %(low)s to %(high)s") % bounds
    return _("comma-separated words")


def parse_threshold(key: str, text: str) -> Any:
    """A threshold typed as text (the CLI's KEY=VALUE, the profile panel's fields), checked.
    The error names the setting, its key and what it accepts."""
    full = clean_override_key(key)
    spec = _SPECS[full]
    typed = text.strip()
    shown = fields.shown(typed) if typed else _("empty")
    try:
        if spec.type is int:
            return _checked(full, int(typed), shown)
        if spec.type is float:
            return _checked(full, float(typed.replace(",", ".")), shown)
    except ValueError:
        raise _refused(full, shown) from None
    return _checked(full, typed, shown)


def _checked(key: str, value: Any, shown: str) -> Any:
    if isinstance(value, float) and not math.isfinite(value):  # nan passes every comparison
        raise _refused(key, shown)
    try:
        return clean_override(key, value)
    except UserInputError:
        raise _refused(key, shown) from None


def _refused(key: str, shown: str) -> UserInputError:
    return UserInputError(
        _("%(key)s: %(label)s must be %(allowed)s, not %(shown)s.")
        % {
            "key": key,
            "label": _(_SPECS[key].label),
            "allowed": allowed_values(key),
            "shown": shown,
        }
    )


@dataclass(frozen=True)
class ClientThreshold:
    """One threshold as it applies to one client: the global value, the client's own value
    (None when it follows the global one) and what is in effect."""

    key: str
    label: str
    help: str
    global_value: Any
    own_value: Any
    allowed: str

    @property
    def value(self) -> Any:
        return self.global_value if self.own_value is None else self.own_value


def client_thresholds(client: Client) -> list[ClientThreshold]:
    """Every threshold for one client, in the settings' order. A stored override that no
    longer passes its check is shown as following the global value, as the rules treat it."""
    values = _global_values()
    overrides = client.cue_settings or {}
    rows = []
    for key, spec in _SPECS.items():
        own = overrides.get(key)
        if own is not None:
            try:
                own = clean_override(key, own)
            except UserInputError:
                own = None
        rows.append(
            ClientThreshold(key, spec.label, spec.help, values[key], own, allowed_values(key))
        )
    return rows


def with_fresh_cues(
    known: Iterable[Cue], client_ids: Iterable[int], as_of: dt.datetime
) -> list[Cue]:
    """`known` (worst first, as this function and `all_cues` return them) with the cues of
    `client_ids` recomputed, worst first: after a write that touched a few clients, the rest
    of the journal is not evaluated again, nor sorted again (the fresh cues are put in their
    places). A client deleted meanwhile has no cues."""
    wanted = set(client_ids)
    cues = [cue for cue in known if cue.client_id not in wanted]
    for client in Client.select().where(Client.id.in_(wanted)):
        for cue in cues_for_client(client, as_of):
            bisect.insort(cues, cue, key=cue_order)
    return cues
