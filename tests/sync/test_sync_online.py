"""Online sync, field side: export → upload → receipt → reference, over a simulated centre.

The centre is an ``httpx.MockTransport`` handler: it checks every request's signature with the collaborator's
public key and answers with packages signed by a test centre key the laptop trusts. Failures of the network
(connection refused, 503, 429) are injected per request; sleeping is a fake that records the delays.
"""

from __future__ import annotations

import base64
import itertools
import json
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from kcfield.cli import main
from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error
from kcfield.domain.model import Establishment
from kcfield.paths import AppPaths
from kcfield.services import sync_online as sync_online_module
from kcfield.services import sync_state
from kcfield.services.container import Services
from kcfield.services.progress import ProgressUpdate
from kcfield.services.sync_online import OnlineSync
from kcfield.sync import http_auth, keys
from kcfield.sync.manifest import PackageKind, Party
from kcfield.sync.package import read_package, write_package

Handler = Callable[[httpx.Request], httpx.Response]


class FakeCentre:
    """Answers /v1/packages with a signed receipt (every record applied) and /v1/reference with a package."""

    def __init__(self, folder: Path, collaborator_public: bytes, collaborator_encryption: bytes) -> None:
        self.folder = folder
        self.key = keys.generate_private_key()
        self.public = keys.public_bytes(self.key)
        self.collaborator_public = collaborator_public
        self.collaborator_encryption = collaborator_encryption  # what its packages to the laptop are sealed for
        self.requests: list[httpx.Request] = []
        self.signatures_ok: list[bool] = []
        self.received: dict[str, bytes] = {}  # package id -> bytes
        self.failures: list[Callable[[httpx.Request], httpx.Response]] = []  # consumed one per request
        self.refuse = False
        self._numbers = itertools.count(1)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.failures:
            return self.failures.pop(0)(request)
        body = request.read()
        path = request.url.raw_path.decode()
        self.signatures_ok.append(
            request.headers.get(http_auth.HEADER_COLLABORATOR) == "CTV001"
            and http_auth.verify_signature(self.collaborator_public, request.headers, request.method, path, body)
        )
        if request.method == "POST" and request.url.path.endswith("/v1/packages"):
            return self._package(body)
        if request.method == "GET" and request.url.path.endswith("/v1/reference"):
            written = self._write(PackageKind.CENTRE_REFERENCE, {"reference/assignments.json": b"[]"})
            return httpx.Response(200, content=written[1], headers={"X-KC-Package-Id": written[0]})
        return httpx.Response(404, json={"error": "not_found", "message": "no such path"})

    def _package(self, body: bytes) -> httpx.Response:
        if self.refuse:
            return httpx.Response(
                422, json={"status": "rejected", "reason": "package.chain_broken", "message": "chuỗi gói bị đứt"}
            )
        incoming = self.folder / f"in-{next(self._numbers)}.kcpkg"
        incoming.write_bytes(body)
        package = read_package(incoming, lambda _fp: self.collaborator_public, keys.encryption_private_key(self.key))
        package_id = package.manifest.package_id
        status = "duplicate" if package_id in self.received else "applied"
        self.received[package_id] = body
        records = [
            {"entity": "establishment", "id": line["id"], "outcome": "applied", "revision": 1}
            for line in package.records("establishment")
        ]
        receipt = {"package_id": package_id, "status": "applied", "records": records}
        _id, data = self._write(PackageKind.RECEIPT, {"receipt.json": json.dumps(receipt).encode()})
        return httpx.Response(
            200,
            json={"status": status, "waiting_for": None, "counts": {"applied": len(records)},
                  "receipt": base64.b64encode(data).decode()},
        )  # fmt: skip

    def _write(self, kind: PackageKind, members: dict[str, bytes]) -> tuple[str, bytes]:
        written = write_package(
            self.folder / f"out-{next(self._numbers)}",
            kind=kind,
            sender=Party("centre", "TTKC", "centre-device", keys.fingerprint(self.public)),
            recipient="CTV001",
            sequence=next(self._numbers),
            previous_sha256="",
            members=members,
            key=self.key,
            app_version="test",
            schema_version="test",
            encrypt_for=self.collaborator_encryption,
        )
        return written.manifest.package_id, written.path.read_bytes()


def trust(services: Services, centre: FakeCentre) -> None:
    with services.ctx.store.write() as session:
        sync_state.set_state(
            session,
            {
                sync_state.CENTRE_PUBLIC_KEY: base64.b64encode(centre.public).decode(),
                sync_state.CENTRE_FINGERPRINT: keys.fingerprint(centre.public),
                sync_state.CENTRE_ENCRYPTION_KEY: base64.b64encode(keys.encryption_public_bytes(centre.key)).decode(),
            },
        )


@pytest.fixture
def centre(profiled: Services, tmp_path: Path) -> FakeCentre:
    profiled.sync_field.ensure_key()
    collaborator = keys.load_private_key(profiled.sync_field.key_path)
    made = FakeCentre(tmp_path / "centre", keys.public_bytes(collaborator), keys.encryption_public_bytes(collaborator))
    made.folder.mkdir()
    trust(profiled, made)
    return made


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def online(services: Services, handler: Handler, sleeps: Sleeps | None = None) -> OnlineSync:
    def factory(base_url: str) -> httpx.Client:
        return httpx.Client(base_url=base_url, transport=httpx.MockTransport(handler))

    return OnlineSync(
        services.ctx,
        services.sync_field,
        services.sync_import,
        services.preferences,
        client_factory=factory,
        sleep=sleeps if sleeps is not None else Sleeps(),
    )


def _connection_refused(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("[Errno 111] Connection refused", request=request)


def _unacknowledged(services: Services) -> int:
    return sum(1 for e in services.sync_field.outbox() if not e.acknowledged)


def test_a_full_cycle_exports_uploads_applies_the_receipt_and_the_reference(
    profiled: Services, centre: FakeCentre
) -> None:
    est = profiled.establishments.create(Establishment(name="Cơ sở mộc Kim Long", commune_code=26596))
    steps: list[ProgressUpdate] = []
    outcome = online(profiled, centre).sync("http://centre.test/", progress=steps.append)

    assert outcome.ok and outcome.exported is not None and outcome.sent == 1
    assert [u.status for u in outcome.uploads] == ["applied"]
    assert outcome.reference is not None and outcome.reference.counts.get("assignments") == 0
    assert centre.signatures_ok == [True, True]  # the upload and the reference request, both signed
    assert [r.url.path for r in centre.requests] == ["/v1/packages", "/v1/reference"]
    assert _unacknowledged(profiled) == 0 and profiled.sync_field.pending_summary()["establishment"] == 0
    assert profiled.establishments.get(est.id).meta.base_revision == 1  # type: ignore[arg-type,union-attr]
    labels = [s.label for s in steps]
    assert labels[0] == "sync_online.step_export" and labels[-1] == "sync_online.step_done"
    assert "sync_online.step_upload" in labels and "sync_online.step_reference" in labels
    prefs = profiled.preferences
    assert prefs.centre_url == "http://centre.test" and prefs.last_sync_at == outcome.finished_at
    assert prefs.last_sync_result["ok"] is True and prefs.last_sync_result["code"] == "sync_online.result_ok"

    # Nothing pending the second time: no upload, only the reference.
    again = online(profiled, centre).sync()
    assert again.exported is None and again.uploads == [] and again.reference is not None


def test_a_sub_path_behind_a_proxy_is_signed_as_sent(profiled: Services, centre: FakeCentre) -> None:
    profiled.establishments.create(Establishment(name="Lò gạch Hưng Thịnh", commune_code=26596))
    online(profiled, centre).sync("https://proxy.test/khuyencong")
    assert [r.url.raw_path for r in centre.requests] == [b"/khuyencong/v1/packages", b"/khuyencong/v1/reference"]
    assert centre.signatures_ok == [True, True]


def test_a_dropped_connection_is_retried_and_a_repeat_is_harmless(profiled: Services, centre: FakeCentre) -> None:
    profiled.establishments.create(Establishment(name="Xưởng dệt Phú Hoà", commune_code=26596))
    sleeps = Sleeps()
    centre.failures = [_connection_refused]
    outcome = online(profiled, centre, sleeps).sync("http://centre.test")
    assert outcome.ok and len(centre.requests) == 3  # refused, then the upload, then the reference
    assert sleeps == [1.0]
    assert len({r.headers[http_auth.HEADER_NONCE] for r in centre.requests}) == 3  # each try signed afresh
    assert _unacknowledged(profiled) == 0


def test_503_then_200_and_429_honours_retry_after(profiled: Services, centre: FakeCentre) -> None:
    profiled.establishments.create(Establishment(name="Cơ sở chế biến hạt điều", commune_code=26596))
    sleeps = Sleeps()
    centre.failures = [
        lambda _r: httpx.Response(503, json={"error": "unavailable"}),
        lambda _r: httpx.Response(503, json={"error": "unavailable"}),
        lambda _r: httpx.Response(429, headers={"Retry-After": "7"}, json={"error": "rate_limited"}),
    ]
    outcome = online(profiled, centre, sleeps).sync("http://centre.test")
    assert outcome.ok and outcome.sent == 1
    assert sleeps == [1.0, 2.0, 7.0]  # back-off doubles; the 429's Retry-After replaces it
    assert len(centre.requests) == 5


def test_the_same_package_sent_twice_is_acknowledged_by_the_duplicate_answer(
    profiled: Services, centre: FakeCentre
) -> None:
    profiled.establishments.create(Establishment(name="Cơ sở đan lát Tân Phú", commune_code=26596))
    # The centre applied the package but the answer was lost on the way back.
    sleeps = Sleeps()
    lost: list[bool] = []

    def apply_then_drop(request: httpx.Request) -> httpx.Response:
        centre.failures.clear()
        centre(request)
        lost.append(True)
        raise httpx.ReadError("connection reset by peer", request=request)

    centre.failures = [apply_then_drop]
    outcome = online(profiled, centre, sleeps).sync("http://centre.test")
    assert lost == [True] and [u.status for u in outcome.uploads] == ["duplicate"]
    assert len(centre.received) == 1 and _unacknowledged(profiled) == 0


def test_no_network_at_all_says_so_and_keeps_the_package_for_next_time(profiled: Services, centre: FakeCentre) -> None:
    profiled.establishments.create(Establishment(name="Lò bánh tráng Bà Năm", commune_code=26596))
    sleeps = Sleeps()
    with pytest.raises(DomainError) as caught:
        online(profiled, _connection_refused, sleeps).sync("http://centre.test")
    assert caught.value.code == "sync_online.offline"
    message = describe_error(caught.value, "vi")
    assert "Không kết nối được tới Trung tâm" in message and "an toàn trên máy" in message
    assert sleeps == [1.0, 2.0, 4.0, 8.0]  # five tries in all
    assert _unacknowledged(profiled) == 1  # exported, waiting in the outbox
    result = profiled.preferences.last_sync_result
    assert result["ok"] is False and result["code"] == "sync_online.offline"
    assert profiled.preferences.last_sync_at is None

    outcome = online(profiled, centre).sync("http://centre.test")  # the network is back
    assert outcome.sent == 1 and _unacknowledged(profiled) == 0


def test_a_refused_package_stops_the_uploads_and_is_reported(profiled: Services, centre: FakeCentre) -> None:
    profiled.establishments.create(Establishment(name="Cơ sở 1", commune_code=26596))
    profiled.sync_field.export()
    profiled.establishments.create(Establishment(name="Cơ sở 2", commune_code=26596))
    centre.refuse = True
    outcome = online(profiled, centre).sync("http://centre.test")
    assert not outcome.ok and outcome.refused is not None
    assert outcome.refused.sequence == 1 and outcome.refused.reason == "package.chain_broken"
    posts = [r for r in centre.requests if r.method == "POST"]
    assert len(posts) == 1  # the second package was not sent
    assert _unacknowledged(profiled) == 2
    result = profiled.preferences.last_sync_result
    assert result["code"] == "sync_online.package_refused" and "chuỗi gói bị đứt" in result["params"]["message"]


def test_an_untrusted_centre_or_a_bad_address_is_refused_before_any_request(profiled: Services, tmp_path: Path) -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(500)

    with pytest.raises(DomainError) as caught:
        online(profiled, handler).sync("http://centre.test")
    assert caught.value.code == "sync_online.not_trusted"
    for bad in ("", "ftp://centre.test", "centre.test"):
        with pytest.raises(DomainError) as wrong:
            online(profiled, handler).sync(bad)
        assert wrong.value.code in ("sync_online.no_centre", "sync_online.bad_url")
    assert calls == []


def test_an_unknown_key_is_a_clear_refusal(profiled: Services, centre: FakeCentre) -> None:
    def handler(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"error": "unknown_collaborator", "message": "khoá chưa đăng ký"})

    with pytest.raises(DomainError) as caught:
        online(profiled, handler).sync("http://centre.test")
    assert caught.value.code == "sync_online.refused" and caught.value.params["status"] == 401
    assert "khoá chưa đăng ký" in describe_error(caught.value)


def test_cli_sync_with_nothing_listening_gives_one_line(
    profiled: Services,
    centre: FakeCentre,
    app_paths: AppPaths,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    profiled.establishments.create(Establishment(name="Cơ sở mây tre", commune_code=26596))
    monkeypatch.setattr(sync_online_module, "_pause", lambda _s: None)
    code = main(["sync", "--data-dir", str(app_paths.data_dir), "--centre", "http://127.0.0.1:9"])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert "Không kết nối được tới Trung tâm" in captured.err and "127.0.0.1:9" in captured.err
    assert _unacknowledged(profiled) == 1


def test_cli_sync_answers_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["sync", "--help"])
    assert caught.value.code == 0
    assert "--centre" in capsys.readouterr().out
