"""The encrypted envelope around a package: what a lost USB stick or an intercepted e-mail shows is noise.

A package file (format version 2) is the signed ZIP of :mod:`kcfield.sync.package` sealed for one recipient's
X25519 public key (each party's X25519 key is derived from its Ed25519 signing key, :mod:`kcfield.sync.keys`)::

    MAGIC            8 bytes   b"KCPKGv2\\n"
    header length    4 bytes   big-endian, 1 … 4096
    header           n bytes   UTF-8 JSON, sorted keys, compact: chunk_size, cipher, ephemeral, format, kdf,
                               recipient, size, version
    chunks           …         the ZIP in 64 KiB plaintext chunks, each sealed with ChaCha20-Poly1305
                               (ciphertext + 16-byte tag); the last chunk may be shorter (an empty ZIP: one
                               empty chunk)

The key is HKDF-SHA256(X25519(ephemeral private, recipient public), salt = ephemeral public ‖ recipient
public, info = b"kcfield package v2"). Chunk *i*'s nonce is *i* as 11 big-endian bytes followed by one byte,
1 for the last chunk and 0 for the others; its associated data is the header's exact bytes, so a changed
header fails every chunk. The header's ``size`` (the ZIP's length) fixes the number of chunks and the file's
exact length: a shorter file is refused as truncated and a longer one as carrying bytes after the last chunk,
before anything is decrypted; the last-chunk flag refuses a cut at a chunk boundary even if ``size`` were
made to agree (it cannot: the header is authenticated by every chunk).

Only the ``cryptography`` library's primitives are used (X25519, HKDF-SHA256, ChaCha20Poly1305). The envelope
hides the content; it proves nothing about the sender — anyone can seal for a public key. Authenticity is the
signed manifest's business, inside.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kcfield.sync import keys
from kcfield.sync.limits import shown
from kcfield.sync.manifest import PackageRejected

__all__ = [
    "CHUNK_SIZE",
    "MAGIC",
    "EnvelopeHeader",
    "open_envelope",
    "read_header",
    "seal",
]

MAGIC = b"KCPKGv2\n"
FORMAT = "kcfield-envelope"
VERSION = 2
CIPHER = "chacha20poly1305"
KDF = "x25519-hkdf-sha256"
CHUNK_SIZE = 64 * 1024
TAG_BYTES = 16
MAX_HEADER_BYTES = 4096
KEY_INFO = b"kcfield package v2"
_LENGTH = struct.Struct(">I")
_ZIP_STARTS = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header, or the end record of an empty zip
_HEADER_KEYS = frozenset({"chunk_size", "cipher", "ephemeral", "format", "kdf", "recipient", "size", "version"})


@dataclass(frozen=True)
class EnvelopeHeader:
    recipient: str  # fingerprint of the recipient's X25519 public key
    ephemeral: bytes  # the sender's one-time X25519 public key
    size: int  # bytes of the sealed ZIP
    raw: bytes  # the header's exact bytes: every chunk's associated data

    @property
    def chunks(self) -> int:
        return max(1, -(-self.size // CHUNK_SIZE))

    @property
    def sealed_size(self) -> int:
        """Bytes of the chunks after the header."""
        return self.size + self.chunks * TAG_BYTES

    @property
    def file_size(self) -> int:
        return len(MAGIC) + _LENGTH.size + len(self.raw) + self.sealed_size


# --- sealing -----------------------------------------------------------------------------------------------


def seal(source: IO[bytes], size: int, target: IO[bytes], recipient_public: bytes) -> None:
    """Write ``size`` bytes of ``source`` (from its current position) into ``target``, sealed for
    ``recipient_public`` (32 raw X25519 bytes). ``ValueError`` for a key X25519 cannot use."""
    if not keys.is_usable_encryption_key(recipient_public):
        raise ValueError("the recipient's encryption key is not a usable X25519 public key")
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _raw(ephemeral.public_key())
    header = _header_bytes(
        {
            "chunk_size": CHUNK_SIZE,
            "cipher": CIPHER,
            "ephemeral": base64.b64encode(ephemeral_public).decode("ascii"),
            "format": FORMAT,
            "kdf": KDF,
            "recipient": keys.encryption_fingerprint(recipient_public),
            "size": size,
            "version": VERSION,
        }
    )
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    cipher = ChaCha20Poly1305(_derive(shared, ephemeral_public, recipient_public))
    target.write(MAGIC + _LENGTH.pack(len(header)) + header)
    chunks = max(1, -(-size // CHUNK_SIZE))
    left = size
    for index in range(chunks):
        part = _read_exact(source, min(left, CHUNK_SIZE))
        if part is None:
            raise ValueError("the source ended before the size given")
        left -= len(part)
        target.write(cipher.encrypt(_nonce(index, index == chunks - 1), part, header))


# --- opening -----------------------------------------------------------------------------------------------


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class _Hashed:
    """Reads through to ``source``, feeding every byte read to ``digest``."""

    def __init__(self, source: IO[bytes], digest: Any) -> None:
        self._source, self._digest = source, digest

    def read(self, size: int = -1, /) -> bytes:
        data = self._source.read(size)
        if self._digest is not None:
            self._digest.update(data)
        return data


def read_header(source: _Readable, file: str) -> EnvelopeHeader:
    """The envelope's header, read from the start of ``source``; ``PackageRejected`` for a plain ZIP
    (``package.not_encrypted``) or anything that is not an envelope of this version (``package.bad_envelope``)."""
    start = source.read(len(MAGIC))
    if start != MAGIC:
        if start.startswith(_ZIP_STARTS):
            raise PackageRejected("package.not_encrypted", file=file)
        raise _bad(file, "not a kcfield package")
    length_bytes = source.read(_LENGTH.size)
    if len(length_bytes) != _LENGTH.size:
        raise PackageRejected("package.truncated", file=file)
    (length,) = _LENGTH.unpack(length_bytes)
    if not 0 < length <= MAX_HEADER_BYTES:
        raise _bad(file, "header length")
    raw = source.read(length)
    if len(raw) != length:
        raise PackageRejected("package.truncated", file=file)
    try:
        document = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _bad(file, "header is not JSON") from None
    if not isinstance(document, dict) or set(document) != _HEADER_KEYS:
        raise _bad(file, "header fields")
    if document["format"] != FORMAT or document["version"] != VERSION or type(document["version"]) is not int:
        raise _bad(file, f"format {str(document['format'])[:30]} version {str(document['version'])[:10]}")
    if document["cipher"] != CIPHER or document["kdf"] != KDF or document["chunk_size"] != CHUNK_SIZE:
        raise _bad(file, "cipher")
    size, recipient = document["size"], document["recipient"]
    if type(size) is not int or size < 0 or not isinstance(recipient, str):
        raise _bad(file, "header fields")
    try:
        ephemeral = base64.b64decode(str(document["ephemeral"]), validate=True)
    except (binascii.Error, ValueError):
        raise _bad(file, "ephemeral key") from None
    if len(ephemeral) != keys.PUBLIC_KEY_BYTES:
        raise _bad(file, "ephemeral key")
    return EnvelopeHeader(recipient=shown(recipient, 100), ephemeral=ephemeral, size=size, raw=raw)


def open_envelope(
    source: IO[bytes],
    target: IO[bytes],
    private: X25519PrivateKey,
    *,
    file: str,
    max_size: int,
    on_refused_size: Callable[[int], PackageRejected] | None = None,
    digest: Any = None,
) -> EnvelopeHeader:
    """Decrypt the envelope in ``source`` (read from its start; a regular file) into ``target``.

    In order: the header (:func:`read_header`); the recipient must be ``private``'s public key
    (``package.wrong_recipient``); the sealed size within ``max_size`` (``on_refused_size(limit)``, else
    ``package.bad_envelope``); the file's exact length (``package.truncated``, or ``package.bad_envelope`` for
    bytes after the last chunk); then every chunk's tag (``package.decrypt_failed``). Nothing written to
    ``target`` is authentic until this returns. ``digest`` (a ``hashlib`` object), when given, is fed every
    byte of the file.
    """
    actual = os.fstat(source.fileno()).st_size
    reader = _Hashed(source, digest)
    header = read_header(reader, file)
    own_public = _raw(private.public_key())
    own = keys.encryption_fingerprint(own_public)
    if header.recipient != own:
        raise PackageRejected("package.wrong_recipient", file=file, fingerprint=header.recipient, expected=own)
    if header.size > max_size:
        if on_refused_size is not None:
            raise on_refused_size(max_size)
        raise _bad(file, "too large")
    if actual < header.file_size:
        raise PackageRejected("package.truncated", file=file)
    if actual > header.file_size:
        raise _bad(file, "bytes after the last chunk")
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(header.ephemeral))
    except ValueError:  # a low-order ephemeral key: no secret to agree on
        raise _bad(file, "ephemeral key") from None
    cipher = ChaCha20Poly1305(_derive(shared, header.ephemeral, own_public))
    left = header.size
    for index in range(header.chunks):
        plain_size = min(left, CHUNK_SIZE)
        sealed = _read_exact(reader, plain_size + TAG_BYTES)
        if sealed is None:
            raise PackageRejected("package.truncated", file=file)
        last = index == header.chunks - 1
        try:
            target.write(cipher.decrypt(_nonce(index, last), sealed, header.raw))
        except InvalidTag:
            raise PackageRejected("package.decrypt_failed", file=file) from None
        left -= plain_size
    if reader.read(1):
        raise _bad(file, "bytes after the last chunk")
    target.flush()
    return header


# --- helpers -----------------------------------------------------------------------------------------------


def _derive(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_public + recipient_public, info=KEY_INFO).derive(
        shared
    )


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _header_bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _raw(public: X25519PublicKey) -> bytes:
    return public.public_bytes(encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw)


def _read_exact(source: _Readable, size: int) -> bytes | None:
    parts: list[bytes] = []
    left = size
    while left > 0:
        part = source.read(left)
        if not part:
            return None
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _bad(file: str, detail: str) -> PackageRejected:
    return PackageRejected("package.bad_envelope", file=file, detail=detail)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")
