"""The centre's HTTP service, through a real uvicorn server on 127.0.0.1 and httpx, on SQLite and PostgreSQL:
health, uploads and their receipts, idempotency under concurrency, authentication refusals, limits, and the
reference package."""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx
import pytest
import uvicorn
from sqlalchemy import func, select

from kcfield import __version__
from kcfield.centre.collaborators import CentreCollaborators
from kcfield.centre.db import CentreDatabase
from kcfield.centre.identity import CentreIdentity, load_identity
from kcfield.centre.models import CentrePackage, RequestNonce, Revision
from kcfield.centre.server import create_app
from kcfield.sync import http_auth, keys
from kcfield.sync.manifest import PackageKind
from kcfield.sync.package import read_package
from tests.centre.conftest import CentreTarget
from tests.centre.test_import import Device, establishment

COMMUNE = 26596


class Running:
    """A served centre: its base URL, database and identity."""

    def __init__(self, url: str, db: CentreDatabase, identity: CentreIdentity, folder: Path) -> None:
        self.url, self.db, self.identity, self.folder = url, db, identity, folder

    def enrol(self, code: str) -> Device:
        device = Device(code, self.folder / code, self.identity.encryption_public_key)
        CentreCollaborators(self.db).register(
            code, f"Cộng tác viên {code}", device.public, device.device_id, [COMMUNE],
            encryption_key=device.encryption_public,
        )  # fmt: skip
        return device

    def request(
        self,
        device: Device,
        method: str,
        path: str,
        body: bytes = b"",
        *,
        key: Any = None,
        now: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        signed = headers or self.sign(device, method, path, body, key=key, now=now)
        return httpx.request(method, self.url + path, content=body, headers=signed, timeout=60)

    def sign(
        self, device: Device, method: str, path: str, body: bytes, *, key: Any = None, now: int | None = None
    ) -> dict[str, str]:
        signed = http_auth.sign_request(key or device.key, method, path, body, now=now)
        signed[http_auth.HEADER_COLLABORATOR] = device.code
        return signed

    def upload(self, device: Device, package: Path) -> httpx.Response:
        return self.request(device, "POST", "/v1/packages", package.read_bytes())

    def centre_key(self, fingerprint: str) -> bytes | None:
        return self.identity.public_key if fingerprint == self.identity.fingerprint else None


@pytest.fixture
def serve(target: CentreTarget, tmp_path: Path) -> Iterator[Callable[..., Running]]:
    started: list[tuple[uvicorn.Server, threading.Thread, CentreDatabase]] = []

    def start(**options: Any) -> Running:
        db = target.open()
        identity = load_identity(db, target.key_path)
        app = create_app(db, identity, target.data_dir, **options)
        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", access_log=False, lifespan="off")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        started.append((server, thread, db))
        deadline = time.monotonic() + 20
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.02)
        port = server.servers[0].sockets[0].getsockname()[1]
        return Running(f"http://127.0.0.1:{port}", db, identity, tmp_path / f"devices-{len(started)}")

    yield start
    for server, thread, db in started:
        server.should_exit = True
        thread.join(timeout=20)
        db.close()


@pytest.fixture
def running(serve: Callable[..., Running]) -> Running:
    return serve()


def _error(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/json")
    return str(response.json()["error"])


def test_health_needs_no_signature(running: Running) -> None:
    response = httpx.get(running.url + "/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "version": __version__,
        "centre_fingerprint": running.identity.fingerprint,
    }


def test_an_upload_is_applied_with_a_signed_receipt_and_again_is_a_duplicate(running: Running) -> None:
    device = running.enrol("CTV001")
    package = device.package({"establishment": [establishment(uuid4())]})
    first = running.upload(device, package)
    assert first.status_code == 200, first.text
    answer = first.json()
    assert answer["status"] == "applied" and answer["counts"] == {"applied": 1} and answer["waiting_for"] is None
    receipt = running.folder / "receipt.kcpkg"
    receipt.write_bytes(base64.b64decode(answer["receipt"]))
    opened = device.open(receipt, running.identity.public_key)
    assert opened.manifest.kind is PackageKind.RECEIPT
    assert (
        opened.json("receipt.json")["package_id"]
        == read_package(package, lambda _fp: device.public, running.identity.encryption_key).manifest.package_id
    )

    again = running.upload(device, package)
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert base64.b64decode(again.json()["receipt"]) == receipt.read_bytes()

    status = running.request(device, "GET", "/v1/status")
    assert status.status_code == 200
    assert status.json() == {
        "collaborator": "CTV001",
        "packages": {"applied": 1, "held": 0},
        "open_conflicts": 0,
        "last_sequence": 1,
    }
    assert not list((running.folder.parent / "data" / "spool").glob("*.kcpkg"))  # the spool is cleaned


def test_a_package_that_arrives_early_is_held(running: Running) -> None:
    device = running.enrol("CTV001")
    device.package({"establishment": [establishment(uuid4())]})  # sequence 1, never sent
    second = device.package({"establishment": [establishment(uuid4())]})
    response = running.upload(device, second)
    assert response.status_code == 200
    assert response.json()["status"] == "held" and response.json()["waiting_for"] == 1


def test_a_refused_package_is_422_with_its_reason(running: Running) -> None:
    device = running.enrol("CTV001")
    response = running.request(device, "POST", "/v1/packages", b"this is not a zip file")
    assert response.status_code == 422
    body = response.json()
    assert body["status"] == "rejected" and body["reason"].startswith("package.") and body["message"]


def test_twenty_devices_upload_at_once(running: Running) -> None:
    devices = [running.enrol(f"CTV{n:03d}") for n in range(100, 120)]
    packages = [d.package({"establishment": [establishment(uuid4()), establishment(uuid4())]}) for d in devices]
    with ThreadPoolExecutor(max_workers=20) as pool:
        responses = list(pool.map(running.upload, devices, packages))
    assert [r.status_code for r in responses] == [200] * 20, [r.text for r in responses if r.status_code != 200]
    assert {r.json()["status"] for r in responses} == {"applied"}
    with running.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Revision)) == 40
        assert session.scalar(select(func.count(func.distinct(Revision.record_id)))) == 40
        assert session.scalar(select(func.count()).select_from(CentrePackage)) == 20


def test_the_same_package_sent_twice_at_the_same_moment(running: Running) -> None:
    device = running.enrol("CTV001")
    package = device.package({"establishment": [establishment(uuid4()) for _ in range(50)]})
    body = package.read_bytes()
    barrier = threading.Barrier(2)

    def send(_: int) -> httpx.Response:
        headers = running.sign(device, "POST", "/v1/packages", body)
        barrier.wait()
        return running.request(device, "POST", "/v1/packages", body, headers=headers)

    with ThreadPoolExecutor(max_workers=2) as pool:
        responses = list(pool.map(send, range(2)))
    assert [r.status_code for r in responses] == [200, 200], [r.text for r in responses]
    assert sorted(r.json()["status"] for r in responses) == ["applied", "duplicate"]
    receipts = {r.json()["receipt"] for r in responses}
    assert len(receipts) == 1  # the duplicate gets the stored receipt
    with running.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Revision)) == 50


def test_a_replayed_request_is_refused(running: Running) -> None:
    device = running.enrol("CTV001")
    headers = running.sign(device, "GET", "/v1/status", b"")
    assert running.request(device, "GET", "/v1/status", headers=headers).status_code == 200
    replay = running.request(device, "GET", "/v1/status", headers=headers)
    assert replay.status_code == 401 and _error(replay) == "server.replayed"
    with running.db.read() as session:
        assert session.scalar(select(func.count()).select_from(RequestNonce)) == 1


def test_a_replayed_upload_is_refused_and_changes_nothing(running: Running) -> None:
    device = running.enrol("CTV001")
    body = device.package({"establishment": [establishment(uuid4())]}).read_bytes()
    headers = running.sign(device, "POST", "/v1/packages", body)
    assert running.request(device, "POST", "/v1/packages", body, headers=headers).status_code == 200
    replay = running.request(device, "POST", "/v1/packages", body, headers=headers)
    assert replay.status_code == 401 and _error(replay) == "server.replayed"


def test_signature_and_identity_refusals(running: Running) -> None:
    device = running.enrol("CTV001")
    forged = running.request(device, "GET", "/v1/status", key=keys.generate_private_key())
    assert forged.status_code == 401 and _error(forged) == "server.bad_signature"

    stranger = Device("CTV999", running.folder / "stranger", running.identity.encryption_public_key)
    unknown = running.request(stranger, "GET", "/v1/status")
    assert unknown.status_code == 401 and _error(unknown) == "server.unknown_collaborator"

    stale = running.request(device, "GET", "/v1/status", now=int(time.time()) - 301)
    assert stale.status_code == 401 and _error(stale) == "server.stale_timestamp"

    unsigned = httpx.get(running.url + "/v1/status")
    assert unsigned.status_code == 401 and _error(unsigned) == "server.unauthenticated"

    body = b"some bytes"
    headers = running.sign(device, "POST", "/v1/packages", body)
    tampered = running.request(device, "POST", "/v1/packages", b"other bytes", headers=headers)
    assert tampered.status_code == 401 and _error(tampered) == "server.bad_signature"

    CentreCollaborators(running.db).revoke("CTV001")
    revoked = running.request(device, "GET", "/v1/status")
    assert revoked.status_code == 401 and _error(revoked) == "server.revoked"


def test_a_package_from_someone_else_is_forbidden(running: Running) -> None:
    a, b = running.enrol("CTV001"), running.enrol("CTV002")
    package_of_b = b.package({"establishment": [establishment(uuid4())]})
    response = running.request(a, "POST", "/v1/packages", package_of_b.read_bytes())
    assert response.status_code == 403 and _error(response) == "server.wrong_sender"
    with running.db.read() as session:
        assert session.scalar(select(func.count()).select_from(CentrePackage)) == 0


def test_an_oversized_body_is_413_with_or_without_a_length(serve: Callable[..., Running]) -> None:
    running = serve(max_body=1024)
    device = running.enrol("CTV001")
    big = b"x" * 4096
    declared = running.request(device, "POST", "/v1/packages", big)
    assert declared.status_code == 413 and _error(declared) == "server.too_large"

    headers = running.sign(device, "POST", "/v1/packages", big)
    chunked = httpx.post(
        running.url + "/v1/packages", content=iter([big[i : i + 512] for i in range(0, 4096, 512)]), headers=headers
    )
    assert chunked.status_code == 413 and _error(chunked) == "server.too_large"


def test_too_many_requests_are_429_with_retry_after(serve: Callable[..., Running]) -> None:
    running = serve(rate_per_minute=3)
    device, other = running.enrol("CTV001"), running.enrol("CTV002")
    assert [running.request(device, "GET", "/v1/status").status_code for _ in range(3)] == [200] * 3
    limited = running.request(device, "GET", "/v1/status")
    assert limited.status_code == 429 and _error(limited) == "server.rate_limited"
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    assert running.request(other, "GET", "/v1/status").status_code == 200  # per collaborator


def test_the_reference_package_is_signed_by_the_centre(running: Running) -> None:
    device = running.enrol("CTV001")
    response = running.request(device, "GET", "/v1/reference")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/octet-stream"
    path = running.folder / "reference.kcpkg"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(response.content)
    opened = device.open(path, running.identity.public_key)
    assert opened.manifest.kind is PackageKind.CENTRE_REFERENCE
    assert opened.manifest.recipient == "CTV001"
    assert response.headers[http_auth.HEADER_PACKAGE_ID] == opened.manifest.package_id


def test_unknown_addresses_and_methods_answer_json(running: Running) -> None:
    missing = httpx.get(running.url + "/nothing-here")
    assert missing.status_code == 404 and _error(missing) == "server.not_found"
    wrong = httpx.delete(running.url + "/v1/packages")
    assert wrong.status_code == 405 and _error(wrong) == "server.method_not_allowed"
