"""Where sync stands, in words: one home for the CLI's `--status`, the status bar and
Preferences."""

from __future__ import annotations

import datetime as dt

from journal.i18n import _, language, ngettext
from journal.sync.engine import Outcome
from journal.sync.service import Status
from journal.values.dates import date_and_time
from journal.values.zones import local_zone


def moment(ms: int) -> str:
    """A time in milliseconds since the epoch, as the coach reads times; "never" for 0."""
    if not ms:
        return _("never")
    when = dt.datetime.fromtimestamp(ms / 1000, dt.UTC).astimezone(local_zone())
    return date_and_time(when, language())


def pending(status: Status) -> str:
    return ngettext(
        "%(n)d change waits to be sent", "%(n)d changes wait to be sent", status.pending
    ) % {"n": status.pending}


def summary(status: Status) -> str:
    """One line for a status bar."""
    if not status.folder:
        return _("Sync is not set up")
    if not status.reachable:
        return _("Sync folder not reachable; changes wait here")
    devices = len(status.devices)
    return _("Synced {when} · {devices} · {pending}").format(
        when=moment(status.last_sync),
        devices=ngettext("%(n)d other device", "%(n)d other devices", devices) % {"n": devices},
        pending=ngettext("%(n)d change to send", "%(n)d changes to send", status.pending)
        % {"n": status.pending},
    )


def status_lines(status: Status) -> list[str]:
    if not status.folder:
        return [_("Sync is not set up; start it with `rapport sync --folder DIR`.")]
    lines = [
        _("Folder: {folder}").format(folder=status.folder),
        _("This device: {device}").format(device=status.device),
        _("Last sync: {when}").format(when=moment(status.last_sync)),
        pending(status),
    ]
    if not status.reachable:
        lines.append(_("The folder is not reachable now; nothing is lost."))
    if status.waiting:
        lines.append(
            ngettext(
                "%(n)d file from other devices has not fully arrived yet",
                "%(n)d files from other devices have not fully arrived yet",
                status.waiting,
            )
            % {"n": status.waiting}
        )
    for device in status.devices:
        lines.append(
            _("Device {device} ({label}): last synced {when}").format(
                device=device["device"], label=device["label"] or "?", when=moment(device["at"])
            )
        )
    return lines


def outcome_line(outcome: Outcome) -> str:
    sent = ngettext("sent %(n)d change", "sent %(n)d changes", outcome.sent) % {"n": outcome.sent}
    merged = ngettext("merged %(n)d change", "merged %(n)d changes", outcome.merged) % {
        "n": outcome.merged
    }
    return _("Synced: {sent}, {merged}.").format(sent=sent, merged=merged)
