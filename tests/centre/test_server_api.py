"""The centre's HTTP service against its own OpenAPI document (schemathesis, in process, SQLite only): whatever
the request, signed or not, the answer is never a server error; and an unexpected exception answers JSON."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from kcfield.centre import server
from kcfield.centre.collaborators import CentreCollaborators
from kcfield.centre.db import open_centre
from kcfield.centre.identity import load_identity
from kcfield.centre.server import create_app
from kcfield.sync import http_auth, keys

CODE = "CTV001"
KEY = keys.generate_private_key()


@pytest.fixture
def app(sqlite_template: Path, tmp_path: Path) -> Iterator[FastAPI]:
    data_dir = tmp_path / "data"
    shutil.copytree(sqlite_template, data_dir)
    db = open_centre(None, data_dir)
    CentreCollaborators(db).register(CODE, "Nguyễn Thị Lan", keys.public_bytes(KEY), "device-1", [26596])
    identity = load_identity(db, data_dir / "centre-key.pem")
    yield create_app(db, identity, data_dir, rate_per_minute=10_000)
    db.close()


def _operations(app: FastAPI) -> list[Any]:
    loaded = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok() for result in loaded.get_all_operations()]


def _sign(case: Any) -> dict[str, str]:
    body = case.body if isinstance(case.body, bytes) else b""
    headers = http_auth.sign_request(KEY, case.method, case.formatted_path, body)
    headers[http_auth.HEADER_COLLABORATOR] = CODE
    if isinstance(case.body, bytes):
        headers["Content-Type"] = "application/octet-stream"
    return headers


@pytest.mark.parametrize("signed", [False, True], ids=["as-generated", "signed"])
def test_no_request_makes_a_server_error(app: FastAPI, signed: bool) -> None:
    operations = _operations(app)
    assert len(operations) == 4
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: Any) -> None:
            response = case.call_and_validate(headers=_sign(case) if signed else None, checks=[not_a_server_error])
            if signed:  # a fresh signature is never taken for a replay
                assert b"server.replayed" not in response.content

        check()


def test_an_unexpected_error_is_logged_and_answered_in_json(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_args: Any) -> None:
        raise RuntimeError("the disk caught fire")

    monkeypatch.setattr(server, "_status", broken)
    headers = http_auth.sign_request(KEY, "GET", "/v1/status", b"")
    headers[http_auth.HEADER_COLLABORATOR] = CODE
    with caplog.at_level(logging.INFO, logger="kcfield.centre.server"):
        response = TestClient(app, raise_server_exceptions=False).get("/v1/status", headers=headers)
    assert response.status_code == 500
    assert response.json()["error"] == "server.internal"
    assert "disk caught fire" not in response.text and "Traceback" not in response.text
    assert any(record.exc_info and "disk caught fire" in str(record.exc_info[1]) for record in caplog.records)
    assert any('"status": 500' in record.getMessage() and CODE in record.getMessage() for record in caplog.records)


def test_the_openapi_document_names_the_endpoints(app: FastAPI) -> None:
    paths = TestClient(app).get("/openapi.json").json()["paths"]
    assert set(paths) == {"/health", "/v1/packages", "/v1/reference", "/v1/status"}
