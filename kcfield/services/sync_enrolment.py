"""The collaborator's signing key and the enrolment request the centre's ``enrol`` command reads.

**Key.** One Ed25519 private key per collaborator, ``<data dir>/keys/collaborator.key`` (PEM PKCS8, mode 0o600,
written by :mod:`kcfield.sync.keys`). It is made once and never replaced silently: a key file that cannot be
read is an error for a person to look at, not a reason to make a new identity.

**Enrolment request** (``kcfield enrol-request --out FILE``): one UTF-8 JSON file::

    {"request": {"format": "kcfield-enrolment-request", "format_version": 2,
                 "code": "CTV001", "full_name": "…", "phone": "…", "device_id": "…",
                 "public_key": "<base64 of the 32 raw Ed25519 public key bytes>",
                 "encryption_key": "<base64 of the 32 raw X25519 public key bytes>",
                 "fingerprint": "3F2A 9C01 …", "app_version": "…", "created_at": "2026-11-26T03:00:01+00:00"},
     "signature": "<base64 of the Ed25519 signature>"}

The signature is made with the private key over the *canonical bytes* of the ``request`` object:
``json.dumps(request, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")``. The centre
checks (:func:`read_enrolment_request`) that the public key is 32 bytes, that the fingerprint is the one of that
key, and that the signature verifies — proof that whoever made the request holds the private key. The
fingerprint is read aloud on the phone to check the file was not swapped on the way. ``encryption_key`` is the
X25519 key derived from the signing key (:func:`kcfield.sync.keys.encryption_private_key`), signed with the
rest: the centre seals the packages it sends this collaborator for it. A request of format version 1 (an older
kcfield) has none and is refused with ``enrol_request.no_encryption_key``.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kcfield.domain.errors import DomainError
from kcfield.sync.keys import (
    fingerprint,
    is_usable_encryption_key,
    sign,
)
from kcfield.sync.keys import verify as verify_signature

KEY_FILE_NAME = "collaborator.key"
REQUEST_FORMAT = "kcfield-enrolment-request"
REQUEST_FORMAT_VERSION = 2
MAX_REQUEST_BYTES = 64 * 1024
_TEXT_FIELDS = (
    "code",
    "full_name",
    "phone",
    "device_id",
    "public_key",
    "encryption_key",
    "fingerprint",
    "app_version",
    "created_at",
)


def canonical_bytes(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class EnrolmentRequest:
    code: str
    full_name: str
    phone: str
    device_id: str
    public_key: bytes  # 32 raw bytes
    fingerprint: str
    app_version: str
    created_at: str
    encryption_key: bytes  # 32 raw X25519 bytes


def build_enrolment_document(key: Ed25519PrivateKey, request: EnrolmentRequest) -> dict[str, Any]:
    body: dict[str, Any] = {
        "format": REQUEST_FORMAT,
        "format_version": REQUEST_FORMAT_VERSION,
        "code": request.code,
        "full_name": request.full_name,
        "phone": request.phone,
        "device_id": request.device_id,
        "public_key": base64.b64encode(request.public_key).decode("ascii"),
        "encryption_key": base64.b64encode(request.encryption_key).decode("ascii"),
        "fingerprint": request.fingerprint,
        "app_version": request.app_version,
        "created_at": request.created_at,
    }
    signature = sign(key, canonical_bytes(body))
    return {"request": body, "signature": base64.b64encode(signature).decode("ascii")}


def write_json_atomically(path: Path, document: dict[str, Any]) -> None:
    if not path.parent.is_dir():
        raise DomainError("sync_field.folder_missing", path=str(path.parent))
    data = (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    fd, temp_name = tempfile.mkstemp(prefix=".incoming-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp_name).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temp_name).unlink()
        raise


def read_enrolment_request(path: Path) -> EnrolmentRequest:
    """Read and verify an enrolment request; any flaw raises a DomainError naming it (codes enrol_request.*)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_REQUEST_BYTES + 1)
    except OSError:
        raise DomainError("enrol_request.unreadable", path=str(path)) from None
    if len(data) > MAX_REQUEST_BYTES:
        raise DomainError("enrol_request.unreadable", path=str(path))
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise DomainError("enrol_request.unreadable", path=str(path)) from None
    body = document.get("request") if isinstance(document, dict) else None
    signature_text = document.get("signature") if isinstance(document, dict) else None
    if isinstance(body, dict) and body.get("format") == REQUEST_FORMAT and body.get("format_version") == 1:
        raise DomainError("enrol_request.no_encryption_key", path=str(path))
    if (
        not isinstance(body, dict)
        or not isinstance(signature_text, str)
        or body.get("format") != REQUEST_FORMAT
        or body.get("format_version") != REQUEST_FORMAT_VERSION
        or any(not isinstance(body.get(name), str) for name in _TEXT_FIELDS)
        or not body["code"].strip()
    ):
        raise DomainError("enrol_request.bad_shape", path=str(path))
    try:
        public_raw = base64.b64decode(body["public_key"], validate=True)
        encryption_raw = base64.b64decode(body["encryption_key"], validate=True)
        signature = base64.b64decode(signature_text, validate=True)
    except (binascii.Error, ValueError):
        raise DomainError("enrol_request.bad_shape", path=str(path)) from None
    if len(public_raw) != 32 or fingerprint(public_raw) != body["fingerprint"]:
        raise DomainError("enrol_request.bad_key", path=str(path))
    if not verify_signature(public_raw, signature, canonical_bytes(body)):
        raise DomainError("enrol_request.bad_signature", path=str(path))
    if not is_usable_encryption_key(encryption_raw):
        raise DomainError("enrol_request.bad_key", path=str(path))
    return EnrolmentRequest(
        code=body["code"],
        full_name=body["full_name"],
        phone=body["phone"],
        device_id=body["device_id"],
        public_key=public_raw,
        fingerprint=body["fingerprint"],
        app_version=body["app_version"],
        created_at=body["created_at"],
        encryption_key=encryption_raw,
    )
