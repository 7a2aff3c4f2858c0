"""The collaborator's private key for one session: made once, optionally protected by a passphrase.

Whoever needs the key (export, import, enrolment, signed requests to the centre) asks :meth:`KeyVault.key`.
A PEM key opens at once. A passphrase-protected key (:mod:`kcfield.sync.protected_key`) is opened once per
session — by :meth:`unlock` (the window asks for the passphrase) or by the ``passphrase_source`` the command
line gives (``KCFIELD_KEY_PASSPHRASE`` or a prompt) — and kept in memory only, never written in clear again.
The fingerprint and public key are readable without the passphrase.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kcfield.domain.errors import DomainError
from kcfield.sync import keys, protected_key

PassphraseSource = Callable[[], str | None]


class KeyVault:
    def __init__(self, path: Path, passphrase_source: PassphraseSource | None = None) -> None:
        self.path = path
        self._source = passphrase_source
        self._key: Ed25519PrivateKey | None = None
        self._lock = threading.Lock()

    def set_passphrase_source(self, source: PassphraseSource | None) -> None:
        self._source = source

    # --- state ---------------------------------------------------------------------------------------------

    def exists(self) -> bool:
        return self.path.exists()

    def is_protected(self) -> bool:
        return protected_key.is_protected(self.path)

    def is_locked(self) -> bool:
        """True when the key file is protected and not opened yet in this session."""
        with self._lock:
            return self._key is None and self.is_protected()

    def public_key(self) -> bytes:
        """The raw public key, without asking for the passphrase (the key is made first if there is none)."""
        if self.is_protected():
            return protected_key.public_key(self.path)
        return keys.public_bytes(self.key())

    def fingerprint(self) -> str:
        return keys.fingerprint(self.public_key())

    # --- the key -------------------------------------------------------------------------------------------

    def key(self) -> Ed25519PrivateKey:
        """The private key: made and saved owner-only the first time; ``key.locked`` when it is protected, not
        unlocked yet, and no passphrase source gives the right passphrase."""
        with self._lock:
            if self._key is not None:
                return self._key
            if not self.path.exists():
                self._key = _create(self.path)
                return self._key
            if not protected_key.is_protected(self.path):
                self._key = keys.load_private_key(self.path)
                return self._key
            passphrase = self._source() if self._source is not None else None
            if passphrase is None:
                raise DomainError("key.locked", path=str(self.path))
            self._key = protected_key.unlock(self.path, passphrase)
            return self._key

    def unlock(self, passphrase: str) -> None:
        """Open a protected key for this session; ``key.wrong_passphrase`` if it does not open."""
        key = protected_key.unlock(self.path, passphrase)
        with self._lock:
            self._key = key

    def forget(self) -> None:
        """Drop the opened key from memory (the next use asks again)."""
        with self._lock:
            self._key = None

    def set_passphrase(self, current: str | None, new: str | None) -> None:
        """Protect the key with ``new`` (None removes the protection). A protected key needs ``current``.

        The file is replaced atomically: at every instant it holds the key, under the old protection or the
        new one."""
        if self.path.exists() and protected_key.is_protected(self.path):
            if current is None:
                raise DomainError("key.locked", path=str(self.path))
            key = protected_key.unlock(self.path, current)
        else:
            key = self.key()
        if new is None:
            keys.save_private_key(self.path, key, overwrite=True)
        else:
            keys.write_private_file(self.path, protected_key.protect(key, new), overwrite=True)
        with self._lock:
            self._key = key


def _create(path: Path) -> Ed25519PrivateKey:
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        path.parent.chmod(0o700)
    try:
        keys.save_private_key(path, keys.generate_private_key())  # never replaces an existing key file
    except DomainError as error:
        if error.code != "key.exists":  # another process made it meanwhile: that one is the identity
            raise
    if protected_key.is_protected(path):
        raise DomainError("key.locked", path=str(path))
    return keys.load_private_key(path)
