"""The program ``crash_harness.py`` kills: one operation of the app, run in a loop until the harness kills it.

    python scripts/crash_child.py --op save|export|import|migrate --data DIR --journal FILE [options]

It opens the data folder the way the app does (``open_services``), prints ``ready`` on stdout, then works:

- ``save``: changes one field of a random establishment through ``EstablishmentService.update`` (and now
  and then creates one), again and again;
- ``export``: changes one establishment, then exports a package (every third one also copied into
  ``--usb``), again and again;
- ``import``: imports the centre's packages listed in ``--packages`` (a JSON list), in turn, again and again;
- ``migrate``: prints ``ready`` first, then opens an older-schema store (back-up, then upgrade) and stops.

Before each call it appends an ``intent`` line to the journal; only after the call returned does it append
an ``ack`` line and fsync the journal. So every ``ack`` is a change the app reported as saved, and the
harness checks, after the kill, that each one is still there. ``--count N`` stops after N operations and
prints ``done <seconds per operation>`` (the harness measures durations with it).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

FIELDS = ("notes", "village", "main_products")


class Journal:
    """Append-only JSON lines; an ack is fsynced before the next operation starts."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def write(self, entry: dict[str, Any], *, sync: bool = False) -> None:
        os.write(self._fd, (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
        if sync:
            os.fsync(self._fd)


def ready() -> None:
    sys.stdout.write("ready\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--op", required=True, choices=("save", "export", "import", "migrate"))
    parser.add_argument("--data", required=True, type=Path, help="the app's data folder")
    parser.add_argument("--journal", required=True, type=Path, help="intent/ack journal (JSON lines)")
    parser.add_argument("--round", type=int, default=0, help="round number (makes values unique)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=0, help="stop after this many operations (0: never)")
    parser.add_argument("--packages", type=Path, help="import: JSON list of the packages to import")
    parser.add_argument("--start", type=int, default=0, help="import: index of the first package")
    parser.add_argument("--usb", type=Path, help="export: folder that every third package is copied into")
    args = parser.parse_args(argv)

    from kcfield.paths import AppPaths
    from kcfield.services.container import open_services

    journal = Journal(args.journal)
    rng = random.Random(f"{args.seed}-{args.round}")
    paths = AppPaths(args.data)
    if args.op == "migrate":
        from kcfield.store.migrate import current_revision

        ready()
        started = time.perf_counter()
        journal.write({"t": "intent", "op": "migrate", "round": args.round})
        services = open_services(paths)
        revision = current_revision(services.ctx.store.engine)
        journal.write({"t": "ack", "op": "migrate", "round": args.round, "revision": revision}, sync=True)
        services.close()
        print(f"done {time.perf_counter() - started:.4f}", flush=True)
        return 0

    services = open_services(paths)
    ready()
    packages: list[dict[str, Any]] = json.loads(args.packages.read_text("utf-8")) if args.packages else []
    done = 0
    started = time.perf_counter()
    while not args.count or done < args.count:
        token = f"r{args.round}-{done}-{rng.randrange(10**6)}"
        if args.op == "save":
            if done % 7 == 6:
                _create(services, journal, rng, token)
            else:
                _edit(services, journal, rng, token)
        elif args.op == "export":
            _edit(services, journal, rng, token)
            _export(services, journal, args.usb if done % 3 == 2 else None)
        else:
            package = packages[(args.start + done) % len(packages)]
            _import(services, journal, Path(package["path"]))
        done += 1
    elapsed = time.perf_counter() - started
    services.close()
    print(f"done {elapsed / max(done, 1):.4f}", flush=True)
    return 0


def _ids(services: Any) -> list[str]:
    from sqlalchemy import select

    from kcfield.store.models import EstablishmentRow

    with services.ctx.store.read() as session:
        return [str(i) for i in session.scalars(select(EstablishmentRow.id).where(EstablishmentRow.deleted.is_(False)))]


def _edit(services: Any, journal: Journal, rng: random.Random, token: str) -> None:
    from uuid import UUID

    record_id = rng.choice(_ids(services))
    field = rng.choice(FIELDS)
    value = f"Sửa {token}"
    journal.write({"t": "intent", "op": "save", "id": record_id, "field": field, "value": value})
    current = services.establishments.get(UUID(record_id))
    services.establishments.update(dataclasses.replace(current, **{field: value}))
    journal.write({"t": "ack", "op": "save", "id": record_id, "field": field, "value": value}, sync=True)


def _create(services: Any, journal: Journal, rng: random.Random, token: str) -> None:
    from uuid import UUID

    from kcfield.domain.model import Establishment

    model = services.establishments.get(UUID(rng.choice(_ids(services))))
    name = f"Cơ sở mới {token}"
    journal.write({"t": "intent", "op": "create", "name": name})
    draft = Establishment(name=name, province_code=model.province_code, commune_code=model.commune_code)
    saved = services.establishments.create(draft)
    journal.write({"t": "ack", "op": "create", "id": str(saved.id), "name": name}, sync=True)


def _export(services: Any, journal: Journal, usb: Path | None) -> None:
    journal.write({"t": "intent", "op": "export"})
    result = services.sync_field.export(usb)
    if result is None:
        journal.write({"t": "ack", "op": "export", "sequence": None}, sync=True)
        return
    entry = {
        "t": "ack",
        "op": "export",
        "sequence": result.sequence,
        "sha256": result.sha256,
        "file": result.path.name,
        "package_id": result.package_id,
        "copied_to": str(result.copied_to) if result.copied_to else None,
    }
    journal.write(entry, sync=True)


def _import(services: Any, journal: Journal, path: Path) -> None:
    journal.write({"t": "intent", "op": "import", "file": path.name})
    result = services.sync_import.import_file(path)
    entry = {
        "t": "ack",
        "op": "import",
        "file": path.name,
        "kind": result.kind,
        "package_id": result.package_id,
        "counts": result.counts,
    }
    journal.write(entry, sync=True)


if __name__ == "__main__":
    sys.exit(main())
