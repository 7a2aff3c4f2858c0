"""Sync packages: what is written is read back unchanged, and every bad package is refused with its reason."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import string
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kcfield.domain.messages import catalogue, describe_error
from kcfield.sync import envelope, keys
from kcfield.sync import package as package_module
from kcfield.sync.limits import Limits
from kcfield.sync.package import (
    FORMAT_VERSION,
    Manifest,
    OpenedPackage,
    PackageKind,
    PackageRejected,
    Party,
    WrittenPackage,
    package_file_name,
    read_package,
    write_package,
)
from tests.sync.corpus import CREATED_AT, EXPECTED, PACKAGE_ID, PHOTO, PHOTO_SHA256, Corpus, build_corpus, good_members

SOURCE = Path(__file__).resolve().parents[2] / "kcfield" / "sync"
RECIPIENT = X25519PrivateKey.generate()  # whom the packages of these tests are sealed for
SLOW_CASES = {"oversized_member": 3.0}  # a 64 MiB member is decrypted whole before the zip is looked at


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return build_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture
def signer() -> tuple[Any, Party]:
    key = keys.generate_private_key()
    return key, Party("collaborator", "CTV007", "laptop-7", keys.fingerprint(keys.public_bytes(key)))


def _write(folder: Path, signer: tuple[Any, Party], **overrides: Any) -> WrittenPackage:
    key, sender = signer
    arguments: dict[str, Any] = {
        "kind": PackageKind.FIELD_CHANGES,
        "sender": sender,
        "recipient": "centre",
        "sequence": 7,
        "previous_sha256": "ab" * 32,
        "members": good_members(sender.code),
        "key": key,
        "app_version": "0.1.0",
        "schema_version": "0003",
        "encrypt_for": keys.encryption_public_bytes(RECIPIENT),
        "package_id": PACKAGE_ID,
        "created_at": CREATED_AT,
    }
    arguments.update(overrides)
    return write_package(folder, **arguments)


def _read(path: Path, signer: tuple[Any, Party], limits: Limits | None = None) -> OpenedPackage:
    if limits is None:
        return read_package(path, _trust(signer), RECIPIENT)
    return read_package(path, _trust(signer), RECIPIENT, limits)


def _inner_zip(path: Path, into: Path) -> Path:
    """The signed ZIP inside a sealed package."""
    with path.open("rb") as source, into.open("wb") as target:
        envelope.open_envelope(source, target, RECIPIENT, file=path.name, max_size=2**40)
    return into


def _trust(signer: tuple[Any, Party]) -> Any:
    public = keys.public_bytes(signer[0])
    return lambda fingerprint: public if fingerprint == signer[1].key_fingerprint else None


# --- the corpus of bad packages ------------------------------------------------------------------------------


def test_the_good_package_of_the_corpus_is_accepted(corpus: Corpus) -> None:
    opened = read_package(corpus.good, corpus.key_for, corpus.decrypt_with)
    assert len(opened.records("establishment")) == 3
    assert sorted(name for name, _, _ in corpus.cases) == sorted(EXPECTED)


@pytest.mark.parametrize(("case", "code"), sorted(EXPECTED.items()))
def test_each_bad_package_is_refused_with_its_reason(corpus: Corpus, case: str, code: str) -> None:
    path = corpus.path(case)
    started = time.perf_counter()
    with pytest.raises(PackageRejected) as refused:
        read_package(path, corpus.key_for, corpus.decrypt_with)
    elapsed = time.perf_counter() - started
    assert refused.value.code == code
    assert refused.value.params["file"] == path.name
    for lang in ("vi", "en"):
        message = describe_error(refused.value, lang)
        assert path.name in message
        assert "\n" not in message and "{" not in message
        assert message != code
    assert elapsed < SLOW_CASES.get(case, 0.5), f"{case} took {elapsed:.2f} s"


def test_every_package_code_has_both_texts_with_the_same_placeholders() -> None:
    raised: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        raised.update(re.findall(r"""PackageRejected\(\s*["']([a-z_]+\.[a-z_]+)["']""", text))
        raised.update(re.findall(r"""reject\(\s*["']([a-z_]+\.[a-z_]+)["']""", text))
        raised.update(re.findall(r"""["'](package\.[a-z_]+)["']""", text))
    raised.update(EXPECTED.values())
    assert len(raised) > 20
    for code in sorted(raised):
        assert code in catalogue(), code
        vi, en = catalogue()[code]
        fields = [{f for _, f, _, _ in string.Formatter().parse(t) if f} for t in (vi, en)]
        assert fields[0] == fields[1], code
        assert "file" in fields[0], code


# --- round trip ---------------------------------------------------------------------------------------------


def test_what_is_written_is_read_back_unchanged(tmp_path: Path, signer: tuple[Any, Party]) -> None:
    members = good_members("CTV007")
    written = _write(tmp_path, signer, members=members)
    assert written.path.name == f"CTV007-000007-{PACKAGE_ID}.kcpkg" == package_file_name(written.manifest)
    assert written.sha256 == hashlib.sha256(written.path.read_bytes()).hexdigest()

    opened = _read(written.path, signer)
    assert isinstance(opened, OpenedPackage)
    assert opened.manifest == written.manifest
    assert opened.sha256 == written.sha256
    assert opened.manifest.format_version == FORMAT_VERSION
    assert opened.manifest.created_at == "2026-11-26T03:00:00+00:00"
    assert opened.manifest.previous_sha256 == "ab" * 32
    for name, data in members.items():
        assert opened.member(name) == data
    assert opened.attachment(PHOTO_SHA256) == PHOTO
    expected = [json.loads(line) for line in members["records/establishment.jsonl"].decode().splitlines()]
    assert opened.records("establishment") == expected
    assert opened.records("cp_assessment") == []
    assert [line["seq"] for line in opened.lines("audit.jsonl")] == [1, 2]
    counts = {m.name: m.records for m in opened.manifest.members}
    assert counts["records/establishment.jsonl"] == 3
    assert counts["records/visit.jsonl"] == 1
    assert counts[f"attachments/{PHOTO_SHA256}"] == 0
    with pytest.raises(KeyError):
        opened.member("records/equipment_need.jsonl")


def test_receipt_and_reference_members_round_trip(tmp_path: Path, signer: tuple[Any, Party]) -> None:
    receipt = {"package_id": PACKAGE_ID, "records": [{"id": "x", "status": "applied", "revision": 1}]}
    members = {
        "receipt.json": json.dumps(receipt).encode(),
        "reference/communes.json": json.dumps({"version": "2025", "items": [1, 2]}).encode(),
        "reference/assignments.jsonl": b'{"visit": 1}\n{"visit": 2}\n',
    }
    written = _write(tmp_path, signer, kind=PackageKind.RECEIPT, members=members)
    opened = _read(written.path, signer)
    assert opened.manifest.kind is PackageKind.RECEIPT
    assert opened.json("receipt.json") == receipt
    assert opened.json("reference/communes.json")["items"] == [1, 2]
    assert opened.lines("reference/assignments.jsonl") == [{"visit": 1}, {"visit": 2}]


def test_manifest_bytes_parse_back_to_the_same_manifest(tmp_path: Path, signer: tuple[Any, Party]) -> None:
    manifest = _write(tmp_path, signer).manifest
    assert Manifest.from_json_bytes(manifest.to_json_bytes()) == manifest


def test_the_same_input_gives_the_same_zip_inside_a_different_envelope(
    tmp_path: Path, signer: tuple[Any, Party]
) -> None:
    first = _write(tmp_path / "a", signer)
    second = _write(tmp_path / "b", signer, members=dict(reversed(list(good_members("CTV007").items()))))
    assert (
        _inner_zip(first.path, tmp_path / "a.zip").read_bytes()
        == _inner_zip(second.path, tmp_path / "b.zip").read_bytes()
    )
    assert first.path.read_bytes() != second.path.read_bytes()  # a fresh ephemeral key each time
    assert first.sha256 != second.sha256
    assert first.sha256 == hashlib.sha256(first.path.read_bytes()).hexdigest()


def test_members_are_in_a_fixed_order_with_fixed_timestamps(tmp_path: Path, signer: tuple[Any, Party]) -> None:
    written = _write(tmp_path, signer)
    with zipfile.ZipFile(_inner_zip(written.path, tmp_path / "inner.zip")) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names[:2] == ["manifest.json", "manifest.sig"]
    assert names[2:] == sorted(names[2:])
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}
    if os.name == "posix":
        assert stat.S_IMODE(written.path.stat().st_mode) == 0o600


def test_a_failing_write_leaves_no_file(
    tmp_path: Path, signer: tuple[Any, Party], monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_fails(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(package_module.os, "fsync", disk_fails)
    with pytest.raises(OSError):
        _write(tmp_path, signer)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_package_file_is_not_overwritten(tmp_path: Path, signer: tuple[Any, Party]) -> None:
    written = _write(tmp_path, signer)
    with pytest.raises(FileExistsError):
        _write(tmp_path, signer)
    assert _read(written.path, signer).sha256 == written.sha256


@pytest.mark.parametrize(
    "name",
    ["../evil", "/abs", "records/widget.jsonl", "notes.txt", "manifest.json", "attachments/" + "0" * 64, "a\\b"],
)
def test_the_writer_refuses_members_the_reader_would_refuse(
    tmp_path: Path, signer: tuple[Any, Party], name: str
) -> None:
    with pytest.raises(ValueError):
        _write(tmp_path, signer, members={name: b"{}\n"})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "data", [b'{"id": "x"}\n', b'{"no_id": 1}\n', b"[1]\n", b'{"id": "0196b1a4-7f00-7000-8000-000000000001"}']
)
def test_the_writer_refuses_bad_record_lines(tmp_path: Path, signer: tuple[Any, Party], data: bytes) -> None:
    with pytest.raises(ValueError):
        _write(tmp_path, signer, members={"records/visit.jsonl": data})


def test_the_writer_refuses_a_sender_whose_fingerprint_is_not_the_key(
    tmp_path: Path, signer: tuple[Any, Party]
) -> None:
    key, sender = signer
    other = Party(sender.role, sender.code, sender.device_id, keys.fingerprint(bytes(32)))
    with pytest.raises(ValueError):
        _write(tmp_path, (key, other))


# --- limits -------------------------------------------------------------------------------------------------


def _refused(path: Path, signer: tuple[Any, Party], limits: Limits) -> str:
    with pytest.raises(PackageRejected) as refused:
        _read(path, signer, limits)
    return refused.value.code


def test_limits_are_honoured(tmp_path: Path, signer: tuple[Any, Party]) -> None:
    text = "".join(f'{{"id": "0196b1a4-7f00-7000-8000-{n:012d}", "n": "{os.urandom(8).hex()}"}}\n' for n in range(3000))
    written = _write(tmp_path, signer, members={"records/visit.jsonl": text.encode()})
    size = len(text.encode())
    trust = _trust(signer)
    assert read_package(written.path, trust, RECIPIENT, Limits(max_member_bytes=size, max_total_bytes=size + 10_000))
    assert _refused(written.path, signer, Limits(max_members=2)) == "package.too_many_members"
    assert _refused(written.path, signer, Limits(max_member_bytes=size - 1)) == "package.too_large"
    assert _refused(written.path, signer, Limits(max_total_bytes=size)) == "package.total_too_large"
    assert _refused(written.path, signer, Limits(max_ratio=1, ratio_floor_bytes=1000)) == "package.too_compressible"
    assert _refused(written.path, signer, Limits(max_manifest_bytes=100)) == "package.too_large"


def test_a_missing_file_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(PackageRejected) as refused:
        read_package(tmp_path / "nowhere.kcpkg", lambda _: None, RECIPIENT)
    assert refused.value.code == "package.unreadable"
    assert "nowhere.kcpkg" in describe_error(refused.value, "vi")


def test_an_attachment_changed_after_checking_is_refused(tmp_path: Path, signer: tuple[Any, Party]) -> None:
    written = _write(tmp_path, signer)
    opened = _read(written.path, signer)
    plain = opened._plain  # the decrypted copy the package reads attachments from
    plain.seek(0)
    with zipfile.ZipFile(plain) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    plain.seek(0)
    plain.truncate()
    with zipfile.ZipFile(plain, "w") as archive:
        for info, data in entries:
            archive.writestr(info, b"swapped" if info.filename.startswith("attachments/") else data)
    with pytest.raises(PackageRejected) as refused:
        opened.attachment(PHOTO_SHA256)
    assert refused.value.code == "package.changed"


def test_the_decrypted_copy_is_closed_with_the_package(tmp_path: Path, signer: tuple[Any, Party]) -> None:
    written = _write(tmp_path, signer)
    with _read(written.path, signer) as opened:
        assert opened.attachment(PHOTO_SHA256) == PHOTO
        plain = opened._plain
    assert plain.closed
    collected = _read(written.path, signer)
    plain = collected._plain
    del collected
    import gc

    gc.collect()
    assert plain.closed


def test_the_file_is_sealed_for_the_recipient_only(tmp_path: Path, signer: tuple[Any, Party]) -> None:
    written = _write(tmp_path, signer)
    raw = written.path.read_bytes()
    assert raw.startswith(envelope.MAGIC)
    for visible in (b"manifest", b"records/", "Bát Tràng".encode(), PHOTO[:20], b"CTV007", b"PK\x03\x04"):
        assert visible not in raw
    with pytest.raises(PackageRejected) as refused:
        read_package(written.path, _trust(signer), X25519PrivateKey.generate())
    assert refused.value.code == "package.wrong_recipient"
    assert keys.encryption_fingerprint(keys.encryption_public_bytes(RECIPIENT)) in describe_error(refused.value, "en")


def test_the_writer_refuses_an_unusable_encryption_key(tmp_path: Path, signer: tuple[Any, Party]) -> None:
    for bad in (b"", bytes(32), b"\x01" * 31):
        with pytest.raises(ValueError):
            _write(tmp_path, signer, encrypt_for=bad)
    assert list(tmp_path.iterdir()) == []
