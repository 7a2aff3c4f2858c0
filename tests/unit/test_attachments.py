"""Attachments: content-addressed files outside the database, a record with its audit event, checks that hold."""

from __future__ import annotations

import errno
import hashlib
import os
import struct
import zlib
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import select

from kcfield.domain.enums import EstablishmentKind, TaxCodeKind
from kcfield.domain.errors import DomainError, NotFound
from kcfield.domain.messages import catalogue, describe_error
from kcfield.domain.model import Establishment, Visit
from kcfield.paths import AppPaths
from kcfield.services import attachments as attachments_module
from kcfield.services.attachments import (
    MAX_ATTACHMENT_BYTES,
    AttachmentService,
    AttachmentStore,
    detect_media_type,
)
from kcfield.services.container import Services
from kcfield.store.models import AuditEventRow

CHAU_DUC = 26596


def _png_1x1() -> bytes:
    """A valid 1×1 red PNG, CRCs and all."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1×1, 8 bits, RGB
    pixels = zlib.compress(b"\x00\xff\x00\x00")  # filter byte, then one red pixel
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


# SOI, a JFIF APP0 segment, some scan bytes, EOI: enough for the magic check (not a decodable image).
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(range(64)) + b"\xff\xd9"
PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)
PNG = _png_1x1()


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.fixture
def store(app_paths: AppPaths) -> AttachmentStore:
    return AttachmentStore(app_paths.attachments)


@pytest.fixture
def service(profiled: Services, store: AttachmentStore) -> AttachmentService:
    return AttachmentService(profiled.ctx, store)


@pytest.fixture
def establishment_id(profiled: Services) -> UUID:
    est = profiled.establishments.create(
        Establishment(
            name="Cơ sở chế biến hải sản Tư Hùng",
            kind=EstablishmentKind.ENTERPRISE,
            tax_code="0100109106",
            tax_code_kind=TaxCodeKind.ENTERPRISE,
            province_code=79,
            commune_code=CHAU_DUC,
        )
    )
    assert est.id is not None
    return est.id


def _files(store: AttachmentStore) -> list[Path]:
    return sorted(p for p in store.folder.rglob("*") if p.is_file())


# --- the store ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "media_type"), [(JPEG, "image/jpeg"), (PNG, "image/png"), (PDF, "application/pdf")])
def test_accepted_media_are_told_by_their_first_bytes(data: bytes, media_type: str) -> None:
    assert detect_media_type(data[:8]) == media_type


def test_a_file_is_stored_under_its_hash_in_a_two_level_folder(store: AttachmentStore, tmp_path: Path) -> None:
    source = _write(tmp_path / "in", "ảnh nhà xưởng.png", PNG)
    stored = store.put(source)
    sha = hashlib.sha256(PNG).hexdigest()
    assert stored.sha256 == sha and stored.size == len(PNG) and stored.media_type == "image/png"
    assert stored.path == store.folder / sha[:2] / sha == store.path_of(sha)
    assert stored.path.read_bytes() == PNG
    assert source.read_bytes() == PNG  # the source is copied, not moved
    with store.open(sha) as reader:
        assert reader.read() == PNG
    assert store.verify(sha)
    assert store.leftover_temp_files() == []


def test_the_same_bytes_are_stored_once(store: AttachmentStore, tmp_path: Path) -> None:
    first = store.put(_write(tmp_path / "a", "IMG_0001.jpg", JPEG))
    second = store.put(_write(tmp_path / "b", "copy of photo.jpeg", JPEG))
    assert first == second
    assert _files(store) == [first.path]


def test_the_extension_is_not_trusted(store: AttachmentStore, tmp_path: Path) -> None:
    text_as_jpeg = _write(tmp_path, "photo.jpg", "Đây là văn bản, không phải ảnh.\n".encode())
    with pytest.raises(DomainError) as caught:
        store.put(text_as_jpeg)
    assert caught.value.code == "attachment.unsupported_type" and caught.value.params["name"] == "photo.jpg"
    assert "photo.jpg" in describe_error(caught.value, "vi")
    # and a real PDF named .txt is a PDF
    assert store.put(_write(tmp_path, "notes.txt", PDF)).media_type == "application/pdf"
    assert len(_files(store)) == 1


def test_an_empty_file_is_refused(store: AttachmentStore, tmp_path: Path) -> None:
    with pytest.raises(DomainError) as caught:
        store.put(_write(tmp_path, "empty.png", b""))
    assert caught.value.code == "attachment.unsupported_type"
    assert _files(store) == []


def test_only_regular_files_are_accepted(store: AttachmentStore, tmp_path: Path) -> None:
    folder = tmp_path / "photos.jpg"
    folder.mkdir()
    with pytest.raises(DomainError) as caught:
        store.put(folder)
    assert caught.value.code == "attachment.not_a_file"
    with pytest.raises(DomainError) as missing:
        store.put(tmp_path / "gone.jpg")
    assert missing.value.code == "attachment.source_missing"
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.jpg"
        os.mkfifo(fifo)
        with pytest.raises(DomainError) as piped:
            store.put(fifo)  # refused without opening (opening a FIFO would block)
        assert piped.value.code == "attachment.not_a_file"


def test_too_large_a_file_is_refused_without_copying(
    store: AttachmentStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attachments_module, "MAX_ATTACHMENT_BYTES", len(PDF) - 1)
    with pytest.raises(DomainError) as caught:
        store.put(_write(tmp_path, "scan.pdf", PDF))
    assert caught.value.code == "attachment.too_large" and caught.value.params["name"] == "scan.pdf"
    assert _files(store) == []
    assert MAX_ATTACHMENT_BYTES == 50 * 1024 * 1024


def test_a_file_growing_past_the_limit_while_copied_is_refused(
    store: AttachmentStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """stat() said small, the bytes read say otherwise: the count while streaming decides."""
    big = PDF + b"%" * 5000
    monkeypatch.setattr(attachments_module, "CHUNK_BYTES", 1024)
    source = _write(tmp_path, "growing.pdf", big)
    real_stat = Path.stat

    def small_stat(self: Path, **kwargs: bool) -> os.stat_result:
        result = real_stat(self, **kwargs)
        if self == source:
            fields = list(result)
            fields[6] = 10  # st_size
            return os.stat_result(fields)
        return result

    monkeypatch.setattr(attachments_module, "MAX_ATTACHMENT_BYTES", 2048)
    monkeypatch.setattr(Path, "stat", small_stat)
    with pytest.raises(DomainError) as caught:
        store.put(source)
    assert caught.value.code == "attachment.too_large"
    assert _files(store) == []


def test_a_changed_stored_file_is_detected(store: AttachmentStore, tmp_path: Path) -> None:
    stored = store.put(_write(tmp_path, "a.png", PNG))
    data = bytearray(stored.path.read_bytes())
    data[20] ^= 0x01  # flip one bit
    stored.path.write_bytes(bytes(data))
    assert store.verify(stored.sha256) is False


def test_a_truncated_stored_file_is_detected(store: AttachmentStore, tmp_path: Path) -> None:
    stored = store.put(_write(tmp_path, "a.pdf", PDF))
    with stored.path.open("r+b") as handle:
        handle.truncate(len(PDF) // 2)
    assert store.verify(stored.sha256) is False


def test_a_missing_stored_file_is_detected(store: AttachmentStore, tmp_path: Path) -> None:
    stored = store.put(_write(tmp_path, "a.pdf", PDF))
    stored.path.unlink()
    assert store.verify(stored.sha256) is False
    with pytest.raises(DomainError) as caught:
        store.open(stored.sha256)
    assert caught.value.code == "attachment.file_missing"


def test_storing_the_bytes_again_repairs_a_damaged_copy(store: AttachmentStore, tmp_path: Path) -> None:
    stored = store.put(_write(tmp_path, "a.png", PNG))
    stored.path.write_bytes(PNG[:10])
    assert not store.verify(stored.sha256)
    store.put(_write(tmp_path, "again.png", PNG))
    assert store.verify(stored.sha256) and stored.path.read_bytes() == PNG


def test_path_of_accepts_only_a_sha256(store: AttachmentStore) -> None:
    for bad in ("../../etc/passwd", "AB" * 32, "ab" * 31, ""):
        with pytest.raises(ValueError, match="sha256"):
            store.path_of(bad)


def test_a_full_disk_leaves_no_partial_file(
    store: AttachmentStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = PDF + b"%" * 10_000
    monkeypatch.setattr(attachments_module, "CHUNK_BYTES", 1024)
    source = _write(tmp_path, "scan.pdf", big)
    real_write = os.write
    calls = {"n": 0}

    def write_until_full(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] > 3:  # a few chunks land, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    with monkeypatch.context() as patched:
        patched.setattr(os, "write", write_until_full)
        with pytest.raises(DomainError) as caught:
            store.put(source)
    assert calls["n"] > 3
    assert caught.value.code == "store.disk_full"
    assert _files(store) == [] and store.leftover_temp_files() == []
    assert describe_error(caught.value, "vi") and describe_error(caught.value, "en")
    # space again: the same file goes in
    assert store.verify(store.put(source).sha256)


def test_a_full_disk_at_fsync_leaves_no_partial_file(
    store: AttachmentStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "fsync", no_space)
        with pytest.raises(DomainError) as caught:
            store.put(_write(tmp_path, "a.png", PNG))
    assert caught.value.code == "store.disk_full"
    assert _files(store) == []


def test_other_write_errors_pass_through_and_clean_up(
    store: AttachmentStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(fd: int, data: bytes) -> int:
        raise OSError(errno.EIO, "I/O error")

    with monkeypatch.context() as patched:
        patched.setattr(os, "write", broken)
        with pytest.raises(OSError, match="I/O error"):
            store.put(_write(tmp_path, "a.png", PNG))
    assert _files(store) == []


# --- the service --------------------------------------------------------------------------------------------


def test_add_stores_the_file_and_writes_the_record_with_its_audit_event(
    profiled: Services, service: AttachmentService, establishment_id: UUID, tmp_path: Path
) -> None:
    taken = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
    before = profiled.audit.count()
    att = service.add(
        "establishment",
        establishment_id,
        _write(tmp_path, "Nhà  xưởng.jpg", JPEG),
        caption="  Nhà xưởng   phía trước ",
        taken_at=taken,
        latitude=10.6,
        longitude=107.2,
    )
    sha = hashlib.sha256(JPEG).hexdigest()
    assert att.id is not None and att.meta is not None
    assert att.owner_entity == "establishment" and att.owner_id == establishment_id
    assert att.sha256 == sha and att.media_type == "image/jpeg" and att.size_bytes == len(JPEG)
    assert att.file_name == "Nhà xưởng.jpg" and att.caption == "Nhà xưởng phía trước"
    assert att.taken_at == taken and (att.latitude, att.longitude) == (10.6, 107.2)
    assert att.meta.created_by == "CTV001" and att.meta.local_edits == 1
    assert service.file_path(att.id) == service.store.folder / sha[:2] / sha
    assert service.get(att.id) == att
    assert service.of_owner("establishment", establishment_id) == [att]

    assert profiled.audit.count() == before + 1
    (event,) = profiled.audit.history(str(att.id))
    assert event.entity == "attachment" and event.action == "create"
    assert event.changes["sha256"] == [None, sha] and event.changes["owner_id"] == [None, str(establishment_id)]
    profiled.audit.verify()


def test_the_database_holds_no_file_bytes(
    profiled: Services, service: AttachmentService, establishment_id: UUID, tmp_path: Path
) -> None:
    marker = PDF + b"%UNIQUE-MARKER-7f3a9c%\n"
    service.add("establishment", establishment_id, _write(tmp_path, "a.pdf", marker))
    db = profiled.ctx.store.engine.url.database
    assert db is not None
    profiled.ctx.store.engine.dispose()  # flush the WAL into the file
    blobs = b"".join(p.read_bytes() for p in Path(db).parent.glob(Path(db).name + "*"))
    assert b"UNIQUE-MARKER-7f3a9c" not in blobs


def test_the_same_file_twice_is_two_records_and_one_file(
    service: AttachmentService, establishment_id: UUID, tmp_path: Path
) -> None:
    a = service.add("establishment", establishment_id, _write(tmp_path / "1", "IMG_1.png", PNG), caption="Một")
    b = service.add("establishment", establishment_id, _write(tmp_path / "2", "IMG_2.png", PNG), caption="Hai")
    assert a.id != b.id and a.sha256 == b.sha256
    assert [x.caption for x in service.of_owner("establishment", establishment_id)] == ["Một", "Hai"]
    assert _files(service.store) == [service.store.path_of(a.sha256)]


def test_every_owner_kind_is_checked_in_its_own_table(
    profiled: Services, service: AttachmentService, establishment_id: UUID, tmp_path: Path
) -> None:
    visit = profiled.visits.create(Visit(establishment_id=establishment_id, visit_date=date(2026, 11, 20)))
    assert visit.id is not None
    att = service.add("visit", visit.id, _write(tmp_path, "bien-ban.pdf", PDF))
    assert service.of_owner("visit", visit.id) == [att]
    assert service.of_owner("establishment", establishment_id) == []
    # the establishment's id is not a visit's
    with pytest.raises(NotFound) as caught:
        service.add("visit", establishment_id, _write(tmp_path, "x.pdf", PDF))
    assert caught.value.params["entity"] == "visit"


def test_a_missing_or_deleted_owner_is_refused_and_nothing_is_stored(
    profiled: Services, service: AttachmentService, establishment_id: UUID, tmp_path: Path
) -> None:
    before = profiled.audit.count()
    with pytest.raises(NotFound) as caught:
        service.add("establishment", UUID(int=1), _write(tmp_path, "a.png", PNG))
    assert caught.value.code == "record.not_found"
    with pytest.raises(DomainError) as bad_kind:
        service.add("collaborator", establishment_id, _write(tmp_path, "a.png", PNG))
    assert bad_kind.value.code == "attachment.bad_owner"
    profiled.establishments.delete(establishment_id)
    with pytest.raises(DomainError) as deleted:
        service.add("establishment", establishment_id, _write(tmp_path, "a.png", PNG))
    assert deleted.value.code == "record.deleted"
    assert _files(service.store) == []
    assert profiled.audit.count() == before + 1  # only the establishment's deletion


def test_a_wrong_kind_of_file_writes_no_record(
    profiled: Services, service: AttachmentService, establishment_id: UUID, tmp_path: Path
) -> None:
    before = profiled.audit.count()
    with pytest.raises(DomainError) as caught:
        service.add("establishment", establishment_id, _write(tmp_path, "photo.jpg", b"just text"))
    assert caught.value.code == "attachment.unsupported_type"
    assert service.of_owner("establishment", establishment_id) == []
    assert profiled.audit.count() == before


def test_position_and_time_are_checked(service: AttachmentService, establishment_id: UUID, tmp_path: Path) -> None:
    source = _write(tmp_path, "a.png", PNG)
    for lat, lon in ((91.0, 100.0), (10.0, None), (None, 100.0), (10.0, -181.0)):
        with pytest.raises(DomainError) as caught:
            service.add("establishment", establishment_id, source, latitude=lat, longitude=lon)
        assert caught.value.code == "attachment.bad_position"
    with pytest.raises(ValueError, match="time zone"):
        service.add("establishment", establishment_id, source, taken_at=datetime(2026, 11, 25, 9, 30))  # noqa: DTZ001
    assert _files(service.store) == []


def test_caption_change_and_soft_delete_keep_the_file(
    profiled: Services, service: AttachmentService, establishment_id: UUID, tmp_path: Path
) -> None:
    a = service.add("establishment", establishment_id, _write(tmp_path / "1", "a.png", PNG))
    b = service.add("establishment", establishment_id, _write(tmp_path / "2", "b.png", PNG))
    assert a.id is not None and b.id is not None
    renamed = service.set_caption(a.id, "Máy sấy  bơm nhiệt")
    assert renamed.caption == "Máy sấy bơm nhiệt" and renamed.meta is not None and renamed.meta.local_edits == 2
    assert service.set_caption(a.id, "Máy sấy bơm nhiệt") == renamed  # no change, no event
    service.delete(a.id)
    assert service.of_owner("establishment", establishment_id) == [b]
    with pytest.raises(DomainError) as caught:
        service.get(a.id)
    assert caught.value.code == "record.deleted"
    assert service.store.verify(a.sha256)  # the file stays: b shares it
    actions = [e.action for e in profiled.audit.history(str(a.id))]
    assert actions == ["create", "update", "delete"]
    profiled.audit.verify()
    with profiled.ctx.store.read() as session:
        entities = session.scalars(select(AuditEventRow.entity).order_by(AuditEventRow.seq)).all()
    assert entities.count("attachment") == 4


def test_verify_and_verify_all_name_the_damaged_attachments(
    service: AttachmentService, establishment_id: UUID, tmp_path: Path
) -> None:
    good = service.add("establishment", establishment_id, _write(tmp_path, "good.pdf", PDF))
    png_1 = service.add("establishment", establishment_id, _write(tmp_path / "1", "a.png", PNG))
    png_2 = service.add("establishment", establishment_id, _write(tmp_path / "2", "b.png", PNG))
    jpeg = service.add("establishment", establishment_id, _write(tmp_path, "c.jpg", JPEG))
    assert good.id and png_1.id and png_2.id and jpeg.id
    assert service.verify_all() == []

    png_path = service.store.path_of(png_1.sha256)
    data = bytearray(png_path.read_bytes())
    data[-1] ^= 0xFF
    png_path.write_bytes(bytes(data))  # changed
    service.store.path_of(jpeg.sha256).unlink()  # missing
    assert service.verify(good.id) is True
    assert service.verify(png_1.id) is False and service.verify(jpeg.id) is False
    assert set(service.verify_all()) == {png_1.id, png_2.id, jpeg.id}
    service.delete(jpeg.id)
    assert set(service.verify_all()) == {png_1.id, png_2.id}
    with pytest.raises(NotFound):
        service.verify(UUID(int=7))


def test_attachment_message_codes_have_vietnamese_and_english_texts() -> None:
    codes = [c for c in catalogue() if c.startswith("attachment.")] + ["store.disk_full"]
    assert len(codes) >= 7
    for code in codes:
        vi, en = catalogue()[code]
        assert vi.strip() and en.strip() and vi != en, code
    error = DomainError("attachment.too_large", name="scan.pdf", limit_mb=50)
    assert describe_error(error, "vi") == (
        "Tệp scan.pdf lớn hơn 50 MB nên không đính kèm được; hãy giảm cỡ ảnh hoặc tách tài liệu."
    )
    assert describe_error(error, "en").startswith("The file scan.pdf is larger than 50 MB")
