"""The words on a report, in the journal's language (the `language` setting, else the system's).

Every label is a msgid of the catalogue (resources/locale/<lang>/LC_MESSAGES/rapport.po),
read through the catalogue of the report's language rather than the app's, so a report can be
written in the journal's language whatever the window speaks. Dates and numbers follow the
same language (journal.values.dates).
"""

from __future__ import annotations

import datetime as dt

from journal.i18n import N_, translation
from journal.values.dates import format_date, short_date, short_month_names, time_of_day
from journal.values.vocabulary import (
    DIRECTION_WORDS,
    FEELING_WORDS,
    SELF_CHECK_QUESTIONS,
    STATUS_WORDS,
)

WORDS: dict[str, str] = {
    "client_report": N_("Client report"),
    "accountability": N_("Accountability list"),
    "overview": N_("Practice overview"),
    "confidential": N_("Confidential"),
    "page": N_("page {n} of {m}"),
    "made": N_("Made with Rapport on {day}"),
    "by": N_("Prepared by {coach}"),
    "period": N_("{start} to {end}"),
    "profile": N_("Profile"),
    "project": N_("Project"),
    "status": N_("Status"),
    "email": N_("Email"),
    "phone": N_("Phone"),
    "preferred_channel": N_("Preferred channel"),
    "cadence": N_("Agreed rhythm"),
    "fit": N_("Fit"),
    "fit_value": N_("{n} of 5"),
    "notes": N_("Notes"),
    "chart": N_("Feeling over time"),
    "cues": N_("Cues"),
    "no_cues": N_("No open cues."),
    "since": N_("since {day}"),
    "evidence": N_("Evidence"),
    "suggested": N_("Suggested template: {name}"),
    "commitments": N_("Commitments"),
    "no_commitments": N_("No commitments in this period."),
    "who": N_("Who"),
    "what": N_("What"),
    "due": N_("Due"),
    "state": N_("State"),
    "self_check": N_("Self-check"),
    "self_check_none": N_("No self-check answers in this period."),
    "question": N_("Question"),
    "yes": N_("Yes"),
    "no": N_("No"),
    "interactions": N_("Interactions"),
    "no_interactions": N_("No interactions in this period."),
    "feeling": N_("felt {value}"),
    "awaits_reply": N_("awaits a reply"),
    "accountability_intro": N_(
        "What we agreed, who does it, and by when. "
        "Open items come first; below them, what was done recently."
    ),
    "open_items": N_("Open"),
    "done_items": N_("Done recently"),
    "nothing_open": N_("Nothing open, and nothing done in this period."),
    "no_open_items": N_("Nothing open."),
    "done_on": N_("done {day}"),
    "due_on": N_("due {day}"),
    "no_date": N_("no date"),
    "client": N_("Client"),
    "your_coach": N_("Your coach"),
    "health": N_("Health"),
    "last_contact": N_("Last contact"),
    "open_cues": N_("Open cues"),
    "due_soon": N_("Due in 7 days"),
    "overdue": N_("Overdue"),
    "never": N_("never"),
    "no_clients": N_("No current clients."),
    "cue_counts": N_("Cues that began in the period"),
    "kind": N_("Cue"),
    "count": N_("Count"),
    "contacts": N_("contacts"),
    "cues_axis": N_("cues"),
    "very_good": N_("very good"),
    "very_bad": N_("very bad"),
    "chart_empty": N_("Nothing recorded in this period."),
    "my_practice": N_("My practice"),
}
"""Every label by key; `Words` translates and fills it."""

CHOICES: dict[str, str] = {
    "email": N_("Email"),
    "phone": N_("Phone"),
    "video": N_("Video"),
    "meeting": N_("Meeting"),
    "message": N_("Message"),
    "me": N_("Me"),
    "client": N_("Client"),
    "open": N_("open"),
    "overdue": N_("overdue"),
    "done": N_("done"),
    "done_late": N_("done late"),
    "health_0": N_("steady"),
    "health_1": N_("note"),
    "health_2": N_("watch"),
    "health_3": N_("at risk"),
    "unanswered": N_("Unanswered messages"),
    "channel_mismatch": N_("Channel mismatch"),
    "neglect": N_("Neglect"),
    "inconsistency": N_("Inconsistency"),
    "missed_deadlines": N_("Missed deadlines"),
    "over_contact": N_("Over-contact"),
    "dread": N_("Dread"),
    "mood_decline": N_("Mood decline"),
    "conduct": N_("Conduct"),
    "info": N_("Info"),
    "warning": N_("Warning"),
    "critical": N_("Critical"),
}
"""Stored values as a report names them (the journal's vocabulary supplies the rest)."""
CHOICES.update(DIRECTION_WORDS)
CHOICES.update(STATUS_WORDS)
CHOICES.update(SELF_CHECK_QUESTIONS)


class Words:
    """Labels of one language; an unknown language falls back to English."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._catalogue = translation(language)
        self.months = short_month_names(language)

    def __call__(self, key: str, **values: object) -> str:
        return self._catalogue.gettext(WORDS[key]).format(**values)

    def choice(self, value: str) -> str:
        """A stored choice (channel, status, cue kind...) in words; unknown values as they are."""
        word = CHOICES.get(value)
        return self._catalogue.gettext(word) if word else value.replace("_", " ")

    def day(self, value: dt.date | None) -> str:
        """A day in a table: "3 Mar 2026" / "3 mar 2026"."""
        return short_date(value, self.language) if value else self("no_date")

    def long_day(self, value: dt.date) -> str:
        """A day in running text: "3 March 2026" / "3 mars 2026"."""
        return format_date(value, self.language)

    def moment(self, value: dt.datetime) -> str:
        return f"{short_date(value.date(), self.language)} {time_of_day(value)}"

    def feeling(self, value: int) -> str:
        """As the app says it (the timeline's "good"), not as it is stored (+1)."""
        word = FEELING_WORDS.get(value)
        return self._catalogue.gettext(word) if word else str(value)

    def interaction_count(self, n: int) -> str:
        return self._catalogue.ngettext("%(n)d interaction", "%(n)d interactions", n) % {"n": n}

    def self_check_summary(self, answered: int, interactions: int) -> str:
        text = self._catalogue.ngettext(
            "Answered after %(n)d of %(m)d interaction in the period.",
            "Answered after %(n)d of %(m)d interactions in the period.",
            interactions,
        )
        return text % {"n": answered, "m": interactions}

    def chart_help(self, days: int) -> str:
        text = self._catalogue.ngettext(
            "Points: how each interaction felt. Bars: interactions per day. "
            "Marks: when a cue began (a dot a note, a triangle attention, a diamond urgent).",
            "Points: how each interaction felt. Bars: interactions per %(n)d days. "
            "Marks: when a cue began (a dot a note, a triangle attention, a diamond urgent).",
            days,
        )
        return text % {"n": days}

    def overview_summary(self, clients: int, interactions: int) -> str:
        current = self._catalogue.ngettext(
            "%(n)d current client", "%(n)d current clients", clients
        ) % {"n": clients}
        counted = self._catalogue.ngettext(
            "%(n)d interaction in the period", "%(n)d interactions in the period", interactions
        ) % {"n": interactions}
        return self._catalogue.gettext("%(clients)s, %(interactions)s.") % {
            "clients": current,
            "interactions": counted,
        }
