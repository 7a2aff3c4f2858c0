"""Benchmark: 20 collaborators upload at the same moment to the centre service on PostgreSQL (500 records each).

Starts the real service (uvicorn, 127.0.0.1) over a throw-away PostgreSQL database, enrols 20 devices, sends
their packages from 20 threads at once, then checks that every record is stored exactly once and prints the
records/s of the run. PostgreSQL from KCFIELD_TEST_POSTGRES (default postgresql+psycopg://postgres@127.0.0.1:5432/
postgres); ``--sqlite`` runs the same on SQLite.

    .venv/bin/python benchmarks/parallel_uploads.py [--devices 20] [--records 500] [--sqlite]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from kcfield.centre.collaborators import CentreCollaborators
from kcfield.centre.db import open_centre
from kcfield.centre.identity import load_identity
from kcfield.centre.models import Revision
from kcfield.centre.server import create_app
from kcfield.centre.setup import init_centre
from kcfield.sync import http_auth, keys
from kcfield.sync.manifest import PackageKind, Party
from kcfield.sync.package import write_package

POSTGRES = os.environ.get("KCFIELD_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
NOW = "2026-11-26T03:00:00+00:00"


def package(folder: Path, code: str, key: object, device: str, records: int, encrypt_for: bytes) -> Path:
    lines = [
        {"id": str(uuid.uuid4()), "base_revision": 0, "local_edits": 1, "deleted": False, "created_at": NOW,
         "created_by": code, "updated_at": NOW, "updated_by": code,
         "fields": {"name": f"Cơ sở {code} số {n}", "kind": "HKD", "commune_code": 26596, "workers_total": n % 40}}
        for n in range(records)
    ]  # fmt: skip
    body = b"".join(json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" for line in lines)
    public = keys.public_bytes(key)  # type: ignore[arg-type]
    return write_package(
        folder, kind=PackageKind.FIELD_CHANGES, sender=Party("collaborator", code, device, keys.fingerprint(public)),
        recipient="TTKC", sequence=1, previous_sha256="", members={"records/establishment.jsonl": body},
        key=key, app_version="bench", schema_version="bench", encrypt_for=encrypt_for,  # type: ignore[arg-type]
    ).path  # fmt: skip


def run_uploads(devices_count: int, records: int, use_sqlite: bool = False) -> tuple[float, int, int]:
    """Upload ``devices_count`` packages of ``records`` records at once; returns (seconds, applied, stored)."""
    with tempfile.TemporaryDirectory(prefix="kcfield-uploads-") as tmp:
        folder = Path(tmp)
        admin = None
        url: str | None = None
        if not use_sqlite:
            admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
            name = f"kcfield_uploads_{uuid.uuid4().hex[:8]}"
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            url = make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
        key_path = folder / "centre-key.pem"
        try:
            init_centre(url, folder / "centre", key_path if url else None)
            db = open_centre(url, folder / "centre")
            identity = load_identity(db, key_path if url else folder / "centre" / "centre-key.pem")
            devices = []
            for n in range(devices_count):
                code, key, device = f"CTV{n + 1:03d}", keys.generate_private_key(), uuid.uuid4().hex
                CentreCollaborators(db).register(
                    code, f"Cộng tác viên {n + 1}", keys.public_bytes(key), device, [26596],
                    encryption_key=keys.encryption_public_bytes(key),
                )  # fmt: skip
                sealed_for = identity.encryption_public_key
                devices.append((code, key, package(folder / code, code, key, device, records, sealed_for)))
            config = uvicorn.Config(create_app(db, identity, folder / "centre"), host="127.0.0.1", port=0,
                                    log_level="warning", access_log=False, lifespan="off")  # fmt: skip
            server = uvicorn.Server(config)
            thread = threading.Thread(target=server.run, daemon=True)
            thread.start()
            while not server.started:
                time.sleep(0.02)
            base = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"

            def upload(item: tuple[str, object, Path]) -> str:
                code, key, path = item
                body = path.read_bytes()
                headers = http_auth.sign_request(key, "POST", "/v1/packages", body)  # type: ignore[arg-type]
                headers[http_auth.HEADER_COLLABORATOR] = code
                answer = httpx.post(base + "/v1/packages", content=body, headers=headers, timeout=300)
                return str(answer.json().get("status"))

            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=devices_count) as pool:
                statuses = list(pool.map(upload, devices))
            elapsed = time.perf_counter() - started
            server.should_exit = True
            thread.join(timeout=30)
            with db.read() as session:
                stored = session.scalar(select(func.count()).select_from(Revision))
            db.close()
        finally:
            if admin is not None and url is not None:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    return elapsed, statuses.count("applied"), int(stored or 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=20)
    parser.add_argument("--records", type=int, default=500)
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()
    elapsed, applied, stored = run_uploads(args.devices, args.records, args.sqlite)
    total = args.devices * args.records
    once = stored == total and applied == args.devices
    backend = "SQLite" if args.sqlite else "PostgreSQL"
    print(
        f"{args.devices} parallel uploads × {args.records} records on {backend}: {elapsed:.2f} s, "
        f"{total / elapsed:.0f} records/s; applied {applied}/{args.devices}, "
        f"revisions stored {stored}/{total}: {'every record once' if once else 'MISMATCH'}"
    )
    return 0 if once else 1


if __name__ == "__main__":
    sys.exit(main())
