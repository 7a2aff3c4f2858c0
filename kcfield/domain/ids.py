"""UUID version 7 identifiers (RFC 9562): time-ordered, made on the device that creates the record.

Python 3.11 has no ``uuid.uuid7``. We make them here rather than add a dependency because demo data must be
reproducible from a seed: the factory takes its clock and its random source, so the same seed gives the same
ids. Ids from one factory are strictly increasing even within one millisecond (a 12-bit counter in rand_a,
RFC 9562 method 1), so records sort by creation order.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from uuid import UUID

_VERSION = 7
_VARIANT = 0b10


class IdFactory:
    def __init__(
        self,
        clock_ms: Callable[[], int] | None = None,
        random_bits: Callable[[int], int] | None = None,
    ) -> None:
        self._clock_ms = clock_ms or (lambda: time.time_ns() // 1_000_000)
        self._random_bits = random_bits or (lambda n: int.from_bytes(os.urandom((n + 7) // 8), "big") >> (-n % 8))
        self._last_ms = -1
        self._counter = 0

    def new(self) -> UUID:
        ms = self._clock_ms()
        if ms > self._last_ms:
            self._last_ms = ms
            self._counter = self._random_bits(11)  # leave headroom so the counter rarely overflows
        else:
            self._counter += 1
            if self._counter > 0xFFF:  # counter exhausted: borrow the next millisecond
                self._last_ms += 1
                self._counter = self._random_bits(11)
        unix_ms = self._last_ms & ((1 << 48) - 1)
        rand_b = self._random_bits(62)
        value = (unix_ms << 80) | (_VERSION << 76) | (self._counter << 64) | (_VARIANT << 62) | rand_b
        return UUID(int=value)


_default = IdFactory()


def new_id() -> UUID:
    return _default.new()


def uuid7_timestamp_ms(value: UUID) -> int:
    return value.int >> 80
