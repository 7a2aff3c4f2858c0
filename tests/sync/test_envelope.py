"""The encrypted envelope: what is sealed opens unchanged for its recipient only, and every change is refused."""

from __future__ import annotations

import base64
import io
import json
import os
import tempfile
from collections.abc import Callable
from typing import IO

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kcfield.domain.messages import describe_error
from kcfield.sync import envelope, keys
from kcfield.sync.manifest import PackageRejected

CHUNK = envelope.CHUNK_SIZE
SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 5]
RECIPIENT = X25519PrivateKey.generate()
PUBLIC = keys.encryption_public_bytes(RECIPIENT)
MAGIC_AND_LENGTH = len(envelope.MAGIC) + 4


def _seal(data: bytes, public: bytes = PUBLIC) -> bytes:
    out = io.BytesIO()
    envelope.seal(io.BytesIO(data), len(data), out, public)
    return out.getvalue()


def _open(sealed: bytes, key: X25519PrivateKey = RECIPIENT, max_size: int = 2**30) -> bytes:
    with tempfile.TemporaryFile() as source, tempfile.TemporaryFile() as target:
        source.write(sealed)
        source.seek(0)
        envelope.open_envelope(source, target, key, file="x.kcpkg", max_size=max_size)
        target.seek(0)
        return target.read()


def _refused(sealed: bytes, key: X25519PrivateKey = RECIPIENT, max_size: int = 2**30) -> str:
    with pytest.raises(PackageRejected) as refused:
        _open(sealed, key, max_size)
    assert refused.value.params["file"] == "x.kcpkg"
    for lang in ("vi", "en"):
        message = describe_error(refused.value, lang)
        assert "x.kcpkg" in message and "{" not in message and "\n" not in message
    return refused.value.code


def _header_end(sealed: bytes) -> int:
    return MAGIC_AND_LENGTH + int.from_bytes(sealed[len(envelope.MAGIC) : MAGIC_AND_LENGTH], "big")


def _header(sealed: bytes) -> dict[str, object]:
    document: dict[str, object] = json.loads(sealed[MAGIC_AND_LENGTH : _header_end(sealed)])
    return document


def _with_header(sealed: bytes, change: Callable[[dict[str, object]], None], *, canonical: bool = True) -> bytes:
    header = _header(sealed)
    change(header)
    raw = json.dumps(header, sort_keys=canonical, separators=(",", ":")).encode()
    return envelope.MAGIC + len(raw).to_bytes(4, "big") + raw + sealed[_header_end(sealed) :]


# --- round trip ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_what_is_sealed_opens_unchanged(size: int) -> None:
    data = os.urandom(size)
    sealed = _seal(data)
    chunks = max(1, -(-size // CHUNK))
    assert len(sealed) == _header_end(sealed) + size + 16 * chunks
    assert _open(sealed) == data


def test_the_header_is_canonical_and_names_the_recipient() -> None:
    sealed = _seal(b"PK\x03\x04 a zip, say")
    raw = sealed[MAGIC_AND_LENGTH : _header_end(sealed)]
    header = json.loads(raw)
    assert raw == json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    assert header == {
        "chunk_size": CHUNK,
        "cipher": "chacha20poly1305",
        "ephemeral": header["ephemeral"],
        "format": "kcfield-envelope",
        "kdf": "x25519-hkdf-sha256",
        "recipient": keys.encryption_fingerprint(PUBLIC),
        "size": 15,
        "version": 2,
    }
    assert len(base64.b64decode(header["ephemeral"])) == 32
    assert sealed.startswith(b"KCPKGv2\n")
    assert b"a zip, say" not in sealed


def test_each_seal_uses_a_fresh_ephemeral_key() -> None:
    first, second = _seal(b"same"), _seal(b"same")
    assert first != second
    assert _header(first)["ephemeral"] != _header(second)["ephemeral"]
    assert _open(first) == _open(second) == b"same"


def test_sealing_and_opening_stream_in_chunks() -> None:
    class Counting(io.BytesIO):
        largest = 0

        def read(self, size: int | None = -1, /) -> bytes:
            assert size is not None and 0 <= size <= CHUNK + 16, "never the whole file at once"
            Counting.largest = max(Counting.largest, size)
            return super().read(size)

    data = os.urandom(3 * CHUNK + 7)
    out = io.BytesIO()
    envelope.seal(Counting(data), len(data), out, PUBLIC)
    assert Counting.largest == CHUNK
    assert _open(out.getvalue()) == data


def test_the_derived_key_opens_what_was_sealed_for_the_signing_keys_derived_public() -> None:
    signing = keys.generate_private_key()
    sealed = _seal(b"hello", keys.encryption_public_bytes(signing))
    assert _open(sealed, keys.encryption_private_key(signing)) == b"hello"
    assert keys.encryption_public_bytes(signing) == keys.encryption_public_bytes(keys.encryption_private_key(signing))
    assert keys.encryption_public_bytes(signing) != keys.public_bytes(signing)


# --- refusals -----------------------------------------------------------------------------------------------


def test_a_plain_zip_is_refused_as_not_encrypted() -> None:
    assert _refused(b"PK\x03\x04" + bytes(100)) == "package.not_encrypted"
    assert _refused(b"PK\x05\x06" + bytes(18)) == "package.not_encrypted"


@pytest.mark.parametrize("data", [b"", b"KCPKG", b"hello, world", b"KCPKGv1\n" + bytes(40)])
def test_what_is_not_an_envelope_is_refused(data: bytes) -> None:
    assert _refused(data) in {"package.bad_envelope", "package.truncated"}


def test_another_recipient_is_refused_naming_the_key() -> None:
    other = X25519PrivateKey.generate()
    with pytest.raises(PackageRejected) as refused:
        _open(_seal(b"data"), other)
    assert refused.value.code == "package.wrong_recipient"
    assert refused.value.params["fingerprint"] == keys.encryption_fingerprint(PUBLIC)


@pytest.mark.parametrize("size", SIZES)
def test_every_flipped_byte_of_the_chunks_is_refused(size: int) -> None:
    sealed = _seal(os.urandom(size))
    start = _header_end(sealed)
    for at in sorted({start, start + 1, (start + len(sealed)) // 2, len(sealed) - 17, len(sealed) - 1}):
        if at < start:
            continue
        spoiled = bytearray(sealed)
        spoiled[at] ^= 0x01
        assert _refused(bytes(spoiled)) == "package.decrypt_failed", at


def test_a_changed_header_fails_every_chunk() -> None:
    sealed = _seal(os.urandom(CHUNK + 10))
    other = base64.b64encode(keys.encryption_public_bytes(X25519PrivateKey.generate())).decode()
    assert _refused(_with_header(sealed, lambda h: h.update(ephemeral=other))) == "package.decrypt_failed"
    # the same fields in another order are other bytes: not the header the chunks were sealed with
    reordered = _with_header(
        sealed, lambda h: [h.update({k: h.pop(k)}) for k in sorted(h, reverse=True)], canonical=False
    )
    assert _header(reordered) == _header(sealed)
    assert _refused(reordered) == "package.decrypt_failed"


def test_swapped_chunks_are_refused() -> None:
    sealed = _seal(os.urandom(3 * CHUNK))
    start = _header_end(sealed)
    width = CHUNK + 16
    first, second = sealed[start : start + width], sealed[start + width : start + 2 * width]
    swapped = sealed[:start] + second + first + sealed[start + 2 * width :]
    assert _refused(swapped) == "package.decrypt_failed"


@pytest.mark.parametrize("size", [10, CHUNK, 2 * CHUNK, 2 * CHUNK + 3])
def test_a_truncated_envelope_is_refused(size: int) -> None:
    sealed = _seal(os.urandom(size))
    assert _refused(sealed[:-1]) == "package.truncated"
    if size >= 2 * CHUNK:  # the last chunk dropped whole, at a chunk boundary
        last = size - (size - 1) // CHUNK * CHUNK + 16
        assert _refused(sealed[:-last]) == "package.truncated"
    assert _refused(sealed[: _header_end(sealed) - 3]) == "package.truncated"
    assert _refused(sealed[: len(envelope.MAGIC) + 2]) == "package.truncated"


def test_a_last_chunk_dropped_and_the_size_lowered_is_still_refused() -> None:
    """Cutting the file at a chunk boundary and making the header agree: the header is authenticated, and the
    chunk left last was sealed as a middle one."""
    sealed = _seal(os.urandom(2 * CHUNK + 3))
    cut = sealed[: _header_end(sealed) + CHUNK + 16]
    assert _refused(_with_header(cut, lambda h: h.update(size=CHUNK))) == "package.decrypt_failed"


@pytest.mark.parametrize("extra", [b"\x00", b"more bytes after the end"])
def test_bytes_after_the_last_chunk_are_refused(extra: bytes) -> None:
    assert _refused(_seal(b"data") + extra) == "package.bad_envelope"


@pytest.mark.parametrize(
    "change",
    [
        lambda h: h.update(version=1),
        lambda h: h.update(version=3),
        lambda h: h.update(version=True),
        lambda h: h.update(format="other"),
        lambda h: h.update(cipher="aes-256-gcm"),
        lambda h: h.update(kdf="none"),
        lambda h: h.update(chunk_size=1024),
        lambda h: h.update(size=-1),
        lambda h: h.update(size="10"),
        lambda h: h.update(ephemeral="not base64!"),
        lambda h: h.update(ephemeral=base64.b64encode(b"short").decode()),
        lambda h: h.update(recipient=5),
        lambda h: h.pop("cipher"),
        lambda h: h.update(extra="field"),
    ],
)
def test_a_bad_header_is_refused(change: Callable[[dict[str, object]], None]) -> None:
    assert _refused(_with_header(_seal(b"data"), change)) == "package.bad_envelope"


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b"\xff\xfe", b"null"])
def test_a_header_that_is_not_a_json_object_is_refused(raw: bytes) -> None:
    sealed = _seal(b"data")
    spoiled = envelope.MAGIC + len(raw).to_bytes(4, "big") + raw + sealed[_header_end(sealed) :]
    assert _refused(spoiled) == "package.bad_envelope"


@pytest.mark.parametrize("length", [0, envelope.MAX_HEADER_BYTES + 1, 2**32 - 1])
def test_a_header_length_out_of_bounds_is_refused(length: int) -> None:
    sealed = _seal(b"data")
    spoiled = envelope.MAGIC + length.to_bytes(4, "big") + sealed[MAGIC_AND_LENGTH:]
    assert _refused(spoiled) == "package.bad_envelope"


def test_a_low_order_ephemeral_key_is_refused() -> None:
    zero = base64.b64encode(bytes(32)).decode()
    assert _refused(_with_header(_seal(b"data"), lambda h: h.update(ephemeral=zero))) == "package.bad_envelope"


def test_a_size_over_the_limit_is_refused_before_decrypting() -> None:
    sealed = _seal(os.urandom(1000))
    assert _refused(sealed, max_size=999) == "package.bad_envelope"
    assert len(_open(sealed, max_size=1000)) == 1000


def test_an_unusable_recipient_key_cannot_be_sealed_for() -> None:
    for bad in (b"", bytes(32), bytes(31)):
        with pytest.raises(ValueError):
            envelope.seal(io.BytesIO(b""), 0, io.BytesIO(), bad)


def test_a_source_shorter_than_its_size_is_a_programming_error() -> None:
    target: IO[bytes] = io.BytesIO()
    with pytest.raises(ValueError):
        envelope.seal(io.BytesIO(b"abc"), 10, target, PUBLIC)
