"""Benchmark: package sync at its target size — a laptop exports 10,000 changed establishments (with the visits,
needs and assessments the demo adds), and the centre imports that package on SQLite and on PostgreSQL.

Prints records/s and bytes per record for the export, and records/s for each centre import (a fresh centre
each run, median of the runs), beside the targets of the issue: export ≥ 5,000 records/s, centre import
≥ 2,000 records/s. PostgreSQL is taken from KCFIELD_TEST_POSTGRES (default postgresql+psycopg://postgres@
127.0.0.1:5432/postgres); a throw-away database is made and dropped.

    .venv/bin/python benchmarks/sync_speed.py [--establishments 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from kcfield.centre.collaborators import CentreCollaborators
from kcfield.centre.db import open_centre, resolve_key_path
from kcfield.centre.identity import load_identity
from kcfield.centre.importer import CentreImporter
from kcfield.centre.setup import init_centre
from kcfield.paths import AppPaths
from kcfield.services import sync_state
from kcfield.services.container import open_services
from kcfield.services.demo import DemoService
from kcfield.sync import keys

EXPORT_TARGET = 5_000
IMPORT_TARGET = 2_000
POSTGRES = os.environ.get("KCFIELD_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
# Packages are sealed for the centre's key, and the package is made before the centres it is imported into:
# every benchmark centre uses this one fixed key (a benchmark's, never a real centre's).
BENCH_CENTRE_SEED = b"kcfield benchmark centre key"


def bench_centre_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(BENCH_CENTRE_SEED).digest())


def install_centre_key(data_dir: Path, key: Path | None) -> Path:
    """Put the benchmark centre key where ``init_centre`` looks for it (``--key``, else beside centre.db)."""
    path = key if key is not None else data_dir / "centre-key.pem"
    if not path.exists():
        keys.save_private_key(path, bench_centre_key())
    return path


def has_bench_key(path: Path) -> bool:
    """Whether a cached centre was made with the benchmark key (older caches were not: rebuild them)."""
    try:
        return keys.public_bytes(keys.load_private_key(path)) == keys.public_bytes(bench_centre_key())
    except Exception:
        return False


def trust_bench_centre(services: object) -> None:
    centre = bench_centre_key()
    with services.ctx.store.write() as session:  # type: ignore[attr-defined]
        sync_state.set_state(
            session,
            {
                sync_state.CENTRE_PUBLIC_KEY: base64.b64encode(keys.public_bytes(centre)).decode(),
                sync_state.CENTRE_FINGERPRINT: keys.fingerprint(keys.public_bytes(centre)),
                sync_state.CENTRE_ENCRYPTION_KEY: base64.b64encode(keys.encryption_public_bytes(centre)).decode(),
            },
        )


def make_package(folder: Path, establishments: int) -> tuple[Path, int, bytes, str, float]:
    paths = AppPaths(folder / "laptop")
    services = open_services(paths)
    try:
        services.collaborators.save_local_user("CTV001", "Nguyễn Thị Lan")
        services.collaborators.adopt_identity()
        services.sync_field.ensure_key()
        trust_bench_centre(services)
        DemoService(services.ctx, services.reference).generate(establishments, seed=1, unsynced=True)
        started = time.perf_counter()
        result = services.sync_field.export()
        elapsed = time.perf_counter() - started
        assert result is not None
        public = keys.public_bytes(keys.load_private_key(services.sync_field.key_path))
        user = services.collaborators.local_user()
        assert user is not None
        return result.path, result.record_count, public, user.device_id, elapsed
    finally:
        services.close()


def import_once(url: str | None, data_dir: Path, key: Path | None, package: Path, public: bytes, device: str) -> float:
    data_dir.mkdir(parents=True, exist_ok=True)
    install_centre_key(data_dir, key)
    init_centre(url, data_dir, key)
    # The receipt is sealed for the collaborator's X25519 key; the benchmark does not read it back.
    receipts_for = keys.encryption_public_bytes(keys.generate_private_key())
    with open_centre(url, data_dir) as db:
        CentreCollaborators(db).register(
            "CTV001", "Nguyễn Thị Lan", public, device, [26596], encryption_key=receipts_for
        )
        identity = load_identity(db, resolve_key_path(db.location, key))
        importer = CentreImporter(db, identity, data_dir / "receipts", data_dir / "attachments")
        started = time.perf_counter()
        [result] = importer.import_file(package)
        elapsed = time.perf_counter() - started
        assert result.status == "applied", result.reason
        return elapsed


def postgres_database() -> tuple[str, object] | None:
    try:
        admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
        name = f"kcfield_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        print(f"PostgreSQL not measured: {exc.__class__.__name__}: {str(exc).splitlines()[0]}")
        return None
    return make_url(POSTGRES).set(database=name).render_as_string(hide_password=False), admin


def drop(admin: object, url: str) -> None:
    name = make_url(url).database
    with admin.connect() as conn:  # type: ignore[attr-defined]
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--establishments", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory(prefix="kcfield-sync-bench-") as tmp:
        folder = Path(tmp)
        package, records, public, device, export_s = make_package(folder, args.establishments)
        size = package.stat().st_size
        rate = records / export_s
        ok &= rate >= EXPORT_TARGET
        print(
            f"field export        {records:6d} records  {export_s:6.2f} s  {rate:8.0f} records/s  "
            f"{size / records:6.0f} bytes/record in the package  target ≥ {EXPORT_TARGET}/s: "
            f"{'met' if rate >= EXPORT_TARGET else 'MISSED'}"
        )
        backends: list[tuple[str, str | None]] = [("SQLite", None)]
        pg = postgres_database()
        if pg is not None:
            backends.append(("PostgreSQL", pg[0]))
        for label, base_url in backends:
            times = []
            for run in range(args.runs):
                data_dir = folder / f"centre-{label}-{run}"
                url = base_url
                if base_url is not None and run:  # a fresh database for every run
                    assert pg is not None
                    fresh = postgres_database()
                    assert fresh is not None
                    url = fresh[0]
                times.append(import_once(url, data_dir, data_dir / "key.pem" if url else None, package, public, device))
                if url is not None and pg is not None:
                    drop(pg[1], url)
            median = statistics.median(times)
            rate = records / median
            ok &= rate >= IMPORT_TARGET
            print(
                f"centre import {label:<10} {records:6d} records  median {median:6.2f} s "
                f"(spread {max(times) - min(times):4.2f} s)  {rate:8.0f} records/s  target ≥ {IMPORT_TARGET}/s: "
                f"{'met' if rate >= IMPORT_TARGET else 'MISSED'}"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
