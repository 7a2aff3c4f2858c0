"""Benchmark: what a collaborator feels in the registry at 100,000 establishments.

For each keystroke of a few typical searches it measures the time to get the ordered ids of the matches and
the rows of the first page (what the list shows after the keystroke), and it times opening the store and
showing the first page (the "usable within 2 s" path without Qt). The store is made once with
`kcfield demo` in the folder given (kept between runs).

    .venv/bin/python benchmarks/registry_search.py [--data-dir /tmp/kcfield-bench-100k] [--establishments 100000]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from kcfield.paths import AppPaths
from kcfield.services.container import open_services
from kcfield.services.registry import RegistryQuery, SortColumn

PAGE = 100
TYPED = ("dat do", "nguyen van", "0912", "co khi", "hop tac xa", "xyz")


def measure(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="/tmp/kcfield-bench-100k")
    parser.add_argument("--establishments", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(args.data_dir)
    if not (folder / "kcfield.db").exists():
        print(f"making {args.establishments} demo establishments in {folder} ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "kcfield", "demo", "--establishments", str(args.establishments),
             "--data-dir", str(folder)],
            check=True,
        )  # fmt: skip
    started = time.perf_counter()
    services = open_services(AppPaths(folder))
    registry = services.registry
    registry.items(registry.first_ids(PAGE))
    print(f"open store + first page shown:      {(time.perf_counter() - started) * 1000:.0f} ms")
    started = time.perf_counter()
    count = len(registry.current().ids)
    print(f"search snapshot loaded (background): {(time.perf_counter() - started) * 1000:.0f} ms ({count} rows)")

    worst = 0.0
    for phrase in TYPED:
        cells = []
        for end in range(1, len(phrase) + 1):
            typed = phrase[:end]

            def keystroke(typed: str = typed) -> None:
                found = registry.search(RegistryQuery(text=typed))
                registry.items(found[:PAGE])

            ms = measure(keystroke)
            worst = max(worst, ms)
            count = len(registry.search(RegistryQuery(text=typed)))
            cells.append(f"{typed!r} {ms:.0f} ms ({count})")
        print("  " + " | ".join(cells))
    print(f"worst keystroke (search + first page): {worst:.0f} ms   goal: well under 100 ms")

    commune = next(iter(registry.communes_in_use()))
    for label, query in (
        ("filter commune", RegistryQuery(commune_code=commune)),
        ("filter commune + 'ng'", RegistryQuery(commune_code=commune, text="ng")),
        ("changed since last sync", RegistryQuery(changed_only=True)),
        ("sort by representative", RegistryQuery(sort=SortColumn.REP_NAME)),
        ("sort by commune", RegistryQuery(sort=SortColumn.COMMUNE)),
        ("sort by name, descending", RegistryQuery(descending=True)),
    ):
        print(f"{label:28} {measure(lambda q=query: registry.items(registry.search(q)[:PAGE]), 3):6.0f} ms")
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
