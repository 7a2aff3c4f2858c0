"""Ed25519 signing keys of collaborators and of the centre, and the X25519 encryption keys derived from them.

The private key stays on the device that made it, in a PEM (PKCS #8) file readable by its owner only; what
travels is the 32-byte raw public key and its fingerprint, 16 groups of 4 hexadecimal digits that two people
can read to each other over the phone to check an enrolment. All cryptography is the ``cryptography``
library's; nothing here is home-made beyond the file handling.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kcfield.domain.errors import DomainError
from kcfield.durable import fsync_dir

PUBLIC_KEY_BYTES = 32
ENCRYPTION_KEY_INFO = b"kcfield x25519 v1"  # HKDF info: the derived key is for package encryption only
SIGNATURE_BYTES = 64
_MAX_KEY_FILE_BYTES = 64 * 1024  # a PEM Ed25519 key is ~120 bytes; anything huge is not a key file


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def save_private_key(path: Path, key: Ed25519PrivateKey, *, overwrite: bool = False) -> None:
    """Write ``key`` as PEM PKCS #8 with mode 0o600, atomically (temp file, fsync, rename).

    An existing key file is never replaced unless ``overwrite`` is given: losing a private key means the
    centre no longer recognises this device, so replacing one must be a deliberate act.
    """
    data = key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    write_private_file(path, data, overwrite=overwrite)


def write_private_file(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Write a key file (PEM, or a passphrase-protected one) owner-only and atomically; ``key.exists`` when one
    is there and ``overwrite`` is not given."""
    if path.exists() and not overwrite:
        raise DomainError("key.exists", path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    # Created private from the first byte: a chmod after the write would leave a window where others can read.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)  # the umask may only remove bits; make the mode exact
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if path.exists() and not overwrite:  # made by someone else meanwhile
            raise DomainError("key.exists", path=str(path))
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The key in ``path``; ``DomainError("key.unreadable")`` when it is missing, damaged or not Ed25519."""
    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_KEY_FILE_BYTES + 1)
    except OSError as exc:
        raise DomainError("key.unreadable", path=str(path), detail=exc.strerror or type(exc).__name__) from exc
    if len(data) > _MAX_KEY_FILE_BYTES:
        raise DomainError("key.unreadable", path=str(path), detail="too large")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise DomainError("key.unreadable", path=str(path), detail=type(exc).__name__) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise DomainError("key.unreadable", path=str(path), detail="not an Ed25519 key")
    return key


def public_bytes(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    """The 32 raw bytes of the public key (of a private key's pair)."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw)


def fingerprint(public_raw: bytes) -> str:
    """SHA-256 of the raw public key as 16 upper-case groups of 4 hex digits: ``"3F2A 9C01 …"``."""
    digest = hashlib.sha256(public_raw).hexdigest().upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def encryption_private_key(key: Ed25519PrivateKey) -> X25519PrivateKey:
    """The party's X25519 key for package encryption, derived from its Ed25519 signing key.

    HKDF-SHA256 over the 32 raw private bytes, ``info = b"kcfield x25519 v1"``: one key file holds both, the
    derived key is independent of the signing key in use, and the same signing key always gives the same one.
    """
    raw = key.private_bytes(
        encoding=serialization.Encoding.Raw,
        format=serialization.PrivateFormat.Raw,
        encryption_algorithm=serialization.NoEncryption(),
    )
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=ENCRYPTION_KEY_INFO).derive(raw)
    return X25519PrivateKey.from_private_bytes(derived)


def encryption_public_bytes(key: Ed25519PrivateKey | X25519PrivateKey | X25519PublicKey) -> bytes:
    """The 32 raw bytes of the X25519 public key (of a signing key's derived key, or of an X25519 key)."""
    if isinstance(key, Ed25519PrivateKey):
        key = encryption_private_key(key)
    public = key.public_key() if isinstance(key, X25519PrivateKey) else key
    return public.public_bytes(encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw)


def encryption_fingerprint(public_raw: bytes) -> str:
    """The fingerprint of an X25519 public key, in the same 16 groups of 4 hex digits as :func:`fingerprint`."""
    return fingerprint(public_raw)


def is_usable_encryption_key(public_raw: bytes) -> bool:
    """True for 32 bytes that X25519 can agree a secret with (not a low-order point giving all zeros)."""
    if len(public_raw) != PUBLIC_KEY_BYTES:
        return False
    try:
        X25519PrivateKey.generate().exchange(X25519PublicKey.from_public_bytes(public_raw))
    except ValueError:
        return False
    return True


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    """The 64-byte Ed25519 signature of ``data``."""
    return key.sign(data)


def verify(public_raw: bytes, signature: bytes, data: bytes) -> bool:
    """True only when ``signature`` is ``public_raw``'s valid signature of exactly ``data``."""
    if len(public_raw) != PUBLIC_KEY_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True
