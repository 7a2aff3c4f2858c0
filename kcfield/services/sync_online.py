"""Sync with the centre over the network: the "Sync now" button and ``kcfield sync --centre URL``.

One sync is: export the pending changes into the outbox; upload every package no receipt acknowledges yet, in
sequence order (``POST /v1/packages``), applying each receipt the centre answers with; fetch and apply a fresh
reference package (``GET /v1/reference``); remember when and how it went.

**Nothing is lost, nothing is doubled.** A package leaves the outbox's "unacknowledged" list only when its
receipt has been applied here, so a connection lost anywhere (before the upload, during it, before the answer
arrived) leaves the package to be sent again at the next sync; the centre recognises a package it already has
and answers "duplicate" with the same receipt. The centre applies one device's packages in order, so the first
refused package stops the uploads (the later ones would only be held).

**Bad rural connections.** Connection errors, timeouts, 5xx and 429 answers are retried with exponential
back-off (1, 2, 4, 8 s; at most 5 tries; a 429's ``Retry-After`` is honoured). Each try is signed afresh (a new
timestamp and nonce: the centre refuses a replayed nonce). Proxies come from the environment (httpx's
``trust_env``). When every try failed the error is ``sync_online.offline`` (or ``server_error``/``busy``):
the data stays on this laptop, untouched.

Requests are signed with the collaborator's key (:mod:`kcfield.sync.http_auth`) over the path exactly as
sent, so a centre behind a reverse proxy under a sub-path still verifies.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import email.utils
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from kcfield import __version__
from kcfield.domain.errors import DomainError
from kcfield.services.context import ServiceContext
from kcfield.services.preferences import Preferences
from kcfield.services.progress import CancelToken, Progress, ProgressUpdate, no_progress
from kcfield.services.sync_field import ExportResult, FieldSyncService
from kcfield.services.sync_import import FieldImportResult, FieldImportService
from kcfield.store.models import CollaboratorRow
from kcfield.sync import http_auth

__all__ = ["OnlineSync", "SyncOutcome", "UploadOutcome", "default_client"]

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 120.0
MAX_TRIES = 5
BACKOFF_SECONDS = (1.0, 2.0, 4.0, 8.0)
MAX_RETRY_AFTER = 120.0  # a longer Retry-After is capped: the person is waiting in front of the screen

STEP_EXPORT = "sync_online.step_export"
STEP_UPLOAD = "sync_online.step_upload"
STEP_REFERENCE = "sync_online.step_reference"
STEP_DONE = "sync_online.step_done"

ClientFactory = Callable[[str], httpx.Client]


def default_client(base_url: str) -> httpx.Client:
    """The real client: the timeouts above, proxies and CA bundle from the environment."""
    return httpx.Client(
        base_url=base_url,
        timeout=httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT),
        trust_env=True,
        headers={"User-Agent": f"kcfield/{__version__}"},
        follow_redirects=False,
    )


def _pause(seconds: float) -> None:
    time.sleep(seconds)


@dataclass(frozen=True)
class UploadOutcome:
    file: str
    sequence: int
    status: str  # applied | held | duplicate | rejected
    waiting_for: int | None = None
    counts: dict[str, int] = field(default_factory=dict)  # what the receipt applied here
    reason: str = ""  # rejected: the centre's message code
    message: str = ""  # rejected: the centre's one line


@dataclass(frozen=True)
class SyncOutcome:
    centre: str
    exported: ExportResult | None
    uploads: list[UploadOutcome]
    reference: FieldImportResult | None
    finished_at: datetime

    @property
    def refused(self) -> UploadOutcome | None:
        return next((u for u in self.uploads if u.status == "rejected"), None)

    @property
    def ok(self) -> bool:
        return self.refused is None

    @property
    def sent(self) -> int:
        return sum(1 for u in self.uploads if u.status in ("applied", "duplicate"))

    @property
    def held(self) -> int:
        return sum(1 for u in self.uploads if u.status == "held")

    @property
    def records_received(self) -> int:
        counts = self.reference.counts if self.reference is not None else {}
        return counts.get("added", 0) + counts.get("updated", 0)

    def summary(self) -> tuple[str, dict[str, Any]]:
        """A message code and its params describing the outcome (remembered as the last sync result)."""
        refused = self.refused
        if refused is not None:
            return "sync_online.package_refused", {"sequence": refused.sequence, "message": refused.message}
        return "sync_online.result_ok", {"sent": self.sent, "held": self.held, "records": self.records_received}


class OnlineSync:
    def __init__(
        self,
        ctx: ServiceContext,
        sync_field: FieldSyncService,
        sync_import: FieldImportService,
        preferences: Preferences,
        *,
        client_factory: ClientFactory = default_client,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self._ctx = ctx
        self._field = sync_field
        self._import = sync_import
        self._preferences = preferences
        self._client_factory = client_factory
        self._sleep = sleep

    def sync(
        self, centre_url: str | None = None, progress: Progress | None = None, cancel: CancelToken | None = None
    ) -> SyncOutcome:
        """One full sync with the centre at ``centre_url`` (default: the remembered address; the one given is
        remembered). Raises DomainError when the centre cannot be reached or refuses the
        requests; the last sync result is remembered either way."""
        report = progress or no_progress
        token = cancel or CancelToken()
        url = self._centre_url(centre_url)
        self._preferences.centre_url = url
        try:
            outcome = self._sync(url, report, token)
        except DomainError as error:
            self._remember(False, error.code, _plain(error.params))
            raise
        self._preferences.last_sync_at = outcome.finished_at
        code, params = outcome.summary()
        self._remember(outcome.ok, code, params)
        report(ProgressUpdate(STEP_DONE, 1, 1))
        return outcome

    # --- the steps -------------------------------------------------------------------------------------------

    def _sync(self, url: str, report: Progress, token: CancelToken) -> SyncOutcome:
        if not self._import.centre_fingerprint():
            raise DomainError("sync_online.not_trusted")
        code = self._collaborator_code()
        report(ProgressUpdate(STEP_EXPORT, 0, 1))
        exported = self._field.export()
        report(ProgressUpdate(STEP_EXPORT, 1, 1))
        key = self._field.signing_key()
        sequences = {entry.path: entry.sequence for entry in self._field.outbox()}
        paths = self._field.resend_paths()
        uploads: list[UploadOutcome] = []
        with self._client_factory(url) as client, tempfile.TemporaryDirectory(prefix="kcfield-sync-") as folder:
            pause = self._sleep if self._sleep is not None else _pause
            signer = _Signer(client, key, code, url, token, pause)
            for index, path in enumerate(paths):
                token.check()
                report(ProgressUpdate(STEP_UPLOAD, index, len(paths)))
                upload = self._upload(signer, path, sequences.get(path, 0), Path(folder))
                uploads.append(upload)
                if upload.status == "rejected":
                    break
            report(ProgressUpdate(STEP_UPLOAD, len(paths), len(paths)))
            token.check()
            report(ProgressUpdate(STEP_REFERENCE, 0, 1))
            reference = self._reference(signer, Path(folder))
            report(ProgressUpdate(STEP_REFERENCE, 1, 1))
        return SyncOutcome(url, exported, uploads, reference, self._ctx.now())

    def _upload(self, signer: _Signer, path: Path, sequence: int, folder: Path) -> UploadOutcome:
        body = path.read_bytes()
        response = signer.send("POST", "/v1/packages", body, {"Content-Type": "application/octet-stream"})
        answer = _json(response)
        if response.status_code == 422:
            return UploadOutcome(
                path.name,
                sequence,
                "rejected",
                reason=str(answer.get("reason", "")),
                message=str(answer.get("message") or answer.get("reason") or ""),
            )
        _raise_for(response, answer)
        status = str(answer.get("status", ""))
        receipt = answer.get("receipt")
        if status not in ("applied", "held", "duplicate") or not isinstance(receipt, str):
            raise DomainError("sync_online.bad_answer", status=response.status_code)
        try:
            data = base64.b64decode(receipt, validate=True)
        except (binascii.Error, ValueError):
            raise DomainError("sync_online.bad_answer", status=response.status_code) from None
        receipt_path = folder / f"receipt-{path.stem}.kcpkg"
        receipt_path.write_bytes(data)
        applied = self._import.import_file(receipt_path)
        waiting = answer.get("waiting_for")
        return UploadOutcome(
            path.name,
            sequence,
            status,
            waiting_for=waiting if isinstance(waiting, int) else None,
            counts=dict(applied.counts),
        )

    def _reference(self, signer: _Signer, folder: Path) -> FieldImportResult:
        since = self._import.reference_built_at()
        # A minute's overlap: a record that moved while the last package was being built comes again (harmless).
        path = "/v1/reference" if since is None else f"/v1/reference?since={max(since - 60, 0)}"
        response = signer.send("GET", path, b"", {})
        if response.status_code != 200:
            _raise_for(response, _json(response))
        package_id = response.headers.get(http_auth.HEADER_PACKAGE_ID, "")
        name = f"reference-{package_id}.kcpkg" if _safe_name(package_id) else "reference.kcpkg"
        target = folder / name
        target.write_bytes(response.content)
        return self._import.import_file(target)

    # --- helpers -----------------------------------------------------------------------------------------------

    def _centre_url(self, given: str | None) -> str:
        url = (given if given is not None else self._preferences.centre_url).strip()
        if not url:
            raise DomainError("sync_online.no_centre")
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError):
            raise DomainError("sync_online.bad_url", centre=url) from None
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise DomainError("sync_online.bad_url", centre=url)
        return url.rstrip("/")

    def _collaborator_code(self) -> str:
        with self._ctx.store.read() as session:
            code = session.scalar(select(CollaboratorRow.code).where(CollaboratorRow.is_local_user.is_(True)))
        if not code:
            raise DomainError("sync_field.no_profile")
        return str(code)

    def _remember(self, ok: bool, code: str, params: dict[str, Any]) -> None:
        with contextlib.suppress(Exception):  # remembering must never hide the sync's own outcome
            self._preferences.last_sync_result = {
                "at": self._ctx.now().astimezone(UTC).isoformat(),
                "ok": ok,
                "code": code,
                "params": params,
            }


class _Signer:
    """Sends signed requests, retrying what a bad connection or a busy centre explains."""

    def __init__(
        self,
        client: httpx.Client,
        key: Any,
        code: str,
        centre: str,
        token: CancelToken,
        sleep: Callable[[float], None],
    ) -> None:
        self._client, self._key, self._code, self._centre = client, key, code, centre
        self._token, self._sleep = token, sleep
        self.attempts = 0

    def send(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
        last_error = ""
        last_status = 0
        for attempt in range(MAX_TRIES):
            self._token.check()
            request = self._client.build_request(method, path, content=body)  # under base_url, sub-path kept
            signed_path = request.url.raw_path.decode("ascii")
            request.headers.update(headers)
            request.headers[http_auth.HEADER_COLLABORATOR] = self._code
            request.headers.update(http_auth.sign_request(self._key, method, signed_path, body))
            self.attempts += 1
            wait = BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)]
            try:
                response = self._client.send(request)
                response.read()
            except httpx.TransportError as exc:  # connection refused or dropped, timeout, proxy, protocol
                last_error, last_status = _reason(exc), 0
            else:
                if response.status_code == 429:
                    last_status = 429
                    wait = _retry_after(response, wait)
                elif response.status_code >= 500:
                    last_status = response.status_code
                else:
                    return response
            if attempt + 1 < MAX_TRIES:
                self._token.check()
                self._sleep(wait)
        if last_status == 429:
            raise DomainError("sync_online.busy")
        if last_status:
            raise DomainError("sync_online.server_error", status=last_status)
        raise DomainError("sync_online.offline", centre=self._centre, reason=last_error)


def _retry_after(response: httpx.Response, default: float) -> float:
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return default
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    with contextlib.suppress(TypeError, ValueError):
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, min((when - datetime.now(UTC)).total_seconds(), MAX_RETRY_AFTER))
    return default


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        value = response.json()
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _raise_for(response: httpx.Response, answer: dict[str, Any]) -> None:
    """Any answer but 200 is the centre refusing the request (401 unknown key, 403, 413 …): say why."""
    if response.status_code == 200:
        return
    message = str(answer.get("message") or answer.get("error") or response.reason_phrase or "")
    raise DomainError("sync_online.refused", status=response.status_code, message=message)


def _reason(error: httpx.TransportError) -> str:
    if isinstance(error, httpx.TimeoutException):
        return "hết thời gian chờ / timed out"
    text = str(error).strip()
    return text or type(error).__name__


def _safe_name(text: str) -> bool:
    return bool(text) and len(text) <= 64 and all(c.isalnum() or c == "-" for c in text)


def _plain(params: dict[str, Any]) -> dict[str, Any]:
    """Params as JSON can keep them."""
    return {k: v if isinstance(v, int | float | bool) else str(v) for k, v in params.items()}
