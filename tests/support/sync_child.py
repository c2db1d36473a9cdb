"""A device in its own process, for the kill tests: `python -m tests.support.sync_child
COMMAND HOME FOLDER [ARG]`. Each line it prints is an acknowledgement: what it printed was
done and committed before the line was written."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from journal.clients import create_client
from journal.store.database import open_journal
from journal.store.recovery import raw_key_hex
from journal.store.secrets import recovered_key
from journal.sync import service
from tests.support.sync_devices import dump


def main(command: str, home: Path, folder: Path, arg: str = "") -> None:
    if command == "start":
        journal = open_journal(home)
        service.set_up(journal, folder)
        print(raw_key_hex(journal.key), flush=True)
        journal.close()
    elif command == "join":
        service.join_in_place(home, folder, recovered_key(arg))
    elif command == "make":  # a new journal, as the app's first start makes; ARG: a client
        journal = open_journal(home)
        if arg:
            create_client(arg)
        journal.close()
    elif command == "join-in-place":  # over the journal already in HOME
        print("aside", service.join_in_place(home, folder, recovered_key(arg)), flush=True)
    elif command == "save-and-sync":  # saves and syncs until killed
        number = int(arg)
        while True:
            journal = open_journal(home)
            create_client(f"Client {number}")
            print(f"saved {number}", flush=True)
            service.sync_now(journal)
            print("synced", flush=True)
            journal.close()
            number += 1
    elif command == "sync":  # syncs until killed, or once with arg "once"
        while True:
            journal = open_journal(home)
            service.sync_now(journal)
            print("synced", flush=True)
            journal.close()
            if arg == "once":
                break
    elif command == "dump":
        journal = open_journal(home)
        print(json.dumps({"problems": journal.problems(), "dump": dump(journal)}), flush=True)
        journal.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), *sys.argv[4:])
