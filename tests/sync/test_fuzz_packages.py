"""Mutated packages against the reader and the centre importer: the short run of scripts/fuzz_packages.py.

Every refusal must carry a code of the message catalogue and leave the centre unchanged; nothing else may be
raised. The long run (10,000 cases) is ``python scripts/fuzz_packages.py --cases 10000``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kcfield.centre.db import CentreDatabase, open_centre
from kcfield.centre.setup import init_centre
from tests.centre.conftest import PostgresServer
from tests.sync.fuzzing import LEVELS, Fuzzer, Report

SEED = 2026


@pytest.fixture(scope="module")
def sqlite_centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CentreDatabase, Path]]:
    folder = tmp_path_factory.mktemp("fuzz-centre")
    init_centre(None, folder)
    db = open_centre(None, folder)
    yield db, folder / "centre-key.pem"
    db.close()


@pytest.fixture
def postgres_centre(postgres_url: str, tmp_path: Path) -> Iterator[tuple[CentreDatabase, Path]]:
    server = PostgresServer(postgres_url)
    url = server.create()
    key = tmp_path / "keys" / "centre-key.pem"
    try:
        init_centre(url, None, key)
        db = open_centre(url)
        try:
            yield db, key
        finally:
            db.close()
    finally:
        server.drop(url)
        server.close()


def _fuzz(centre: tuple[CentreDatabase, Path], work: Path, cases: int, seed: int) -> Report:
    db, key = centre
    fuzzer = Fuzzer(db, key, work, seed=seed, snapshot_every=cases // 3)
    fuzzer.seed_centre()
    return fuzzer.run(cases, progress_every=0)


def _check(report: Report, cases: int) -> None:
    assert report.ok, "\n".join(report.lines())
    assert report.cases == cases
    assert report.snapshots > 0 and report.invariant_checks > 1
    for level in LEVELS:
        outcomes = report.outcomes[level]
        assert sum(outcomes.values()) == cases // len(LEVELS), level
        assert any(name.startswith("rejected") for name in outcomes), (level, outcomes)
    # Semantic cases get past every check often enough to reach the merge and materialisation code.
    deep = report.outcomes["c"]
    assert sum(count for name, count in deep.items() if name.startswith("applied")) >= cases // 30, deep


def test_mutated_packages_are_refused_cleanly_or_applied_on_sqlite(
    sqlite_centre: tuple[CentreDatabase, Path], tmp_path: Path
) -> None:
    report = _fuzz(sqlite_centre, tmp_path / "run", 300, SEED)
    _check(report, 300)


@pytest.mark.postgres
def test_mutated_packages_are_refused_cleanly_or_applied_on_postgresql(
    postgres_centre: tuple[CentreDatabase, Path], tmp_path: Path
) -> None:
    report = _fuzz(postgres_centre, tmp_path / "run", 90, SEED + 1)
    _check(report, 90)


def test_a_failure_keeps_the_package_and_names_the_case_to_replay(
    sqlite_centre: tuple[CentreDatabase, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fuzzer itself can fail: an importer that raises something unexpected is reported, replayably."""
    db, key = sqlite_centre
    fuzzer = Fuzzer(db, key, tmp_path / "run", seed=SEED + 2, levels=("c",), snapshot_every=0)
    fuzzer.seed_centre()

    def broken(path: Path) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(fuzzer.importer, "import_file", broken)
    report = fuzzer.run(2, progress_every=0)
    assert not report.ok
    first = report.failures[0]
    assert (first.case, first.kind) == (0, "exception") and "KeyError" in first.summary
    assert first.package is not None and first.package.exists()
    assert first.package.with_suffix(".txt").read_text(encoding="utf-8").startswith(f"seed {SEED + 2} case 0")
    assert any("--replay 0" in line for line in report.lines())
