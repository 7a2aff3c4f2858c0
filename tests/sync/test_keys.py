"""Signing keys: private to their owner on disk, readable aloud as fingerprints, and honest signatures."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error
from kcfield.sync import keys


def test_saved_key_is_readable_by_its_owner_only_and_loads_back(tmp_path: Path) -> None:
    key = keys.generate_private_key()
    path = tmp_path / "keys" / "signing.pem"
    keys.save_private_key(path, key)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert keys.public_bytes(keys.load_private_key(path)) == keys.public_bytes(key)
    assert [p.name for p in path.parent.iterdir()] == ["signing.pem"]  # no temp file left behind


def test_an_existing_key_is_never_replaced_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "signing.pem"
    first, second = keys.generate_private_key(), keys.generate_private_key()
    keys.save_private_key(path, first)
    with pytest.raises(DomainError) as refused:
        keys.save_private_key(path, second)
    assert refused.value.code == "key.exists"
    assert keys.public_bytes(keys.load_private_key(path)) == keys.public_bytes(first)
    keys.save_private_key(path, second, overwrite=True)
    assert keys.public_bytes(keys.load_private_key(path)) == keys.public_bytes(second)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage\n", b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", b"\x00" * 100_000],
    ids=["empty", "garbage", "bad-pem", "huge"],
)
def test_a_damaged_key_file_is_reported_in_one_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "signing.pem"
    path.write_bytes(content)
    with pytest.raises(DomainError) as refused:
        keys.load_private_key(path)
    assert refused.value.code == "key.unreadable"
    message = describe_error(refused.value, "en")
    assert "signing.pem" in message and "\n" not in message


def test_a_missing_key_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(DomainError) as refused:
        keys.load_private_key(tmp_path / "nothing.pem")
    assert refused.value.code == "key.unreadable"


def test_a_key_of_another_algorithm_is_unreadable(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    other = ec.generate_private_key(ec.SECP256R1())
    path = tmp_path / "ec.pem"
    path.write_bytes(
        other.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    with pytest.raises(DomainError) as refused:
        keys.load_private_key(path)
    assert refused.value.code == "key.unreadable"


def test_fingerprint_is_sixteen_upper_case_groups_of_four() -> None:
    public = keys.public_bytes(keys.generate_private_key())
    assert len(public) == 32
    printed = keys.fingerprint(public)
    assert re.fullmatch(r"[0-9A-F]{4}( [0-9A-F]{4}){15}", printed)
    assert keys.fingerprint(public) == printed
    # sha256 of the 32 raw bytes, upper case, grouped by four
    assert keys.fingerprint(bytes(32)).startswith("6668 7AAD F862 BD77 6C8F C18B 8E9F 8E20 ")
    assert keys.fingerprint(bytes(32)).endswith(" 0D5F 2925")


def test_signatures_verify_only_for_the_same_key_and_bytes() -> None:
    key, other = keys.generate_private_key(), keys.generate_private_key()
    signature = keys.sign(key, b"manifest bytes")
    assert len(signature) == 64
    assert keys.verify(keys.public_bytes(key), signature, b"manifest bytes")
    assert not keys.verify(keys.public_bytes(key), signature, b"manifest bytes!")
    assert not keys.verify(keys.public_bytes(other), signature, b"manifest bytes")
    assert not keys.verify(keys.public_bytes(key), signature[:-1] + bytes([signature[-1] ^ 1]), b"manifest bytes")
    assert not keys.verify(keys.public_bytes(key), b"short", b"manifest bytes")
    assert not keys.verify(b"not a key", signature, b"manifest bytes")
    assert keys.public_bytes(key.public_key()) == keys.public_bytes(key)
