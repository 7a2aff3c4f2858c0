"""Benchmark: `kcfield demo --establishments N` end to end, as a user runs it.

Prints the wall time of two runs with the same seed into throw-away folders, the database size, the result
of PRAGMA integrity_check, and whether both runs produced the same data. The goal is under 60 s for
100,000 establishments on a 2-core machine.

    .venv/bin/python benchmarks/demo_data.py [--establishments 100000] [--seed 1]
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kcfield.store.fingerprint import RECORD_TABLES, content_digest


def run_once(count: int, seed: int, folder: Path) -> tuple[float, Path]:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kcfield", "demo", "--establishments", str(count), "--seed", str(seed),
         "--data-dir", str(folder)],
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - started, folder / "kcfield.db"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--establishments", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kcfield-bench-") as tmp:
        results = [run_once(args.establishments, args.seed, Path(tmp) / name) for name in ("first", "second")]
        (first_s, first_db), (second_s, second_db) = results
        con = sqlite3.connect(first_db)
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in RECORD_TABLES}
        con.close()
        same = content_digest(first_db) == content_digest(second_db)
        size_mb = first_db.stat().st_size / 1e6
    print(f"establishments:        {args.establishments} (seed {args.seed})")
    print(f"run 1 wall time:       {first_s:.1f} s")
    print(f"run 2 wall time:       {second_s:.1f} s")
    print(f"rate:                  {args.establishments / min(first_s, second_s):,.0f} establishments/s")
    print(f"database size:         {size_mb:.1f} MB")
    print(f"rows:                  {counts}")
    print(f"integrity_check:       {integrity}")
    print(f"same seed, same data:  {same}")
    print(f"goal (< 60 s):         {'met' if max(first_s, second_s) < 60 else 'NOT met'}")
    return 0 if integrity == "ok" and same else 1


if __name__ == "__main__":
    sys.exit(main())
