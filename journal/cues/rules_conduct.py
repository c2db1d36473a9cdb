"""The coach's own conduct: the self-check answered the wrong way, again, with one client.

Every self-check question is asked so that "yes" is the right way (DOMAIN.md section 3: "did I
ask before advising?"), so a "no" is a slip. A question answered "no" in `conduct_min` of the
last `conduct_window` interactions that answered it is a pattern to work on, not a slip. An
interaction without a self-check, or without that question, neither adds nor clears.
"""

from __future__ import annotations

from journal.cues import messages as facts
from journal.cues.context import Context
from journal.cues.history import Contact
from journal.cues.model import Cue, Severity
from journal.values.vocabulary import SELF_CHECK_QUESTIONS


def conduct(ctx: Context) -> Cue | None:
    """The question with most "no" answers among its last answers, if there are enough; the
    first in the self-check's own order on a tie. Suggests no template: the work is the
    coach's."""
    t = ctx.thresholds
    recent: dict[str, list[tuple[Contact, bool]]] = {key: [] for key, _ in SELF_CHECK_QUESTIONS}
    for contact in reversed(ctx.contacts):  # newest first, only as far back as needed
        for key, yes in contact.self_check:
            answers = recent.get(key)
            if answers is not None and len(answers) < t.conduct_window:
                answers.append((contact, yes))
        if all(len(answers) >= t.conduct_window for answers in recent.values()):
            break
    worst: list[Contact] = []
    worst_key, looked_at = "", 0
    for key, answers in recent.items():
        wrong = [c for c, yes in reversed(answers) if not yes]
        if len(wrong) > len(worst):
            worst, worst_key, looked_at = wrong, key, len(answers)
    if len(worst) < t.conduct_min:
        return None
    severity = Severity.WARNING if len(worst) > t.conduct_min else Severity.INFO
    message = facts.Conduct(ctx.first_name, worst_key, len(worst), looked_at, worst[0].at)
    return ctx.cue("conduct", severity, worst[0].at, message, None, worst)
