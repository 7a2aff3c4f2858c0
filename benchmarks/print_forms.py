"""Benchmark: how fast forms become PDF — 100 filled visit forms and 100 pre-filled forms in one batch.

Each case runs several times and prints the median and spread in forms/s and pages/s, beside a baseline
measured in the same run: reportlab drawing the same text (extracted back from the built PDF) line by line on
the same number of pages, with no layout logic — how close the form layout comes to the cost of drawing its
text. The target: 20 forms/s or more for a batch of 100.

The last case builds the same 100 pre-filled forms the way the app does (a background task with its progress
dialog) while a 5 ms timer ticks in the GUI thread, and reports the longest the event loop went without a tick:
the window must never freeze (DESIGN §6: no block longer than ~50 ms).

    .venv/bin/python benchmarks/print_forms.py [--data-dir /tmp/kcfield-bench-print] [--forms 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdf
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from kcfield.paths import AppPaths
from kcfield.resources import resource_path
from kcfield.services.container import open_services

TARGET_FORMS_PER_S = 20
TARGET_GUI_STALL_MS = 50


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def baseline(pages_text: list[str], out: io.BytesIO) -> None:
    """The same text drawn line by line with the same font on the same number of pages: no tables, no wrap."""
    pdf = canvas.Canvas(out, pagesize=A4)
    for text in pages_text:
        pdf.setFont("BenchSans", 9)
        y = 800.0
        for line in text.splitlines():
            pdf.drawString(40, y, line[:140])
            y -= 11
            if y < 40:
                break
        pdf.showPage()
    pdf.save()


def report(name: str, times: list[float], forms: int, pages: int, base: list[float]) -> bool:
    median = statistics.median(times)
    spread = max(times) - min(times)
    rate = forms / median
    base_median = statistics.median(base)
    ok = rate >= TARGET_FORMS_PER_S
    print(
        f"{name:<34} {rate:7.1f} forms/s  {pages / median:7.1f} pages/s  median {median * 1000:7.0f} ms"
        f" (spread {spread * 1000:5.0f} ms)  baseline {base_median * 1000:6.0f} ms"
        f"  ratio {median / base_median:5.2f}  target ≥ {TARGET_FORMS_PER_S}/s: {'met' if ok else 'MISSED'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="/tmp/kcfield-bench-print")
    parser.add_argument("--forms", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(args.data_dir)
    if not (folder / "kcfield.db").exists():
        print(f"making demo data in {folder} ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "kcfield", "demo", "--establishments", str(max(args.forms * 4, 400)),
             "--data-dir", str(folder)],
            check=True,
        )  # fmt: skip
    pdfmetrics.registerFont(TTFont("BenchSans", str(resource_path("fonts", "DejaVuSans.ttf"))))
    services = open_services(AppPaths(folder))
    try:
        visit_ids = [str(v.id) for v in services.visits.recent(args.forms)]
        establishment_ids = [i for i in services.registry.first_ids(args.forms)]
        if len(visit_ids) < args.forms:
            print(f"only {len(visit_ids)} visits in the demo data; measuring those")
        all_ok = True
        with tempfile.TemporaryDirectory() as tmp:
            for name, build, count in (
                ("filled visit forms", lambda out: services.printing.visit_forms(visit_ids, out), len(visit_ids)),
                (
                    "pre-filled forms (day's list)",
                    lambda out: services.printing.prefilled_forms(establishment_ids, out),
                    len(establishment_ids),
                ),
            ):
                out = Path(tmp) / "batch.pdf"
                build(out)  # warm-up: fonts registered, caches filled
                pages_text = [page.extract_text() for page in pypdf.PdfReader(out).pages]
                times = timed(lambda build=build, out=out: build(out), args.repeat)
                base = timed(lambda pages_text=pages_text: baseline(pages_text, io.BytesIO()), args.repeat)
                all_ok &= report(f"{name} ×{count}", times, count, len(pages_text), base)
            all_ok &= gui_stays_responsive(services, establishment_ids, Path(tmp) / "gui.pdf")
    finally:
        services.close()
    return 0 if all_ok else 1


def gui_stays_responsive(services, establishment_ids: list[str], out: Path) -> bool:  # type: ignore[no-untyped-def]
    """Build the batch through the app's TaskRunner and measure the GUI thread's longest gap between ticks."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import gc

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from kcfield.services.progress import ProgressUpdate
    from kcfield.ui.tasks import Lane, TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    gc.freeze()  # as kcfield.app does once the window is up
    window = QWidget()
    window.show()
    runner = TaskRunner("vi")
    clock = QElapsedTimer()
    gaps: list[float] = []
    reports: list[int] = []
    last = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        gaps.append(now - last[0])
        last[0] = now

    def work(ctx):  # type: ignore[no-untyped-def]
        def progress(done: int, total: int) -> bool:
            ctx.report(ProgressUpdate("printing.forms_progress", done, total))
            return not ctx.cancel_token.cancelled

        return services.printing.prefilled_forms(establishment_ids, out, progress=progress)

    loop = QEventLoop()
    timer = QTimer(interval=5)
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    started = time.perf_counter()
    handle = runner.run(
        work,
        on_success=lambda _pages: loop.quit(),
        on_failure=lambda _error: loop.quit(),
        lane=Lane.READ,
        progress_label="printing.forms_progress",
        parent_widget=window,
    )
    handle.progressed.connect(lambda update: reports.append(update.value))
    loop.exec()
    elapsed = time.perf_counter() - started
    timer.stop()
    runner.shutdown()
    window.close()
    del app
    worst = max(gaps) if gaps else float("inf")
    p99 = sorted(gaps)[int(len(gaps) * 0.99)] if gaps else float("inf")
    ok = worst <= TARGET_GUI_STALL_MS
    print(
        f"{'GUI during the batch (TaskRunner)':<34} {len(establishment_ids) / elapsed:7.1f} forms/s  "
        f"longest GUI stall {worst:5.1f} ms, p99 {p99:4.1f} ms over {len(gaps)} ticks, "
        f"{len(set(reports))} progress updates  target ≤ {TARGET_GUI_STALL_MS} ms: {'met' if ok else 'MISSED'}"
    )
    return ok


if __name__ == "__main__":
    sys.exit(main())
