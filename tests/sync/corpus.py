"""A corpus of bad packages, each made from one good package by a single change.

``build_corpus(folder)`` writes the good package and every bad variant and returns a :class:`Corpus`: the
keys, the sender, the good package's path and ``cases``, a list of ``(case name, path, expected code)``. The
package tests check the reader refuses each with its code; the centre tests reuse the same files (with their
own enrolled key, sender and encryption key) to check a refused package changes nothing.

The inner cases are built as bad ZIPs (in ``plain/``), exactly as a hostile sender would make them, and then
sealed with the real envelope for the recipient, so they reach the checks inside. The envelope cases
(:data:`ENVELOPE_CASES`) spoil the envelope itself: a plain ZIP, another recipient, a flipped ciphertext byte,
a truncated file, bytes after the last chunk, a bad header.

Variants that must get past the signature to show their fault (duplicate ids, a wrong version, an oversized
member, a zip bomb…) are re-signed with a manifest that tells the truth about them; the others are changed
after signing, as an attacker or a damaged USB stick would. Big members (the oversized one, the 200 MB zip
bomb) are generated and compressed in chunks, never held in memory.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
import warnings
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kcfield.domain.model import Establishment, Visit
from kcfield.domain.serialization import to_json
from kcfield.sync import envelope, keys
from kcfield.sync.limits import MIB, Limits
from kcfield.sync.package import DEFAULT_LIMITS, PackageKind, Party, write_package

PACKAGE_ID = "0196b1a4-7f00-7000-8000-00000000c0de"
CREATED_AT = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
ESTABLISHMENT_IDS = (
    "0196b1a4-7f00-7000-8000-000000000001",
    "0196b1a4-7f00-7000-8000-000000000002",
    "0196b1a4-7f00-7000-8000-000000000003",
)
VISIT_ID = "0196b1a4-7f00-7000-8000-000000000101"
PHOTO = b"\xff\xd8\xff\xe0 not really a JPEG, but bytes all the same \xff\xd9"
PHOTO_SHA256 = hashlib.sha256(PHOTO).hexdigest()
BOMB_BYTES = 200 * MIB

# Case name → the code the reader must refuse it with. Parametrised tests use this at collection time.
EXPECTED: dict[str, str] = {
    "not_a_zip": "package.not_a_zip",
    "truncated_zip": "package.not_a_zip",
    "empty_file": "package.not_a_zip",
    "too_many_members": "package.too_many_members",
    "missing_signature": "package.missing_manifest",
    "missing_manifest": "package.missing_manifest",
    "bad_signature": "package.bad_signature",
    "tampered_manifest": "package.bad_signature",
    "unknown_key": "package.unknown_key",
    "wrong_format": "package.wrong_format",
    "wrong_version": "package.wrong_version",
    "bad_manifest": "package.bad_manifest",
    "manifest_not_json": "package.bad_manifest",
    "tampered_member": "package.hash_mismatch",
    "resized_member": "package.size_mismatch",
    "damaged_member": "package.damaged_member",
    "missing_member": "package.missing_member",
    "extra_member": "package.extra_member",
    "unexpected_name": "package.unexpected_name",
    "dotdot_name": "package.unsafe_name",
    "nested_dotdot_name": "package.unsafe_name",
    "absolute_name": "package.unsafe_name",
    "backslash_name": "package.unsafe_name",
    "drive_name": "package.unsafe_name",
    "empty_part_name": "package.unsafe_name",
    "symlink": "package.not_a_file",
    "directory_entry": "package.not_a_file",
    "duplicate_member": "package.duplicate_member",
    "unsupported_compression": "package.unsupported_compression",
    "oversized_member": "package.too_large",
    "zip_bomb": "package.too_compressible",
    "unknown_entity": "package.unknown_entity",
    "bad_record_line": "package.bad_record",
    "lone_surrogate_line": "package.bad_record",
    "record_without_id": "package.bad_id",
    "duplicate_ids": "package.duplicate_id",
    "record_count_mismatch": "package.record_count_mismatch",
    "bad_json_member": "package.bad_json",
    # the envelope
    "plain_zip": "package.not_encrypted",
    "not_a_package": "package.bad_envelope",
    "empty_package": "package.bad_envelope",
    "wrong_recipient": "package.wrong_recipient",
    "flipped_ciphertext": "package.decrypt_failed",
    "flipped_tag": "package.decrypt_failed",
    "swapped_ephemeral": "package.decrypt_failed",
    "truncated_envelope": "package.truncated",
    "cut_header": "package.truncated",
    "extra_bytes": "package.bad_envelope",
    "bad_header": "package.bad_envelope",
    "huge_header": "package.bad_envelope",
    "old_envelope_version": "package.bad_envelope",
}
ENVELOPE_CASES = frozenset(list(EXPECTED)[list(EXPECTED).index("plain_zip") :])


@dataclass
class Corpus:
    folder: Path
    key: Ed25519PrivateKey  # the sender's key: the one the reader trusts
    other_key: Ed25519PrivateKey  # a second key: unknown to the reader (the centre may enrol and revoke it)
    sender: Party
    good: Path
    encrypt_for: bytes  # the recipient's X25519 public key every package is sealed for
    recipient_key: X25519PrivateKey | None = None  # its private key, when the corpus made it
    cases: list[tuple[str, Path, str]] = field(default_factory=list)

    @property
    def decrypt_with(self) -> X25519PrivateKey:
        assert self.recipient_key is not None, "sealed for a key the caller holds"
        return self.recipient_key

    def key_for(self, fingerprint: str) -> bytes | None:
        """Trusts the sender's key only."""
        public = keys.public_bytes(self.key)
        return public if keys.fingerprint(public) == fingerprint else None

    def path(self, case: str) -> Path:
        return next(path for name, path, _ in self.cases if name == case)


def record_line(record_id: str, fields: Mapping[str, Any], *, by: str = "CTV001") -> bytes:
    line = {
        "id": record_id,
        "base_revision": 0,
        "local_edits": 1,
        "deleted": False,
        "created_at": CREATED_AT.isoformat(),
        "created_by": by,
        "updated_at": CREATED_AT.isoformat(),
        "updated_by": by,
        "fields": dict(fields),
    }
    return (json.dumps(line, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def domain_fields(record: Any) -> dict[str, Any]:
    data = to_json(record)
    data.pop("id", None)
    data.pop("meta", None)
    return data


def good_members(sender_code: str = "CTV001") -> dict[str, bytes]:
    """Three establishments, a visit, a photo and two audit events: small, but every member kind."""
    names = ("Cơ sở mộc Đồng Kỵ", "HTX gốm Bát Tràng", "Hộ làm bún Phú Đô")
    establishments = b"".join(
        record_line(
            record_id,
            domain_fields(Establishment(name=name, province_code=1, commune_code=4)),
            by=sender_code,
        )
        for record_id, name in zip(ESTABLISHMENT_IDS, names, strict=True)
    )
    visit = record_line(
        VISIT_ID,
        domain_fields(Visit(establishment_id=UUID(ESTABLISHMENT_IDS[0]), purpose="Khảo sát nhu cầu")),
        by=sender_code,
    )
    audit = b"".join(
        (json.dumps(event, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")
        for event in (
            {"seq": 1, "entity": "establishment", "record_id": ESTABLISHMENT_IDS[0], "by": sender_code},
            {"seq": 2, "entity": "visit", "record_id": VISIT_ID, "by": sender_code},
        )
    )
    return {
        "records/establishment.jsonl": establishments,
        "records/visit.jsonl": visit,
        f"attachments/{PHOTO_SHA256}": PHOTO,
        "audit.jsonl": audit,
    }


def build_corpus(
    folder: Path,
    *,
    key: Ed25519PrivateKey | None = None,
    sender: Party | None = None,
    recipient: str = "centre",
    sequence: int = 1,
    members: Mapping[str, bytes] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    bomb_bytes: int = BOMB_BYTES,
    encrypt_for: bytes | None = None,
) -> Corpus:
    """Write the good package and every case of :data:`EXPECTED` into ``folder``.

    ``members`` must contain ``records/establishment.jsonl`` with at least two lines (the default does).
    ``limits`` sizes the oversized member, the member count and the bomb for the reader that will be used.
    ``encrypt_for`` is the recipient's X25519 public key (default: a key the corpus makes, ``recipient_key``).
    """
    folder.mkdir(parents=True, exist_ok=True)
    plain = folder / "plain"
    plain.mkdir(exist_ok=True)
    key = key or keys.generate_private_key()
    fingerprint = keys.fingerprint(keys.public_bytes(key))
    sender = sender or Party("collaborator", "CTV001", "device-ctv001", fingerprint)
    members = dict(members if members is not None else good_members(sender.code))
    recipient_key = None
    if encrypt_for is None:
        recipient_key = X25519PrivateKey.generate()
        encrypt_for = keys.encryption_public_bytes(recipient_key)
    arguments: dict[str, Any] = {
        "kind": PackageKind.FIELD_CHANGES,
        "sender": sender,
        "recipient": recipient,
        "sequence": sequence,
        "previous_sha256": "",
        "members": members,
        "key": key,
        "app_version": "0.1.0",
        "schema_version": "test",
        "package_id": PACKAGE_ID,
        "created_at": CREATED_AT,
    }
    written = write_package(folder, **arguments, encrypt_for=encrypt_for)
    # The same package sealed for a key held here, opened again: the good ZIP the inner cases start from.
    staging = X25519PrivateKey.generate()
    staged = write_package(plain, **arguments, encrypt_for=keys.encryption_public_bytes(staging))
    good_zip = plain / "good.zip"
    with staged.path.open("rb") as source, good_zip.open("wb") as target:
        envelope.open_envelope(source, target, staging, file=staged.path.name, max_size=2**40)
    staged.path.unlink()
    corpus = Corpus(folder, key, keys.generate_private_key(), sender, written.path, encrypt_for, recipient_key)
    manifest = json.loads(_entry(good_zip, "manifest.json"))
    maker = _Maker(corpus, _read_entries(good_zip), manifest, limits, bomb_bytes, good_zip)
    for case, code in EXPECTED.items():
        path = folder / f"{case}.kcpkg"
        if case in ENVELOPE_CASES:
            getattr(maker, case)(path)
        else:
            inner = plain / f"{case}.zip"
            getattr(maker, case)(inner)
            seal_file(inner, path, encrypt_for)
            inner.unlink()  # the big ones (a 64 MiB member) need not stay twice
        corpus.cases.append((case, path, code))
    return corpus


def seal_file(source: Path, target: Path, encrypt_for: bytes) -> None:
    """``source`` (any bytes: a good or a bad ZIP) sealed into ``target`` with the real envelope."""
    with source.open("rb") as reader, target.open("wb") as writer:
        envelope.seal(reader, source.stat().st_size, writer, encrypt_for)


# --- the variants ------------------------------------------------------------------------------------------

Entry = tuple[zipfile.ZipInfo, bytes]
Chunks = Callable[[], Iterator[bytes]]


class _Maker:
    def __init__(
        self,
        corpus: Corpus,
        entries: list[Entry],
        manifest: dict[str, Any],
        limits: Limits,
        bomb_bytes: int,
        good_zip: Path,
    ) -> None:
        self.corpus = corpus
        self.good_zip = good_zip
        self.bomb_bytes = bomb_bytes
        self.entries = entries
        self.manifest = manifest
        self.limits = limits
        self.records_name = "records/establishment.jsonl"

    # helpers

    def data(self, name: str) -> bytes:
        return next(data for info, data in self.entries if info.filename == name)

    def copy(self, path: Path, change: Callable[[list[Entry]], list[Entry]]) -> None:
        """The good package's entries, changed after signing."""
        _write_entries(path, change([(_clone(info), data) for info, data in self.entries]))

    def resign(
        self,
        path: Path,
        members: Mapping[str, bytes | tuple[int, str, Chunks]],
        *,
        edit: Callable[[dict[str, Any]], None] | None = None,
        key: Ed25519PrivateKey | None = None,
        method: int = zipfile.ZIP_DEFLATED,
    ) -> None:
        """A package whose manifest tells the truth about ``members`` (record counts = line counts), then
        ``edit``-ed and signed with ``key``: the fault lies in the members, not in the signature."""
        key = key or self.corpus.key
        manifest = json.loads(json.dumps(self.manifest))
        manifest["sender"]["key_fingerprint"] = keys.fingerprint(keys.public_bytes(key))
        listed = []
        for name, value in sorted(members.items()):
            if isinstance(value, bytes):
                size, sha = len(value), hashlib.sha256(value).hexdigest()
                count = value.count(b"\n") if name.endswith(".jsonl") else 0
            else:
                size, sha, _ = value
                count = 0
            listed.append({"name": name, "sha256": sha, "size": size, "records": count})
        manifest["members"] = listed
        if edit:
            edit(manifest)
        manifest_bytes = _dump_manifest(manifest)
        with _open_zip(path) as archive:
            archive.writestr(_info("manifest.json"), manifest_bytes)
            archive.writestr(_info("manifest.sig"), keys.sign(key, manifest_bytes))
            for name, value in sorted(members.items()):
                if isinstance(value, bytes):
                    archive.writestr(_info(name, method), value)
                else:
                    with archive.open(_info(name, method), "w", force_zip64=True) as out:
                        for chunk in value[2]():
                            out.write(chunk)

    def good_members(self) -> dict[str, bytes]:
        return {info.filename: data for info, data in self.entries if not info.filename.startswith("manifest.")}

    # file and zip structure

    def not_a_zip(self, path: Path) -> None:
        path.write_text("Đây là một bức thư, không phải gói dữ liệu.\n", encoding="utf-8")

    def truncated_zip(self, path: Path) -> None:
        data = self.good_zip.read_bytes()
        path.write_bytes(data[: len(data) // 2])

    def empty_file(self, path: Path) -> None:
        path.write_bytes(b"")

    def too_many_members(self, path: Path) -> None:
        with _open_zip(path) as archive:
            archive.writestr(_info("manifest.json"), self.data("manifest.json"))
            archive.writestr(_info("manifest.sig"), self.data("manifest.sig"))
            for number in range(self.limits.max_members):
                archive.writestr(_info(f"reference/r{number}.json", zipfile.ZIP_STORED), b"{}")

    def missing_signature(self, path: Path) -> None:
        self.copy(path, lambda entries: [e for e in entries if e[0].filename != "manifest.sig"])

    def missing_manifest(self, path: Path) -> None:
        self.copy(path, lambda entries: [e for e in entries if e[0].filename != "manifest.json"])

    # manifest and signature

    def bad_signature(self, path: Path) -> None:
        def flip(entries: list[Entry]) -> list[Entry]:
            return [(i, _flip(d) if i.filename == "manifest.sig" else d) for i, d in entries]

        self.copy(path, flip)

    def tampered_manifest(self, path: Path) -> None:
        def renumber(entries: list[Entry]) -> list[Entry]:
            manifest = json.loads(self.data("manifest.json"))
            manifest["sequence"] += 1
            return [(i, _dump_manifest(manifest) if i.filename == "manifest.json" else d) for i, d in entries]

        self.copy(path, renumber)

    def unknown_key(self, path: Path) -> None:
        self.resign(path, self.good_members(), key=self.corpus.other_key)

    def wrong_format(self, path: Path) -> None:
        self.resign(path, self.good_members(), edit=lambda m: m.update(format="other-package"))

    def wrong_version(self, path: Path) -> None:
        self.resign(path, self.good_members(), edit=lambda m: m.update(format_version=3))

    def bad_manifest(self, path: Path) -> None:
        self.resign(path, self.good_members(), edit=lambda m: m.update(sequence="one"))

    def manifest_not_json(self, path: Path) -> None:
        def garble(entries: list[Entry]) -> list[Entry]:
            text = b"{not json"
            sig = keys.sign(self.corpus.key, text)
            out = [(i, text if i.filename == "manifest.json" else d) for i, d in entries]
            return [(i, sig if i.filename == "manifest.sig" else d) for i, d in out]

        self.copy(path, garble)

    # members against the manifest

    def tampered_member(self, path: Path) -> None:
        def tamper(entries: list[Entry]) -> list[Entry]:
            old, new = "Bát Tràng".encode(), "Bát Tràn_".encode()  # same length: only the hash can tell
            return [(i, d.replace(old, new) if i.filename == self.records_name else d) for i, d in entries]

        self.copy(path, tamper)

    def resized_member(self, path: Path) -> None:
        def grow(entries: list[Entry]) -> list[Entry]:
            extra = _records_line("0196b1a4-7f00-7000-8000-0000000000ff")
            return [(i, d + extra if i.filename == self.records_name else d) for i, d in entries]

        self.copy(path, grow)

    def damaged_member(self, path: Path) -> None:
        """The records member stored uncompressed, one byte changed in the file: the zip CRC fails."""

        def store(entries: list[Entry]) -> list[Entry]:
            for info, _ in entries:
                if info.filename == self.records_name:
                    info.compress_type = zipfile.ZIP_STORED
            return entries

        self.copy(path, store)
        raw = bytearray(path.read_bytes())
        at = raw.find(self.data(self.records_name)[:40])
        raw[at + 20] ^= 0x01
        path.write_bytes(bytes(raw))

    def missing_member(self, path: Path) -> None:
        self.copy(path, lambda entries: [e for e in entries if not e[0].filename.startswith("attachments/")])

    def extra_member(self, path: Path) -> None:
        extra = _records_line("0196b1a4-7f00-7000-8000-0000000000ee")
        self.copy(path, lambda entries: [*entries, (_info("records/equipment_need.jsonl"), extra)])

    def unexpected_name(self, path: Path) -> None:
        self.copy(path, lambda entries: [*entries, (_info("notes.txt"), b"hello\n")])

    def dotdot_name(self, path: Path) -> None:
        self.copy(path, lambda entries: [*entries, (_info("../evil"), b"#!/bin/sh\n")])

    def nested_dotdot_name(self, path: Path) -> None:
        self.copy(path, lambda entries: [*entries, (_info("records/../../evil.jsonl"), b"{}\n")])

    def absolute_name(self, path: Path) -> None:
        self.copy(path, lambda entries: [*entries, (_info("/abs"), b"x")])

    def backslash_name(self, path: Path) -> None:
        self.copy(path, lambda entries: [*entries, (_info("records\\..\\evil.jsonl"), b"{}\n")])

    def drive_name(self, path: Path) -> None:
        self.copy(path, lambda entries: [*entries, (_info("C:/Windows/evil.json"), b"{}")])

    def empty_part_name(self, path: Path) -> None:
        self.copy(path, lambda entries: [*entries, (_info("records//visit.jsonl"), b"{}\n")])

    def symlink(self, path: Path) -> None:
        """The photo replaced by a symbolic link to /etc/passwd, under the name the manifest lists."""

        def link(entries: list[Entry]) -> list[Entry]:
            out = []
            for info, data in entries:
                if info.filename.startswith("attachments/"):
                    info.external_attr = (stat.S_IFLNK | 0o777) << 16
                    out.append((info, b"/etc/passwd"))
                else:
                    out.append((info, data))
            return out

        self.copy(path, link)

    def directory_entry(self, path: Path) -> None:
        directory = _info("records/")
        directory.external_attr = (stat.S_IFDIR | 0o755) << 16 | 0x10
        self.copy(path, lambda entries: [*entries, (directory, b"")])

    def duplicate_member(self, path: Path) -> None:
        def twice(entries: list[Entry]) -> list[Entry]:
            return [*entries, (_info(self.records_name), self.data(self.records_name))]

        self.copy(path, twice)

    def unsupported_compression(self, path: Path) -> None:
        self.resign(path, self.good_members(), method=zipfile.ZIP_BZIP2)

    def oversized_member(self, path: Path) -> None:
        """An incompressible attachment one byte over the limit, listed truthfully and signed."""
        size = self.limits.max_member_bytes + 1
        block = os.urandom(MIB)

        def chunks() -> Iterator[bytes]:
            left = size
            while left > 0:
                yield block[: min(left, MIB)]
                left -= MIB

        sha = _sha_of(chunks)
        members: dict[str, bytes | tuple[int, str, Chunks]] = {
            **self.good_members(),
            f"attachments/{sha}": (size, sha, chunks),
        }
        self.resign(path, members, method=zipfile.ZIP_STORED)

    def zip_bomb(self, path: Path) -> None:
        """200 MB of zeros deflated to ~200 KB, listed truthfully and signed: only the ratio gives it away."""
        size = max(self.bomb_bytes, self.limits.ratio_floor_bytes * 4)
        zeros = bytes(MIB)

        def chunks() -> Iterator[bytes]:
            left = size
            while left > 0:
                yield zeros[: min(left, MIB)]
                left -= MIB

        sha = _sha_of(chunks)
        members: dict[str, bytes | tuple[int, str, Chunks]] = {
            **self.good_members(),
            f"attachments/{sha}": (size, sha, chunks),
        }
        self.resign(path, members)

    # what the members say

    def unknown_entity(self, path: Path) -> None:
        self.resign(path, {**self.good_members(), "records/widget.jsonl": _records_line(ESTABLISHMENT_IDS[0])})

    def bad_record_line(self, path: Path) -> None:
        lines = self.data(self.records_name) + b"[1, 2, 3]\n"
        self.resign(path, {**self.good_members(), self.records_name: lines})

    def lone_surrogate_line(self, path: Path) -> None:
        """Half a character, escaped: valid JSON that no database or UTF-8 receipt can hold."""
        line = b'{"fields": {"name": "C\\ud800 s\\u1edf"}, "id": "7a1c35a4-1d43-4c49-9d2e-1f0c2b0e9d55"}\n'
        self.resign(path, {**self.good_members(), self.records_name: self.data(self.records_name) + line})

    def record_without_id(self, path: Path) -> None:
        lines = self.data(self.records_name) + b'{"fields": {"name": "Kh\\u00f4ng c\\u00f3 id"}}\n'
        self.resign(path, {**self.good_members(), self.records_name: lines})

    def duplicate_ids(self, path: Path) -> None:
        first = self.data(self.records_name).split(b"\n")[0] + b"\n"
        self.resign(path, {**self.good_members(), self.records_name: self.data(self.records_name) + first})

    def record_count_mismatch(self, path: Path) -> None:
        def miscount(manifest: dict[str, Any]) -> None:
            for member in manifest["members"]:
                if member["name"] == self.records_name:
                    member["records"] += 1

        self.resign(path, self.good_members(), edit=miscount)

    def bad_json_member(self, path: Path) -> None:
        self.resign(path, {**self.good_members(), "reference/communes.json": b'{"communes": [1, 2,'})

    # the envelope (these write the final file themselves)

    def sealed(self) -> bytearray:
        """The good ZIP sealed for the corpus's recipient, as bytes to spoil."""
        temp = self.good_zip.with_suffix(".sealed")
        seal_file(self.good_zip, temp, self.corpus.encrypt_for)
        data = bytearray(temp.read_bytes())
        temp.unlink()
        return data

    def header_end(self, data: bytes) -> int:
        return len(envelope.MAGIC) + 4 + int.from_bytes(data[len(envelope.MAGIC) : len(envelope.MAGIC) + 4], "big")

    def with_header(self, path: Path, change: Callable[[dict[str, Any]], None]) -> None:
        data = self.sealed()
        end = self.header_end(data)
        header = json.loads(data[len(envelope.MAGIC) + 4 : end])
        change(header)
        raw = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
        path.write_bytes(envelope.MAGIC + len(raw).to_bytes(4, "big") + raw + data[end:])

    def plain_zip(self, path: Path) -> None:
        path.write_bytes(self.good_zip.read_bytes())

    def not_a_package(self, path: Path) -> None:
        path.write_text("Đây là một bức thư, không phải gói dữ liệu.\n", encoding="utf-8")

    def empty_package(self, path: Path) -> None:
        path.write_bytes(b"")

    def wrong_recipient(self, path: Path) -> None:
        seal_file(self.good_zip, path, keys.encryption_public_bytes(X25519PrivateKey.generate()))

    def flipped_ciphertext(self, path: Path) -> None:
        data = self.sealed()
        data[self.header_end(data) + 40] ^= 0x01
        path.write_bytes(bytes(data))

    def flipped_tag(self, path: Path) -> None:
        data = self.sealed()
        data[-1] ^= 0x80
        path.write_bytes(bytes(data))

    def swapped_ephemeral(self, path: Path) -> None:
        other = keys.encryption_public_bytes(X25519PrivateKey.generate())
        self.with_header(path, lambda header: header.update(ephemeral=base64.b64encode(other).decode()))

    def truncated_envelope(self, path: Path) -> None:
        path.write_bytes(bytes(self.sealed()[:-100]))

    def cut_header(self, path: Path) -> None:
        data = self.sealed()
        path.write_bytes(bytes(data[: len(envelope.MAGIC) + 10]))

    def extra_bytes(self, path: Path) -> None:
        path.write_bytes(bytes(self.sealed()) + b"\x00" * 10)

    def bad_header(self, path: Path) -> None:
        data = self.sealed()
        raw = b"{not json" + b" " * 10
        path.write_bytes(envelope.MAGIC + len(raw).to_bytes(4, "big") + raw + data[self.header_end(data) :])

    def huge_header(self, path: Path) -> None:
        data = self.sealed()
        path.write_bytes(envelope.MAGIC + (2**32 - 1).to_bytes(4, "big") + data[len(envelope.MAGIC) + 4 :])

    def old_envelope_version(self, path: Path) -> None:
        self.with_header(path, lambda header: header.update(version=1))


# --- zip plumbing ------------------------------------------------------------------------------------------


def _info(name: str, method: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = method
    info.create_system = 3
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def _clone(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    copy = _info(info.filename, info.compress_type)
    copy.external_attr = info.external_attr
    return copy


def _open_zip(path: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(path, "w")


def _write_entries(path: Path, entries: list[Entry]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": that is the point of one case
        with _open_zip(path) as archive:
            for info, data in entries:
                archive.writestr(info, data)


def _read_entries(path: Path) -> list[Entry]:
    with zipfile.ZipFile(path) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _entry(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def _dump_manifest(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def _records_line(record_id: str) -> bytes:
    return record_line(record_id, domain_fields(Establishment(name="Cơ sở thêm", province_code=1, commune_code=4)))


def _flip(data: bytes) -> bytes:
    return bytes([data[0] ^ 0x01]) + data[1:]


def _sha_of(chunks: Chunks) -> str:
    digest = hashlib.sha256()
    for chunk in chunks():
        digest.update(chunk)
    return digest.hexdigest()
