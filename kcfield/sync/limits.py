"""Limits a package reader enforces, and the member names it accepts.

A package comes from a USB stick or an e-mail: until its signature and hashes are checked it is untrusted
input. Names are judged from the raw bytes of the zip directory (never after the ``zipfile`` module's own
clean-up), sizes are counted while the bytes stream out (never taken from the zip headers).
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass

MIB = 1024 * 1024

# Entities that travel as records/<entity>.jsonl (the store tables with SyncMixin).
ENTITIES: frozenset[str] = frozenset({"establishment", "visit", "equipment_need", "cp_assessment", "attachment"})

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
AUDIT = "audit.jsonl"
RECEIPT = "receipt.json"

_RECORDS = re.compile(r"records/([a-z][a-z0-9_]{0,63})\.jsonl")
_ATTACHMENT = re.compile(r"attachments/([0-9a-f]{64})")
_REFERENCE = re.compile(r"reference/[a-z0-9][a-z0-9_-]{0,63}\.jsonl?")
_DRIVE = re.compile(r"^[A-Za-z]:")
_MAX_NAME_CHARS = 255


@dataclass(frozen=True)
class Limits:
    """What a reader accepts. The defaults fit a field export with photos (an attachment is at most 50 MB)."""

    max_members: int = 20_000
    max_member_bytes: int = 64 * MIB
    max_total_bytes: int = 1024 * MIB
    max_ratio: int = 200  # uncompressed / compressed; zeros reach ~1000, JSON lines ~5-30
    ratio_floor_bytes: int = 1 * MIB  # below this a member's ratio is not judged (tiny text compresses well)
    max_manifest_bytes: int = 16 * MIB

    @property
    def max_central_directory_bytes(self) -> int:
        # 46 fixed bytes + name + extra fields per entry; 1 KiB per entry is generous.
        return self.max_members * 1024


class NameProblem(Exception):
    """Why a member name is refused: ``code`` is the message code, ``entity`` set for an unknown entity."""

    def __init__(self, code: str, entity: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.entity = entity


def check_member_name(name: str) -> None:
    """Raise :class:`NameProblem` unless ``name`` is safe and of one of the allowed shapes."""
    if not is_safe_name(name):
        raise NameProblem("package.unsafe_name")
    if name in {MANIFEST, SIGNATURE, AUDIT, RECEIPT}:
        return
    if _ATTACHMENT.fullmatch(name) or _REFERENCE.fullmatch(name):
        return
    records = _RECORDS.fullmatch(name)
    if records:
        if records.group(1) not in ENTITIES:
            raise NameProblem("package.unknown_entity", records.group(1))
        return
    raise NameProblem("package.unexpected_name")


def is_safe_name(name: str) -> bool:
    """No absolute path, drive letter, backslash, empty or dot part, control character or huge name."""
    if not name or len(name) > _MAX_NAME_CHARS:
        return False
    if name.startswith("/") or "\\" in name or _DRIVE.match(name):
        return False
    if any(not ch.isprintable() for ch in name):
        return False
    return all(part not in {"", ".", ".."} for part in name.split("/"))


def entity_of(name: str) -> str | None:
    """``"visit"`` for ``records/visit.jsonl``; None for any other member."""
    match = _RECORDS.fullmatch(name)
    return match.group(1) if match else None


def attachment_sha256(name: str) -> str | None:
    match = _ATTACHMENT.fullmatch(name)
    return match.group(1) if match else None


def is_file_entry(external_attr: int, name: str) -> bool:
    """False for directories, symbolic links and other special entries (judged by Unix mode and DOS bits)."""
    if name.endswith("/"):
        return False
    if external_attr & 0x10:  # MS-DOS directory attribute
        return False
    mode = external_attr >> 16
    return stat.S_IFMT(mode) in {0, stat.S_IFREG}


def shown(name: str, limit: int = 80) -> str:
    """A member name fit for a one-line message: control characters escaped, long names cut."""
    safe = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in name)
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"
