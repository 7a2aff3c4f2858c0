"""The centre's HTTP service (``kcfield-centre serve``): laptops upload packages and fetch their reference data.

The API (``/health``, ``POST /v1/packages``, ``GET /v1/reference``, ``GET /v1/status``) and its signed
requests are described in docs and in :mod:`kcfield.sync.http_auth`; FastAPI serves the OpenAPI document at
``/openapi.json``. Design points:

* Blocking work (database, import, reference package) runs in worker threads, never on the event loop.
* An upload is streamed into ``spool/`` under the data folder, counted as it arrives (413 past ``max_body``
  whatever Content-Length said) and hashed for the signature check, then imported by
  :class:`kcfield.centre.importer.CentreImporter`, one package per transaction.
* Two uploads racing on the same package or the same records can collide on a unique key or, on
  PostgreSQL, a serialization failure: the whole import is retried a few times; the second attempt sees the
  first one's package and answers "duplicate" with the stored receipt.
* Every answer is JSON (``{"error": code, "message": text}`` for failures); an unexpected exception is logged
  with its traceback and answered ``{"error": "server.internal"}``. One JSON log line per request.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kcfield import __version__
from kcfield.centre.db import CentreDatabase, utc_now
from kcfield.centre.identity import CentreIdentity
from kcfield.centre.importer import CentreImporter, ImportResult
from kcfield.centre.models import CentreConflict, CentrePackage, ConflictStatus, PackageStatus
from kcfield.centre.reference import ReferenceBuilder
from kcfield.centre.server_auth import ApiError, Authenticator, RateLimiter, SignedHeaders, write_lock
from kcfield.domain.errors import DomainError
from kcfield.domain.messages import text
from kcfield.sync import http_auth
from kcfield.sync.manifest import Manifest

__all__ = ["MAX_BODY_BYTES", "create_app"]

LOG = logging.getLogger("kcfield.centre.server")
MIB = 1024 * 1024
MAX_BODY_BYTES = 64 * MIB
MAX_GET_BODY_BYTES = 64 * 1024  # a GET has no business carrying a body; a small one is still hashed
IMPORT_ATTEMPTS = 5
# Imports at once on PostgreSQL: an import may hold two pooled connections (its transaction, and a read the
# services make meanwhile), so an unbounded number of them could take the whole pool and wait on each other.
CONCURRENT_IMPORTS = 4


# --- documented shapes (OpenAPI) -------------------------------------------------------------------------


class HealthAnswer(BaseModel):
    status: str
    version: str
    centre_fingerprint: str


class UploadAnswer(BaseModel):
    status: str
    waiting_for: int | None
    counts: dict[str, int]
    receipt: str | None


class RejectedAnswer(BaseModel):
    status: str
    reason: str
    message: str


class ErrorAnswer(BaseModel):
    error: str
    message: str


class PackageCounts(BaseModel):
    applied: int
    held: int


class StatusAnswer(BaseModel):
    collaborator: str
    packages: PackageCounts
    open_conflicts: int
    last_sequence: int


_SIGNED_HEADERS = [
    {"name": name, "in": "header", "required": True, "schema": {"type": "string"}}
    for name in (
        http_auth.HEADER_COLLABORATOR,
        http_auth.HEADER_TIMESTAMP,
        http_auth.HEADER_NONCE,
        http_auth.HEADER_SIGNATURE,
    )
]
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorAnswer, "description": "missing, stale, replayed or bad signature; unknown or revoked"},
    429: {"model": ErrorAnswer, "description": "more than the allowed requests a minute (see Retry-After)"},
}


# --- the application -------------------------------------------------------------------------------------


def create_app(
    db: CentreDatabase,
    identity: CentreIdentity,
    data_dir: Path,
    *,
    clock: Callable[[], datetime] = utc_now,
    rate_per_minute: int = 60,
    max_body: int = MAX_BODY_BYTES,
) -> FastAPI:
    """The service over ``db``, signing receipts and reference packages with ``identity``; receipts,
    attachments and the upload spool live in ``data_dir``."""
    data_dir = Path(data_dir)
    spool = data_dir / "spool"
    receipts = data_dir / "receipts"
    attachments = data_dir / "centre-attachments"
    lock = write_lock(db)
    auth = Authenticator(db, clock, lock)
    imports = threading.BoundedSemaphore(CONCURRENT_IMPORTS)
    limiter = RateLimiter(rate_per_minute, lambda: clock().timestamp())

    app = FastAPI(title="kcfield centre", version=__version__, docs_url=None, redoc_url=None)
    _install_error_handlers(app)

    async def authenticate(request: Request, body_sha256: str) -> SignedHeaders:
        """Signature, rate limit and nonce of a request whose headers passed :meth:`Authenticator.check_headers`."""
        signed: SignedHeaders = request.state.signed
        path = _path_with_query(request)
        await run_in_threadpool(auth.check_signature, signed, request.headers, request.method, path, body_sha256)
        limiter.check(signed.collaborator.code)
        await run_in_threadpool(auth.remember_nonce, signed)
        return signed

    async def signed_get(request: Request) -> SignedHeaders:
        await _check_headers(request, auth)
        body = await _read_small_body(request, MAX_GET_BODY_BYTES)
        return await authenticate(request, hashlib.sha256(body).hexdigest())

    @app.get("/health", response_model=HealthAnswer)
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__, "centre_fingerprint": identity.fingerprint}

    @app.post(
        "/v1/packages",
        response_model=UploadAnswer,
        responses={
            **_ERRORS,
            403: {"model": ErrorAnswer, "description": "the package's sender is not the authenticated collaborator"},
            413: {"model": ErrorAnswer, "description": "the body is larger than the limit"},
            422: {"model": RejectedAnswer, "description": "the package was refused"},
            503: {"model": ErrorAnswer, "description": "the database stayed busy; send again later"},
        },
        openapi_extra={
            "parameters": _SIGNED_HEADERS,
            "requestBody": {
                "required": True,
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            },
        },
    )
    async def upload(request: Request) -> Response:
        await _check_headers(request, auth)
        await run_in_threadpool(spool.mkdir, parents=True, exist_ok=True)
        path = spool / f"{uuid4().hex}.kcpkg"
        try:
            digest = await _spool_body(request, path, max_body)
            signed = await authenticate(request, digest)
            result = await run_in_threadpool(
                _import_with_retries,
                lambda: CentreImporter(db, identity, receipts, attachments, clock),
                path,
                imports,
                lock,
                _sender_is(signed.collaborator.code),
            )
            return await run_in_threadpool(_upload_answer, result)
        finally:
            await run_in_threadpool(_unlink, path)

    @app.get(
        "/v1/reference",
        response_class=Response,
        responses={
            **_ERRORS,
            200: {
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
                "description": "a reference package signed by the centre",
            },
        },
        openapi_extra={"parameters": _SIGNED_HEADERS},
    )
    async def reference(request: Request, since: int | None = None) -> Response:
        signed = await signed_get(request)
        content, package_id = await run_in_threadpool(
            _reference_package, db, identity, clock, spool, signed, lock, since
        )
        return Response(
            content, media_type="application/octet-stream", headers={http_auth.HEADER_PACKAGE_ID: package_id}
        )

    @app.get(
        "/v1/status", response_model=StatusAnswer, responses=_ERRORS, openapi_extra={"parameters": _SIGNED_HEADERS}
    )
    async def status(request: Request) -> dict[str, Any]:
        signed = await signed_get(request)
        return await run_in_threadpool(_status, db, signed)

    app.add_middleware(_RequestLog)
    return app


# --- steps of the endpoints (blocking ones run in worker threads) ---------------------------------------


async def _check_headers(request: Request, auth: Authenticator) -> None:
    request.state.signed = await run_in_threadpool(auth.check_headers, request.headers)
    request.state.collaborator = request.state.signed.collaborator.code


def _path_with_query(request: Request) -> str:
    raw = request.scope.get("raw_path") or request.url.path.encode("ascii", "replace")
    query = request.scope.get("query_string") or b""
    path = raw.decode("latin-1")
    return f"{path}?{query.decode('latin-1')}" if query else path


def _declared_length(request: Request) -> int | None:
    value = request.headers.get("content-length")
    if value is None or not value.isdigit():
        return None
    return int(value)


async def _spool_body(request: Request, path: Path, limit: int) -> str:
    """Stream the body into ``path``; its sha256 (hex). 413 as soon as it passes ``limit`` bytes."""
    declared = _declared_length(request)
    if declared is not None and declared > limit:
        raise ApiError(413, "server.too_large", limit_mb=max(1, limit // MIB))
    digest = hashlib.sha256()
    size = 0
    handle = await run_in_threadpool(path.open, "wb")
    try:
        async for chunk in request.stream():
            if not chunk:
                continue
            size += len(chunk)
            if size > limit:
                raise ApiError(413, "server.too_large", limit_mb=max(1, limit // MIB))
            digest.update(chunk)
            await run_in_threadpool(handle.write, chunk)
    finally:
        await run_in_threadpool(handle.close)
    return digest.hexdigest()


async def _read_small_body(request: Request, limit: int) -> bytes:
    parts: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "server.too_large", limit_mb=max(1, limit // MIB))
        parts.append(chunk)
    return b"".join(parts)


def _sender_is(collaborator: str) -> Callable[[Manifest], None]:
    """The importer's ``accept``: the verified manifest's sender must be the collaborator who signed the
    request (403 otherwise). It runs after decryption and verification, before anything is written: the
    manifest is inside the encrypted envelope, so there is nothing to peek at before."""

    def accept(manifest: Manifest) -> None:
        if manifest.sender.code != collaborator:
            raise ApiError(403, "server.wrong_sender", sender=manifest.sender.code, collaborator=collaborator)

    return accept


def _import_with_retries(
    make: Callable[[], CentreImporter],
    path: Path,
    imports: threading.BoundedSemaphore,
    lock: contextlib.AbstractContextManager[Any],
    accept: Callable[[Manifest], None] | None = None,
) -> ImportResult:
    """Import ``path``; on a unique-key collision or a serialization failure (a concurrent upload of the same
    package or of the same records) try again from the start, where the other upload's work is visible."""
    for attempt in range(1, IMPORT_ATTEMPTS + 1):
        try:
            with imports, lock:
                return make().import_file(path, accept)[0]
        except (IntegrityError, OperationalError) as exc:
            if attempt == IMPORT_ATTEMPTS:
                LOG.warning("import of %s still colliding after %d attempts: %s", path.name, attempt, exc)
                raise ApiError(503, "server.busy", headers={"Retry-After": "30"}) from exc
            time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def _upload_answer(result: ImportResult) -> Response:
    if result.status == "rejected":
        refused: dict[str, Any] = {
            "status": "rejected",
            "reason": result.reason,
            "message": text(result.reason, **result.params),
        }
        return JSONResponse(refused, status_code=422)
    receipt = None
    if result.receipt is not None:
        receipt = base64.b64encode(result.receipt.read_bytes()).decode("ascii")
    body: dict[str, Any] = {
        "status": result.status,
        "waiting_for": result.waiting_for,
        "counts": result.counts(),
        "receipt": receipt,
    }
    return JSONResponse(body)


def _reference_package(
    db: CentreDatabase,
    identity: CentreIdentity,
    clock: Callable[[], datetime],
    spool: Path,
    signed: SignedHeaders,
    lock: contextlib.AbstractContextManager[Any],
    since: int | None = None,
) -> tuple[bytes, str]:
    spool.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=spool, prefix="reference-") as folder, lock:
        summary = ReferenceBuilder(db, identity, clock).write(signed.collaborator.code, Path(folder), since)
        return summary.package.path.read_bytes(), summary.package.manifest.package_id


def _status(db: CentreDatabase, signed: SignedHeaders) -> dict[str, Any]:
    code = signed.collaborator.code
    with db.read() as session:
        by_status = dict(
            session.execute(
                select(CentrePackage.status, func.count())
                .where(CentrePackage.sender == code)
                .group_by(CentrePackage.status)
            ).all()
        )
        open_conflicts = session.scalar(
            select(func.count())
            .select_from(CentreConflict)
            .where(CentreConflict.sender == code, CentreConflict.status == ConflictStatus.OPEN.value)
        )
        last = session.scalar(
            select(func.max(CentrePackage.sequence)).where(
                CentrePackage.sender == code,
                CentrePackage.device_id == signed.collaborator.device_id,
                CentrePackage.status == PackageStatus.APPLIED.value,
            )
        )
    return {
        "collaborator": code,
        "packages": {
            "applied": int(by_status.get(PackageStatus.APPLIED.value, 0)),
            "held": int(by_status.get(PackageStatus.HELD.value, 0)),
        },
        "open_conflicts": int(open_conflicts or 0),
        "last_sequence": int(last or 0),
    }


def _unlink(path: Path) -> None:
    path.unlink(missing_ok=True)


# --- errors and logging ----------------------------------------------------------------------------------


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(DomainError)
    async def domain_error(_request: Request, exc: DomainError) -> JSONResponse:
        body = {"error": exc.code, "message": text(exc.code, **exc.params)}
        return JSONResponse(body, status_code=400)

    @app.exception_handler(OperationalError)
    @app.exception_handler(SQLAlchemyTimeoutError)
    async def busy(request: Request, exc: Exception) -> JSONResponse:
        LOG.warning("database busy or unreachable on %s %s: %s", request.method, request.url.path, exc)
        error = ApiError(503, "server.busy")
        return JSONResponse(error.body(), status_code=503, headers={"Retry-After": "30"})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            error = ApiError(404, "server.not_found")
        elif exc.status_code == 405:
            error = ApiError(405, "server.method_not_allowed", method=request.method)
        else:
            error = ApiError(exc.status_code, "server.bad_request")
        return JSONResponse(error.body(), status_code=exc.status_code, headers=dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, _exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(ApiError(400, "server.bad_request").body(), status_code=400)


class _RequestLog:
    """Outermost ASGI layer: one JSON log line per request, and a JSON 500 for anything unexpected (the
    traceback goes to the log, never to the client)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_wrapper(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = int(message["status"])
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception:
            LOG.exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            status = 500
            if not response_started:
                body = json.dumps({"error": "server.internal", "message": text("server.internal")}).encode()
                await send(
                    {
                        "type": "http.response.start",
                        "status": 500,
                        "headers": [
                            (b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
        finally:
            state = scope.get("state") or {}
            LOG.info(
                json.dumps(
                    {
                        "time": datetime.now().astimezone().isoformat(timespec="milliseconds"),
                        "collaborator": state.get("collaborator", ""),
                        "method": scope.get("method", ""),
                        "path": scope.get("path", ""),
                        "status": status,
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                    },
                    ensure_ascii=False,
                )
            )
