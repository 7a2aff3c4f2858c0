"""The ``kcfield`` and ``kcfield-centre`` commands: argument parsing and printing only.

Every command takes ``--help``; a user mistake exits non-zero with one clear line (in Vietnamese unless
``--lang en`` or ``KCFIELD_LANG=en``), never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from kcfield import __version__
from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error, text

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
ENV_KEY_PASSPHRASE = "KCFIELD_KEY_PASSPHRASE"
ENV_NEW_KEY_PASSPHRASE = "KCFIELD_NEW_KEY_PASSPHRASE"


@contextlib.contextmanager
def _services(args: argparse.Namespace) -> Iterator[Any]:
    """The laptop's services over the data folder the command was given, closed however the command ends."""
    from kcfield.paths import resolve_paths
    from kcfield.services.container import open_services

    services = open_services(resolve_paths(args.data_dir))
    services.sync_field.vault.set_passphrase_source(_passphrase_source)
    try:
        services.backups.daily_if_due()  # the daily backup, when the last one is a day old
        yield services
    finally:
        services.close()


def _passphrase_source() -> str | None:
    """The key passphrase for a protected key: ``KCFIELD_KEY_PASSPHRASE``, else asked on the terminal; None
    (the command then says the key is locked) when neither is there."""
    given = os.environ.get(ENV_KEY_PASSPHRASE)
    if given:
        return given
    if not sys.stdin.isatty():
        return None
    import getpass

    return getpass.getpass("Mật khẩu khoá riêng / key passphrase: ")


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
    demo.add_argument(
        "--unsynced", action="store_true", help="make the records this laptop's own unsent work (a sync exercise)"
    )

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

    export = commands.add_parser(
        "export",
        help="write a signed package of every pending change into the outbox; print its path",
        description="Write a package (.kcpkg) of every change not yet exported into the outbox of the data folder "
        "and print its path. With --out, also copy it into that folder (e.g. a USB stick).",
    )
    _common(export)
    export.add_argument("--out", metavar="DIR", help="also copy the package into this folder")

    enrol = commands.add_parser(
        "enrol-request",
        help="write this collaborator's signed enrolment request for the centre; print the key fingerprint",
    )
    _common(enrol)
    enrol.add_argument("--out", required=True, metavar="FILE", help="where to write the request (JSON)")

    profile = commands.add_parser(
        "profile",
        help="set this laptop's collaborator profile (what the first-run wizard asks) and make the key",
    )
    _common(profile)
    profile.add_argument("--code", required=True, metavar="CODE", help="collaborator code given by the centre")
    profile.add_argument("--name", required=True, metavar="NAME", help="full name")
    profile.add_argument("--phone", default="", metavar="PHONE", help="mobile number")
    profile.add_argument("--province", type=int, metavar="CODE", help="province code")
    profile.add_argument("--communes", default="", metavar="CODE,...", help="assigned commune codes")

    edit = commands.add_parser(
        "edit",
        help="change fields of an establishment: kcfield edit ID field=value ... (checked like the editor)",
    )
    _common(edit)
    edit.add_argument("id", metavar="ID", help="the establishment's id")
    edit.add_argument("changes", nargs="+", metavar="FIELD=VALUE", help="e.g. village='Ấp 2' workers_total=15")

    importing = commands.add_parser(
        "import",
        help="apply the centre's packages: receipts and reference packages (the welcome package first)",
        description="Apply receipts (records the centre accepted become synced) and reference packages "
        "(establishments of your communes, assignments). The first package must be the welcome package the centre "
        "wrote at enrolment: its key fingerprint is printed to be checked aloud.",
    )
    _common(importing)
    importing.add_argument("files", nargs="+", metavar="FILE", help="package files (.kcpkg)")

    syncing = commands.add_parser(
        "sync",
        help="sync with the centre over the network: send pending changes, apply receipts and new data",
        description="Export the pending changes, upload every package the centre has not acknowledged (in order, "
        "retrying on a bad connection), apply the receipts, then fetch and apply the centre's new data. Proxies "
        "come from HTTP_PROXY/HTTPS_PROXY. Without --centre, the address used last time.",
    )
    _common(syncing)
    syncing.add_argument("--centre", metavar="URL", help="the centre's address, e.g. https://khuyencong.example.vn")

    backup = commands.add_parser("backup", help="back up the local store now; print the backup's path")
    _common(backup)
    listing = commands.add_parser("backups", help="list the backups of the local store, newest first")
    _common(listing)
    restoring = commands.add_parser(
        "restore",
        help="replace the local store with a backup (the current one is kept aside as a backup)",
        description="Check the backup, keep the current store aside as a 'before-restore' backup, then make the "
        "backup the local store. Changes made after the backup's time are gone from this laptop (packages already "
        "sent stay at the centre); package numbering carries on where it was, so the centre accepts the next one.",
    )
    _common(restoring)
    restoring.add_argument("file", metavar="FILE", help="the backup (a .db file, e.g. from `kcfield backups`)")
    restoring.add_argument("--yes", action="store_true", help="do not ask for confirmation (needed without a terminal)")

    passphrase = commands.add_parser(
        "key-passphrase",
        help="protect the private key with a passphrase, change it, or remove it",
        description="Asks on the terminal for the current passphrase (when the key has one) and the new one twice. "
        f"Without a terminal the passphrases come from {ENV_KEY_PASSPHRASE} (current) and "
        f"{ENV_NEW_KEY_PASSPHRASE} (new). Commands that sign or open packages then ask for it, or read "
        f"{ENV_KEY_PASSPHRASE}.",
    )
    _common(passphrase)
    passphrase.add_argument("--remove", action="store_true", help="store the key without a passphrase again")
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
        if args.command == "export":
            return _export(args, lang)
        if args.command == "import":
            return _field_import(args, lang)
        if args.command == "sync":
            return _sync(args, lang)
        if args.command == "profile":
            return _profile(args, lang)
        if args.command == "edit":
            return _edit(args, lang)
        if args.command == "enrol-request":
            return _enrol_request(args, lang)
        if args.command == "backup":
            return _backup(args, lang)
        if args.command == "backups":
            return _backups(args, lang)
        if args.command == "restore":
            return _restore(args, lang)
        if args.command == "key-passphrase":
            return _key_passphrase(args, lang)
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


def _key_passphrase(args: argparse.Namespace, lang: str) -> int:
    from kcfield.paths import resolve_paths
    from kcfield.services.key_vault import KeyVault
    from kcfield.services.sync_enrolment import KEY_FILE_NAME

    vault = KeyVault(resolve_paths(args.data_dir).keys / KEY_FILE_NAME)
    interactive = sys.stdin.isatty()
    import getpass

    def ask(prompt_code: str, variable: str) -> str | None:
        if interactive:
            return getpass.getpass(text(prompt_code, lang) + " ")
        return os.environ.get(variable) or None

    current = ask("cli.key_passphrase_current", ENV_KEY_PASSPHRASE) if vault.is_protected() else None
    if vault.is_protected() and current is None:
        raise DomainError("key.locked", path=str(vault.path))
    new = None
    if not args.remove:
        new = ask("cli.key_passphrase_new", ENV_NEW_KEY_PASSPHRASE)
        if new is None:
            raise DomainError("key.passphrase_too_short", minimum=8)
        if interactive and getpass.getpass(text("cli.key_passphrase_repeat", lang) + " ") != new:
            raise DomainError("key.passphrase_mismatch")
    vault.set_passphrase(current, new)
    print(text("key.passphrase_removed" if new is None else "key.passphrase_set", lang))
    print(text("cli.key_fingerprint", lang, fingerprint=vault.fingerprint()))
    return 0


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
            args.establishments, args.seed, progress=report, unsynced=args.unsynced
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

    paths = resolve_paths(args.data_dir)
    with _services(args) as services:
        services.audit.verify()
        user = services.collaborators.local_user()
        print(text("cli.info_data_dir", lang, path=str(paths.data_dir)))
        print(text("cli.info_database", lang, path=str(paths.database)))
        print(text("cli.info_user", lang, user=f"{user.code} — {user.full_name}" if user else "—"))
        print(text("cli.info_establishments", lang, count=services.establishments.count()))
        print(text("cli.info_audit", lang, count=services.audit.count()))
        for dataset in services.reference.datasets():
            print(f"  {dataset.name}: {dataset.version} ({dataset.origin})")
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


def _export(args: argparse.Namespace, lang: str) -> int:
    from pathlib import Path

    with _services(args) as services:
        sync = services.sync_field
        result = sync.export(Path(args.out) if args.out else None)
    if result is None:
        print(text("cli.export_nothing", lang))
        return EXIT_OK
    path = result.copied_to or result.path
    print(text("cli.export_done", lang, sequence=result.sequence, records=result.record_count, path=str(path)))
    return EXIT_OK


def _sync(args: argparse.Namespace, lang: str) -> int:
    from kcfield.services.progress import ProgressUpdate
    from kcfield.services.sync_online import OnlineSync

    interactive = sys.stderr.isatty()

    def report(update: ProgressUpdate) -> None:
        if interactive:
            line = text(update.label, lang, value=update.value, maximum=update.maximum)
            print(f"\r\033[K{line}", end="", file=sys.stderr)

    with _services(args) as services:
        online = OnlineSync(services.ctx, services.sync_field, services.sync_import, services.preferences)
        try:
            outcome = online.sync(args.centre, progress=report)
        finally:
            if interactive:
                print(file=sys.stderr)
    for upload in outcome.uploads:
        print(f"{upload.file}: {upload.status}")
    code, params = outcome.summary()
    if not outcome.ok:
        print(f"kcfield: {text(code, lang, **params)}", file=sys.stderr)
        return EXIT_ERROR
    print(text(code, lang, **params))
    return EXIT_OK


def _profile(args: argparse.Namespace, lang: str) -> int:

    communes = tuple(int(c) for c in args.communes.split(",") if c.strip()) if args.communes else ()
    with _services(args) as services:
        user = services.collaborators.save_local_user(args.code, args.name, args.phone, args.province, communes)
        services.collaborators.adopt_identity()
        fingerprint = services.sync_field.ensure_key()
    print(text("cli.profile_done", lang, code=user.code, name=user.full_name, fingerprint=fingerprint))
    return EXIT_OK


def _edit(args: argparse.Namespace, lang: str) -> int:
    import dataclasses
    import typing
    from uuid import UUID

    from kcfield.domain.model import Establishment, editable_field_names
    from kcfield.domain.serialization import from_json, to_json

    try:
        record_id = UUID(args.id)
    except ValueError:
        raise DomainError("cli.bad_id", value=args.id) from None
    names = set(editable_field_names(Establishment))
    changes: dict[str, str] = {}
    for change in args.changes:
        name, sep, value = change.partition("=")
        if not sep or name not in names:
            raise DomainError("cli.bad_change", change=change)
        changes[name] = value
    hints = typing.get_type_hints(Establishment)
    with _services(args) as services:
        current = services.establishments.get(record_id)
        data = to_json(current)
        for name, value in changes.items():
            data[name] = _typed(value, hints[name])
        try:
            updated = from_json(Establishment, data)
        except (TypeError, ValueError) as exc:
            raise DomainError("cli.bad_change", change=", ".join(args.changes)) from exc
        saved = services.establishments.update(dataclasses.replace(updated, id=current.id, meta=current.meta))
    print(text("cli.edit_done", lang, name=saved.name, fields=", ".join(sorted(changes))))
    return EXIT_OK


def _typed(value: str, hint: Any) -> Any:
    """A command-line value for a field: empty is "unknown", numbers for numeric fields, text otherwise."""
    import types
    import typing

    args = [a for a in typing.get_args(hint) if a is not type(None)]
    target = args[0] if typing.get_origin(hint) in (types.UnionType, typing.Union) and args else hint
    if value == "" and target is not str:
        return None
    if target is int:
        return int(value)
    if target is float:
        return float(value.replace(",", "."))
    if target is bool:
        return value.lower() in ("1", "true", "yes", "có", "co")
    return value


def _field_import(args: argparse.Namespace, lang: str) -> int:
    from pathlib import Path

    failed = False
    with _services(args) as services:
        for name in args.files:
            try:
                result = services.sync_import.import_file(Path(name))
            except DomainError as error:
                print(f"kcfield: {describe_error(error, lang)}", file=sys.stderr)
                failed = True
                continue
            summary = ", ".join(f"{key}: {value}" for key, value in sorted(result.counts.items())) or "—"
            if result.kind == "receipt":
                print(text("cli.import_receipt", lang, file=result.file, package=result.package_id, summary=summary))
            else:
                print(text("cli.import_reference", lang, file=result.file, summary=summary))
            if result.trusted_fingerprint:
                print(text("cli.import_trusted", lang, fingerprint=result.trusted_fingerprint))
    return EXIT_ERROR if failed else EXIT_OK


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _backup(args: argparse.Namespace, lang: str) -> int:
    with _services(args) as services:
        made = services.backups.backup_now()
    print(text("backup.done", lang, path=str(made.path), size=_size(made.size)))
    return EXIT_OK


def _backups(args: argparse.Namespace, lang: str) -> int:
    from kcfield.paths import resolve_paths
    from kcfield.services.backups import BackupService
    from kcfield.services.context import VIETNAM_TZ

    paths = resolve_paths(args.data_dir)  # listing opens no store: it works while the app runs
    found = BackupService(paths).backups()
    if not found:
        print(text("backup.none", lang, folder=str(paths.backups)))
        return EXIT_OK
    print(text("backup.list_header", lang))
    for item in found:
        when = item.taken_at.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M:%S")
        kind = text(f"backup.kind.{item.kind}", lang)
        print(f"{when:<20} {kind:<17} {_size(item.size):>10}  {item.revision or '—':<8} {item.path}")
    return EXIT_OK


def _restore(args: argparse.Namespace, lang: str) -> int:
    from pathlib import Path

    from kcfield.instance import FolderLock
    from kcfield.paths import resolve_paths
    from kcfield.services.backups import restore
    from kcfield.services.context import VIETNAM_TZ
    from kcfield.store.backup import parse_name, verify_backup

    paths = resolve_paths(args.data_dir)
    chosen = Path(args.file).expanduser().resolve()
    if not args.yes:
        if not sys.stdin.isatty():
            raise DomainError("backup.restore_needs_yes")
        verify_backup(chosen)  # a bad file is refused before the question
        parsed = parse_name(chosen, paths.database.stem)
        taken = parsed[1] if parsed else datetime.fromtimestamp(chosen.stat().st_mtime, UTC)
        when = taken.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M")
        answer = input(text("backup.restore_confirm", lang, path=str(chosen), when=when))
        if answer.strip().lower() not in ("co", "có", "c", "yes", "y"):
            print(text("backup.restore_cancelled", lang))
            return EXIT_ERROR
    lock = FolderLock(paths.data_dir)
    if not lock.acquire():  # a window is open on this data: it would go on over a store replaced under it
        raise DomainError("backup.in_use", path=str(paths.data_dir))
    try:
        result = restore(paths, chosen)
    finally:
        lock.release()
    print(text("backup.restored", lang, path=str(result.restored_from)))
    if result.kept_aside is not None:
        code = "backup.kept_aside" if result.current_readable else "backup.kept_aside_unreadable"
        print(text(code, lang, path=str(result.kept_aside)))
    print(text("backup.next_package", lang, sequence=result.next_sequence))
    return EXIT_OK


def _enrol_request(args: argparse.Namespace, lang: str) -> int:
    from pathlib import Path

    with _services(args) as services:
        written = services.sync_field.enrol_request(Path(args.out))
    print(text("cli.enrol_request_done", lang, path=str(written.path)))
    print(text("cli.enrol_request_fingerprint", lang, fingerprint=written.fingerprint))
    return EXIT_OK


def _centre_common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """Options accepted before or after the centre command (SUPPRESS keeps what was given before it)."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help="database URL, e.g. postgresql+psycopg://user@host/kcfield (default: centre.db in the data folder)",
    )
    parser.add_argument(
        "--data-dir", metavar="DIR", default=default, help="data folder (default: KCFIELD_DATA_DIR or the user folder)"
    )
    parser.add_argument(
        "--key",
        metavar="FILE",
        default=default,
        help="the centre's private key file (default: KCFIELD_CENTRE_KEY, or centre-key.pem beside a SQLite file)",
    )
    parser.add_argument("--lang", choices=("vi", "en"), default=default, help="language of messages (default vi)")


def build_centre_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kcfield-centre",
        description="kcfield-centre — cơ sở dữ liệu của Trung tâm Khuyến công: nhận gói dữ liệu của cộng tác viên, "
        "giải quyết xung đột, gửi danh mục và phân công. The provincial centre's database: collaborators' packages "
        "in, conflicts resolved, reference data and assignments out.",
    )
    parser.add_argument("--version", action="version", version=f"kcfield-centre {__version__}")
    _centre_common(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser(
        "init",
        help="create or upgrade the centre database and the centre key; print the key fingerprint",
        description="Create the centre database (or bring an older one to this version, after a backup), load the "
        "bundled reference data and make the centre's signing key on first use. Safe to run again.",
    )
    _centre_common(init)

    stats = commands.add_parser("stats", help="JSON counts per table and per package status")
    _centre_common(stats)

    collaborators = commands.add_parser(
        "collaborators", help="list enrolled collaborators; --revoke CODE stops trusting a collaborator's key"
    )
    _centre_common(collaborators)
    collaborators.add_argument("--revoke", metavar="CODE", help="revoke this collaborator's key")

    enrol = commands.add_parser(
        "enrol",
        help="register a collaborator's enrolment request and write their welcome package",
        description="Register the key in an enrolment request (made by `kcfield enrol-request`) for the communes "
        "given, and write a welcome reference package signed by the centre key.",
    )
    _centre_common(enrol)
    enrol.add_argument("request", metavar="REQUEST", help="the enrolment request file")
    enrol.add_argument("--communes", required=True, metavar="CODE,...", help="commune codes, comma separated")
    enrol.add_argument("--out", metavar="WELCOME.kcpkg", help="where to write the welcome package")

    importing = commands.add_parser(
        "import", help="apply collaborators' packages (exit 0 when every package was accepted or held)"
    )
    _centre_common(importing)
    importing.add_argument("files", nargs="+", metavar="FILE", help="package files (.kcpkg)")
    importing.add_argument(
        "--out", metavar="DIR", help="where the receipts are written (default: receipts/ in the data folder)"
    )

    serve = commands.add_parser("serve", help="answer the collaborators' laptops over HTTP")
    _centre_common(serve)
    serve.add_argument("--host", default="127.0.0.1", metavar="H", help="address to listen on")
    serve.add_argument("--port", type=int, default=8765, metavar="P", help="port to listen on")

    conflicts = commands.add_parser("conflicts", help="list, show and resolve conflicting edits")
    _centre_common(conflicts)
    conflicts.add_argument("action", choices=("list", "show", "resolve"))
    conflicts.add_argument("id", nargs="?", metavar="ID", help="the conflict (show, resolve)")
    conflicts.add_argument("--take", metavar="field|centre|VALUES", help="resolve: which value wins")

    dataset = commands.add_parser(
        "reference-data", help="publish a newer version of a reference dataset (rules, benchmarks, communes …)"
    )
    _centre_common(dataset)
    dataset.add_argument("name", metavar="NAME", help="dataset name, e.g. support_rules, cp_benchmarks")
    dataset.add_argument("file", metavar="FILE", help="the dataset file (CSV or JSON, as in resources/data)")
    dataset.add_argument("--version", required=True, metavar="V", help="its version, higher than the current one")
    dataset.add_argument("--source", default="", metavar="TEXT", help="where the figures come from")

    personal = commands.add_parser(
        "personal-data", help="show or choose which personal fields (phones, ID numbers) laptops send"
    )
    _centre_common(personal)
    personal.add_argument(
        "--collect",
        metavar="FIELDS",
        help="comma-separated fields to collect (rep_phone, rep_email, rep_personal_id, respondent_phone); "
        "'' collects none",
    )

    reference = commands.add_parser("reference", help="write a collaborator's reference package")
    _centre_common(reference)
    reference.add_argument("--collaborator", required=True, metavar="CODE", help="collaborator code")
    reference.add_argument(
        "--out", required=True, metavar="FILE|DIR", help="the package file to write, or a folder to write it into"
    )
    return parser


def centre_main(argv: Sequence[str] | None = None) -> int:
    parser = build_centre_parser()
    args = parser.parse_args(argv)
    lang = _lang(args)
    try:
        if args.command is None:
            parser.print_help()
            return EXIT_OK
        if args.command == "init":
            return _centre_init(args, lang)
        if args.command == "stats":
            return _centre_stats(args)
        if args.command == "collaborators":
            return _centre_collaborators(args, lang)
        if args.command == "import":
            return _centre_import(args, lang)
        if args.command == "conflicts":
            return _centre_conflicts(args, lang)
        if args.command == "reference":
            return _centre_reference(args, lang)
        if args.command == "reference-data":
            return _centre_reference_data(args, lang)
        if args.command == "personal-data":
            return _centre_personal_data(args, lang)
        if args.command == "enrol":
            return _centre_enrol(args, lang)
        if args.command == "serve":
            return _centre_serve(args, lang)
    except DomainError as error:
        print(f"kcfield-centre: {describe_error(error, lang)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("kcfield-centre: " + text("cli.interrupted", lang), file=sys.stderr)
        return 130
    except OSError as error:
        print(f"kcfield-centre: {error.strerror or error} ({error.filename or ''})", file=sys.stderr)
        return EXIT_ERROR
    print(f"kcfield-centre: {text('cli.not_yet', lang)}", file=sys.stderr)
    return EXIT_USAGE


def _centre_serve(args: argparse.Namespace, lang: str) -> int:
    """Answer the laptops over HTTP until Ctrl+C or SIGTERM (uvicorn finishes the requests in flight)."""
    import logging

    import uvicorn

    from kcfield.centre.db import open_centre, resolve_key_path
    from kcfield.centre.identity import load_identity
    from kcfield.centre.server import create_app
    from kcfield.paths import resolve_paths

    data_dir = resolve_paths(args.data_dir).data_dir
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    server_log = logging.getLogger("kcfield.centre.server")
    server_log.addHandler(handler)
    server_log.setLevel(logging.INFO)
    server_log.propagate = False
    with open_centre(args.db, args.data_dir) as db:
        identity = load_identity(db, resolve_key_path(db.location, args.key))
        app = create_app(db, identity, data_dir)
        print(text("server.listening", lang, host=args.host, port=str(args.port), fingerprint=identity.fingerprint))
        uvicorn.run(app, host=args.host, port=args.port, access_log=False, log_level="warning")
    return EXIT_OK


def _parse_communes(raw: str) -> list[int]:
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if not parts or not all(p.isdigit() for p in parts):
        raise DomainError("centre.bad_communes", value=raw)
    return [int(p) for p in parts]


def _centre_init(args: argparse.Namespace, lang: str) -> int:
    from kcfield.centre.setup import init_centre

    result = init_centre(args.db, args.data_dir, args.key)
    if result.created:
        print(text("centre.init_created", lang, where=result.where))
    elif result.upgraded:
        print(text("centre.init_upgraded", lang, where=result.where))
    else:
        print(text("centre.init_ready", lang, where=result.where))
    if result.backup is not None:
        print(text("centre.init_backup", lang, path=str(result.backup)))
    if result.reference_loaded:
        print(text("centre.init_reference", lang, names=", ".join(result.reference_loaded)))
    key_text = "centre.init_key_created" if result.key_created else "centre.init_key"
    print(text(key_text, lang, path=str(result.identity.key_path)))
    print(text("centre.fingerprint", lang, fingerprint=result.identity.fingerprint))
    return EXIT_OK


def _centre_import(args: argparse.Namespace, lang: str) -> int:
    from pathlib import Path

    from kcfield.centre.db import open_centre, resolve_key_path
    from kcfield.centre.identity import load_identity
    from kcfield.centre.importer import CentreImporter
    from kcfield.paths import resolve_paths

    data_dir = resolve_paths(args.data_dir).data_dir
    receipts = Path(args.out) if args.out else data_dir / "receipts"
    all_accepted = True
    with open_centre(args.db, args.data_dir) as db:
        identity = load_identity(db, resolve_key_path(db.location, args.key))
        importer = CentreImporter(db, identity, receipts, data_dir / "centre-attachments")
        for name in args.files:
            path = Path(name)
            if not path.is_file():
                print(text("centre.import_missing", lang, file=name), file=sys.stderr)
                all_accepted = False
                continue
            for result in importer.import_file(path):
                all_accepted &= result.status != "rejected"
                print(_import_line(result, lang))
    return EXIT_OK if all_accepted else EXIT_ERROR


def _centre_enrol(args: argparse.Namespace, lang: str) -> int:
    from pathlib import Path

    from kcfield.centre.collaborators import CentreCollaborators
    from kcfield.centre.db import open_centre, resolve_key_path
    from kcfield.centre.identity import load_identity
    from kcfield.centre.reference import ReferenceBuilder
    from kcfield.services.sync_enrolment import read_enrolment_request

    communes = _parse_communes(args.communes)
    request = read_enrolment_request(Path(args.request))
    with open_centre(args.db, args.data_dir) as db:
        identity = load_identity(db, resolve_key_path(db.location, args.key))
        enrolled = CentreCollaborators(db).register(
            request.code,
            request.full_name,
            request.public_key,
            request.device_id,
            communes,
            encryption_key=request.encryption_key,
        )
        out = Path(args.out) if args.out else Path.cwd() / f"welcome-{enrolled.code}.kcpkg"
        folder = out if out.is_dir() else out.parent
        folder.mkdir(parents=True, exist_ok=True)
        summary = ReferenceBuilder(db, identity).write(enrolled.code, folder)
    path = summary.package.path if out.is_dir() else summary.package.path.replace(out)
    print(text("centre.enrolled", lang, collaborator=enrolled.code, name=enrolled.full_name,
               fingerprint=enrolled.key_fingerprint, path=str(path)))  # fmt: skip
    print(text("centre.fingerprint", lang, fingerprint=identity.fingerprint))
    return EXIT_OK


def _centre_conflicts(args: argparse.Namespace, lang: str) -> int:
    import json

    from kcfield.centre.conflicts import CentreConflicts
    from kcfield.centre.db import open_centre

    def value(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False)

    with open_centre(args.db, args.data_dir) as db:
        conflicts = CentreConflicts(db)
        if args.action == "list":
            found = conflicts.list()
            if not found:
                print(text("centre.conflicts_none", lang))
            for c in found:
                print(text("centre.conflict_line", lang, id=c.id, entity=c.entity, record=c.record_id,
                           field=c.field_name, centre=value(c.centre_value), sender=c.sender,
                           value=value(c.field_value)))  # fmt: skip
            return EXIT_OK
        if args.id is None or not str(args.id).isdigit():
            raise DomainError("centre.conflict_id_needed")
        if args.action == "show":
            print(json.dumps(conflicts.show(int(args.id)).to_json(), ensure_ascii=False, indent=2))
            return EXIT_OK
        if not args.take:
            raise DomainError("centre.take_needed")
        done = conflicts.resolve(int(args.id), args.take)
    print(text("centre.conflict_done", lang, id=done.id, field=done.field_name, value=value(done.resolution)))
    return EXIT_OK


def _centre_reference_data(args: argparse.Namespace, lang: str) -> int:
    from pathlib import Path

    from kcfield.centre.db import open_centre
    from kcfield.centre.reference_data import load_centre_dataset

    with open_centre(args.db, args.data_dir) as db:
        load_centre_dataset(db, args.name, Path(args.file), args.version, args.source)
    print(text("centre.dataset_loaded", lang, name=args.name, version=args.version))
    return EXIT_OK


def _centre_personal_data(args: argparse.Namespace, lang: str) -> int:
    from kcfield.centre.db import open_centre
    from kcfield.centre.reference_data import collected_fields, set_collected_fields
    from kcfield.domain.personal import COLLECTABLE

    with open_centre(args.db, args.data_dir) as db:
        if args.collect is not None:
            collect = set_collected_fields(db, args.collect.split(","))
        else:
            with db.read() as session:
                collect = collected_fields(session)
    none = text("personal.nothing", lang)
    shown = ", ".join(sorted(collect)) or none
    withheld = ", ".join(sorted(COLLECTABLE - collect)) or none
    print(text("personal.collect", lang, collect=shown, withheld=withheld))
    return EXIT_OK


def _centre_reference(args: argparse.Namespace, lang: str) -> int:
    from pathlib import Path

    from kcfield.centre.db import open_centre, resolve_key_path
    from kcfield.centre.identity import load_identity
    from kcfield.centre.reference import ReferenceBuilder

    out = Path(args.out)
    with open_centre(args.db, args.data_dir) as db:
        identity = load_identity(db, resolve_key_path(db.location, args.key))
        folder = out if out.is_dir() else out.parent
        folder.mkdir(parents=True, exist_ok=True)
        summary = ReferenceBuilder(db, identity).write(args.collaborator, folder)
    path = summary.package.path
    if not out.is_dir() and out.suffix:
        path = summary.package.path.replace(out)
    print(text("centre.reference_done", lang, collaborator=args.collaborator.upper(),
               establishments=summary.establishments, assignments=summary.assignments, path=str(path)))  # fmt: skip
    return EXIT_OK


def _import_line(result: Any, lang: str) -> str:
    if result.status == "rejected":
        reason = text(result.reason, lang, **{"file": result.file, **result.params})
        return text("centre.import_rejected", lang, file=result.file, reason=reason)
    if result.status == "held":
        return text("centre.import_held", lang, file=result.file, waiting_for=result.waiting_for)
    if result.status == "duplicate":
        return text("centre.import_duplicate", lang, file=result.file, receipt=str(result.receipt))
    counts = result.counts()
    return text(
        "centre.import_applied",
        lang,
        file=result.file,
        applied=counts.get("applied", 0),
        merged=counts.get("merged", 0),
        conflicts=counts.get("conflict", 0),
        rejected=counts.get("rejected", 0),
        receipt=str(result.receipt),
    )


def _centre_stats(args: argparse.Namespace) -> int:
    import json

    from kcfield.centre.db import open_centre
    from kcfield.centre.stats import centre_stats

    with open_centre(args.db, args.data_dir) as db:
        counts = centre_stats(db)
    print(json.dumps(counts, ensure_ascii=False, indent=2, sort_keys=True))
    return EXIT_OK


def _centre_collaborators(args: argparse.Namespace, lang: str) -> int:
    from kcfield.centre.collaborators import CentreCollaborators
    from kcfield.centre.db import open_centre

    with open_centre(args.db, args.data_dir) as db:
        service = CentreCollaborators(db)
        if args.revoke is not None:
            revoked = service.revoke(args.revoke)
            print(text("centre.revoked_done", lang, collaborator=revoked.code))
            return EXIT_OK
        enrolled = service.enrolled()
    if not enrolled:
        print(text("centre.collaborators_none", lang))
        return EXIT_OK
    for person in enrolled:
        status = text(f"centre.status_{person.status.value}", lang)
        communes = ",".join(str(c) for c in person.communes) or "—"
        print(f"{person.code}\t{person.full_name}\t{status}\t{person.device_id}\t{communes}\t{person.key_fingerprint}")
    return EXIT_OK
