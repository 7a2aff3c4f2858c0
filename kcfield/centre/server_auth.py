"""Who is asking: the signed-request checks, the replay table and the rate limit of the centre's HTTP service.

Everything here is blocking (database work) and is called from a worker thread, never on the event loop.

* Signature: :mod:`kcfield.sync.http_auth` (the same code the laptops sign with).
* Replays: every accepted nonce is inserted into ``centre_request_nonces`` (primary key = the nonce), so a
  second use fails on the unique key, whichever server process or restart sees it. Rows older than the
  replay window (10 minutes, twice the allowed clock skew) are deleted as the service goes, at most once a
  minute.
* Rate limit: a sliding window of request times per collaborator, in memory. It is per process: two server
  processes each allow the limit. That is enough to keep one laptop in a loop from flooding the centre.
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from kcfield.centre.collaborators import EnrolledCollaborator, get_collaborator
from kcfield.centre.db import CentreDatabase
from kcfield.centre.models import RequestNonce
from kcfield.domain.messages import text
from kcfield.sync import http_auth

RATE_WINDOW_SECONDS = 60.0
_PRUNE_EVERY_SECONDS = 60.0
_MAX_CODE_CHARS = 40


class ApiError(Exception):
    """An answer other than success: HTTP status, message code and its params, extra headers."""

    def __init__(self, status: int, code: str, *, headers: Mapping[str, str] | None = None, **params: Any) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.params = params
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        return {"error": self.code, "message": text(self.code, **self.params)}


@dataclass(frozen=True)
class SignedHeaders:
    collaborator: EnrolledCollaborator
    timestamp: int
    nonce: str


class RateLimiter:
    """At most ``per_minute`` requests in any 60 seconds per collaborator (a sliding window, thread-safe)."""

    def __init__(self, per_minute: int, now: Callable[[], float]) -> None:
        self._limit = per_minute
        self._now = now
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, who: str) -> None:
        """Count one request of ``who``, or raise 429 with the seconds until the window has room."""
        now = self._now()
        with self._lock:
            times = self._seen.setdefault(who, deque())
            while times and times[0] <= now - RATE_WINDOW_SECONDS:
                times.popleft()
            if len(times) >= self._limit:
                wait = max(1, math.ceil(times[0] + RATE_WINDOW_SECONDS - now))
                raise ApiError(429, "server.rate_limited", headers={"Retry-After": str(wait)}, retry_after=wait)
            times.append(now)


def write_lock(db: CentreDatabase) -> contextlib.AbstractContextManager[Any]:
    """What every write of the service holds: on SQLite a process-wide lock (the file has one writer at a time,
    and queueing in the process beats waiting out SQLite's busy timeout); on PostgreSQL nothing."""
    return threading.Lock() if db.location.is_sqlite else contextlib.nullcontext()


class Authenticator:
    def __init__(
        self, db: CentreDatabase, clock: Callable[[], datetime], lock: contextlib.AbstractContextManager[Any]
    ) -> None:
        self._db = db
        self._clock = clock
        self._write_lock = lock
        self._lock = threading.Lock()
        self._pruned_at: float | None = None

    def check_headers(self, headers: Mapping[str, str]) -> SignedHeaders:
        """The cheap checks, before any body is read: headers present and well formed, collaborator known
        and active, timestamp within the allowed skew of the centre's clock."""
        code = headers.get(http_auth.HEADER_COLLABORATOR.lower()) or ""
        timestamp_text = headers.get(http_auth.HEADER_TIMESTAMP.lower())
        nonce = headers.get(http_auth.HEADER_NONCE.lower())
        signature = headers.get(http_auth.HEADER_SIGNATURE.lower())
        if not code or timestamp_text is None or nonce is None or signature is None:
            raise ApiError(401, "server.unauthenticated")
        timestamp = http_auth.parse_timestamp(timestamp_text)
        if timestamp is None or not http_auth.is_valid_nonce(nonce) or len(code) > _MAX_CODE_CHARS:
            raise ApiError(401, "server.bad_signature")
        with self._db.read() as session:
            person = get_collaborator(session, code)
        if person is None:
            raise ApiError(401, "server.unknown_collaborator", collaborator=code)
        if not person.active:
            raise ApiError(401, "server.revoked", collaborator=code)
        now = self._clock().timestamp()
        if abs(now - timestamp) > http_auth.MAX_CLOCK_SKEW_SECONDS:
            raise ApiError(401, "server.stale_timestamp", limit=http_auth.MAX_CLOCK_SKEW_SECONDS)
        return SignedHeaders(person, timestamp, nonce)

    def check_signature(
        self, signed: SignedHeaders, headers: Mapping[str, str], method: str, path: str, body_sha256: str
    ) -> None:
        if not http_auth.verify_signature_digest(signed.collaborator.public_key, headers, method, path, body_sha256):
            raise ApiError(401, "server.bad_signature")

    def remember_nonce(self, signed: SignedHeaders) -> None:
        """Record the nonce; a nonce recorded before (by any process) is a replay: 401."""
        now = self._clock()
        self._prune(now)
        try:
            with self._write_lock, self._db.write() as session:
                session.add(RequestNonce(nonce=signed.nonce, collaborator=signed.collaborator.code, seen_at=now))
        except IntegrityError as exc:
            raise ApiError(401, "server.replayed") from exc

    def _prune(self, now: datetime) -> None:
        stamp = now.timestamp()
        with self._lock:
            if self._pruned_at is not None and stamp - self._pruned_at < _PRUNE_EVERY_SECONDS:
                return
            self._pruned_at = stamp
        cutoff = now - timedelta(seconds=http_auth.NONCE_KEEP_SECONDS)
        with self._write_lock, self._db.write() as session:
            session.execute(delete(RequestNonce).where(RequestNonce.seen_at < cutoff))
