"""UUID v7 ids: version and variant right, increasing, reproducible from a seeded source."""

from __future__ import annotations

import random

from kcfield.domain.ids import IdFactory, new_id, uuid7_timestamp_ms


def test_version_variant_and_time() -> None:
    value = IdFactory(clock_ms=lambda: 1_700_000_000_123).new()
    assert value.version == 7
    assert value.variant == "specified in RFC 4122"
    assert uuid7_timestamp_ms(value) == 1_700_000_000_123
    assert new_id().version == 7


def test_ids_strictly_increase_within_one_millisecond() -> None:
    factory = IdFactory(clock_ms=lambda: 42)
    ids = [factory.new() for _ in range(10_000)]  # more than the 12-bit counter holds
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_clock_going_backwards_keeps_order() -> None:
    times = iter([1000, 1000, 999, 998, 1001])
    factory = IdFactory(clock_ms=lambda: next(times))
    ids = [factory.new() for _ in range(5)]
    assert ids == sorted(ids)


def test_same_seed_same_ids() -> None:
    def make(seed: int) -> list[str]:
        rng = random.Random(seed)
        factory = IdFactory(clock_ms=lambda: 5, random_bits=rng.getrandbits)
        return [str(factory.new()) for _ in range(5)]

    assert make(1) == make(1)
    assert make(1) != make(2)
