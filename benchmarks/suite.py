"""Benchmark suite: every case users feel, each beside a baseline measured in the same run.

Builds its own data with `kcfield demo` (cached in /tmp/kcfield-bench-suite-<size>), runs each case
``--runs`` times and prints one row per case: the median and spread (min–max) of the per-run figure, the
target, the baseline's median, the cost relative to the baseline (how many times the baseline's time, or the
baseline's rate divided by ours) and whether the target is met. The same numbers go to a JSON file.

    .venv/bin/python benchmarks/suite.py [--size 100000] [--runs 3] [--quick] [--json out.json]
    .venv/bin/python benchmarks/suite.py --scale [--sizes 1000,10000,100000] [--runs 1] [--json out.json]

``--quick`` runs every case at small sizes, once, and enforces no target (the test suite's smoke run).
``--scale`` runs the scale sweep instead (scale.py): the waited-for cases at each of ``--sizes`` with their
growth beside the data's, and the centre import into a fresh centre and into one holding 1,000,000 records.
PostgreSQL comes from KCFIELD_TEST_POSTGRES (default postgresql+psycopg://postgres@127.0.0.1:5432/postgres);
its cases are skipped, with the reason printed, when it cannot be reached.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import parallel_uploads
import print_forms
import startup
import sync_speed

SEARCH_PHRASES = ("dat do", "nguyen van", "0912", "co khi", "hop tac xa", "xyz")
RAW_SEARCH = "SELECT id FROM establishments WHERE search_text LIKE ? ORDER BY name_sort LIMIT 100"
QT_ENV = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))

EMPTY_WINDOW = r"""
import time
started = time.perf_counter()
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def rss_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))

app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
window.show()

def shown():
    print(f"USABLE {(time.perf_counter() - started) * 1000:.1f}", flush=True)
    print(f"RSS {rss_mb():.1f}", flush=True)
    app.exit(0)

QTimer.singleShot(0, shown)
app.exec()
"""

# The app as startup.CHILD starts it; once the full list is in the model, scroll the registry table from top to
# bottom a page of the model at a time (every page gets loaded), then report the resident set size.
SCROLLED_LIST = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kcfield.app import Application
from kcfield.paths import resolve_paths
from kcfield.services.container import open_services
from kcfield.ui.fonts import register_bundled_fonts
from kcfield.ui.tasks import TaskRunner

def status(key):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith(key + ":"))

app = QApplication(sys.argv)
register_bundled_fonts(app)
paths = resolve_paths(sys.argv[1])
services = open_services(paths)
controller = Application(app, services, TaskRunner("vi"), paths, "vi")
controller.drafts.pending = lambda: []
controller.start()
controller.window.resize(1280, 800)
page = controller.window.registry
state = {"row": 0, "settle": 0}

def poll():
    model = page.model
    if not page._searched or not model.rowCount():
        QTimer.singleShot(5, poll)
        return
    rows = model.rowCount()
    if not state["row"]:
        print(f"LOADED {status('VmRSS'):.1f}", flush=True)
    if state["row"] < rows:
        state["row"] = min(rows - 1, state["row"] + model.page_size)
        page.table.scrollTo(model.index(state["row"], 0))
        if state["row"] == rows - 1:
            state["row"] = rows
        QTimer.singleShot(0, poll)
        return
    if state["settle"] < 20:  # let the last page loads land
        state["settle"] += 1
        QTimer.singleShot(10, poll)
        return
    print(f"ROWS {rows}", flush=True)
    print(f"RSS {status('VmRSS'):.1f}", flush=True)
    print(f"PEAK {status('VmHWM'):.1f}", flush=True)
    controller.shutdown()
    app.exit(0)

QTimer.singleShot(0, poll)
app.exec()
"""


@dataclass
class Case:
    name: str
    unit: str
    target: float | None  # None: nothing to meet beyond `check`
    higher_is_better: bool
    values: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    baseline_label: str = ""
    note: str = ""
    skipped: str = ""
    error: str = ""
    check: bool | None = None  # an extra pass/fail (e.g. "every record applied once")

    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    def baseline_median(self) -> float | None:
        return statistics.median(self.baseline) if self.baseline else None

    def ratio(self) -> float | None:
        """How many times the baseline's cost: our time / its time, or its rate / our rate."""
        ours, base = self.median(), self.baseline_median()
        if not ours or not base:
            return None
        return base / ours if self.higher_is_better else ours / base

    def status(self) -> str:
        if self.error:
            return "ERROR"
        if self.skipped:
            return "skipped"
        ours = self.median()
        if ours is None:
            return "ERROR"
        ok = self.check if self.check is not None else True
        if self.target is not None:
            ok = ok and (ours >= self.target if self.higher_is_better else ours <= self.target)
        elif self.check is None:
            return "—"
        return "met" if ok else "MISSED"

    def target_text(self) -> str:
        if self.target is None:
            return "all applied once" if self.check is not None else "—"
        return f"{'≥' if self.higher_is_better else '≤'} {_num(self.target)}"

    def as_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data.update(
            median=self.median(),
            min=min(self.values) if self.values else None,
            max=max(self.values) if self.values else None,
            baseline_median=self.baseline_median(),
            ratio=self.ratio(),
            status=self.status(),
        )
        return data


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * 0.95 + 0.5) - 1)]


def keystrokes() -> list[str]:
    return [p[:n] for p in SEARCH_PHRASES for n in range(1, len(p) + 1)]


# --- data --------------------------------------------------------------------------------------------------


def ensure_data(size: int) -> Path:
    folder = Path(f"/tmp/kcfield-bench-suite-{size}")
    if not (folder / "kcfield.db").exists():
        building = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(building, ignore_errors=True)
        print(f"making {size} demo establishments in {folder} ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "kcfield", "demo", "--establishments", str(size), "--data-dir", str(building)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        building.rename(folder)
    startup.prepare(folder, size)  # the local user, so the app starts without the first-run dialog
    return folder


# --- cases -------------------------------------------------------------------------------------------------


def child_lines(script: str, *args: str, timeout: float = 300) -> tuple[float, dict[str, list[str]]]:
    """Run a Python child; returns the wall time until its USABLE line (or exit) and its tagged output lines."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True, env=QT_ENV, cwd=tempfile.gettempdir()
    )
    assert child.stdout is not None
    lines: dict[str, list[str]] = {}
    usable = 0.0
    for line in child.stdout:
        tag, _, rest = line.strip().partition(" ")
        if tag == "USABLE":
            usable = (time.perf_counter() - started) * 1000
        lines.setdefault(tag, []).append(rest)
    if child.wait(timeout=timeout) != 0:
        raise RuntimeError(f"child exited with {child.returncode}")
    return usable, lines


def startup_and_gui_search(folder: Path, runs: int, cold: Case, gui: Case) -> None:
    for _ in range(runs):
        ms, _lines = child_lines(EMPTY_WINDOW)
        cold.baseline.append(ms)
        ms, lines = child_lines(startup.CHILD, str(folder))
        cold.values.append(ms)
        gui.values.append(p95([float(v) for v in lines["KEYSTROKES"][0].split()]))
    cold.baseline_label = "python + PySide6 import + empty QMainWindow shown"
    gui.note = "p95 per run over every keystroke of 4 phrases, typed in the running app (startup.py's child)"


def raw_search_p95(db: Path) -> float:
    from kcfield.domain.text import fold

    con = sqlite3.connect(db)
    try:
        samples = []
        for typed in keystrokes():
            started = time.perf_counter()
            con.execute(RAW_SEARCH, (f"%{fold(typed)}%",)).fetchall()
            samples.append((time.perf_counter() - started) * 1000)
        return p95(samples)
    finally:
        con.close()


def service_search(folder: Path, runs: int, case: Case, gui: Case) -> None:
    from kcfield.paths import AppPaths
    from kcfield.services.container import open_services
    from kcfield.services.registry import RegistryQuery

    services = open_services(AppPaths(folder))
    try:
        registry = services.registry
        registry.current()  # the snapshot the app loads in the background at start
        for _ in range(runs):
            samples = []
            for typed in keystrokes():
                started = time.perf_counter()
                registry.items(registry.search(RegistryQuery(text=typed))[:100])
                samples.append((time.perf_counter() - started) * 1000)
            case.values.append(p95(samples))
            case.baseline.append(raw_search_p95(folder / "kcfield.db"))
    finally:
        services.close()
    case.baseline_label = gui.baseline_label = "sqlite3: " + RAW_SEARCH.replace("?", "'%folded%'")
    case.note = "p95 per run over every keystroke of 6 phrases: registry.search + first page of rows (service)"
    gui.baseline = list(case.baseline)


def raw_insert_p95(folder: Path, count: int) -> float:
    db = folder / "raw-insert.db"
    con = sqlite3.connect(db, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, name TEXT)")
        samples = []
        for n in range(count):
            started = time.perf_counter()
            con.execute("BEGIN")
            con.execute("INSERT INTO t (name) VALUES (?)", (f"Cơ sở {n}",))
            con.execute("COMMIT")
            samples.append((time.perf_counter() - started) * 1000)
        return p95(samples)
    finally:
        con.close()


def save_edit(folder: Path, runs: int, saves: int, case: Case) -> None:
    from kcfield.paths import AppPaths
    from kcfield.services.container import open_services

    services = open_services(AppPaths(folder))
    try:
        est = services.establishments.get(_first_id(services))
        name = est.name
        for run in range(runs):
            samples = []
            for n in range(saves):
                edited = dataclasses.replace(est, name=name if n % 2 else f"{name} (sửa)")
                started = time.perf_counter()
                est = services.establishments.update(edited)
                samples.append((time.perf_counter() - started) * 1000)
            case.values.append(p95(samples))
            with tempfile.TemporaryDirectory(dir=folder.parent, prefix=f"kcfield-raw-{run}-") as tmp:
                case.baseline.append(raw_insert_p95(Path(tmp), saves))
    finally:
        services.close()
    case.baseline_label = "sqlite3 INSERT + COMMIT, WAL, synchronous=FULL, same disk"
    case.note = f"p95 per run of {saves} EstablishmentService.update calls on the demo store"


def _first_id(services: Any) -> Any:
    from uuid import UUID

    return UUID(services.registry.first_ids(1)[0])


def forms_to_pdf(folder: Path, runs: int, forms: int, case: Case) -> None:
    import pypdf
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from kcfield.paths import AppPaths
    from kcfield.resources import resource_path
    from kcfield.services.container import open_services

    pdfmetrics.registerFont(TTFont("BenchSans", str(resource_path("fonts", "DejaVuSans.ttf"))))
    services = open_services(AppPaths(folder))
    try:
        visit_ids = [str(v.id) for v in services.visits.recent(forms)]
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "batch.pdf"
            services.printing.visit_forms(visit_ids, out)  # warm-up
            pages_text = [page.extract_text() for page in pypdf.PdfReader(out).pages]
            for _ in range(runs):
                [ours] = print_forms.timed(lambda: services.printing.visit_forms(visit_ids, out), 1)
                [base] = print_forms.timed(lambda: print_forms.baseline(pages_text, io.BytesIO()), 1)
                case.values.append(len(visit_ids) / ours)
                case.baseline.append(len(visit_ids) / base)
        case.note = f"{len(visit_ids)} filled visit forms, {len(pages_text)} pages per batch"
    finally:
        services.close()
    case.baseline_label = "reportlab drawing the same text line by line (print_forms.baseline)"


def record_lines(package: Path) -> list[bytes]:
    """The record lines inside a package sealed for the benchmark centre (sync_speed.bench_centre_key)."""
    from kcfield.sync import envelope, keys

    decrypt_with = keys.encryption_private_key(sync_speed.bench_centre_key())
    with tempfile.TemporaryFile() as plain:
        with package.open("rb") as source:
            envelope.open_envelope(source, plain, decrypt_with, file=package.name, max_size=2**40)
        plain.seek(0)
        with zipfile.ZipFile(plain) as archive:
            return [
                line
                for name in archive.namelist()
                if name.startswith("records/") and name.endswith(".jsonl")
                for line in archive.read(name).splitlines()
                if line
            ]


def zip_lines(lines: list[bytes]) -> int:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("records.jsonl", b"\n".join(lines) + b"\n")
    return len(out.getvalue())


@dataclass
class Exported:
    package: Path
    records: int
    public: bytes
    device: str
    lines: list[bytes]


def field_export(tmp: Path, runs: int, establishments: int, rate: Case, size: Case) -> Exported:
    exported: Exported | None = None
    for run in range(runs):
        package, records, public, device, seconds = sync_speed.make_package(tmp / f"export-{run}", establishments)
        lines = record_lines(package)
        started = time.perf_counter()
        zipped = zip_lines(lines)
        base_seconds = time.perf_counter() - started
        rate.values.append(records / seconds)
        rate.baseline.append(records / base_seconds)
        size.values.append(package.stat().st_size / records)
        size.baseline.append(zipped / records)
        if exported is None:
            exported = Exported(package, records, public, device, lines)
            per_establishment = package.stat().st_size / establishments
            size.note = (
                f"package bytes / {records} records ({establishments} establishments + their visits, needs, "
                f"assessments); {per_establishment:,.0f} bytes per changed establishment with everything attached"
            )
    rate.note = f"{establishments} changed establishments → {records} records (DemoService, unsynced)"
    rate.baseline_label = size.baseline_label = "zipfile DEFLATE of the same JSON lines, no signing or manifest"
    assert exported is not None
    return exported


def raw_executemany_sqlite(folder: Path, lines: list[bytes]) -> float:
    rows = [(json.loads(line)["id"], line.decode()) for line in lines]
    con = sqlite3.connect(folder / "raw-import.db", isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT NOT NULL)")
        started = time.perf_counter()
        con.execute("BEGIN")
        con.executemany("INSERT INTO t (id, body) VALUES (?, ?)", rows)
        con.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        con.close()


def raw_executemany_postgres(url: str, lines: list[bytes]) -> float:
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    rows = [(json.loads(line)["id"], line.decode()) for line in lines]
    with psycopg.connect(
        host=parsed.host, port=parsed.port, user=parsed.username, password=parsed.password, dbname=parsed.database
    ) as con:
        con.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body JSONB NOT NULL)")
        con.commit()
        started = time.perf_counter()
        with con.cursor() as cur:
            cur.executemany("INSERT INTO t (id, body) VALUES (%s, %s)", rows)
        con.commit()
        return time.perf_counter() - started


def centre_import(tmp: Path, runs: int, exported: Exported, sqlite_case: Case, pg_case: Case) -> None:
    records = exported.records
    for run in range(runs):
        data_dir = tmp / f"centre-sqlite-{run}"
        seconds = sync_speed.import_once(None, data_dir, None, exported.package, exported.public, exported.device)
        sqlite_case.values.append(records / seconds)
        sqlite_case.baseline.append(records / raw_executemany_sqlite(data_dir, exported.lines))
    for run in range(runs):
        made = sync_speed.postgres_database()
        if made is None:
            pg_case.skipped = f"PostgreSQL unreachable at {sync_speed.POSTGRES}"
            return
        url, admin = made
        try:
            data_dir = tmp / f"centre-pg-{run}"
            seconds = sync_speed.import_once(
                url, data_dir, data_dir / "key.pem", exported.package, exported.public, exported.device
            )
            pg_case.values.append(records / seconds)
        finally:
            sync_speed.drop(admin, url)
        raw = sync_speed.postgres_database()
        assert raw is not None
        try:
            pg_case.baseline.append(records / raw_executemany_postgres(raw[0], exported.lines))
        finally:
            sync_speed.drop(raw[1], raw[0])
    for case in (sqlite_case, pg_case):
        case.note = f"the {records}-record package of the export case, into a fresh centre each run"
        case.baseline_label = "executemany of (id, JSON line) rows into one table, one commit"


def uploads(runs: int, devices: int, records: int, case: Case) -> None:
    probe = sync_speed.postgres_database()  # prints why when it fails
    if probe is None:
        case.skipped = f"PostgreSQL unreachable at {sync_speed.POSTGRES}"
        return
    sync_speed.drop(probe[1], probe[0])
    ok = True
    for _ in range(runs):
        seconds, applied, stored = parallel_uploads.run_uploads(devices, records)
        case.values.append(devices * records / seconds)
        ok = ok and applied == devices and stored == devices * records
        case.note = f"{devices} devices × {records} records; last run applied {applied}/{devices}, stored {stored}"
    case.check = ok


def memory(folder: Path, runs: int, case: Case) -> None:
    for _ in range(runs):
        _ms, lines = child_lines(EMPTY_WINDOW)
        case.baseline.append(float(lines["RSS"][0]))
        _ms, lines = child_lines(SCROLLED_LIST, str(folder))
        case.values.append(float(lines["RSS"][0]))
        case.note = (
            f"{lines['ROWS'][0]} rows scrolled a page at a time; {float(lines['LOADED'][0]):.0f} MB with the list "
            f"loaded before scrolling, peak VmHWM {float(lines['PEAK'][0]):.0f} MB"
        )
    case.baseline_label = "empty QMainWindow shown (same offscreen platform)"


# --- the run -----------------------------------------------------------------------------------------------


def _proc_field(path: str, key: str) -> str:
    lines = Path(path).read_text().splitlines()
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(key)), "")


def machine() -> dict[str, str]:
    cpu, ram = _proc_field("/proc/cpuinfo", "model name"), _proc_field("/proc/meminfo", "MemTotal")
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "ram": ram,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="establishments in the demo store")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="small sizes, one run, no target enforced")
    parser.add_argument("--json", default="benchmark-results.json", help="where to write the results")
    parser.add_argument("--scale", action="store_true", help="the scale sweep (scale.py) instead of the suite")
    parser.add_argument("--sizes", default="1000,10000,100000", help="--scale: establishments, comma-separated")
    args = parser.parse_args()
    if args.scale:
        import scale

        runs = args.runs if any(a.startswith("--runs") for a in sys.argv[1:]) else 1
        return scale.run([int(s) for s in args.sizes.split(",") if s.strip()], runs, args.json)
    if args.quick:
        size, runs, forms, export_n, saves, devices, per_upload = 2_000, 1, 10, 300, 20, 5, 300
    else:
        size, runs, forms, export_n, saves, devices, per_upload = args.size, args.runs, 100, 10_000, 50, 20, 500
    k = f"{size // 1000}k" if size >= 1000 else str(size)
    cold = Case(f"cold start to usable window, {k}", "ms", 1500, False)
    search = Case(f"search keystroke, {k}, p95 (service)", "ms", 50, False)
    gui = Case(f"search keystroke, {k}, p95 (GUI)", "ms", 50, False)
    save = Case("save an edited establishment, p95", "ms", 30, False)
    pdf = Case("filled visit forms to PDF", "forms/s", 20, True)
    export_rate = Case(f"field export, {export_n} changed", "records/s", 5000, True)
    export_size = Case("field export, package size", "bytes/record", 400, False)
    imp_sqlite = Case("centre import, SQLite", "records/s", 2000, True)
    imp_pg = Case("centre import, PostgreSQL", "records/s", 2000, True)
    parallel = Case(f"{devices} parallel uploads (PostgreSQL)", "records/s", None, True)
    rss = Case(f"memory, {k} list scrolled end to end", "MB RSS", 300, False)
    cases = [cold, search, gui, save, pdf, export_rate, export_size, imp_sqlite, imp_pg, parallel, rss]

    folder = ensure_data(size)
    tmp = Path(tempfile.mkdtemp(prefix="kcfield-suite-"))
    exported: list[Exported] = []
    steps: list[tuple[list[Case], Callable[[], object]]] = [
        ([cold, gui], lambda: startup_and_gui_search(folder, runs, cold, gui)),
        ([search, gui], lambda: service_search(folder, runs, search, gui)),
        ([save], lambda: save_edit(folder, runs, saves, save)),
        ([pdf], lambda: forms_to_pdf(folder, runs, forms, pdf)),
        ([export_rate, export_size], lambda: exported.append(field_export(tmp, runs, export_n, export_rate,
                                                                           export_size))),
        ([imp_sqlite, imp_pg], lambda: centre_import(tmp, runs, exported[0], imp_sqlite, imp_pg)),
        ([parallel], lambda: uploads(runs, devices, per_upload, parallel)),
        ([rss], lambda: memory(folder, runs, rss)),
    ]  # fmt: skip
    try:
        for owned, step in steps:
            print(f"… {owned[0].name}", file=sys.stderr, flush=True)
            if not exported and owned[0] is imp_sqlite:
                for case in owned:
                    case.skipped = "no package: the export case failed"
                continue
            try:
                step()
            except Exception as exc:  # one broken case must not hide the others
                for case in owned:
                    if not case.values:
                        case.error = f"{exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    header = (
        f"{'case':<42} {'unit':<12} {'median':>10} {'spread (min–max)':>21} {'target':>22} {'baseline':>10} "
        f"{'×base':>7}  status"
    )
    print(header)
    print("-" * len(header))
    for case in cases:
        spread = f"{_num(min(case.values))}–{_num(max(case.values))}" if case.values else "—"
        ratio = case.ratio()
        print(
            f"{case.name:<42} {case.unit:<12} {_num(case.median()):>10} {spread:>21} {case.target_text():>22} "
            f"{_num(case.baseline_median()):>10} {(f'{ratio:.2f}' if ratio else '—'):>7}  {case.status()}"
            + (f" ({case.skipped or case.error})" if case.skipped or case.error else "")
        )
    print("×base: our cost as a multiple of the baseline's (time ÷ time, or rate ÷ rate inverted)")
    result = {
        "machine": machine(),
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
        "size": size,
        "runs": runs,
        "quick": args.quick,
        "cases": {case.name: case.as_json() for case in cases},
    }
    Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"results written to {args.json}")
    if args.quick:
        return 1 if any(c.status() == "ERROR" for c in cases) else 0
    return 0 if all(c.status() in ("met", "—", "skipped") for c in cases) else 1


if __name__ == "__main__":
    sys.exit(main())
