"""One declarative schema for every setting; the settings dialog and validation are built from it.

Values live in the journal's `setting` table (encrypted with everything else). The
warning-sign thresholds are part of the schema (group "Warning signs"); journal.cues.thresholds
reads them from here and lets a client override them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journal.errors import UserInputError
from journal.i18n import FOLLOW_SYSTEM, N_, _, resolve
from journal.store.models import Setting, database
from journal.values.away import clean_away
from journal.values.dates import decimal
from journal.values.vocabulary import LANGUAGES


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    type: type
    label: str
    help: str
    group: str = N_("General")
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    folder: bool = False
    """A folder's full path, or "" for none."""
    cleaner: Callable[[Any, str], Any] | None = None
    """A structured value's own check (a list of away periods), given the value and its place."""
    # `label`, `help` and `group` are msgids of the catalogue: show them with `_()`.

    def clean(self, value: Any, where: str = "") -> Any:
        """The value as stored, or UserInputError naming `where` (else the label)."""
        if self.cleaner is not None:
            return self.cleaner(value, where or self.key)
        name = {"name": where or _(self.label)}
        if self.type is bool:
            if not isinstance(value, bool):
                raise UserInputError(_("%(name)s: must be on or off.") % name)
            return value
        if self.type in (int, float):
            finite = not isinstance(value, float) or math.isfinite(value)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not finite:
                raise UserInputError(_("%(name)s: must be a number.") % name)
            value = self.type(value)
            if self.minimum is not None and value < self.minimum:
                raise UserInputError(
                    _("%(name)s: must be at least %(minimum)s.")
                    % {**name, "minimum": decimal(self.minimum)}
                )
            if self.maximum is not None and value > self.maximum:
                raise UserInputError(
                    _("%(name)s: must be at most %(maximum)s.")
                    % {**name, "maximum": decimal(self.maximum)}
                )
            return value
        if not isinstance(value, str):
            raise UserInputError(_("%(name)s: must be text.") % name)
        if self.choices and value not in self.choices:
            shown = ", ".join(choice if choice else repr(choice) for choice in self.choices)
            raise UserInputError(
                _("%(name)s: must be one of %(choices)s.") % {**name, "choices": shown}
            )
        return self._folder(value, name["name"]) if self.folder else value

    def _folder(self, value: str, name: str) -> str:
        value = value.strip()
        if not value:
            return ""
        path = Path(value).expanduser()
        if "\0" in value or not path.is_absolute():
            raise UserInputError(
                _(
                    "%(name)s: give the folder's full path (e.g. /Volumes/Backup/Rapport), "
                    "or leave it empty for none."
                )
                % {"name": name}
            )
        return str(path)


SCHEMA: list[SettingSpec] = [
    SettingSpec("my_name", "", str, N_("Your name"), N_("Signs templates and heads reports.")),
    SettingSpec(
        "signature", "", str, N_("Signature"), N_("Added under messages made from templates.")
    ),
    SettingSpec(
        "language",
        FOLLOW_SYSTEM,
        str,
        N_("Language"),
        N_(
            "The language of the app, the command line, templates, reports and warning-sign "
            "sentences. Empty: the system's language."
        ),
        choices=(FOLLOW_SYSTEM, *LANGUAGES),
    ),
    SettingSpec(
        "away",
        [],
        list,
        N_("Your away periods"),
        N_(
            "Your own vacations and conferences: no neglect, unanswered or inconsistency cue for "
            "any client while you are away, nor for the reply window after."
        ),
        cleaner=clean_away,
    ),
    SettingSpec(
        "ideal_client",
        "",
        str,
        N_("Ideal client"),
        N_("Who you serve best and why you fit them; rate each client's fit against it."),
    ),
    SettingSpec(
        "backup_folder",
        "",
        str,
        N_("Second backup folder"),
        N_(
            "Rapport's automatic, verified backups are also written here: an external drive or a "
            "synced cloud folder (they are encrypted with the journal's key). Empty: none."
        ),
        group=N_("Backups"),
        folder=True,
    ),
]

CUE_GROUP = N_("Warning signs")


def _spec(
    key: str, default: Any, kind: type, label: str, help: str, low: float, high: float
) -> SettingSpec:
    return SettingSpec(key, default, kind, label, help, group=CUE_GROUP, minimum=low, maximum=high)


CUE_SETTINGS: list[SettingSpec] = [
    _spec(
        "cue_reply_window_days",
        3,
        int,
        N_("Reply window (days)"),
        N_("An outgoing message that awaits a reply counts as unanswered after this many days."),
        1,
        60,
    ),
    _spec(
        "cue_closing_loop_after",
        3,
        int,
        N_("Unanswered before closing the loop"),
        N_(
            "From this many unanswered messages in a row the cue is critical and suggests a "
            "closing-the-loop message."
        ),
        2,
        20,
    ),
    _spec(
        "cue_channel_mismatch_min",
        3,
        int,
        N_("Ignored messages on one channel"),
        N_(
            "Unanswered messages on one channel, while another channel gets through, before "
            "suggesting a switch."
        ),
        2,
        20,
    ),
    _spec(
        "cue_neglect_tolerance",
        1.5,
        float,
        N_("Neglect tolerance (times the agreed rhythm)"),
        N_("A gap in real contact longer than the agreed cadence times this raises neglect."),
        1.0,
        10.0,
    ),
    _spec(
        "cue_usual_rhythm_tolerance",
        2.5,
        float,
        N_("Neglect tolerance without an agreed rhythm"),
        N_(
            "With no agreed cadence, a gap longer than the client's usual rhythm times this "
            "raises neglect."
        ),
        1.2,
        10.0,
    ),
    _spec(
        "cue_rhythm_swing",
        2.5,
        float,
        N_("Rhythm swing (times the agreed rhythm)"),
        N_(
            "Two or more gaps this much longer than the agreed cadence, within the look-back, "
            "count as an inconsistent rhythm."
        ),
        1.5,
        10.0,
    ),
    _spec(
        "cue_lookback_days",
        60,
        int,
        N_("Look-back (days)"),
        N_("How far back channel and consistency cues look."),
        14,
        365,
    ),
    _spec(
        "cue_deadline_grace_days",
        0,
        int,
        N_("Grace for deadlines (days)"),
        N_("A commitment counts as missed this many days after its due date."),
        0,
        30,
    ),
    _spec(
        "cue_over_contact_window_days",
        14,
        int,
        N_("Over-contact window (days)"),
        N_("The window in which incoming messages are counted."),
        3,
        60,
    ),
    _spec(
        "cue_over_contact_min",
        8,
        int,
        N_("Over-contact: at least this many messages"),
        N_("Fewer incoming messages in the window never count as over-contact."),
        3,
        200,
    ),
    _spec(
        "cue_over_contact_factor",
        3.0,
        float,
        N_("Over-contact: times the usual rate"),
        N_("Incoming messages must exceed the agreed or usual rate by this factor."),
        1.5,
        20.0,
    ),
    _spec(
        "cue_dread_streak",
        3,
        int,
        N_("Bad interactions in a row"),
        N_("This many interactions in a row that felt bad raise the dread cue."),
        2,
        20,
    ),
    _spec(
        "cue_mood_window",
        6,
        int,
        N_("Mood trend: interactions looked at"),
        N_("How many recent interactions with a recorded feeling the mood trend uses."),
        4,
        30,
    ),
    _spec(
        "cue_mood_drop",
        1.0,
        float,
        N_("Mood trend: drop that counts"),
        N_("How far the average feeling must fall (on the -2 to 2 scale) to raise mood decline."),
        0.5,
        4.0,
    ),
    _spec(
        "cue_conduct_min",
        3,
        int,
        N_("Self-check: answers the wrong way"),
        N_(
            "This many self-check answers the wrong way on one question, with one client, raise "
            "the conduct cue."
        ),
        2,
        30,
    ),
    _spec(
        "cue_conduct_window",
        5,
        int,
        N_("Self-check: sessions looked at"),
        N_("How many of the last interactions with that question answered the conduct cue reads."),
        2,
        30,
    ),
]
# The dread words are text, so they get the default type check only.
CUE_SETTINGS.append(
    SettingSpec(
        "cue_dread_words",
        "dread, drained, exhausted, resentful",
        str,
        N_("Words that mean dread"),
        N_("Comma-separated emotion words that make an interaction count as bad."),
        group=CUE_GROUP,
    )
)

SCHEMA += CUE_SETTINGS


def spec(key: str) -> SettingSpec:
    for item in SCHEMA:
        if item.key == key:
            return item
    raise UserInputError(_("There is no setting called %(key)r.") % {"key": key})


def get(key: str) -> Any:
    item = spec(key)
    row = Setting.get_or_none(Setting.key == key)
    return item.default if row is None else row.value


def journal_language() -> str:
    """The language this journal speaks: its `language` setting, else the system's."""
    return resolve(str(get("language") or FOLLOW_SYSTEM))


def get_all() -> dict[str, Any]:
    stored = {row.key: row.value for row in Setting.select()}
    return {item.key: stored.get(item.key, item.default) for item in SCHEMA}


def set_value(key: str, value: Any) -> Any:
    return set_values({key: value})[key]


def set_values(values: dict[str, Any]) -> dict[str, Any]:
    """Store several settings all or nothing: every value is checked first (the first bad one
    is named, nothing is stored), then all are written in one transaction. Returns the
    cleaned values."""
    cleaned = {key: spec(key).clean(value) for key, value in values.items()}
    with database.atomic():
        for key, value in cleaned.items():
            Setting.insert(key=key, value=value).on_conflict_replace().execute()
    return cleaned


def stored() -> dict[str, Any]:
    """The settings this journal holds a value for, in schema order, as an export carries
    them: only keys of the schema (the table also keeps records about this journal's key,
    which never travel), and only values that still pass their check (the default stands in
    for one that does not)."""
    rows = {row.key: row.value for row in Setting.select()}
    kept = {}
    for item in SCHEMA:
        if item.key in rows:
            try:
                kept[item.key] = item.clean(rows[item.key])
            except UserInputError:
                continue
    return kept


def reset(key: str) -> None:
    spec(key)
    with database.atomic():
        Setting.delete().where(Setting.key == key).execute()
