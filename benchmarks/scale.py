"""Scale sweep of the benchmark suite (`suite.py --scale`): how the costs users wait for grow with the data.

(a) cold start, search keystroke p95 (service), save p95 and memory with the list scrolled, at each size of
    ``--sizes`` (the cached demo stores /tmp/kcfield-bench-suite-<size>); a table size × case with the growth
    from the smallest to the largest size beside the data's growth, and a flag on anything that grows faster
    than linearly (cost ratio > size ratio).
(b) the centre import of one 10,000-establishment package into a fresh centre and into a centre that already
    holds 1,000,000 records, on SQLite and on PostgreSQL (skipped, with the reason, when unreachable): both
    rates and their ratio. The big centre is filled once, directly (Core ``insert()`` in chunks of 50,000 into
    ``centre_record_heads``, ``centre_revisions`` and ``establishments``, the tables an import reads), cached
    in /tmp/kcfield-bench-centre-1m/ (PostgreSQL: a template database) and copied for each run.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from functools import partial
from pathlib import Path
from typing import Any

import suite
import sync_speed
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

BIG = 1_000_000
CHUNK = 50_000
CACHE = Path("/tmp/kcfield-bench-centre-1m")
PG_TEMPLATE = "kcfield_bench_centre_1m"
FILL_SEED = "kcfield-bench-centre-1m"


# --- (a) the sweep ------------------------------------------------------------------------------------------


def _label(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)


def sweep(sizes: list[int], runs: int, saves: int = 50) -> dict[str, dict[int, suite.Case]]:
    names = ("cold start to usable window", "search keystroke p95 (service)", "save p95", "memory, list scrolled")
    table: dict[str, dict[int, suite.Case]] = {name: {} for name in names}
    for size in sizes:
        folder = suite.ensure_data(size)
        cold = suite.Case(names[0], "ms", None, False)
        gui = suite.Case("gui", "ms", None, False)
        search = suite.Case(names[1], "ms", None, False)
        save = suite.Case(names[2], "ms", None, False)
        rss = suite.Case(names[3], "MB RSS", None, False)
        steps = (
            (cold, partial(suite.startup_and_gui_search, folder, runs, cold, gui)),
            (search, partial(suite.service_search, folder, runs, search, gui)),
            (save, partial(suite.save_edit, folder, runs, saves, save)),
            (rss, partial(suite.memory, folder, runs, rss)),
        )
        for owned, step in steps:
            print(f"… {_label(size)}: {owned.name}", file=sys.stderr, flush=True)
            try:
                step()
            except Exception as exc:  # one broken case must not hide the others
                owned.error = f"{exc.__class__.__name__}: {exc}"
        for case in (cold, search, save, rss):
            table[case.name][size] = case
    return table


def print_sweep(table: dict[str, dict[int, suite.Case]], sizes: list[int]) -> list[dict[str, Any]]:
    size_ratio = sizes[-1] / sizes[0]
    header = f"{'case':<34} {'unit':<7}" + "".join(f" {_label(s):>9}" for s in sizes)
    header += f" {'cost ×':>8} {'data ×':>8}  growth"
    print(header)
    print("-" * len(header))
    rows = []
    for name, by_size in table.items():
        medians = [by_size[s].median() for s in sizes]
        unit = next(iter(by_size.values())).unit
        first, last = medians[0], medians[-1]
        ratio = last / first if first and last else None
        verdict = "—" if ratio is None else ("FASTER THAN LINEAR" if ratio > size_ratio else "≤ linear")
        print(
            f"{name:<34} {unit:<7}"
            + "".join(f" {suite._num(m):>9}" for m in medians)
            + f" {(f'{ratio:.2f}' if ratio else '—'):>8} {size_ratio:>8.0f}  {verdict}"
        )
        rows.append(
            {
                "case": name,
                "unit": unit,
                "medians": dict(zip(map(str, sizes), medians, strict=True)),
                "spreads": {str(s): [min(c.values), max(c.values)] if c.values else None for s, c in by_size.items()},
                "errors": {str(s): c.error for s, c in by_size.items() if c.error},
                "cost_ratio": ratio,
                "size_ratio": size_ratio,
                "faster_than_linear": bool(ratio and ratio > size_ratio),
            }
        )
    print(f"cost ×: median at {_label(sizes[-1])} ÷ median at {_label(sizes[0])}; data ×: the sizes' ratio")
    return rows


# --- (b) centre import into a centre that already holds a million records --------------------------------


def _filler_line(template: dict[str, Any], record_id: uuid.UUID, n: int) -> dict[str, Any]:
    fields = dict(template.get("fields") or {})
    fields["name"] = f"{fields.get('name', 'Cơ sở')} #{n}"
    return {**template, "id": str(record_id), "fields": fields, "base_revision": 0}


def _fill(url: str | None, data_dir: Path, key: Path | None, template: dict[str, Any]) -> float:
    """init_centre, then BIG establishments straight into heads, revisions and establishments; seconds taken."""
    from kcfield.centre.db import open_centre, utc_now
    from kcfield.centre.history import HEADS, REVISIONS
    from kcfield.centre.setup import init_centre
    from kcfield.services.context import ServiceContext
    from kcfield.services.establishments import EstablishmentService
    from kcfield.services.reference import ReferenceService
    from kcfield.store.record_lines import SYNCED_TABLES, line_row

    started = time.perf_counter()
    data_dir.mkdir(parents=True, exist_ok=True)
    sync_speed.install_centre_key(data_dir, key)  # the package is sealed for the benchmark centre's key
    init_centre(url, data_dir, key)
    establishments = SYNCED_TABLES["establishment"].__table__  # type: ignore[attr-defined]
    with open_centre(url, data_dir) as db:
        context = ServiceContext(db.store)
        profiles = EstablishmentService(context, ReferenceService(context))
        row = line_row("establishment", template, base_revision=1)
        base_values = {**row.values, **profiles.derived_columns(row.record)}
        now = utc_now()
        namespace = uuid.uuid5(uuid.NAMESPACE_URL, FILL_SEED)
        with db.engine.begin() as conn:  # one transaction
            for start in range(0, BIG, CHUNK):
                heads, revisions, rows = [], [], []
                for n in range(start, min(BIG, start + CHUNK)):
                    record_id = uuid.uuid5(namespace, str(n))
                    line = _filler_line(template, record_id, n)
                    heads.append(
                        {
                            "entity": "establishment",
                            "record_id": record_id,
                            "revision": 1,
                            "device_id": "bench-filler",
                            "package_id": "bench-filler",
                            "deleted": False,
                            "updated_at": now,
                        }
                    )
                    revisions.append(
                        {
                            "entity": "establishment",
                            "record_id": record_id,
                            "revision": 1,
                            "data": line,
                            "device_id": "bench-filler",
                            "package_id": "bench-filler",
                            "created_at": now,
                        }
                    )
                    rows.append(
                        {
                            **base_values,
                            "id": record_id,
                            "name": line["fields"]["name"],
                            "name_sort": f"{base_values['name_sort']} {n:07d}",
                            "search_text": f"{base_values['search_text']} {n}",
                        }
                    )
                conn.execute(insert(HEADS), heads)
                conn.execute(insert(REVISIONS), revisions)
                conn.execute(insert(establishments), rows)
                print(f"  filled {start + len(heads):,} / {BIG:,}", file=sys.stderr, flush=True)
        with db.engine.connect() as conn:
            held = conn.scalar(select(func.count()).select_from(HEADS))
        assert held is not None and held >= BIG, held
    return time.perf_counter() - started


def _template_line(package: Path) -> dict[str, Any]:
    for line in suite.record_lines(package):
        data = json.loads(line)
        if "tax_code" in (data.get("fields") or {}):
            return data
    raise RuntimeError("no establishment record in the package")


def _sqlite_big(template: dict[str, Any]) -> tuple[Path, float | None]:
    folder = CACHE / "sqlite"
    if (folder / "READY").exists() and sync_speed.has_bench_key(folder / "centre-key.pem"):
        return folder, None
    shutil.rmtree(folder, ignore_errors=True)
    building = CACHE / "sqlite.tmp"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    print(f"filling a SQLite centre with {BIG:,} records in {folder} ...", file=sys.stderr, flush=True)
    seconds = _fill(None, building, None, template)
    (building / "READY").write_text(f"{BIG}\n")
    building.rename(folder)
    return folder, seconds


def _pg_admin() -> tuple[Any, str] | None:
    try:
        admin = create_engine(sync_speed.POSTGRES, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
        return admin, ""
    except Exception as exc:
        return None, f"{exc.__class__.__name__}: {str(exc).splitlines()[0]}"  # type: ignore[return-value]


def _pg_url(name: str) -> str:
    return make_url(sync_speed.POSTGRES).set(database=name).render_as_string(hide_password=False)


def _pg_big(admin: Any, template: dict[str, Any]) -> tuple[Path, float | None]:
    key = CACHE / "pg-key.pem"
    marker = CACHE / "pg-READY"
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": PG_TEMPLATE})
    if exists and marker.exists() and sync_speed.has_bench_key(key):
        return key, None
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{PG_TEMPLATE}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{PG_TEMPLATE}"'))
    CACHE.mkdir(parents=True, exist_ok=True)
    key.unlink(missing_ok=True)
    marker.unlink(missing_ok=True)
    print(f"filling a PostgreSQL centre with {BIG:,} records in {PG_TEMPLATE} ...", file=sys.stderr, flush=True)
    seconds = _fill(_pg_url(PG_TEMPLATE), CACHE / "pg-work", key, template)
    with create_engine(_pg_url(PG_TEMPLATE), isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text("VACUUM ANALYZE"))
    marker.write_text(f"{BIG}\n")
    return key, seconds


def centre_scale(tmp: Path, runs: int, establishments: int = 10_000) -> list[dict[str, Any]]:
    package, records, public, device, _seconds = sync_speed.make_package(tmp / "export", establishments)
    template = _template_line(package)
    results: list[dict[str, Any]] = []

    def measure(label: str, fresh: list[float], big: list[float], note: str, filled: float | None) -> None:
        rate_fresh = records / statistics.median(fresh)
        rate_big = records / statistics.median(big)
        results.append(
            {
                "backend": label,
                "records": records,
                "fresh_rates": [records / s for s in fresh],
                "big_rates": [records / s for s in big],
                "fresh_median": rate_fresh,
                "big_median": rate_big,
                "ratio": rate_fresh / rate_big,
                "note": note,
                "fill_seconds": filled,
            }
        )

    # SQLite
    try:
        big_folder, filled = _sqlite_big(template)
        fresh, big = [], []
        for run in range(runs):
            fresh.append(sync_speed.import_once(None, tmp / f"fresh-{run}", None, package, public, device))
            copy = tmp / f"big-{run}"
            shutil.copytree(big_folder, copy)
            big.append(sync_speed.import_once(None, copy, None, package, public, device))
            shutil.rmtree(copy, ignore_errors=True)
        measure("SQLite", fresh, big, f"file copy of {big_folder}", filled)
    except Exception as exc:
        results.append({"backend": "SQLite", "error": f"{exc.__class__.__name__}: {exc}"})

    # PostgreSQL
    admin, reason = _pg_admin()
    if admin is None:
        results.append({"backend": "PostgreSQL", "skipped": f"unreachable at {sync_speed.POSTGRES}: {reason}"})
        return results
    try:
        key, filled = _pg_big(admin, template)
        fresh, big = [], []
        for run in range(runs):
            made = sync_speed.postgres_database()
            assert made is not None
            try:
                data_dir = tmp / f"pg-fresh-{run}"
                fresh.append(sync_speed.import_once(made[0], data_dir, data_dir / "key.pem", package, public, device))
            finally:
                sync_speed.drop(admin, made[0])
            name = f"kcfield_bench_{uuid.uuid4().hex[:8]}"
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{PG_TEMPLATE}"'))
            try:
                big.append(sync_speed.import_once(_pg_url(name), tmp / f"pg-big-{run}", key, package, public, device))
            finally:
                sync_speed.drop(admin, _pg_url(name))
        measure("PostgreSQL", fresh, big, f"CREATE DATABASE … TEMPLATE {PG_TEMPLATE}", filled)
    except Exception as exc:
        results.append({"backend": "PostgreSQL", "error": f"{exc.__class__.__name__}: {exc}"})
    return results


def print_centre(results: list[dict[str, Any]]) -> None:
    header = f"{'centre import':<14} {'records':>8} {'fresh rec/s':>12} {'1M-held rec/s':>14} {'fresh ÷ 1M':>11}  note"
    print(header)
    print("-" * len(header))
    for r in results:
        if "skipped" in r or "error" in r:
            print(f"{r['backend']:<14} {'—':>8} {'—':>12} {'—':>14} {'—':>11}  " + r.get("skipped", r.get("error", "")))
            continue
        print(
            f"{r['backend']:<14} {r['records']:>8} {r['fresh_median']:>12,.0f} {r['big_median']:>14,.0f} "
            f"{r['ratio']:>11.2f}  {r['note']}"
            + (f"; filled in {r['fill_seconds']:.0f} s this run" if r["fill_seconds"] else "")
        )
    print("fresh ÷ 1M: the fresh centre's rate ÷ the 1M-record centre's (1.00: import time independent of size)")


def run(sizes: list[int], runs: int, json_path: str) -> int:
    sizes = sorted(sizes)
    table = sweep(sizes, runs)
    tmp = Path(tempfile.mkdtemp(prefix="kcfield-scale-"))
    try:
        print("… centre import into a 1M-record centre", file=sys.stderr, flush=True)
        centre = centre_scale(tmp, runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print()
    rows = print_sweep(table, sizes)
    print()
    print_centre(centre)
    result = {
        "machine": suite.machine(),
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
        "sizes": sizes,
        "runs": runs,
        "sweep": rows,
        "centre_import": centre,
    }
    Path(json_path).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"results written to {json_path}")
    faster = [r for r in rows if r["faster_than_linear"]]
    broken = any(r["errors"] for r in rows) or any("error" in r for r in centre)
    return 1 if faster or broken else 0
