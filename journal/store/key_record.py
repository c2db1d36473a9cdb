"""key.json, beside the journal: how its key is kept (a keyring entry or a passphrase).
It holds no secret.
The app reads it before the window to know whether a passphrase must be asked for first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from journal.errors import JournalUnavailable
from journal.i18n import _
from journal.store.atomic import write_text_atomic
from journal.store.home import key_record_path


@dataclass(frozen=True)
class KeyRecord:
    """Written beside the journal: how its key is kept. Holds no secret."""

    mode: str  # "keyring" or "passphrase"
    backend: str = ""
    account: str = ""

    def to_json(self) -> str:
        return json.dumps(
            {"mode": self.mode, "backend": self.backend, "account": self.account}, indent=2
        )


def save_key_record(home: Path, record: KeyRecord) -> None:
    write_text_atomic(key_record_path(home), record.to_json() + "\n")


def load_key_record(home: Path) -> KeyRecord | None:
    path = key_record_path(home)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise JournalUnavailable(
            _("The key record %(path)s is unreadable (%(exc)s); restore it from a backup.")
            % {"path": path, "exc": exc}
        ) from exc
    if not isinstance(data, dict) or data.get("mode") not in ("keyring", "passphrase"):
        raise JournalUnavailable(
            _("The key record %(path)s is damaged; restore it from a backup.") % {"path": path}
        )
    return KeyRecord(
        mode=data["mode"],
        backend=str(data.get("backend", "")),
        account=str(data.get("account", "")),
    )
