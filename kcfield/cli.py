"""The ``kcfield`` and ``kcfield-centre`` commands: argument parsing and printing only.

Every command takes ``--help``; a user mistake exits non-zero with one clear line (in Vietnamese unless
``--lang en`` or ``KCFIELD_LANG=en``), never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence

from kcfield import __version__
from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error, text

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


def _lang(args: argparse.Namespace) -> str:
    return args.lang or os.environ.get("KCFIELD_LANG", "vi")


def _common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """Options accepted before or after the command. A subcommand's copy must not reset what was given
    before the command, hence SUPPRESS as its default."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir", metavar="DIR", default=default, help="data folder (default: KCFIELD_DATA_DIR or the user folder)"
    )
    parser.add_argument("--lang", choices=("vi", "en"), default=default, help="language of messages (default vi)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kcfield",
        description="kcfield — công cụ khảo sát cơ sở công nghiệp nông thôn cho cộng tác viên khuyến công. "
        "Without a command, opens the application window.",
    )
    parser.add_argument("--version", action="version", version=f"kcfield {__version__}")
    _common(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="fill an empty store with realistic, reproducible demo data")
    _common(demo)
    demo.add_argument("--establishments", type=int, required=True, metavar="N", help="number of establishments")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (same seed, same data)")

    info = commands.add_parser("info", help="show the data folder, record counts and check the audit log")
    _common(info)

    printing = commands.add_parser(
        "print",
        help="write a printable PDF: blank | visit ID | needs ID | cp ID | prefilled ID... | route",
        description="Write a PDF (A4, Vietnamese) of a form or report. Kinds: blank (the survey form to fill in by "
        "hand), visit ID (a filled visit form, to be signed), needs ID (equipment-needs summary of an "
        "establishment; or of a commune with --commune CODE), cp ID (cleaner-production report of an assessment), "
        "prefilled ID... (forms with the establishments' profiles filled in, in the order given), route (pre-filled "
        "forms for the day's route, in its order). IDs are the record ids (32 hex digits or UUID form).",
    )
    _common(printing)
    printing.add_argument("kind", choices=("blank", "visit", "needs", "cp", "prefilled", "route"))
    printing.add_argument("ids", nargs="*", metavar="ID", help="record id(s) for visit, needs, cp, prefilled")
    printing.add_argument("--commune", type=int, metavar="CODE", help="needs: the summary of a whole commune")
    printing.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = _lang(args)
    try:
        if args.command is None:
            from kcfield.app import run_gui

            # The window's language: --lang or KCFIELD_LANG when given, else the user's saved preference.
            return run_gui(args.data_dir, args.lang or os.environ.get("KCFIELD_LANG"))
        if args.command == "demo":
            return _demo(args, lang)
        if args.command == "info":
            return _info(args, lang)
        if args.command == "print":
            return _print(args, lang)
    except DomainError as error:
        print(f"kcfield: {describe_error(error, lang)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("kcfield: " + text("cli.interrupted", lang), file=sys.stderr)
        return 130
    except OSError as error:
        print(f"kcfield: {error.strerror or error} ({error.filename or ''})", file=sys.stderr)
        return EXIT_ERROR
    parser.print_help()
    return EXIT_USAGE


def _demo(args: argparse.Namespace, lang: str) -> int:
    from kcfield.paths import resolve_paths
    from kcfield.services.container import open_services
    from kcfield.services.demo import DemoService
    from kcfield.services.progress import ProgressUpdate

    paths = resolve_paths(args.data_dir)
    services = open_services(paths)
    started = time.perf_counter()
    interactive = sys.stderr.isatty()

    def report(update: ProgressUpdate) -> None:
        if interactive:
            print(f"\r{text(update.label, lang, value=update.value, maximum=update.maximum)}", end="", file=sys.stderr)

    try:
        summary = DemoService(services.ctx, services.reference).generate(
            args.establishments, args.seed, progress=report
        )
    finally:
        services.close()
    if interactive:
        print(file=sys.stderr)
    elapsed = time.perf_counter() - started
    print(
        text(
            "cli.demo_done",
            lang,
            establishments=summary.establishments,
            visits=summary.visits,
            needs=summary.needs,
            assessments=summary.assessments,
            seconds=f"{elapsed:.1f}",
            path=str(paths.database),
        )
    )
    return EXIT_OK


def _info(args: argparse.Namespace, lang: str) -> int:
    from kcfield.paths import resolve_paths
    from kcfield.services.container import open_services

    paths = resolve_paths(args.data_dir)
    services = open_services(paths)
    try:
        services.audit.verify()
        user = services.collaborators.local_user()
        print(text("cli.info_data_dir", lang, path=str(paths.data_dir)))
        print(text("cli.info_database", lang, path=str(paths.database)))
        print(text("cli.info_user", lang, user=f"{user.code} — {user.full_name}" if user else "—"))
        print(text("cli.info_establishments", lang, count=services.establishments.count()))
        print(text("cli.info_audit", lang, count=services.audit.count()))
        for dataset in services.reference.datasets():
            print(f"  {dataset.name}: {dataset.version} ({dataset.origin})")
    finally:
        services.close()
    return EXIT_OK


def _print(args: argparse.Namespace, lang: str) -> int:
    from pathlib import Path
    from uuid import UUID

    from kcfield.paths import resolve_paths
    from kcfield.services.container import open_services

    kind, raw_ids, out = args.kind, list(args.ids), Path(args.out)
    wanted = {"blank": 0, "visit": 1, "cp": 1, "route": 0}
    if kind == "needs":
        if (args.commune is None) == (len(raw_ids) != 1):
            raise DomainError(
                "cli.print_ids", kind=kind, count="1 (hoặc --commune)" if lang == "vi" else "1 (or --commune)"
            )
    elif kind == "prefilled":
        if not raw_ids:
            raise DomainError("cli.print_ids", kind=kind, count="≥ 1")
    elif len(raw_ids) != wanted[kind]:
        raise DomainError("cli.print_ids", kind=kind, count=str(wanted[kind]))
    ids: list[UUID] = []
    for raw in raw_ids:
        try:
            ids.append(UUID(raw))
        except ValueError:
            raise DomainError("cli.bad_id", value=raw) from None
    if out.suffix.lower() != ".pdf":
        out = out.with_name(out.name + ".pdf")
    paths = resolve_paths(args.data_dir)
    services = open_services(paths)
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int) -> bool:
        if interactive:
            print(f"\r{text('printing.forms_progress', lang, value=done, maximum=total)}", end="", file=sys.stderr)
        return True

    try:
        if kind == "blank":
            pages = services.printing.blank_form(out)
        elif kind == "visit":
            pages = services.printing.visit_form(str(ids[0]), out)
        elif kind == "needs" and args.commune is not None:
            pages = services.reports.needs_summary_for_commune(args.commune, out)
        elif kind == "needs":
            pages = services.reports.needs_summary_for_establishment(ids[0], out)
        elif kind == "cp":
            pages = services.reports.cp_report(ids[0], out)
        else:
            stops = [str(i) for i in ids] if kind == "prefilled" else [str(s) for s in services.places.day_plan().stops]
            if not stops:
                raise DomainError("cli.route_empty")
            pages = services.printing.prefilled_forms(stops, out, progress=progress)
    finally:
        services.close()
        if interactive and kind in ("prefilled", "route"):
            print(file=sys.stderr)
    print(text("cli.print_done", lang, pages=pages, path=str(out)))
    return EXIT_OK


def centre_main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="kcfield-centre",
        description="kcfield-centre — cơ sở dữ liệu của Trung tâm Khuyến công: nhận gói dữ liệu của cộng tác viên, "
        "giải quyết xung đột, gửi danh mục và phân công. The centre commands (init, enrol, import, serve, "
        "conflicts, reference, stats) arrive with package sync.",
    )
    parser.add_argument("--version", action="version", version=f"kcfield-centre {__version__}")
    parser.add_argument("--db", metavar="URL", help="database URL (default: centre.db in the data folder)")
    parser.add_argument("--lang", choices=("vi", "en"))
    parser.add_argument("command", nargs="?", help="centre command")
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    print(f"kcfield-centre: {text('cli.not_yet', _lang(args))}", file=sys.stderr)
    return EXIT_USAGE
