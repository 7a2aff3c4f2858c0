"""Two demo laptops press "Sync now" against the real centre service (uvicorn on 127.0.0.1, SQLite and PostgreSQL)
and end with the same centre revisions; a network cut in the middle of an upload, then Sync again, loses and
duplicates nothing."""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from uuid import UUID

import httpx
import pytest
from sqlalchemy import func, select

from kcfield.centre.collaborators import CentreCollaborators
from kcfield.centre.models import RecordHead, Revision
from kcfield.centre.reference import ReferenceBuilder
from kcfield.domain.errors import DomainError
from kcfield.paths import AppPaths
from kcfield.services import sync_state
from kcfield.services.container import Services, open_services
from kcfield.services.demo import DemoService
from kcfield.services.sync_enrolment import read_enrolment_request
from kcfield.services.sync_online import OnlineSync
from tests.centre import test_server
from tests.centre.test_server import Running

serve = test_server.serve  # the fixture that runs the real server (uvicorn on 127.0.0.1)


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[Callable[[str, str, int], Services]]:
    opened: list[Services] = []

    def make(code: str, name: str, seed: int) -> Services:
        services = open_services(AppPaths(tmp_path / code))
        services.collaborators.save_local_user(code, name)
        services.collaborators.adopt_identity()
        services.sync_field.ensure_key()
        DemoService(services.ctx, services.reference).generate(12, seed=seed, unsynced=True)
        opened.append(services)
        return services

    yield make
    for services in opened:
        services.close()


def enrol(running: Running, laptop: Services, tmp_path: Path) -> None:
    """What `enrol-request` + `kcfield-centre enrol` + importing the welcome package do."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    request = read_enrolment_request(laptop.sync_field.enrol_request(tmp_path / "request.json").path)
    communes = sorted({c.code for c in laptop.reference.communes.values() if c.latitude is not None})
    CentreCollaborators(running.db).register(request.code, request.full_name, request.public_key,
                                             request.device_id, communes,
                                             encryption_key=request.encryption_key)  # fmt: skip
    welcome = ReferenceBuilder(running.db, running.identity).write(request.code, tmp_path).package.path
    assert laptop.sync_import.import_file(welcome).trusted_fingerprint == running.identity.fingerprint
    with laptop.ctx.store.read() as session:
        learnt = sync_state.read_state(session)[sync_state.CENTRE_ENCRYPTION_KEY]
    assert base64.b64decode(learnt) == running.identity.encryption_public_key


def revisions(laptop: Services) -> dict[str, int]:
    with laptop.ctx.store.read() as session:
        from kcfield.store.models import EstablishmentRow

        rows = session.execute(select(EstablishmentRow.id, EstablishmentRow.base_revision)).all()
    return {str(record_id): int(revision) for record_id, revision in rows}


def centre_heads(running: Running) -> dict[str, int]:
    with running.db.read() as session:
        rows = session.execute(
            select(RecordHead.record_id, RecordHead.revision).where(RecordHead.entity == "establishment")
        ).all()
    return {str(record_id): int(revision) for record_id, revision in rows}


class PulledCable(httpx.BaseTransport):
    """The cable is pulled while an upload is on its way: the centre gets it, nothing comes back, ever."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.pulled = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.pulled:
            raise httpx.ConnectError("network is unreachable", request=request)
        response = self.inner.handle_request(request)
        if request.url.path.endswith("/v1/packages"):
            response.read()
            self.pulled = True
            raise httpx.ReadError("connection reset by peer", request=request)
        return response


class CutAfterSending(httpx.BaseTransport):
    """The network drops once, after the centre received an upload and before its answer arrived."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.cut = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.path.endswith("/v1/packages") and not self.cut:
            response.read()
            self.cut = True
            raise httpx.ReadError("connection reset by peer", request=request)
        return response


def test_two_laptops_sync_now_and_a_cut_network_loses_and_duplicates_nothing(
    serve: Callable[..., Running], laptops: Callable[[str, str, int], Services], tmp_path: Path
) -> None:
    running = serve()
    a = laptops("CTV001", "Nguyễn Thị Lan", 1)
    b = laptops("CTV002", "Trần Văn Bình", 2)
    enrol(running, a, tmp_path / "a")
    enrol(running, b, tmp_path / "b")

    # B's first upload loses its answer: the centre applied it, the laptop did not hear so.
    cut = CutAfterSending()
    flaky = OnlineSync(b.ctx, b.sync_field, b.sync_import, b.preferences,
                       client_factory=lambda url: httpx.Client(base_url=url, transport=cut, timeout=30),
                       sleep=lambda _s: None)  # fmt: skip
    sync_a = a.sync_online
    outcome_a = sync_a.sync(running.url)
    assert outcome_a.ok and [u.status for u in outcome_a.uploads] == ["applied"]
    try:
        flaky.sync(running.url)  # retried after the cut: the second try is answered "duplicate" with the receipt
    except Exception as error:
        pytest.fail(f"a dropped answer must be retried, not fail: {error!r}")
    assert cut.cut
    with running.db.read() as session:
        stored = session.scalar(select(func.count()).select_from(Revision))
    assert not b.sync_field.resend_paths()  # acknowledged after all

    # Sync now again on both: each gets the other's establishments; nothing is sent twice.
    for laptop in (a, b, a):
        assert laptop.sync_online.sync(running.url).ok
    with running.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Revision)) == stored  # no revision made twice
    heads = centre_heads(running)
    assert len(heads) == 24
    assert revisions(a) == revisions(b) == heads  # the same records at the same centre revisions
    for laptop in (a, b):
        assert laptop.sync_field.pending_summary()["establishment"] == 0
        assert laptop.preferences.last_sync_at is not None

    # The cable is pulled in the middle of A's next upload: Sync says so; pressing Sync again once the cable is
    # back in loses and duplicates nothing.
    record = next(iter(heads))
    edited = a.establishments.get(UUID(record))
    a.establishments.update(dataclasses.replace(edited, village="Ấp Bàu Sen"))
    cable = PulledCable()
    unplugged = OnlineSync(a.ctx, a.sync_field, a.sync_import, a.preferences,
                           client_factory=lambda url: httpx.Client(base_url=url, transport=cable, timeout=30),
                           sleep=lambda _s: None)  # fmt: skip
    with pytest.raises(DomainError) as caught:
        unplugged.sync(running.url)
    assert caught.value.code == "sync_online.offline"
    assert len(a.sync_field.resend_paths()) == 1  # kept for the next try
    assert a.sync_online.sync(running.url).ok  # the cable is back: Sync again
    assert b.sync_online.sync(running.url).ok
    with running.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Revision)) == stored + 1  # one new revision, once
    assert not a.sync_field.resend_paths()
    assert revisions(a) == revisions(b) == centre_heads(running)
    assert b.establishments.get(edited.id).village == "Ấp Bàu Sen"  # type: ignore[arg-type]
