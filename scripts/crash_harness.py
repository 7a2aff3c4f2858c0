"""Crash safety, proven: kill the app (SIGKILL) at random moments while it saves, imports, exports and migrates,
and check after every kill that nothing it reported as saved is lost.

    python scripts/crash_harness.py --kills 200 [--seed S] [--workdir D] [--json F]

Set-up, once: a collaborator's data folder with demo data, enrolled at a centre (SQLite) through the command
line, with the welcome package imported (so it can export); a second laptop and a few exchanges give a stock of
the centre's packages for that collaborator (receipts and reference packages); and an older-schema copy of a
larger store, for migrations.

Each round starts ``scripts/crash_child.py`` for one operation (the one with fewest kills so far), waits for its
``ready`` line, waits a random time drawn from that operation's measured duration (so kills land before,
inside and after commits), kills it with SIGKILL, then checks, in this order:

1. ``PRAGMA integrity_check`` is ``ok`` (raw sqlite3, before anything else opens the file);
2. every change the child acknowledged (its journal line is written and fsynced only after the service call
   returned) is in the database: saved values, created records, exported packages (sequence, sha256, file),
   imported packages (receipt acknowledged, the reference package's records present), the migration's
   revision;
3. the outbox: sequences 1..n with none missing or twice, ``next_sequence`` = n + 1, ``previous_sha256`` =
   the hash of package n, every listed file present with its hash, and no ``*.kcpkg`` outside the table
   except a stray of sequence n + 1 (which the next export removes);
4. migrations: the revision is the old one or head (the whole upgrade is one transaction) and the schema is
   that revision's, every table keeps its row count, every finished backup is a sound copy of the old store,
   and reopening brings the store to head;
5. the store opens through the app's own path (``open_services``) and its audit chain verifies.

It prints a table per operation and exits non-zero on any failure.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import random
import re
import selectors
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CHILD = HERE / "crash_child.py"
OPERATIONS = ("save", "import", "export", "migrate")
READY_TIMEOUT_S = 60.0
FIELD_CODE, FIELD_NAME = "CTV001", "Nguyễn Thị Lan"
OTHER_CODE, OTHER_NAME = "CTV002", "Trần Văn Bình"
EXCHANGES = 3
PACKAGE_NAME = re.compile(r".+-(?P<sequence>\d{6,})-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\.kcpkg")


@dataclass
class Tally:
    kills: int = 0
    finished_first: int = 0  # the child was done before the kill came (not counted as a kill)
    acks_checked: int = 0  # acknowledged changes found intact (loops: all of the journal, re-checked each round)
    integrity_failures: int = 0
    lost_acks: int = 0
    sequence_faults: int = 0
    other_failures: int = 0  # a child that failed on its own, a store that will not reopen, a wrong schema

    @property
    def failures(self) -> int:
        return self.integrity_failures + self.lost_acks + self.sequence_faults + self.other_failures


@dataclass
class Report:
    tallies: dict[str, Tally] = field(default_factory=lambda: {op: Tally() for op in OPERATIONS})
    problems: list[str] = field(default_factory=list)
    revisions_after_kill: Counter[str] = field(default_factory=Counter)
    strays_seen: int = 0
    temp_files_left: int = 0  # hidden temporary files of killed writes (never under a package's real name)
    durations: dict[str, float] = field(default_factory=dict)

    def fail(self, op: str, kind: str, message: str, round_no: int) -> None:
        tally = self.tallies[op]
        setattr(tally, kind, getattr(tally, kind) + 1)
        if len(self.problems) < 200:
            self.problems.append(f"round {round_no} ({op}): {message}")


# --- set-up -------------------------------------------------------------------------------------------------


def _cli(entry: Any, argv: list[str]) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = entry(["--lang", "en", *argv])
    if code != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({code}): {err.getvalue().strip()}")
    return out.getvalue()


def field_cli(folder: Path, *argv: str) -> str:
    from kcfield.cli import main

    return _cli(main, ["--data-dir", str(folder), *argv])


def centre_cli(folder: Path, *argv: str) -> str:
    from kcfield.cli import centre_main

    return _cli(centre_main, ["--data-dir", str(folder), *argv])


def _rows(database: Path, sql: str) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(database)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _edit_some(folder: Path, count: int, tag: str) -> None:
    import dataclasses

    from kcfield.paths import AppPaths
    from kcfield.services.container import open_services

    services = open_services(AppPaths(folder))
    try:
        ids = [r[0] for r in _rows(folder / "kcfield.db", "SELECT id FROM establishments ORDER BY id")]
        for n, raw in enumerate(ids[:count]):
            from uuid import UUID

            current = services.establishments.get(UUID(raw))
            services.establishments.update(dataclasses.replace(current, notes=f"Ghi chú {tag}-{n}"))
    finally:
        services.close()


def _create_some(folder: Path, count: int, commune: int, tag: str) -> None:
    from kcfield.domain.model import Establishment
    from kcfield.paths import AppPaths
    from kcfield.services.container import open_services

    services = open_services(AppPaths(folder))
    try:
        for n in range(count):
            services.establishments.create(Establishment(name=f"Cơ sở {tag}-{n}", commune_code=commune))
    finally:
        services.close()


def _table_counts(con: sqlite3.Connection, tables: list[str]) -> dict[str, int]:
    return {t: int(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}


def _schema(con: sqlite3.Connection) -> list[Any]:
    """Tables with their columns, and index names: what a revision's schema looks like (triggers aside)."""
    shape: list[Any] = []
    for kind, name in con.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' "
        "ORDER BY type, name"
    ):
        columns = [r[1] for r in con.execute(f'PRAGMA table_info("{name}")')] if kind == "table" else []
        shape.append([kind, name, columns])
    return shape


def _revision(con: sqlite3.Connection) -> str | None:
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return str(row[0]) if row else None


def prepare(work: Path, old_establishments: int) -> dict[str, Any]:
    """Build everything the rounds reuse; returns the set-up facts (also written to setup.json)."""
    from alembic import command
    from sqlalchemy import create_engine

    from kcfield.store.engine import sqlite_url
    from kcfield.store.migrate import alembic_config, head_revision
    from kcfield.store.search import drop_change_triggers

    setup = work / "setup"
    if setup.exists():
        shutil.rmtree(setup)
    a, b, centre = setup / "field-a", setup / "field-b", setup / "centre"
    stock = setup / "packages"
    for folder in (stock, setup / "usb", setup / "receipts"):
        folder.mkdir(parents=True)

    field_cli(a, "profile", "--code", FIELD_CODE, "--name", FIELD_NAME)
    field_cli(a, "demo", "--establishments", "30", "--seed", "1", "--unsynced")
    field_cli(b, "profile", "--code", OTHER_CODE, "--name", OTHER_NAME)
    field_cli(b, "demo", "--establishments", "10", "--seed", "2", "--unsynced")
    communes = sorted(
        {
            int(r[0])
            for db in (a, b)
            for r in _rows(db / "kcfield.db", "SELECT DISTINCT commune_code FROM establishments")
        }
    )
    centre_cli(centre, "init")
    packages: list[dict[str, Any]] = []
    for laptop, code in ((a, FIELD_CODE), (b, OTHER_CODE)):
        request = setup / f"{code}.json"
        welcome = (stock if laptop == a else setup) / f"welcome-{code}.kcpkg"
        field_cli(laptop, "enrol-request", "--out", str(request))
        centre_cli(centre, "enrol", str(request), "--communes", ",".join(map(str, communes)), "--out", str(welcome))
        field_cli(laptop, "import", str(welcome))
        if laptop == a:
            packages.append({"path": str(welcome), "kind": "reference", "expect": []})

    for k in range(1, EXCHANGES + 1):
        _edit_some(a, 2, f"a{k}")
        _create_some(b, 3, communes[k % len(communes)], f"b{k}")
        for laptop, code in ((a, FIELD_CODE), (b, OTHER_CODE)):
            usb, receipts = setup / "usb" / f"{code}-{k}", setup / "receipts" / f"{code}-{k}"
            usb.mkdir()
            receipts.mkdir()
            field_cli(laptop, "export", "--out", str(usb))
            centre_cli(centre, "import", *(str(p) for p in sorted(usb.glob("*.kcpkg"))), "--out", str(receipts))
            if laptop == a:
                for receipt in sorted(receipts.glob("*.kcpkg")):
                    target = stock / f"receipt-{k}-{receipt.name}"
                    shutil.copy2(receipt, target)
                    packages.append({"path": str(target), "kind": "receipt", "expect": []})
        reference = stock / f"reference-{k}.kcpkg"
        centre_cli(centre, "reference", "--collaborator", FIELD_CODE, "--out", str(reference))
        other_ids = [str(r[0]) for r in _rows(b / "kcfield.db", "SELECT id FROM establishments WHERE deleted = 0")]
        packages.append({"path": str(reference), "kind": "reference", "expect": other_ids})
    (setup / "packages.json").write_text(json.dumps(packages, indent=1), "utf-8")

    # The older-schema store: a larger demo store taken back to the first revision.
    old_src = setup / "old-source"
    field_cli(old_src, "profile", "--code", "CTV009", "--name", "Lê Thị Hoa")
    field_cli(old_src, "demo", "--establishments", str(old_establishments), "--seed", "3")
    old = setup / "old-store"
    shutil.copytree(old_src, old, ignore=shutil.ignore_patterns("backups"))
    (old / "backups").mkdir()
    head = head_revision()
    schemas: dict[str, Any] = {}
    engine = create_engine(sqlite_url(old / "kcfield.db"))  # foreign keys off, as a plain copy tool would
    with engine.begin() as conn:
        drop_change_triggers(conn)
    con = sqlite3.connect(old / "kcfield.db")
    schemas[head] = _schema(con)
    con.close()
    from alembic.script import ScriptDirectory

    from kcfield.store.migrate import MIGRATIONS_DIR

    revisions = [r.revision for r in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()]  # head first
    for revision in revisions[1:]:
        command.downgrade(alembic_config(engine), revision)
        con = sqlite3.connect(old / "kcfield.db")
        schemas[revision] = _schema(con)
        con.close()
    engine.dispose()
    con = sqlite3.connect(old / "kcfield.db")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    old_revision = _revision(con)
    tables = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version' ORDER BY name"
        )
    ]
    counts = _table_counts(con, tables)
    con.close()
    facts = {
        "head": head,
        "old_revision": old_revision,
        "schemas": schemas,
        "old_counts": counts,
        "packages": packages,
        "field": str(a),
        "old_store": str(old),
    }
    (setup / "setup.json").write_text(json.dumps(facts, ensure_ascii=False), "utf-8")
    return facts


# --- children -------------------------------------------------------------------------------------------------


@dataclass
class Live:
    """The working copies the children run on."""

    work: Path
    facts: dict[str, Any]

    def folder(self, op: str) -> Path:
        return self.work / "live" / op

    def journal(self, op: str) -> Path:
        return self.work / "live" / f"{op}.journal"

    @property
    def usb(self) -> Path:
        return self.work / "live" / "usb"

    def reset(self) -> None:
        live = self.work / "live"
        if live.exists():
            shutil.rmtree(live)
        live.mkdir(parents=True)
        self.usb.mkdir()
        for op in ("save", "import", "export"):
            shutil.copytree(self.facts["field"], self.folder(op))
            self.journal(op).touch()
        self.journal("migrate").touch()

    def fresh_old_store(self) -> None:
        target = self.folder("migrate")
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(self.facts["old_store"], target)

    def command(self, op: str, round_no: int, seed: int, *, count: int = 0, start: int = 0) -> list[str]:
        argv = [sys.executable, str(CHILD), "--op", op, "--data", str(self.folder(op))]
        argv += ["--journal", str(self.journal(op)), "--round", str(round_no), "--seed", str(seed)]
        if count:
            argv += ["--count", str(count)]
        if op == "import":
            argv += ["--packages", str(self.work / "setup" / "packages.json"), "--start", str(start)]
        if op == "export":
            argv += ["--usb", str(self.usb)]
        return argv


def _wait_line(process: subprocess.Popen[bytes], timeout: float) -> str | None:
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    try:
        if not selector.select(timeout):
            return None
        line = process.stdout.readline()
    finally:
        selector.close()
    return line.decode("utf-8", "replace").strip() if line else None


def measure(live: Live, seed: int) -> dict[str, float]:
    """Seconds one operation takes (migrate: the whole open), from runs that are not killed."""
    spans: dict[str, float] = {}
    runs = {"save": 15, "export": 4, "import": len(live.facts["packages"])}
    for op, count in runs.items():
        result = subprocess.run(
            live.command(op, -1, seed, count=count), capture_output=True, text=True, check=False, timeout=300
        )
        if result.returncode != 0:
            raise RuntimeError(f"the {op} child failed: {result.stderr.strip()[-2000:]}")
        spans[op] = float(result.stdout.split("done")[-1])
    live.fresh_old_store()
    result = subprocess.run(live.command("migrate", -1, seed), capture_output=True, text=True, check=False, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"the migrate child failed: {result.stderr.strip()[-2000:]}")
    spans["migrate"] = float(result.stdout.split("done")[-1])
    return spans


def kill_window(op: str, spans: dict[str, float]) -> float:
    """The longest wait after ``ready``: several operations of a loop, a little more than one migration."""
    factor = {"save": 30.0, "export": 6.0, "import": 6.0, "migrate": 1.3}[op]
    return max(spans[op] * factor, 0.02)


# --- checks ---------------------------------------------------------------------------------------------------


def read_journal(path: Path) -> list[dict[str, Any]]:
    entries = []
    for line in path.read_text("utf-8").splitlines():
        try:
            entries.append(json.loads(line))
        except ValueError:
            continue  # a line cut by the kill was never an acknowledgement
    return entries


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_acks(
    con: sqlite3.Connection, folder: Path, entries: list[dict[str, Any]], facts: dict[str, Any]
) -> tuple[int, list[str]]:
    """(acks checked, what is missing) for every acknowledgement in a journal."""
    lost: list[str] = []
    acked: dict[tuple[str, str], str] = {}
    pending: dict[tuple[str, str], set[str]] = {}
    created: dict[str, str] = {}
    exports: list[dict[str, Any]] = []
    imports: list[dict[str, Any]] = []
    for entry in entries:
        op, kind = entry.get("op"), entry.get("t")
        if op == "save":
            key = (entry["id"], entry["field"])
            if kind == "intent":
                pending.setdefault(key, set()).add(entry["value"])
            else:
                acked[key] = entry["value"]
                pending[key] = set()
        elif op == "create" and kind == "ack":
            created[entry["id"]] = entry["name"]
        elif op == "export" and kind == "ack" and entry.get("sequence") is not None:
            exports.append(entry)
        elif op == "import" and kind == "ack":
            imports.append(entry)
    checked = sum(1 for e in entries if e.get("t") == "ack")  # the latest value of a field stands for earlier ones
    for (record_id, column), value in acked.items():
        row = con.execute(f"SELECT {column} FROM establishments WHERE id = ?", (record_id.replace("-", ""),)).fetchone()
        if row is None or (row[0] != value and row[0] not in pending.get((record_id, column), set())):
            lost.append(f"saved {column}={value!r} of {record_id} is {row[0] if row else 'gone'!r}")
    for record_id, name in created.items():
        row = con.execute("SELECT name FROM establishments WHERE id = ?", (record_id.replace("-", ""),)).fetchone()
        if row is None or row[0] != name:
            lost.append(f"created establishment {record_id} ({name}) is missing")
    seen_sequences: dict[int, str] = {}
    for entry in exports:
        sequence = int(entry["sequence"])
        if seen_sequences.get(sequence, entry["sha256"]) != entry["sha256"]:
            lost.append(f"sequence {sequence} was acknowledged for two different packages")
        seen_sequences[sequence] = entry["sha256"]
        row = con.execute(
            "SELECT file_name, sha256, package_id FROM sync_outbox WHERE sequence = ?", (sequence,)
        ).fetchone()
        if row is None or tuple(row) != (entry["file"], entry["sha256"], entry["package_id"]):
            lost.append(f"exported package {sequence} ({entry['file']}) is not the outbox's: {row}")
            continue
        path = folder / "outbox" / entry["file"]
        if not path.is_file() or _sha256(path) != entry["sha256"]:
            lost.append(f"exported package file {entry['file']} is missing or changed")
        copy = entry.get("copied_to")
        if copy and (not Path(copy).is_file() or _sha256(Path(copy)) != entry["sha256"]):
            lost.append(f"the copy {copy} of package {sequence} is missing or changed")
    expected = {Path(p["path"]).name: p for p in facts["packages"]}
    present: set[str] | None = None
    for entry in imports:
        if entry["kind"] == "receipt":
            if "held" in entry.get("counts", {}):
                continue
            row = con.execute(
                "SELECT acknowledged_at FROM sync_outbox WHERE package_id = ?", (entry["package_id"],)
            ).fetchone()
            if row is None or row[0] is None:
                lost.append(f"receipt {entry['file']} imported but package {entry['package_id']} not acknowledged")
        else:
            if present is None:
                present = {str(r[0]) for r in con.execute("SELECT id FROM establishments")}
            missing = [i for i in expected[entry["file"]]["expect"] if i.replace("-", "") not in present]
            if missing:
                lost.append(f"reference package {entry['file']} imported but {len(missing)} records are missing")
    return checked, lost


def check_outbox(con: sqlite3.Connection, folder: Path) -> tuple[list[str], int]:
    """(faults, strays of the next sequence) of the outbox table, the sync state and the outbox folder."""
    faults: list[str] = []
    rows = con.execute("SELECT sequence, file_name, sha256 FROM sync_outbox ORDER BY sequence").fetchall()
    sequences = [int(r[0]) for r in rows]
    if sequences != list(range(1, len(rows) + 1)):
        faults.append(f"outbox sequences are not 1..{len(rows)}: {sequences}")
    state = dict(con.execute("SELECT key, value FROM sync_state").fetchall())
    next_sequence = int(state.get("next_sequence") or 1)
    if next_sequence != len(rows) + 1:
        faults.append(f"next_sequence is {next_sequence} with {len(rows)} packages in the outbox")
    previous = state.get("previous_sha256", "")
    if previous != (rows[-1][2] if rows else ""):
        faults.append("previous_sha256 is not the hash of the last package")
    known = set()
    for sequence, file_name, sha256 in rows:
        known.add(file_name)
        path = folder / "outbox" / file_name
        if not path.is_file():
            faults.append(f"package {sequence} file {file_name} is missing")
        elif _sha256(path) != sha256:
            faults.append(f"package {sequence} file {file_name} does not have its recorded sha256")
    strays = 0
    for path in (folder / "outbox").glob("*.kcpkg"):
        if path.name in known:
            continue
        match = PACKAGE_NAME.fullmatch(path.name)
        if match and int(match["sequence"]) == len(rows) + 1:
            strays += 1  # an export killed before its commit: the next export removes it
        else:
            faults.append(f"{path.name} in the outbox is not a package the outbox table lists")
    return faults, strays


def _reopen(folder: Path) -> str | None:
    """Open the store as the app does and verify its audit chain; the error, if any."""
    from kcfield.paths import AppPaths
    from kcfield.services.container import open_services

    try:
        services = open_services(AppPaths(folder))
    except Exception as exc:
        return f"the store does not reopen: {type(exc).__name__}: {exc}"
    try:
        services.audit.verify()
    except Exception as exc:
        return f"the audit chain does not verify: {exc}"
    finally:
        services.close()
    return None


def verify_loop(live: Live, op: str, round_no: int, report: Report) -> None:
    folder = live.folder(op)
    con = sqlite3.connect(folder / "kcfield.db")
    try:
        result = con.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            report.fail(op, "integrity_failures", f"integrity_check: {result[:5]}", round_no)
            return
        checked, lost = check_acks(con, folder, read_journal(live.journal(op)), live.facts)
        report.tallies[op].acks_checked = checked  # the whole journal, every round: the latest count says it
        for message in lost:
            report.fail(op, "lost_acks", message, round_no)
        faults, strays = check_outbox(con, folder)
        report.strays_seen += strays
        report.temp_files_left = max(
            report.temp_files_left, sum(1 for p in (folder / "outbox").iterdir() if p.name.startswith("."))
        )
        for message in faults:
            report.fail(op, "sequence_faults", message, round_no)
    finally:
        con.close()
    problem = _reopen(folder)
    if problem:
        report.fail(op, "other_failures", problem, round_no)


def verify_migrate(live: Live, round_no: int, report: Report) -> None:
    facts = live.facts
    folder = live.folder("migrate")
    acked = [e for e in read_journal(live.journal("migrate")) if e.get("t") == "ack" and e.get("round") == round_no]
    con = sqlite3.connect(folder / "kcfield.db")
    try:
        result = con.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            report.fail("migrate", "integrity_failures", f"integrity_check: {result[:5]}", round_no)
            return
        revision = _revision(con)
        report.revisions_after_kill[str(revision)] += 1
        if revision not in facts["schemas"]:
            report.fail("migrate", "other_failures", f"unknown revision {revision}", round_no)
        elif revision not in {facts["old_revision"], facts["head"]}:  # the upgrade is one transaction
            report.fail("migrate", "other_failures", f"the upgrade stopped half-way, at {revision}", round_no)
        elif _schema(con) != facts["schemas"][revision]:
            report.fail("migrate", "other_failures", f"the schema is not revision {revision}'s", round_no)
        counts = _table_counts(con, list(facts["old_counts"]))
        if counts != facts["old_counts"]:
            diff = {t: (facts["old_counts"][t], n) for t, n in counts.items() if n != facts["old_counts"][t]}
            report.fail("migrate", "lost_acks", f"row counts changed by the migration: {diff}", round_no)
        report.tallies["migrate"].acks_checked += 1
        if acked and revision != facts["head"]:
            report.fail("migrate", "lost_acks", f"migration acknowledged but the store is at {revision}", round_no)
    finally:
        con.close()
    for backup in (folder / "backups").glob("*.db"):
        bcon = sqlite3.connect(backup)
        try:
            sound = bcon.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            if not sound or _revision(bcon) not in facts["schemas"]:
                report.fail("migrate", "integrity_failures", f"backup {backup.name} is not a sound copy", round_no)
            elif _table_counts(bcon, list(facts["old_counts"])) != facts["old_counts"]:
                report.fail("migrate", "lost_acks", f"backup {backup.name} lacks rows", round_no)
        finally:
            bcon.close()
    problem = _reopen(folder)
    if problem:
        report.fail("migrate", "other_failures", problem, round_no)
        return
    con = sqlite3.connect(folder / "kcfield.db")
    try:
        if _revision(con) != facts["head"]:
            report.fail("migrate", "other_failures", "reopening did not finish the migration", round_no)
        elif _table_counts(con, list(facts["old_counts"])) != facts["old_counts"]:
            report.fail("migrate", "lost_acks", "rows lost after the migration was finished", round_no)
    finally:
        con.close()


# --- the rounds -----------------------------------------------------------------------------------------------


def one_round(live: Live, op: str, round_no: int, delay: float, seed: int, report: Report, start: int) -> None:
    if op == "migrate":
        live.fresh_old_store()
    stderr_path = live.work / "live" / f"{op}.stderr"
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(live.command(op, round_no, seed, start=start), stdout=subprocess.PIPE, stderr=stderr)
        line = _wait_line(process, READY_TIMEOUT_S)
        if line != "ready":
            process.kill()
            process.wait()
            message = stderr_path.read_text("utf-8", "replace").strip()[-1500:]
            report.fail(op, "other_failures", f"child not ready ({line!r}): {message}", round_no)
            return
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            report.tallies[op].kills += 1
        else:
            report.tallies[op].finished_first += 1
        code = process.wait()
        assert process.stdout is not None
        process.stdout.close()
    if code not in (0, -signal.SIGKILL):
        message = stderr_path.read_text("utf-8", "replace").strip()[-1500:]
        report.fail(op, "other_failures", f"child failed on its own ({code}): {message}", round_no)
    if op == "migrate":
        verify_migrate(live, round_no, report)
    else:
        verify_loop(live, op, round_no, report)


def run(kills: int, seed: int, work: Path, old_establishments: int, *, quiet: bool = False) -> Report:
    started = time.perf_counter()
    rng = random.Random(seed)
    report = Report()
    facts = prepare(work, old_establishments)
    live = Live(work, facts)
    live.reset()
    report.durations["setup_s"] = round(time.perf_counter() - started, 2)
    spans = measure(live, seed)
    report.durations.update({f"{op}_op_s": round(s, 4) for op, s in spans.items()})
    for op in ("save", "import", "export"):
        verify_loop(live, op, 0, report)
    round_no = 0
    per_op = {op: 0 for op in OPERATIONS}
    share, extra = divmod(kills, len(OPERATIONS))
    quota = {op: share + (1 if i < extra else 0) for i, op in enumerate(OPERATIONS)}
    while any(report.tallies[op].kills < quota[op] for op in OPERATIONS) and round_no < kills * 3:
        round_no += 1
        op = min((o for o in OPERATIONS if report.tallies[o].kills < quota[o]), key=lambda o: report.tallies[o].kills)
        delay = rng.uniform(0, kill_window(op, spans))
        one_round(live, op, round_no, delay, seed, report, start=per_op[op])
        per_op[op] += 1
        if not quiet and round_no % 20 == 0:
            done = sum(t.kills for t in report.tallies.values())
            print(f"  {round_no} rounds, {done} kills, {time.perf_counter() - started:.0f} s", flush=True)
    report.durations["rounds"] = round_no
    report.durations["total_s"] = round(time.perf_counter() - started, 2)
    return report


def table(report: Report) -> str:
    headers = ["operation", "kills", "finished first", "acks checked", "integrity failures", "lost acks",
               "sequence faults", "other failures"]  # fmt: skip
    columns = ("kills", "finished_first", "acks_checked", "integrity_failures", "lost_acks", "sequence_faults",
               "other_failures")  # fmt: skip
    rows: list[list[Any]] = [[op, *(getattr(t, c) for c in columns)] for op, t in report.tallies.items()]
    total = ["total", *(sum(int(r[i]) for r in rows) for i in range(1, len(headers)))]
    rows.append(total)
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows, strict=True)]
    lines = [
        "  ".join(str(x).rjust(w) if i else str(x).ljust(w) for i, (x, w) in enumerate(zip(r, widths, strict=True)))
        for r in [headers, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.insert(len(lines) - 1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200, help="how many kills, spread over the four operations")
    parser.add_argument("--seed", type=int, default=1, help="random seed (the kill moments)")
    parser.add_argument("--workdir", type=Path, help="where to build the stores (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument(
        "--old-establishments", type=int, default=20000, metavar="N", help="size of the store that is migrated"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    os.environ.setdefault("KCFIELD_LANG", "en")
    temp = None
    if args.workdir is None:
        temp = tempfile.mkdtemp(prefix="kcfield-crash-")
        work = Path(temp)
    else:
        work = args.workdir.resolve()
        work.mkdir(parents=True, exist_ok=True)
    print(f"crash harness: {args.kills} kills, seed {args.seed}, in {work}", flush=True)
    try:
        report = run(args.kills, args.seed, work, args.old_establishments)
    finally:
        if temp is not None and not args.keep:
            shutil.rmtree(temp, ignore_errors=True)
    print(table(report))
    revisions = ", ".join(f"{rev}: {n}" for rev, n in sorted(report.revisions_after_kill.items()))
    print(f"migration revisions found after a kill: {revisions}")
    print(f"strays of the next sequence found (removed by the next export): {report.strays_seen}")
    print(f"hidden temporary files left in the outbox by killed exports (most at once): {report.temp_files_left}")
    print("durations: " + ", ".join(f"{k} {v}" for k, v in report.durations.items()))
    for problem in report.problems[:50]:
        print(f"FAIL {problem}")
    failures = sum(t.failures for t in report.tallies.values())
    kills_done = sum(t.kills for t in report.tallies.values())
    if args.json:
        payload = {
            "kills": kills_done,
            "seed": args.seed,
            "failures": failures,
            "operations": {op: {**asdict(t), "failures": t.failures} for op, t in report.tallies.items()},
            "revisions_after_kill": dict(report.revisions_after_kill),
            "strays_seen": report.strays_seen,
            "temp_files_left": report.temp_files_left,
            "durations": report.durations,
            "problems": report.problems,
        }
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False), "utf-8")
    if kills_done < args.kills:
        print(f"FAIL only {kills_done} of {args.kills} kills landed")
        return 1
    print("OK: no integrity failure, no lost acknowledged change" if failures == 0 else f"FAILED: {failures}")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
