"""A private key file protected by a passphrase.

A stolen laptop gives its thief the key file; with a passphrase the file alone signs and decrypts nothing.
The file is a small UTF-8 JSON document in place of the PEM one::

    {"format": "kcfield-protected-key", "version": 1,
     "kdf": "scrypt", "n": 131072, "r": 8, "p": 1, "salt": "<base64, 16 bytes>",
     "cipher": "ChaCha20-Poly1305", "nonce": "<base64, 12 bytes>",
     "public_key": "<base64 of the 32 raw Ed25519 public key bytes>",
     "ciphertext": "<base64 of the sealed 32-byte Ed25519 private key>"}

The sealing key is scrypt(passphrase, salt) — scrypt makes each guess cost about 0.3 s and 128 MiB, where the
PKCS #8 PEM encryption of OpenSSL spends a few thousand hash rounds. The public key is stored in clear (the
fingerprint is shown without the passphrase) and bound to the ciphertext as associated data, so swapping it
makes the file fail to open. Every primitive is the ``cryptography`` library's.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kcfield.domain.errors import DomainError
from kcfield.sync import keys

FORMAT = "kcfield-protected-key"
VERSION = 1
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSPHRASE_CHARS = 8
_MAX_FILE_BYTES = 64 * 1024
_MAX_SCRYPT_N = 2**20  # a file asking for more would make opening it a memory bomb


@dataclass(frozen=True)
class ScryptCost:
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P


def is_protected(path: Path) -> bool:
    """True when ``path`` holds a passphrase-protected key (False for a PEM key or a missing file)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError:
        return False
    return head.lstrip().startswith(b"{")


def protect(key: Ed25519PrivateKey, passphrase: str, cost: ScryptCost | None = None) -> bytes:
    """The protected-key file's bytes for ``key`` under ``passphrase``."""
    check_passphrase(passphrase)
    cost = cost or ScryptCost()
    salt = os.urandom(16)
    nonce = os.urandom(12)
    public = keys.public_bytes(key)
    sealing = _sealing_key(passphrase, salt, cost)
    ciphertext = ChaCha20Poly1305(sealing).encrypt(nonce, _private_raw(key), public)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "kdf": "scrypt",
        "n": cost.n,
        "r": cost.r,
        "p": cost.p,
        "salt": _b64(salt),
        "cipher": "ChaCha20-Poly1305",
        "nonce": _b64(nonce),
        "public_key": _b64(public),
        "ciphertext": _b64(ciphertext),
    }
    return (json.dumps(document, indent=1, sort_keys=True) + "\n").encode("utf-8")


def public_key(path: Path) -> bytes:
    """The raw public key stored in clear in a protected file (no passphrase needed)."""
    document = _read(path)
    return _field_bytes(document, "public_key", path, 32)


def unlock(path: Path, passphrase: str) -> Ed25519PrivateKey:
    """The private key of a protected file; ``key.wrong_passphrase`` when the passphrase does not open it."""
    document = _read(path)
    try:
        cost = ScryptCost(int(document["n"]), int(document["r"]), int(document["p"]))
    except (KeyError, TypeError, ValueError):
        raise DomainError("key.unreadable", path=str(path), detail="bad scrypt parameters") from None
    if document.get("kdf") != "scrypt" or document.get("cipher") != "ChaCha20-Poly1305":
        raise DomainError("key.unreadable", path=str(path), detail="unknown protection")
    if not (2 <= cost.n <= _MAX_SCRYPT_N and cost.n & (cost.n - 1) == 0 and 1 <= cost.r <= 32 and 1 <= cost.p <= 4):
        raise DomainError("key.unreadable", path=str(path), detail="bad scrypt parameters")
    salt = _field_bytes(document, "salt", path, 16)
    nonce = _field_bytes(document, "nonce", path, 12)
    public = _field_bytes(document, "public_key", path, 32)
    ciphertext = _field_bytes(document, "ciphertext", path, 48)
    try:
        raw = ChaCha20Poly1305(_sealing_key(passphrase, salt, cost)).decrypt(nonce, ciphertext, public)
    except InvalidTag:
        raise DomainError("key.wrong_passphrase", path=str(path)) from None
    key = Ed25519PrivateKey.from_private_bytes(raw)
    if keys.public_bytes(key) != public:
        raise DomainError("key.unreadable", path=str(path), detail="public key does not match")
    return key


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise DomainError("key.passphrase_too_short", minimum=MIN_PASSPHRASE_CHARS)


def _sealing_key(passphrase: str, salt: bytes, cost: ScryptCost) -> bytes:
    # NFC: the same Vietnamese passphrase typed with precomposed or combining accents opens the same file.
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=cost.n, r=cost.r, p=cost.p).derive(secret)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DomainError("key.unreadable", path=str(path), detail=exc.strerror or type(exc).__name__) from exc
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise DomainError("key.unreadable", path=str(path), detail="not a protected key file") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT or document.get("version") != VERSION:
        raise DomainError("key.unreadable", path=str(path), detail="not a protected key file")
    return document


def _field_bytes(document: dict[str, Any], name: str, path: Path, size: int) -> bytes:
    value = document.get(name)
    try:
        raw = base64.b64decode(value, validate=True) if isinstance(value, str) else b""
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != size:
        raise DomainError("key.unreadable", path=str(path), detail=f"bad {name}")
    return raw


def _private_raw(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        encoding=serialization.Encoding.Raw,
        format=serialization.PrivateFormat.Raw,
        encryption_algorithm=serialization.NoEncryption(),
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
