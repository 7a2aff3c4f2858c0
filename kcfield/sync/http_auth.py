"""Signing of HTTP requests between a collaborator's device and the centre's service (API version 1).

Every request but ``GET /health`` carries four headers: the collaborator's code (added by the caller),
a unix timestamp in whole seconds, a fresh 32-hex-digit nonce, and an Ed25519 signature (base64) over
the *canonical string*::

    "KC1\\n" + METHOD + "\\n" + PATH_WITH_QUERY + "\\n" + TIMESTAMP + "\\n" + NONCE + "\\n" + sha256_hex(body)

The helpers here are pure (no clock beyond ``time.time`` when ``now`` is not given, no I/O); the device's
client and the centre's server both import them, so the two sides cannot drift apart. Checking the
timestamp window and the nonce's novelty is the server's job (it holds the clock and the nonce table).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
import time
from collections.abc import Mapping

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kcfield.sync import keys

SCHEME = "KC1"
HEADER_COLLABORATOR = "X-KC-Collaborator"
HEADER_TIMESTAMP = "X-KC-Timestamp"
HEADER_NONCE = "X-KC-Nonce"
HEADER_SIGNATURE = "X-KC-Signature"
HEADER_PACKAGE_ID = "X-KC-Package-Id"

NONCE_HEX_DIGITS = 32
MAX_CLOCK_SKEW_SECONDS = 300
NONCE_KEEP_SECONDS = 600

_NONCE_RE = re.compile(r"[0-9a-f]{32}")
_TIMESTAMP_RE = re.compile(r"-?[0-9]{1,19}")
_MAX_SIGNATURE_TEXT = 128  # base64 of 64 bytes is 88 characters


def new_nonce() -> str:
    """32 lower-case hexadecimal digits from the operating system's random source."""
    return secrets.token_hex(NONCE_HEX_DIGITS // 2)


def is_valid_nonce(nonce: str) -> bool:
    return _NONCE_RE.fullmatch(nonce) is not None


def parse_timestamp(text: str) -> int | None:
    """The integer unix time in ``text``, or None when it is not a plain (optionally negative) integer."""
    if _TIMESTAMP_RE.fullmatch(text) is None:
        return None
    return int(text)


def canonical(method: str, path_with_query: str, timestamp: int | str, nonce: str, body: bytes) -> bytes:
    """The exact bytes that are signed: see the module's documentation."""
    return canonical_for_digest(method, path_with_query, timestamp, nonce, hashlib.sha256(body).hexdigest())


def canonical_for_digest(
    method: str, path_with_query: str, timestamp: int | str, nonce: str, body_sha256: str
) -> bytes:
    """:func:`canonical` from the body's sha256 (hex), for a body that was streamed to disk, not kept."""
    text = f"{SCHEME}\n{method.upper()}\n{path_with_query}\n{timestamp}\n{nonce}\n{body_sha256}"
    return text.encode("utf-8")


def sign_request(
    key: Ed25519PrivateKey,
    method: str,
    path_with_query: str,
    body: bytes,
    *,
    now: int | None = None,
    nonce: str | None = None,
) -> dict[str, str]:
    """The timestamp, nonce and signature headers for one request (the caller adds ``X-KC-Collaborator``)."""
    timestamp = int(time.time()) if now is None else int(now)
    used_nonce = new_nonce() if nonce is None else nonce
    signature = keys.sign(key, canonical(method, path_with_query, timestamp, used_nonce, body))
    return {
        HEADER_TIMESTAMP: str(timestamp),
        HEADER_NONCE: used_nonce,
        HEADER_SIGNATURE: base64.b64encode(signature).decode("ascii"),
    }


def _header(headers: Mapping[str, str], name: str) -> str | None:
    """Header lookup that ignores case, whether or not ``headers`` itself does."""
    value = headers.get(name)
    if value is not None:
        return value
    lowered = name.lower()
    for key, candidate in headers.items():
        if key.lower() == lowered:
            return candidate
    return None


def verify_signature(
    public_raw: bytes, headers: Mapping[str, str], method: str, path_with_query: str, body: bytes
) -> bool:
    """True only when the headers carry a well-formed timestamp and nonce and ``public_raw``'s valid
    signature of this exact method, path, timestamp, nonce and body. (Freshness is checked elsewhere.)"""
    return verify_signature_digest(public_raw, headers, method, path_with_query, hashlib.sha256(body).hexdigest())


def verify_signature_digest(
    public_raw: bytes, headers: Mapping[str, str], method: str, path_with_query: str, body_sha256: str
) -> bool:
    """:func:`verify_signature` from the body's sha256 (hex) instead of the body."""
    timestamp_text = _header(headers, HEADER_TIMESTAMP)
    nonce = _header(headers, HEADER_NONCE)
    signature_text = _header(headers, HEADER_SIGNATURE)
    if timestamp_text is None or nonce is None or signature_text is None:
        return False
    if parse_timestamp(timestamp_text) is None or not is_valid_nonce(nonce):
        return False
    if len(signature_text) > _MAX_SIGNATURE_TEXT:
        return False
    try:
        signature = base64.b64decode(signature_text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return False
    signed = canonical_for_digest(method, path_with_query, timestamp_text, nonce, body_sha256)
    return keys.verify(public_raw, signature, signed)


# API READY
