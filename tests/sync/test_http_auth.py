"""Signed HTTP requests (kcfield.sync.http_auth): the canonical string, a sign/verify round trip, and every
part of a request that is tampered with making the signature fail."""

from __future__ import annotations

import base64
import hashlib

import pytest

from kcfield.sync import http_auth, keys

NONCE = "0123456789abcdef0123456789abcdef"


def test_the_canonical_string_is_exactly_the_documented_one() -> None:
    body = b"package bytes"
    expected = f"KC1\nPOST\n/v1/packages?x=1\n1795752622\n{NONCE}\n{hashlib.sha256(body).hexdigest()}"
    assert http_auth.canonical("post", "/v1/packages?x=1", 1795752622, NONCE, body) == expected.encode()
    assert http_auth.canonical("GET", "/v1/status", "5", NONCE, b"").endswith(
        b"\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )


def test_sign_then_verify_round_trip() -> None:
    key = keys.generate_private_key()
    headers = http_auth.sign_request(key, "POST", "/v1/packages", b"abc", now=1_800_000_000, nonce=NONCE)
    assert headers[http_auth.HEADER_TIMESTAMP] == "1800000000"
    assert headers[http_auth.HEADER_NONCE] == NONCE
    assert len(base64.b64decode(headers[http_auth.HEADER_SIGNATURE])) == 64
    assert http_auth.verify_signature(keys.public_bytes(key), headers, "POST", "/v1/packages", b"abc")
    lower = {name.lower(): value for name, value in headers.items()}
    assert http_auth.verify_signature(keys.public_bytes(key), lower, "POST", "/v1/packages", b"abc")
    digest = hashlib.sha256(b"abc").hexdigest()
    assert http_auth.verify_signature_digest(keys.public_bytes(key), headers, "POST", "/v1/packages", digest)


def test_fresh_nonces_and_the_current_time_by_default() -> None:
    key = keys.generate_private_key()
    first = http_auth.sign_request(key, "GET", "/v1/status", b"")
    second = http_auth.sign_request(key, "GET", "/v1/status", b"")
    assert http_auth.is_valid_nonce(first[http_auth.HEADER_NONCE])
    assert first[http_auth.HEADER_NONCE] != second[http_auth.HEADER_NONCE]
    assert http_auth.parse_timestamp(first[http_auth.HEADER_TIMESTAMP]) is not None


@pytest.mark.parametrize(
    "change",
    ["method", "path", "query", "body", "timestamp", "nonce", "signature", "key", "no_signature", "bad_base64"],
)
def test_tampering_with_any_part_fails(change: str) -> None:
    key = keys.generate_private_key()
    public = keys.public_bytes(key)
    method, path, body = "POST", "/v1/packages?a=1", b"the package"
    headers = http_auth.sign_request(key, method, path, body, now=1_800_000_000, nonce=NONCE)
    assert http_auth.verify_signature(public, headers, method, path, body)
    if change == "method":
        method = "PUT"
    elif change == "path":
        path = "/v1/reference?a=1"
    elif change == "query":
        path = "/v1/packages?a=2"
    elif change == "body":
        body = b"the packagf"
    elif change == "timestamp":
        headers[http_auth.HEADER_TIMESTAMP] = "1800000001"
    elif change == "nonce":
        headers[http_auth.HEADER_NONCE] = "f" * 32
    elif change == "signature":
        raw = bytearray(base64.b64decode(headers[http_auth.HEADER_SIGNATURE]))
        raw[0] ^= 1
        headers[http_auth.HEADER_SIGNATURE] = base64.b64encode(bytes(raw)).decode()
    elif change == "key":
        public = keys.public_bytes(keys.generate_private_key())
    elif change == "no_signature":
        del headers[http_auth.HEADER_SIGNATURE]
    elif change == "bad_base64":
        headers[http_auth.HEADER_SIGNATURE] = "not base64!"
    assert not http_auth.verify_signature(public, headers, method, path, body)


@pytest.mark.parametrize("nonce", ["", "ABCDEF0123456789ABCDEF0123456789", "0" * 31, "0" * 33, "g" * 32])
def test_malformed_nonces_are_refused(nonce: str) -> None:
    key = keys.generate_private_key()
    headers = http_auth.sign_request(key, "GET", "/v1/status", b"", nonce=nonce)
    assert not http_auth.is_valid_nonce(nonce)
    assert not http_auth.verify_signature(keys.public_bytes(key), headers, "GET", "/v1/status", b"")


@pytest.mark.parametrize("text", ["", "1.5", "12a", " 12", "1" * 20])
def test_malformed_timestamps_are_refused(text: str) -> None:
    assert http_auth.parse_timestamp(text) is None
