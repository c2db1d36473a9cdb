"""A hybrid logical clock: physical time in milliseconds, a counter and the device.

Stamps are text that sorts in clock order, so a stamp is compared as a string. A device whose
clock runs minutes behind still stamps after every change it has seen (it takes the larger of
its own time and the newest stamp it read), so its edits are never ordered before what it
already knew.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

_COUNTER_LIMIT = 0xFFFF


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def stamp(wall: int, counter: int, device: str) -> str:
    return f"{wall:013d}.{counter:04x}.{device}"


def parse(text: str) -> tuple[int, int, str]:
    """(wall, counter, device) of a stamp; ValueError for anything else."""
    wall, counter, device = text.split(".", 2)
    if len(wall) != 13 or len(counter) != 4 or not device:
        raise ValueError(f"not a clock stamp: {text!r}")
    return int(wall), int(counter, 16), device


def device_of(text: str) -> str:
    return text.split(".", 2)[2]


def wall_of(text: str) -> int:
    return int(text.split(".", 1)[0])


@dataclass
class Clock:
    """This device's clock; `last` is the newest stamp it issued or saw."""

    device: str
    last: str = ""

    def _last(self) -> tuple[int, int]:
        if not self.last:
            return 0, 0
        wall, counter, _ = parse(self.last)
        return wall, counter

    def tick(self, physical: int | None = None) -> str:
        """A new stamp after everything seen; `physical`: when the write happened."""
        wall, counter = self._last()
        physical = now_ms() if physical is None else physical
        if physical > wall:
            wall, counter = physical, 0
        else:
            counter += 1
            if counter > _COUNTER_LIMIT:
                wall, counter = wall + 1, 0
        self.last = stamp(wall, counter, self.device)
        return self.last

    def see(self, other: str) -> None:
        """Move past a stamp read from another device."""
        if other > self.last:
            wall, counter, _ = parse(other)
            self.last = stamp(wall, counter, self.device)
