"""The journal's tables as peewee models. The schema itself is built by migrations.py.

Timestamps are stored as UTC text of one fixed shape, so text order is time order and
indexes work; a naive datetime is refused rather than guessed at.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from typing import Any, TypeVar

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    Field,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    ModelSelect,
    TextField,
)

from journal.errors import UserInputError
from journal.i18n import N_, _

database = DatabaseProxy()


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


_UUID4_RANDOM = ~((0xF << 76) | (0x3 << 62)) & ((1 << 128) - 1)
_UUID4_MARKS = (0x4 << 76) | (0x2 << 62)
"""The bits of a random UUID that say its version (4) and its variant (RFC 4122)."""


def new_uid() -> str:
    """`uuid.uuid4().hex`, made without a UUID object: an import makes one for each record."""
    return f"{int.from_bytes(os.urandom(16)) & _UUID4_RANDOM | _UUID4_MARKS:032x}"


class UtcDateTimeField(Field):
    """A timezone-aware moment, stored as sortable UTC text."""

    field_type = "TEXT"

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            raise ValueError("moments must be timezone-aware datetimes")
        utc = value if value.tzinfo is dt.UTC else value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None).isoformat(" ", "microseconds")

    def python_value(self, value: Any) -> dt.datetime | None:
        if value is None:
            return None
        return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)

    @staticmethod
    def file_text(stored: str) -> str:
        """`python_value(stored).isoformat()` (microseconds only when not zero), by string
        operations on the one stored shape: an export turns every moment it writes into this."""
        if len(stored) == 26 and stored[19] == ".":
            if stored.endswith(".000000"):
                stored = stored[:19]
        elif len(stored) != 19:  # not the stored shape: the slow, sure way
            return dt.datetime.fromisoformat(stored).replace(tzinfo=dt.UTC).isoformat()
        return f"{stored[:10]}T{stored[11:]}+00:00"


_json_text = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
"""A stored JSON value's text (one encoder, not one made per value: an import stores many)."""


class JsonField(TextField):
    """Small structured values (emotion words, self-check answers, per-client settings)."""

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return _json_text(value)

    def python_value(self, value: Any) -> Any:
        if value is None:
            return None
        return json.loads(value)


class DaysField(FloatField):
    """A number of days that may be a half (3.5: twice a week); whole ones read back whole."""

    def python_value(self, value: Any) -> float | int | None:
        if value is None:
            return None
        days = float(value)
        return int(days) if days.is_integer() else days


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False
        # An update writes only the columns that changed, so the search index's triggers
        # (which fire on the columns they index) stay quiet on a tick or a feeling.
        only_save_dirty = True


class Client(BaseModel):
    id = AutoField()
    uid = CharField(unique=True, default=new_uid)
    name = TextField()
    email = TextField(default="")
    phone = TextField(default="")
    project = TextField(default="")
    preferred_channel = TextField(null=True)
    cadence_days = DaysField(null=True)
    status = TextField(default="active")
    fit = IntegerField(null=True)
    notes = TextField(default="")
    cue_settings = JsonField(default=dict)
    away = JsonField(default=list)
    created_at = UtcDateTimeField(default=utc_now)
    updated_at = UtcDateTimeField(default=utc_now)

    # Backrefs, added by the foreign keys below.
    interactions: ModelSelect[Interaction]
    commitments: ModelSelect[Commitment]
    cue_dismissals: ModelSelect[CueDismissal]
    drafts: ModelSelect[Draft]


class Interaction(BaseModel):
    id = AutoField()
    uid = CharField(unique=True, default=new_uid)
    client = ForeignKeyField(Client, backref="interactions", on_delete="CASCADE")
    client_id: int  # the foreign key's column, set by peewee
    at = UtcDateTimeField()
    channel = TextField()
    direction = TextField()
    summary = TextField()
    notes = TextField(default="")
    feeling = IntegerField(null=True)
    emotions = JsonField(default=list)
    awaits_reply = BooleanField(default=False)
    follow_up_on = DateField(null=True)
    self_check = JsonField(null=True)
    template = TextField(default="")  # the template id a logged message was made from
    created_at = UtcDateTimeField(default=utc_now)
    updated_at = UtcDateTimeField(default=utc_now)

    commitments: ModelSelect[Commitment]  # backref


class Commitment(BaseModel):
    id = AutoField()
    uid = CharField(unique=True, default=new_uid)
    client = ForeignKeyField(Client, backref="commitments", on_delete="CASCADE")
    client_id: int
    owner = TextField()
    text = TextField()
    due = DateField(null=True)
    done_on = DateField(null=True)
    interaction = ForeignKeyField(
        Interaction, null=True, backref="commitments", on_delete="SET NULL"
    )
    interaction_id: int | None
    created_at = UtcDateTimeField(default=utc_now)
    updated_at = UtcDateTimeField(default=utc_now)


class CueDismissal(BaseModel):
    """A cue the user dismissed (until new evidence) or snoozed (until a moment)."""

    id = AutoField()
    uid = CharField(unique=True, default=new_uid)
    client = ForeignKeyField(Client, backref="cue_dismissals", on_delete="CASCADE")
    client_id: int
    kind = TextField()
    evidence_key = TextField()
    snoozed_until = UtcDateTimeField(null=True)
    created_at = UtcDateTimeField(default=utc_now)


class Setting(BaseModel):
    key = TextField(primary_key=True)
    value = JsonField()


class Draft(BaseModel):
    """Unsaved capture text, autosaved so a crash never loses a word (journal/entries/drafts.py)."""

    key = TextField(primary_key=True)
    client = ForeignKeyField(Client, null=True, backref="drafts", on_delete="SET NULL")
    client_id: int | None
    payload = JsonField()
    updated_at = UtcDateTimeField(default=utc_now)


class UserTemplate(BaseModel):
    """A template the user wrote, or their edited version of a built-in one (same id and lang)."""

    id = AutoField()
    template_id = TextField()
    lang = TextField()
    title = TextField()
    subject = TextField()
    body = TextField()
    answers = JsonField(default=list)
    created_at = UtcDateTimeField(default=utc_now)
    updated_at = UtcDateTimeField(default=utc_now)


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Client,
    Interaction,
    Commitment,
    CueDismissal,
    Setting,
    Draft,
    UserTemplate,
)


M = TypeVar("M", bound=BaseModel)


GONE = {
    "Client": N_("That client is no longer in the journal; %(hint)s."),
    "Interaction": N_("That interaction is no longer in the journal; %(hint)s."),
    "Commitment": N_("That commitment is no longer in the journal; %(hint)s."),
}
"""What a coach reads when a record they picked has gone, by the record's model."""
GONE_OTHER = N_("That record is no longer in the journal; %(hint)s.")


def get_record(
    model: type[M],
    key: int | str,
    *,
    by: Field | None = None,
    hint: str = "",
) -> M:
    """One record by its id, or by another unique column (`by`, e.g. a uid). A record that is
    gone is said in one line naming what is missing, never as peewee's DoesNotExist."""
    column = model._meta.primary_key if by is None else by
    record: M | None = model.get_or_none(column == key)
    if record is None:
        raise UserInputError(
            _(GONE.get(model.__name__, GONE_OTHER))
            % {"hint": hint or _("it may have been deleted")}
        )
    return record


def as_tuples(query: ModelSelect[Any]) -> Iterator[tuple[Any, ...]]:
    """The rows of `query.tuples()`. peewee's stubs type `tuples()` as returning the query
    unchanged, whose rows would be model instances; this says what the rows really are."""
    return iter(query.tuples())
