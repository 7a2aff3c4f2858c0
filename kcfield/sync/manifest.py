"""The manifest of a package: who sent it, to whom, in which order, and the hash of every member.

Its exact bytes are what the sender signs, so :meth:`Manifest.to_json_bytes` is deterministic (sorted keys,
fixed indentation, UTF-8) and :meth:`Manifest.from_json_bytes` checks every field's type and shape: a
manifest that parses is one the rest of the reader can rely on.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from kcfield.domain.errors import DomainError
from kcfield.sync.limits import MANIFEST, SIGNATURE, NameProblem, check_member_name

FORMAT = "kcfield-package"
FORMAT_VERSION = 2  # 2: the ZIP travels inside an encrypted envelope (kcfield.sync.envelope)

ROLES = ("collaborator", "centre")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")  # sender codes go into file names
_SHA256 = re.compile(r"[0-9a-f]{64}")
_FINGERPRINT = re.compile(r"[0-9A-F]{4}( [0-9A-F]{4}){15}")


class PackageRejected(DomainError):
    """A package refused by the reader; ``code`` is one ``package.*`` reason, ``params["file"]`` its name."""


class PackageKind(StrEnum):
    FIELD_CHANGES = "field-changes"
    CENTRE_REFERENCE = "centre-reference"
    RECEIPT = "receipt"


@dataclass(frozen=True)
class Party:
    role: str  # "collaborator" | "centre"
    code: str
    device_id: str
    key_fingerprint: str


@dataclass(frozen=True)
class MemberInfo:
    name: str
    sha256: str
    size: int
    records: int  # lines of a *.jsonl member, 0 for any other


@dataclass(frozen=True)
class Manifest:
    kind: PackageKind
    package_id: str
    created_at: str  # ISO 8601, UTC
    app_version: str
    schema_version: str
    sender: Party
    recipient: str
    sequence: int
    previous_sha256: str  # "" for a sender's first package
    members: tuple[MemberInfo, ...]
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def member(self, name: str) -> MemberInfo | None:
        return next((m for m in self.members if m.name == name), None)

    def to_json_bytes(self) -> bytes:
        document = {
            "format": self.format,
            "format_version": self.format_version,
            "kind": self.kind.value,
            "package_id": self.package_id,
            "created_at": self.created_at,
            "app_version": self.app_version,
            "schema_version": self.schema_version,
            "sender": {
                "role": self.sender.role,
                "code": self.sender.code,
                "device_id": self.sender.device_id,
                "key_fingerprint": self.sender.key_fingerprint,
            },
            "recipient": self.recipient,
            "sequence": self.sequence,
            "previous_sha256": self.previous_sha256,
            "members": [
                {"name": m.name, "sha256": m.sha256, "size": m.size, "records": m.records} for m in self.members
            ],
        }
        return (json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")

    @classmethod
    def from_json_bytes(cls, data: bytes) -> Manifest:
        """Parse and check a manifest; ``PackageRejected`` (``package.bad_manifest``, ``package.wrong_format``,
        ``package.wrong_version``) naming the first field that is wrong."""
        document = parse_document(data)
        check_format(document)
        sender = _object(document, "sender")
        members = _field(document, "members", list)
        parsed: list[MemberInfo] = []
        seen: set[str] = set()
        for index, item in enumerate(members):
            where = f"members[{index}]"
            if not isinstance(item, dict):
                raise _bad(where)
            name = _field(item, "name", str, where)
            try:
                check_member_name(name)
            except NameProblem as exc:
                raise _bad(f"{where}.name") from exc
            if name in {MANIFEST, SIGNATURE} or name in seen:
                raise _bad(f"{where}.name")
            seen.add(name)
            parsed.append(
                MemberInfo(
                    name=name,
                    sha256=_matching(item, "sha256", _SHA256, where),
                    size=_count(item, "size", where),
                    records=_count(item, "records", where),
                )
            )
        try:
            kind = PackageKind(_field(document, "kind", str))
        except ValueError as exc:
            raise _bad("kind") from exc
        package_id = _field(document, "package_id", str)
        if not _is_uuid(package_id):
            raise _bad("package_id")
        created_at = _field(document, "created_at", str)
        if not _is_aware_timestamp(created_at):
            raise _bad("created_at")
        role = _field(sender, "role", str, "sender")
        if role not in ROLES:
            raise _bad("sender.role")
        previous = _field(document, "previous_sha256", str)
        if previous and not _SHA256.fullmatch(previous):
            raise _bad("previous_sha256")
        return cls(
            kind=kind,
            package_id=package_id,
            created_at=created_at,
            app_version=_field(document, "app_version", str),
            schema_version=_field(document, "schema_version", str),
            sender=Party(
                role=role,
                code=_matching(sender, "code", _CODE, "sender"),
                device_id=_field(sender, "device_id", str, "sender"),
                key_fingerprint=_matching(sender, "key_fingerprint", _FINGERPRINT, "sender"),
            ),
            recipient=_field(document, "recipient", str),
            sequence=_count(document, "sequence"),
            previous_sha256=previous,
            members=tuple(parsed),
        )


def parse_document(data: bytes) -> dict[str, Any]:
    try:
        document = json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _bad("json") from exc
    if not isinstance(document, dict):
        raise _bad("json")
    return document


def check_format(document: dict[str, Any]) -> None:
    """Format name, then version: checked before anything else so a newer package says so plainly."""
    found = document.get("format")
    if found != FORMAT:
        raise PackageRejected("package.wrong_format", file="", found=str(found)[:40], supported=FORMAT)
    version = document.get("format_version")
    if type(version) is not int or version != FORMAT_VERSION:
        raise PackageRejected("package.wrong_version", file="", found=str(version)[:20], supported=FORMAT_VERSION)


def is_valid_code(code: str) -> bool:
    return bool(_CODE.fullmatch(code))


def is_valid_sha256(value: str) -> bool:
    return bool(_SHA256.fullmatch(value))


def _bad(field: str) -> PackageRejected:
    return PackageRejected("package.bad_manifest", file="", field=field)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _field(document: dict[str, Any], key: str, kind: type, where: str = "") -> Any:
    value = document.get(key)
    if type(value) is not kind:  # exact: True is not an int here
        raise _bad(f"{where}.{key}" if where else key)
    return value


def _object(document: dict[str, Any], key: str) -> dict[str, Any]:
    value: dict[str, Any] = _field(document, key, dict)
    return value


def _count(document: dict[str, Any], key: str, where: str = "") -> int:
    value: int = _field(document, key, int, where)
    if value < 0:
        raise _bad(f"{where}.{key}" if where else key)
    return value


def _matching(document: dict[str, Any], key: str, pattern: re.Pattern[str], where: str) -> str:
    value: str = _field(document, key, str, where)
    if not pattern.fullmatch(value):
        raise _bad(f"{where}.{key}")
    return value


def _is_uuid(text: str) -> bool:
    try:
        return str(UUID(text)) == text
    except ValueError:
        return False


def _is_aware_timestamp(text: str) -> bool:
    try:
        return datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False
