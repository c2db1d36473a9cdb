"""Cue explanations in words: the rules state the facts (journal.cues.messages), `render`
says them as one sentence in the journal's language.

Every sentence is a msgid of the catalogue with named placeholders, so Swedish (and any other
language) is a translation in resources/locale, not code. Users and tests rely on the English
wording: change a msgid only on purpose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from journal.cues.history import Contact
from journal.cues.messages import (
    ChannelMismatch,
    Conduct,
    Dread,
    Inconsistency,
    Message,
    MissedDeadlines,
    MoodDecline,
    Neglect,
    OverContact,
    Unanswered,
)
from journal.cues.speaker import Speaker
from journal.i18n import N_
from journal.values.vocabulary import CHANNEL_WORDS, SELF_CHECK_QUESTIONS, said

# How a reply on each channel came: "Ada last replied by phone on 2 March".
REPLIED = {
    "email": N_("%(first)s last replied by email on %(day)s"),
    "phone": N_("%(first)s last replied by phone on %(day)s"),
    "video": N_("%(first)s last replied by video on %(day)s"),
    "meeting": N_("%(first)s last replied in person on %(day)s"),
    "message": N_("%(first)s last replied by message on %(day)s"),
}
# The last two-way contact on each channel: "the last call got through on 2 March".
GOT_THROUGH = {
    "email": N_("your last email exchange was on %(day)s"),
    "phone": N_("the last call got through on %(day)s"),
    "video": N_("the last video call got through on %(day)s"),
    "meeting": N_("you last met in person on %(day)s"),
    "message": N_("your last message exchange was on %(day)s"),
}
# How to suggest a channel: "try a phone call".
SUGGEST = {
    "email": N_("an email"),
    "phone": N_("a phone call"),
    "video": N_("a video call"),
    "meeting": N_("meeting in person"),
    "message": N_("a text message"),
}
# A self-check question answered "no", as what the coach did: "you advised without asking".
SLIPS = {
    "asked_before_advising": N_("you advised without asking"),
    "full_attention": N_("your attention was elsewhere"),
    "opinion_only_when_asked": N_("you gave opinions nobody asked for"),
    "kept_my_word": N_("you did not do what you said you would"),
    "shared_what_i_know": N_("you held back what you know"),
}


def render(message: Message, lang: str, as_of: dt.datetime) -> str:
    """The explanation as one sentence; an unknown language falls back to English."""
    sentence: Callable[[Speaker, Any], str] = SENTENCES[message.key]
    return sentence(Speaker(as_of, lang), message)


def last_word(s: Speaker, first: str, contact: Contact | None) -> str:
    if contact is None:
        return s.gettext("nothing has come back from %(first)s yet") % {"first": first}
    values = {"first": first, "day": s.day(contact.at), "channel": contact.channel}
    if contact.direction == "in":
        replied = REPLIED.get(
            contact.channel, N_("%(first)s last replied by %(channel)s on %(day)s")
        )
        return s.gettext(replied) % values
    exchange = GOT_THROUGH.get(contact.channel, N_("your last %(channel)s exchange was on %(day)s"))
    return s.gettext(exchange) % values


def unanswered(s: Speaker, m: Unanswered) -> str:
    opening = s.gettext("%(attempts)s since %(day)s without a reply") % {
        "attempts": s.channel_counts(m.channels),
        "day": s.day(m.since),
    }
    if m.loop_closed is not None:
        closed = s.gettext(
            "%(opening)s; you closed the loop on %(day)s, so the next move is %(first)s's."
        )
        return closed % {"opening": opening, "day": s.day(m.loop_closed), "first": m.first_name}
    return f"{opening}; {last_word(s, m.first_name, m.last_reply)}."


def channel_mismatch(s: Speaker, m: ChannelMismatch) -> str:
    profile = ""
    if m.profile_says_channel:
        profile = s.gettext(" (the profile still says %(channel)s)") % {
            "channel": said(CHANNEL_WORDS, m.channel, s.lang)
        }
    working = s.noun(m.working, m.working_count)
    if m.working == "meeting":
        got_through = s.pgettext("meetings", "%(contacts)s got through") % {"contacts": working}
    else:
        got_through = s.gettext("%(contacts)s got through") % {"contacts": working}
    sentence = s.gettext(
        "%(attempts)s to %(first)s since %(day)s got no reply in time, while %(got_through)s; "
        "try %(suggestion)s%(profile)s."
    )
    return sentence % {
        "attempts": s.noun(m.channel, m.count),
        "first": m.first_name,
        "day": s.day(m.since),
        "got_through": got_through,
        "suggestion": s.gettext(SUGGEST[m.working]) if m.working in SUGGEST else m.working,
        "profile": profile,
    }


def neglect(s: Speaker, m: Neglect) -> str:
    if m.cadence:
        basis = s.gettext("against the agreed rhythm (%(rhythm)s)") % {
            "rhythm": s.rhythm(m.cadence)
        }
    else:
        basis = s.gettext("while the usual rhythm is about %(every)s") % {
            "every": s.every(m.usual or 0)
        }
    sentence = s.gettext(
        "No real contact with %(first)s for %(days)s (last on %(day)s), %(basis)s."
    )
    return sentence % {
        "first": m.first_name,
        "days": s.days(m.days),
        "day": s.day(m.last),
        "basis": basis,
    }


def over_contact(s: Speaker, m: OverContact) -> str:
    if m.ratio is None:
        comparison = s.gettext("with no earlier rhythm to compare")
    else:
        rounded = round(m.ratio)
        if rounded == 2:
            times = s.gettext("about twice")
        else:
            times = s.ngettext("about %(n)d time", "about %(n)d times", rounded) % {"n": rounded}
        if m.cadence:
            basis = s.gettext("what the agreed rhythm (%(rhythm)s) would bring") % {
                "rhythm": s.rhythm(m.cadence)
            }
        else:
            basis = s.gettext("%(first)s's usual rate") % {"first": m.first_name}
        comparison = f"{times} {basis}"
    n, window = m.count, m.window_days
    sentence = s.ngettext(
        "%(n)d message from %(first)s %(window)s (since %(day)s), %(comparison)s.",
        "%(n)d messages from %(first)s %(window)s (since %(day)s), %(comparison)s.",
        n,
    )
    return sentence % {
        "n": n,
        "first": m.first_name,
        "window": s.ngettext("in the last %(n)d day", "in the last %(n)d days", window)
        % {"n": window},
        "day": s.day(m.since),
        "comparison": comparison,
    }


def dread(s: Speaker, m: Dread) -> str:
    sentence = s.ngettext(
        "The last interaction with %(first)s felt bad%(feelings)s, since %(day)s.",
        "The last %(n)d interactions with %(first)s felt bad%(feelings)s, since %(day)s.",
        m.count,
    )
    return sentence % {
        "n": m.count,
        "first": m.first_name,
        "feelings": f" ({', '.join(s.emotion(e) for e in m.feelings)})" if m.feelings else "",
        "day": s.day(m.since),
    }


def mood_decline(s: Speaker, m: MoodDecline) -> str:
    sentence = s.ngettext(
        "How your contacts with %(first)s felt went down from %(start)s to %(end)s over the "
        "last %(n)d, since %(day)s.",
        "How your contacts with %(first)s felt went down from %(start)s to %(end)s over the "
        "last %(n)d, since %(day)s.",
        m.count,
    )
    return sentence % {
        "n": m.count,
        "first": m.first_name,
        "start": s.feeling(m.start),
        "end": s.feeling(m.end),
        "day": s.day(m.since),
    }


def missed_deadlines(s: Speaker, m: MissedDeadlines) -> str:
    who, (text, due), n = m.first_name, m.items[0], len(m.items)
    if n == 1:
        sentence = s.gettext("%(first)s has not done %(text)s, due %(day)s.")
        return sentence % {"first": who, "text": s.quoted(text), "day": s.day(due)}
    if n == 2:
        item = s.gettext("%(text)s (due %(day)s)")
        items = [item % {"text": s.quoted(t), "day": s.day(d)} for t, d in m.items]
        sentence = s.gettext("%(first)s has 2 commitments past due: %(items)s.")
        return sentence % {"first": who, "items": s.join(items)}
    sentence = s.ngettext(
        "%(first)s has %(n)d commitment past due since %(day)s, the oldest %(text)s.",
        "%(first)s has %(n)d commitments past due since %(day)s, the oldest %(text)s.",
        n,
    )
    return sentence % {"first": who, "n": n, "day": s.day(due), "text": s.quoted(text)}


def inconsistency(s: Speaker, m: Inconsistency) -> str:
    parts: list[str] = []
    if len(m.missed) == 1:
        text, days = m.missed[0]
        parts.append(
            s.gettext("%(text)s is %(days)s overdue")
            % {"text": s.quoted(text), "days": s.days(days)}
        )
    elif m.missed:
        n = len(m.missed)
        overdue = s.ngettext(
            "%(n)d of your commitments is overdue", "%(n)d of your commitments are overdue", n
        )
        parts.append(overdue % {"n": n})
    if len(m.late) == 1:
        text, days = m.late[0]
        parts.append(
            s.gettext("%(text)s came %(days)s late")
            % {"text": s.quoted(text), "days": s.days(days)}
        )
    elif m.late:
        n, values = len(m.late), {"n": len(m.late), "days": m.lookback_days}
        if m.missed:
            late = s.ngettext(
                "%(n)d other came late in the last %(days)d days",
                "%(n)d others came late in the last %(days)d days",
                n,
            )
        else:
            late = s.ngettext(
                "%(n)d of your commitments came late in the last %(days)d days",
                "%(n)d of your commitments came late in the last %(days)d days",
                n,
            )
        parts.append(late % values)
    if m.gaps:
        gaps = s.gettext("contact gaps of %(gaps)s days against the agreed rhythm (%(rhythm)s)")
        parts.append(
            gaps % {"gaps": s.join([str(g) for g in m.gaps]), "rhythm": s.rhythm(m.cadence or 0)}
        )
    if m.missed or m.late:
        sentence = s.gettext("Your own word slipped with %(first)s: %(parts)s.")
    else:
        sentence = s.gettext("Your contact rhythm swings with %(first)s: %(parts)s.")
    return sentence % {"first": m.first_name, "parts": s.join(parts)}


def conduct(s: Speaker, m: Conduct) -> str:
    question = dict(SELF_CHECK_QUESTIONS).get(m.question)
    slip = SLIPS.get(m.question)
    sentence = s.ngettext(
        "The question to work on with %(first)s is %(question)s: %(slip)s in %(count)d of the "
        "last %(window)d session, since %(since)s.",
        "The question to work on with %(first)s is %(question)s: %(slip)s in %(count)d of the "
        "last %(window)d sessions, since %(since)s.",
        m.window,
    )
    return sentence % {
        "first": m.first_name,
        "question": s.quoted(s.gettext(question) if question else m.question, 60),
        "slip": s.gettext(slip) if slip else m.question,
        "count": m.count,
        "window": m.window,
        "since": s.day(m.since),
    }


SENTENCES: dict[str, Callable[[Speaker, Any], str]] = {
    "unanswered": unanswered,
    "channel_mismatch": channel_mismatch,
    "neglect": neglect,
    "over_contact": over_contact,
    "dread": dread,
    "mood_decline": mood_decline,
    "missed_deadlines": missed_deadlines,
    "inconsistency": inconsistency,
    "conduct": conduct,
}
