"""Signed, encrypted sync packages (``*.kcpkg``): writing them and reading them defensively.

Inside, a package is a ZIP written deterministically: ``manifest.json`` (every member's sha256, size and record
count), ``manifest.sig`` (the sender's Ed25519 signature of the manifest's exact bytes), then the members. The
file that travels is that ZIP sealed for the recipient's X25519 key (:mod:`kcfield.sync.envelope`), so the
manifest and the members are visible only to the recipient. The reader treats the file as hostile until
proved otherwise and verifies *everything* before it returns: the envelope (recipient, length, every chunk's
tag), then structure and names from the zip directory, the signature, each member streamed under size and
ratio limits and checked against the signed manifest, then the record lines. See ``docs/package-format.md``
for the order and the reasons.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import stat
import struct
import tempfile
import weakref
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from uuid import UUID, uuid4

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kcfield.durable import fsync_dir
from kcfield.sync import envelope, keys
from kcfield.sync.limits import (
    MANIFEST,
    SIGNATURE,
    Limits,
    NameProblem,
    attachment_sha256,
    check_member_name,
    entity_of,
    is_file_entry,
    shown,
)
from kcfield.sync.manifest import (
    FORMAT,
    FORMAT_VERSION,
    ROLES,
    Manifest,
    MemberInfo,
    PackageKind,
    PackageRejected,
    Party,
    check_format,
    is_valid_code,
    is_valid_sha256,
    parse_document,
)

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "Limits",
    "Manifest",
    "MemberInfo",
    "OpenedPackage",
    "PackageKind",
    "PackageRejected",
    "Party",
    "WrittenPackage",
    "package_file_name",
    "peek_member",
    "read_package",
    "write_package",
]

SUFFIX = ".kcpkg"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 6
_CHUNK = 64 * 1024
_SIGNATURE_CAP = 4096
_ALLOWED_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
DEFAULT_LIMITS = Limits()
_FILE_MODE = 0o600  # packages carry personal data (phones, ID numbers): owner-only, like the database
# What zipfile and zlib raise on a damaged or malicious archive.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    KeyError,
    IndexError,
    struct.error,
    NotImplementedError,
    RuntimeError,
)


@dataclass(frozen=True)
class WrittenPackage:
    path: Path
    manifest: Manifest
    sha256: str  # of the whole (encrypted) file: what the centre's idempotency compares


def package_file_name(manifest: Manifest) -> str:
    """``<sender code>-<sequence:06d>-<package id>.kcpkg``."""
    return f"{manifest.sender.code}-{manifest.sequence:06d}-{manifest.package_id}{SUFFIX}"


# --- writing -----------------------------------------------------------------------------------------------


def write_package(
    folder: Path,
    *,
    kind: PackageKind,
    sender: Party,
    recipient: str,
    sequence: int,
    previous_sha256: str,
    members: Mapping[str, bytes],
    key: Ed25519PrivateKey,
    app_version: str,
    schema_version: str,
    encrypt_for: bytes,
    package_id: str | None = None,
    created_at: datetime | None = None,
) -> WrittenPackage:
    """Sign, seal for ``encrypt_for`` (the recipient's 32-byte X25519 public key) and write a package into
    ``folder``, atomically: it either appears complete or not at all.

    The same arguments give the same ZIP inside (fixed member order and timestamps); the sealed file differs
    every time (a fresh ephemeral key). Member names and contents are checked as the reader will check them,
    so a package this writes is one the reader accepts; a bad argument is a programming error
    (``ValueError``), not a user's.
    """
    _check_sender(sender, key)
    if not keys.is_usable_encryption_key(bytes(encrypt_for)):
        raise ValueError("encrypt_for must be the recipient's 32-byte X25519 public key")
    if sequence < 0:
        raise ValueError("sequence must be ≥ 0")
    if previous_sha256 and not is_valid_sha256(previous_sha256):
        raise ValueError("previous_sha256 must be 64 lower-case hex digits or empty")
    package_id = package_id or str(uuid4())
    if str(UUID(package_id)) != package_id:
        raise ValueError("package_id must be canonical UUID text")
    when = created_at or datetime.now(UTC)
    if when.tzinfo is None:
        raise ValueError("created_at must carry a time zone")

    infos = [_member_info(name, bytes(members[name])) for name in sorted(members)]
    manifest = Manifest(
        kind=PackageKind(kind),
        package_id=package_id,
        created_at=when.astimezone(UTC).isoformat(),
        app_version=app_version,
        schema_version=schema_version,
        sender=sender,
        recipient=recipient,
        sequence=sequence,
        previous_sha256=previous_sha256,
        members=tuple(infos),
    )
    manifest_bytes = manifest.to_json_bytes()
    entries = [(MANIFEST, manifest_bytes), (SIGNATURE, keys.sign(key, manifest_bytes))]
    entries += [(info.name, members[info.name]) for info in infos]

    folder.mkdir(parents=True, exist_ok=True)
    final = folder / package_file_name(manifest)
    if final.exists():
        raise FileExistsError(final)
    digest = _write_atomically(final, entries, bytes(encrypt_for))
    return WrittenPackage(path=final, manifest=manifest, sha256=digest)


def _check_sender(sender: Party, key: Ed25519PrivateKey) -> None:
    if sender.role not in ROLES:
        raise ValueError(f"sender role must be one of {ROLES}")
    if not is_valid_code(sender.code):
        raise ValueError("sender code must be 1-64 letters, digits, '-' or '_'")
    if sender.key_fingerprint != keys.fingerprint(keys.public_bytes(key)):
        raise ValueError("the sender's key fingerprint is not the signing key's")


def _member_info(name: str, data: bytes) -> MemberInfo:
    try:
        check_member_name(name)
    except NameProblem as exc:
        raise ValueError(f"member name not allowed ({exc.code}): {shown(name)}") from exc
    if name in {MANIFEST, SIGNATURE}:
        raise ValueError(f"{name} is written by write_package itself")
    sha = hashlib.sha256(data).hexdigest()
    named = attachment_sha256(name)
    if named is not None and named != sha:
        raise ValueError(f"attachment {name} does not hold the file of that sha256")
    records = 0
    try:
        if name.endswith(".jsonl"):
            records = _check_lines("", name, data, with_ids=entity_of(name) is not None)
        elif name.endswith(".json"):
            _check_json("", name, data)
    except PackageRejected as exc:
        raise ValueError(f"member {name} is not valid: {exc.code} {exc.params}") from exc
    return MemberInfo(name=name, sha256=sha, size=len(data), records=records)


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the writing OS: same bytes everywhere
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def _write_atomically(final: Path, entries: list[tuple[str, bytes]], encrypt_for: bytes) -> str:
    """The ZIP goes to an anonymous temporary file in the system's temporary folder (never beside the target,
    which may be a USB stick), is sealed into a temporary name beside ``final``, fsynced and renamed."""
    temp = final.with_name(f".{final.name}.{secrets.token_hex(6)}.tmp")
    with tempfile.TemporaryFile() as plain:
        with zipfile.ZipFile(plain, "w") as archive:
            for name, data in entries:
                archive.writestr(_zip_info(name), data, compresslevel=COMPRESS_LEVEL)
        size = plain.tell()
        plain.seek(0)
        fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), _FILE_MODE)
        try:
            with os.fdopen(fd, "w+b") as handle:
                envelope.seal(plain, size, handle, encrypt_for)
                handle.flush()
                os.fsync(handle.fileno())
                handle.seek(0)
                digest = _hash_stream(handle)
            temp.replace(final)  # os.replace: atomic on POSIX and Windows
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    fsync_dir(final.parent)
    return digest


def _hash_stream(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(1024 * 1024):
        digest.update(chunk)
    return digest.hexdigest()


# --- reading -----------------------------------------------------------------------------------------------


class OpenedPackage:
    """A package that passed every check. Record, audit and JSON members are held in memory; attachments are
    read again on request from the decrypted copy (an anonymous temporary file this object owns) and checked
    against the signed hash once more. ``close()`` (or ``with``) drops that copy; it is dropped anyway when the
    object is collected."""

    def __init__(
        self,
        path: Path,
        manifest: Manifest,
        sha256: str,
        data: dict[str, bytes],
        limits: Limits,
        plain: IO[bytes],
    ) -> None:
        self.path = path
        self.manifest = manifest
        self.sha256 = sha256  # of the file as received (encrypted)
        self._data = data
        self._limits = limits
        self._plain = plain
        self._closer = weakref.finalize(self, plain.close)

    def close(self) -> None:
        self._closer()

    def __enter__(self) -> OpenedPackage:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.manifest.members)

    def member(self, name: str) -> bytes:
        """The bytes of a listed member; ``KeyError`` for a name the manifest does not list."""
        if name in self._data:
            return self._data[name]
        sha = attachment_sha256(name)
        if sha is None or self.manifest.member(name) is None:
            raise KeyError(name)
        return self.attachment(sha)

    def records(self, entity: str) -> list[dict[str, Any]]:
        """The record lines of ``records/<entity>.jsonl`` (an empty list when the package has none)."""
        return self.lines(f"records/{entity}.jsonl")

    def lines(self, name: str) -> list[dict[str, Any]]:
        """The JSON objects of any ``*.jsonl`` member (``audit.jsonl``, ``reference/*.jsonl``); [] if absent."""
        data = self._data.get(name)
        if data is None:
            return []
        return [json.loads(line) for line in data.decode("utf-8").splitlines()]

    def attachment(self, sha256: str) -> bytes:
        name = f"attachments/{sha256}"
        info = self.manifest.member(name)
        if info is None:
            raise KeyError(name)
        reader = _Reader(self.path.name, self._limits)
        try:
            archive = reader.open_archive(self._plain)
            with archive:
                entry = archive.getinfo(name)
                data = reader.stream(archive, entry, info, keep=True)
        except (PackageRejected, *_ZIP_ERRORS) as exc:  # it passed every check before: the copy changed since
            raise PackageRejected("package.changed", file=self.path.name, name=name) from exc
        if hashlib.sha256(data).hexdigest() != info.sha256:
            raise PackageRejected("package.changed", file=self.path.name, name=name)
        return data

    def json(self, name: str) -> Any:
        """The parsed content of a ``*.json`` member (``receipt.json``, ``reference/<dataset>.json``)."""
        if not name.endswith(".json") or name not in self._data:
            raise KeyError(name)
        return json.loads(self._data[name].decode("utf-8"))


def read_package(
    path: Path,
    key_for: Callable[[str], bytes | None],
    decrypt_with: X25519PrivateKey,
    limits: Limits = DEFAULT_LIMITS,
) -> OpenedPackage:
    """Open ``path``, decrypt it with ``decrypt_with`` and verify it completely; ``PackageRejected`` with the
    first reason it fails.

    ``key_for(fingerprint)`` returns the raw public key the reader trusts for that fingerprint, or None. The
    ZIP is decrypted into an anonymous temporary file (never into memory) that the returned package owns.
    """
    reader = _Reader(path.name, limits)
    plain, sha256 = _decrypt(path, decrypt_with, reader)
    try:
        return reader.read(plain, sha256, path, key_for)
    except BaseException:
        plain.close()
        raise


def peek_member(path: Path, decrypt_with: X25519PrivateKey, name: str, cap: int) -> bytes | None:
    """The bytes of one member, decrypted but NOT verified (the signature is not checked): only for finding
    which key to verify a package with. None when the member is absent or larger than ``cap``;
    ``PackageRejected`` when the envelope or the zip cannot be opened."""
    reader = _Reader(path.name, DEFAULT_LIMITS)
    plain, _sha256 = _decrypt(path, decrypt_with, reader)
    with plain:
        archive = reader.open_archive(plain)
        with archive:
            try:
                info = archive.getinfo(name)
            except KeyError:
                return None
            if info.file_size > cap:
                return None
            return reader.stream(archive, info, None, keep=True, cap=cap)


def _decrypt(path: Path, decrypt_with: X25519PrivateKey, reader: _Reader) -> tuple[IO[bytes], str]:
    """The envelope at ``path`` decrypted into an anonymous temporary file, and the sha256 of ``path``."""
    limits = reader.limits
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise reader.reject("package.unreadable", detail=exc.strerror or type(exc).__name__) from exc
    with handle:
        try:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise reader.reject("package.unreadable", detail="not a regular file")
            plain = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the OpenedPackage, which closes it
        except OSError as exc:
            raise reader.reject("package.unreadable", detail=exc.strerror or type(exc).__name__) from exc
        try:
            digest = hashlib.sha256()
            envelope.open_envelope(
                handle,
                plain,
                decrypt_with,
                file=reader.file,
                max_size=limits.max_total_bytes + limits.max_central_directory_bytes,
                on_refused_size=lambda limit: reader.reject("package.total_too_large", limit_mb=_mb(limit)),
                digest=digest,
            )
            plain.seek(0)
        except OSError as exc:
            plain.close()
            raise reader.reject("package.unreadable", detail=exc.strerror or type(exc).__name__) from exc
        except BaseException:
            plain.close()
            raise
    return plain, digest.hexdigest()


class _Reader:
    def __init__(self, file: str, limits: Limits) -> None:
        self.file = file
        self.limits = limits
        self.total = 0
        self.file_size = 0

    def reject(self, code: str, **params: Any) -> PackageRejected:
        return PackageRejected(code, file=self.file, **params)

    # 1. the decrypted zip and its directory (the envelope was opened by _decrypt)

    def read(self, plain: IO[bytes], sha256: str, path: Path, key_for: Callable[[str], bytes | None]) -> OpenedPackage:
        archive = self.open_archive(plain)
        with archive:
            return self._verify(archive, sha256, path, plain, key_for)

    def open_archive(self, handle: IO[bytes]) -> zipfile.ZipFile:
        """The zip directory, after checking its declared size cannot flood memory; ``not_a_zip`` if unreadable."""
        try:
            self.file_size = os.fstat(handle.fileno()).st_size
            entries, directory_bytes = _directory_size(handle, self.file_size)
            if entries > self.limits.max_members or directory_bytes > self.limits.max_central_directory_bytes:
                raise self.reject("package.too_many_members", count=entries, limit=self.limits.max_members)
            handle.seek(0)
            return zipfile.ZipFile(handle)
        except PackageRejected:
            raise
        except _ZIP_ERRORS as exc:
            raise self.reject("package.not_a_zip", detail=type(exc).__name__) from exc

    def _verify(
        self,
        archive: zipfile.ZipFile,
        sha256: str,
        path: Path,
        plain: IO[bytes],
        key_for: Callable[[str], bytes | None],
    ) -> OpenedPackage:
        entries = self._check_directory(archive)
        manifest = self._check_manifest(archive, entries, key_for)
        self._check_listing(manifest, entries)
        data: dict[str, bytes] = {}
        for info in manifest.members:
            keep = attachment_sha256(info.name) is None
            content = self.stream(archive, entries[info.name], info, keep=keep)
            if keep:
                data[info.name] = content
        for info in manifest.members:
            if info.name in data:
                self._check_content(info, data[info.name])
        return OpenedPackage(path, manifest, sha256, data, self.limits, plain)

    # 2. names, kinds and methods of the entries, from the raw directory

    def _check_directory(self, archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
        infos = archive.infolist()
        if len(infos) > self.limits.max_members:
            raise self.reject("package.too_many_members", count=len(infos), limit=self.limits.max_members)
        entries: dict[str, zipfile.ZipInfo] = {}
        compressed = 0
        for info in infos:
            raw = info.orig_filename  # before zipfile's own clean-up (NUL cut, os.sep replaced)
            if not is_file_entry(info.external_attr, raw):
                raise self.reject("package.not_a_file", name=shown(raw))
            try:
                check_member_name(raw)
            except NameProblem as exc:
                raise self.reject(exc.code, name=shown(raw), entity=shown(exc.entity)) from exc
            if raw != info.filename:
                raise self.reject("package.unsafe_name", name=shown(raw))
            if raw in entries:
                raise self.reject("package.duplicate_member", name=shown(raw))
            if info.compress_type not in _ALLOWED_METHODS or info.flag_bits & 0x1:
                raise self.reject("package.unsupported_compression", name=shown(raw))
            compressed += info.compress_size
            entries[raw] = info
        if compressed > self.file_size:  # members overlap: the "overlapping files" zip bomb
            raise self.reject("package.not_a_zip", detail="overlapping members")
        return entries

    # 3. the manifest and its signature

    def _check_manifest(
        self, archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], key_for: Callable[[str], bytes | None]
    ) -> Manifest:
        for name in (MANIFEST, SIGNATURE):
            if name not in entries:
                raise self.reject("package.missing_manifest", name=name)
        manifest_bytes = self.stream(archive, entries[MANIFEST], None, keep=True, cap=self.limits.max_manifest_bytes)
        signature = self.stream(archive, entries[SIGNATURE], None, keep=True, cap=_SIGNATURE_CAP)
        try:
            document = parse_document(manifest_bytes)
            check_format(document)
        except PackageRejected as exc:
            raise self.reject(exc.code, **{k: v for k, v in exc.params.items() if k != "file"}) from exc
        sender = document.get("sender")
        fingerprint = sender.get("key_fingerprint") if isinstance(sender, dict) else None
        if not isinstance(fingerprint, str):
            raise self.reject("package.bad_manifest", field="sender.key_fingerprint")
        public = key_for(fingerprint)
        if public is None or keys.fingerprint(public) != fingerprint:
            raise self.reject("package.unknown_key", fingerprint=shown(fingerprint, 80))
        if not keys.verify(public, signature, manifest_bytes):
            raise self.reject("package.bad_signature", fingerprint=fingerprint)
        try:
            return Manifest.from_json_bytes(manifest_bytes)
        except PackageRejected as exc:
            raise self.reject(exc.code, **{k: v for k, v in exc.params.items() if k != "file"}) from exc

    def _check_listing(self, manifest: Manifest, entries: dict[str, zipfile.ZipInfo]) -> None:
        listed = {m.name for m in manifest.members}
        for info in manifest.members:
            if info.name not in entries:
                raise self.reject("package.missing_member", name=info.name)
        for name in entries:
            if name not in listed and name not in {MANIFEST, SIGNATURE}:
                raise self.reject("package.extra_member", name=shown(name))

    # 4. each member's bytes, counted as they stream out

    def stream(
        self,
        archive: zipfile.ZipFile,
        entry: zipfile.ZipInfo,
        info: MemberInfo | None,
        *,
        keep: bool,
        cap: int | None = None,
    ) -> bytes:
        """The member's bytes (b"" unless ``keep``), refused as soon as a limit is passed; checked against
        ``info`` (size, then sha256) when given."""
        name = shown(entry.orig_filename)
        limits = self.limits
        cap = limits.max_member_bytes if cap is None else min(cap, limits.max_member_bytes)
        compressed = max(entry.compress_size, 1)
        digest = hashlib.sha256()
        parts: list[bytes] = []
        size = 0
        try:
            with archive.open(entry) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    if size > limits.ratio_floor_bytes and size > compressed * limits.max_ratio:
                        raise self.reject("package.too_compressible", name=name, limit=limits.max_ratio)
                    if size > cap:
                        raise self.reject("package.too_large", name=name, limit_mb=_mb(cap))
                    if self.total + size > limits.max_total_bytes:
                        raise self.reject("package.total_too_large", limit_mb=_mb(limits.max_total_bytes))
                    if info is not None and size > info.size:
                        raise self.reject("package.size_mismatch", name=name, expected=info.size, found=f"> {size}")
                    digest.update(chunk)
                    if keep:
                        parts.append(chunk)
        except PackageRejected:
            raise
        except _ZIP_ERRORS as exc:
            raise self.reject("package.damaged_member", name=name, detail=type(exc).__name__) from exc
        self.total += size
        if info is not None:
            if size != info.size:
                raise self.reject("package.size_mismatch", name=name, expected=info.size, found=size)
            if digest.hexdigest() != info.sha256 or attachment_sha256(info.name) not in {None, info.sha256}:
                raise self.reject("package.hash_mismatch", name=name)
        return b"".join(parts)

    # 5. what the members say

    def _check_content(self, info: MemberInfo, data: bytes) -> None:
        if info.name.endswith(".jsonl"):
            count = _check_lines(self.file, info.name, data, with_ids=entity_of(info.name) is not None)
        else:
            if info.name.endswith(".json"):
                _check_json(self.file, info.name, data)
            count = 0
        if count != info.records:
            raise self.reject("package.record_count_mismatch", name=info.name, expected=info.records, found=count)


def _mb(size: int) -> int:
    return max(1, size // 2**20)


def _check_lines(file: str, name: str, data: bytes, *, with_ids: bool) -> int:
    """Count the lines of a JSON-lines member; each must be a JSON object, with a unique UUID ``id`` in
    ``records/*.jsonl``. ``PackageRejected`` names the line."""
    if not data:
        return 0
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = data[: exc.start].count(b"\n") + 1
        raise PackageRejected("package.bad_record", file=file, name=name, line=bad_line) from exc
    if not text.endswith("\n"):
        raise PackageRejected("package.bad_record", file=file, name=name, line=text.count("\n") + 1)
    seen: set[str] = set()
    lines = text[:-1].split("\n")
    for number, line in enumerate(lines, start=1):
        try:
            record = json.loads(line, parse_constant=_no_constant)
        except (ValueError, RecursionError) as exc:
            raise PackageRejected("package.bad_record", file=file, name=name, line=number) from exc
        if not isinstance(record, dict) or ("\\u" in line and _lone_surrogate(record)):
            raise PackageRejected("package.bad_record", file=file, name=name, line=number)
        if with_ids:
            record_id = record.get("id")
            if not isinstance(record_id, str) or not _is_uuid(record_id):
                raise PackageRejected("package.bad_id", file=file, name=name, line=number)
            if record_id in seen:
                raise PackageRejected("package.duplicate_id", file=file, name=name, id=record_id, line=number)
            seen.add(record_id)
    return len(lines)


def _check_json(file: str, name: str, data: bytes) -> None:
    try:
        json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise PackageRejected("package.bad_json", file=file, name=name) from exc


def _lone_surrogate(record: Any) -> bool:
    """True when a ``\\ud800``-style escape left half a character no database or UTF-8 file can hold (only a
    line with a ``\\u`` escape can have one, so the rest are not walked)."""
    try:
        json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _is_uuid(text: str) -> bool:
    try:
        return str(UUID(text)) == text
    except ValueError:
        return False


def _directory_size(handle: IO[bytes], size: int) -> tuple[int, int]:
    """Entry count and byte size of the central directory, read from the end records before ``zipfile``
    loads the directory (it would build every entry, however many a hostile file declares)."""
    tail_size = min(size, 22 + 0xFFFF)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise zipfile.BadZipFile("no end of central directory")
    entries, directory_bytes = struct.unpack("<HL", tail[at + 10 : at + 16])
    if entries == 0xFFFF or directory_bytes == 0xFFFFFFFF:
        locator = tail[at - 20 : at] if at >= 20 else b""
        if locator[:4] != b"PK\x06\x07":
            raise zipfile.BadZipFile("zip64 locator missing")
        (offset,) = struct.unpack("<Q", locator[8:16])
        handle.seek(offset)
        record = handle.read(56)
        if len(record) < 56 or record[:4] != b"PK\x06\x06":
            raise zipfile.BadZipFile("zip64 end record missing")
        entries, directory_bytes = struct.unpack("<QQ", record[32:48])
    return entries, directory_bytes
