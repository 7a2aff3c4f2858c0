"""Drafts on disk: what a power cut or a crash can leave behind, and that the list survives it."""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import uuid4

import pytest

from kcfield.domain.enums import EstablishmentKind
from kcfield.domain.model import Establishment
from kcfield.domain.serialization import from_json, to_json
from kcfield.services.drafts import DraftInfo, DraftStore, check_key


class StepClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=2)
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts", clock=StepClock())


def _values(name: str) -> dict[str, object]:
    return to_json(Establishment(name=name, kind=EstablishmentKind.COOPERATIVE, workers_total=7))


def test_a_saved_draft_comes_back_with_its_vietnamese_values(store: DraftStore) -> None:
    key = uuid4().hex
    store.save(key, "establishment", None, "Cơ sở mới", _values("Hợp tác xã Đất Đỏ"))
    restored = from_json(Establishment, store.load(key))
    assert restored.name == "Hợp tác xã Đất Đỏ"
    assert restored.kind is EstablishmentKind.COOPERATIVE
    assert restored.workers_total == 7
    assert (store.folder / f"{key}.json").read_text(encoding="utf-8").count("Đất Đỏ") == 1  # readable UTF-8


def test_saving_again_replaces_the_draft_and_leaves_no_temporary_file(store: DraftStore) -> None:
    key, record_id = uuid4().hex, uuid4()
    store.save(key, "establishment", record_id, "Cơ sở A", _values("Cơ sở A"))
    store.save(key, "establishment", record_id, "Cơ sở B", _values("Cơ sở B"))
    assert store.load(key)["name"] == "Cơ sở B"
    assert sorted(p.name for p in store.folder.iterdir()) == [f"{key}.json"]
    (info,) = store.pending()
    assert info == DraftInfo(key, "establishment", record_id, "Cơ sở B", info.saved_at)


def test_save_goes_through_a_synced_temporary_file_and_an_atomic_rename(
    store: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = uuid4().hex
    store.save(key, "establishment", None, "cũ", _values("Bản cũ"))
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append("fsync")
        real_fsync(fd)

    def replace(src: str | Path, dst: str | Path) -> None:
        calls.append("replace")
        assert Path(src).parent == store.folder  # same folder: the rename cannot cross file systems
        assert json.loads(Path(src).read_text(encoding="utf-8"))["values"]["name"] == "Bản mới"
        assert store.load(key)["name"] == "Bản cũ"  # until the rename, readers see the whole old draft
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    store.save(key, "establishment", None, "mới", _values("Bản mới"))
    assert calls[:2] == ["fsync", "replace"]  # data on disk before it takes the draft's name
    assert store.load(key)["name"] == "Bản mới"


def test_a_write_that_fails_keeps_the_old_draft_and_cleans_up(
    store: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = uuid4().hex
    store.save(key, "establishment", None, "cũ", _values("Bản cũ"))

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        store.save(key, "establishment", None, "mới", _values("Bản mới"))
    monkeypatch.undo()
    assert store.load(key)["name"] == "Bản cũ"
    assert sorted(p.name for p in store.folder.iterdir()) == [f"{key}.json"]


def test_a_crash_leaves_debris_that_pending_skips_while_keeping_the_good_draft(store: DraftStore) -> None:
    good = uuid4().hex
    store.save(good, "establishment", None, "Cơ sở Hải sản Đất Đỏ", _values("Cơ sở Hải sản Đất Đỏ"))
    # A power cut during a write: the temporary file of an interrupted save ...
    leftover = store.folder / f".{good}.k3j2h1.tmp"
    leftover.write_bytes(b'{"format": 1, "values": {"na')
    # ... and a draft whose content the disk never finished writing.
    truncated = uuid4().hex
    store.save(truncated, "establishment", None, "Cơ sở khác", _values("Cơ sở khác"))
    path = store.folder / f"{truncated}.json"
    path.write_bytes(path.read_bytes()[:40])
    # Files that are not drafts at all are none of its business.
    (store.folder / "notes.txt").write_text("x", encoding="utf-8")
    (store.folder / "Not-A-Key.json").write_text("{}", encoding="utf-8")

    pending = store.pending()
    assert [d.key for d in pending] == [good]
    assert pending[0].title == "Cơ sở Hải sản Đất Đỏ"
    assert leftover.exists()  # young: a save may be writing it right now
    with pytest.raises(ValueError):
        store.load(truncated)


def test_an_old_leftover_temporary_file_is_removed(store: DraftStore) -> None:
    store.folder.mkdir(parents=True)
    leftover = store.folder / f".{uuid4().hex}.abc.tmp"
    leftover.write_bytes(b"{")
    old = time.time() - 2 * 3600
    os.utime(leftover, (old, old))
    assert store.pending() == []
    assert not leftover.exists()


def test_pending_is_newest_first(store: DraftStore) -> None:
    keys = [uuid4().hex for _ in range(3)]
    for i, key in enumerate(keys):
        store.save(key, "establishment", None, f"Cơ sở {i}", _values(f"Cơ sở {i}"))
    assert [d.key for d in store.pending()] == list(reversed(keys))


def test_discard_removes_the_draft_and_tolerates_a_missing_one(store: DraftStore) -> None:
    key = uuid4().hex
    store.save(key, "establishment", None, "x", _values("x"))
    store.discard(key)
    store.discard(key)
    assert store.pending() == []
    with pytest.raises(FileNotFoundError):
        store.load(key)


def test_an_empty_or_missing_folder_has_no_drafts(tmp_path: Path) -> None:
    assert DraftStore(tmp_path / "nowhere").pending() == []


@pytest.mark.parametrize(
    "key", ["../x", "..", "a/b", "a\\b", "/etc/passwd", "", "abc.json", "ABCDEF", "-abc", "abc-", "x" * 10, "a" * 65]
)
def test_keys_that_could_name_another_path_are_refused(store: DraftStore, key: str) -> None:
    with pytest.raises(ValueError):
        store.save(key, "establishment", None, "x", {})
    with pytest.raises(ValueError):
        store.load(key)
    with pytest.raises(ValueError):
        store.discard(key)
    assert not store.folder.exists() or list(store.folder.iterdir()) == []


def test_uuid_keys_are_accepted_in_both_spellings() -> None:
    record = uuid4()
    assert check_key(record.hex) == record.hex
    assert check_key(str(record)) == str(record)
