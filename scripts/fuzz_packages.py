"""Fuzz the package reader and the centre importer with thousands of mutated packages.

    python scripts/fuzz_packages.py --cases 10000 [--seed S] [--db URL --key PEM] [--level a,b,c]
    python scripts/fuzz_packages.py --seed S --replay N        # rebuild the state of cases 0…N-1, show case N

Levels: ``a`` the package file's bytes, ``b`` the signed ZIP inside (sealed again), ``c`` what the package says
(validly signed and sealed). See tests/sync/fuzzing.py. Without ``--db`` a fresh SQLite centre is made in a
temporary folder; ``--db`` takes the URL of an empty database (the fuzzer initialises it and fills it).

Prints cases/s, the outcomes per level (applied, held, duplicate, refused by code) and every failure: an
exception other than a catalogued DomainError, a code missing from the message catalogue, a refused package
that changed the centre, or tables that disagree. Offending packages are saved in ``--failures`` with a
``.txt`` beside each. Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcfield.centre.db import open_centre  # noqa: E402
from kcfield.centre.setup import init_centre  # noqa: E402
from kcfield.sync import keys  # noqa: E402
from tests.sync.fuzzing import LEVELS, Fuzzer, centre_key  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000, help="how many cases (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="the run is deterministic from it (default 0)")
    parser.add_argument("--level", default=",".join(LEVELS), help="levels to run, e.g. a,b,c (default all)")
    parser.add_argument("--db", default=None, help="centre database URL (default: a fresh SQLite file)")
    parser.add_argument("--key", default=None, help="centre key file (needed with a PostgreSQL --db)")
    parser.add_argument("--replay", type=int, default=None, metavar="N", help="run cases 0…N-1 quietly, show N")
    parser.add_argument("--failures", default="fuzz-failures", help="folder for offending packages")
    parser.add_argument("--snapshot-every", type=int, default=500, help="full comparison every N cases")
    parser.add_argument("--work", default=None, help="working folder (default: a temporary one)")
    args = parser.parse_args(argv)
    levels = tuple(level.strip() for level in args.level.split(",") if level.strip())
    if not levels or any(level not in LEVELS for level in levels):
        parser.error(f"--level takes some of {','.join(LEVELS)}")

    with tempfile.TemporaryDirectory(prefix="kcfield-fuzz-") as tmp:
        work = Path(args.work) if args.work else Path(tmp)
        data_dir = work / "centre"
        key = Path(args.key) if args.key else (work / "centre-key.pem" if args.db else None)
        print(f"initialising the centre ({'SQLite' if args.db is None else args.db.split('://')[0]}) …", flush=True)
        key_path = key if key is not None else data_dir / "centre-key.pem"
        if not key_path.exists():  # the centre's key from the seed too: the same package bytes on every run
            key_path.parent.mkdir(parents=True, exist_ok=True)
            keys.save_private_key(key_path, centre_key(args.seed))
        init_centre(args.db, data_dir, key)
        db = open_centre(args.db, data_dir)
        try:
            fuzzer = Fuzzer(
                db,
                key_path,
                work / "run",
                seed=args.seed,
                levels=levels,
                failures_dir=Path(args.failures).resolve(),
                snapshot_every=args.snapshot_every,
                log=lambda line: print(line, flush=True),
            )
            print(f"envelope: {'encrypted' if fuzzer.encrypted else 'plain ZIP'}; levels {','.join(levels)}")
            fuzzer.seed_centre()
            if args.replay is not None:
                report = fuzzer.run(args.replay + 1, verbose_from=args.replay, progress_every=0)
            else:
                report = fuzzer.run(args.cases)
        finally:
            db.close()
    for line in report.lines():
        print(line)
    if args.replay is not None:
        for failure in report.failures:
            if failure.case == args.replay:
                print(failure.detail)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
