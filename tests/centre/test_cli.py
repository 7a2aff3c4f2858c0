"""``kcfield-centre`` through ``centre_main``: output, exit codes, one line on a mistake, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kcfield.centre.collaborators import CentreCollaborators
from kcfield.centre.db import utc_now
from kcfield.centre.models import CentrePackage, PackageStatus
from kcfield.cli import centre_main
from kcfield.sync import keys
from tests.centre.conftest import CentreTarget

SUBCOMMANDS = ["init", "stats", "collaborators", "enrol", "import", "serve", "conflicts", "reference"]


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and "Traceback" not in err
    assert err.startswith("kcfield-centre: ")
    return err


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_centre_command_answers_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        centre_main([command, "--help"])
    assert caught.value.code == 0
    assert f"usage: kcfield-centre {command}" in capsys.readouterr().out


def test_init_prints_the_fingerprint_and_runs_again(
    empty_target: CentreTarget, capsys: pytest.CaptureFixture[str]
) -> None:
    assert centre_main([*empty_target.argv(), "init"]) == 0
    first = capsys.readouterr().out
    assert "Đã tạo cơ sở dữ liệu Trung tâm" in first and "Đã tạo khoá của Trung tâm" in first
    fingerprint = first.strip().splitlines()[-1].rsplit(": ", 1)[1]
    assert len(fingerprint.split()) == 16
    assert centre_main(["--lang", "en", "init", *empty_target.argv()]) == 0  # options after the command too
    second = capsys.readouterr().out
    assert "Centre database ready" in second and second.strip().endswith(fingerprint)


def test_stats_is_json_with_counts(target: CentreTarget, capsys: pytest.CaptureFixture[str]) -> None:
    with target.open() as db, db.write() as session:
        session.add(
            CentrePackage(
                package_id="0190d5c8-7a3e-7000-8000-000000000001",
                sha256="a" * 64,
                sender="CTV001",
                device_id="dev-a1",
                sequence=2,
                kind="field-changes",
                status=PackageStatus.HELD.value,
                received_at=utc_now(),
            )
        )
    assert centre_main([*target.argv(), "stats"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["database"] == target.backend
    assert stats["packages"] == {"applied": 0, "held": 1, "rejected": 0}
    assert stats["conflicts"] == {"open": 0, "resolved": 0}
    assert stats["collaborators"] == {"active": 0, "revoked": 0}
    assert stats["tables"]["centre_packages"] == 1 and stats["tables"]["establishments"] == 0
    assert stats["tables"]["communes"] > 3000
    assert len(stats["centre_key_fingerprint"].split()) == 16
    assert any(rev.startswith("c") for rev in stats["schema"])  # the centre branch's head


def test_collaborators_list_and_revoke(target: CentreTarget, capsys: pytest.CaptureFixture[str]) -> None:
    assert centre_main([*target.argv(), "collaborators"]) == 0
    assert "Chưa có cộng tác viên nào" in capsys.readouterr().out
    public = keys.public_bytes(keys.generate_private_key())
    with target.open() as db:
        CentreCollaborators(db).register("CTV001", "Nguyễn Thị Lan", public, "dev-a1", (26596,))
    assert centre_main([*target.argv(), "collaborators"]) == 0
    listed = capsys.readouterr().out
    assert "CTV001\tNguyễn Thị Lan\tđang hoạt động\tdev-a1\t26596\t" + keys.fingerprint(public) in listed
    assert centre_main([*target.argv(), "collaborators", "--revoke", "CTV001"]) == 0
    assert "Đã thu hồi khoá của cộng tác viên CTV001" in capsys.readouterr().out
    assert centre_main([*target.argv(), "--lang", "en", "collaborators"]) == 0
    assert "key revoked" in capsys.readouterr().out


def test_revoking_an_unknown_code_is_one_line(target: CentreTarget, capsys: pytest.CaptureFixture[str]) -> None:
    assert centre_main([*target.argv(), "collaborators", "--revoke", "CTV404"]) == 1
    assert "CTV404" in _one_line_error(capsys)


def test_commands_before_init_say_so(empty_target: CentreTarget, capsys: pytest.CaptureFixture[str]) -> None:
    assert centre_main([*empty_target.argv(), "stats"]) == 1
    assert "kcfield-centre init" in _one_line_error(capsys)
    assert centre_main([*empty_target.argv(), "collaborators"]) == 1
    _one_line_error(capsys)


def test_an_unreachable_database_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://nobody:secret@127.0.0.1:1/none"
    assert centre_main(["--db", url, "stats"]) == 1
    err = _one_line_error(capsys)
    assert "secret" not in err and "127.0.0.1" in err


def test_a_bad_url_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert centre_main(["--db", "mysql://u@h/db", "--lang", "en", "stats"]) == 1
    assert "Unusable database address" in _one_line_error(capsys)


def test_enrol_parses_its_arguments(target: CentreTarget, capsys: pytest.CaptureFixture[str]) -> None:
    assert centre_main([*target.argv(), "enrol", "req.json", "--communes", "26596,x"]) == 1
    assert "26596,x" in _one_line_error(capsys)
    assert centre_main([*target.argv(), "enrol", "req.json", "--communes", "26596,26680", "--out", "w.kcpkg"]) == 1
    assert "req.json" in _one_line_error(capsys)  # no such request file: one line naming it
    with pytest.raises(SystemExit) as caught:
        centre_main(["enrol", "req.json"])  # --communes is required
    assert caught.value.code == 2


def test_serve_without_a_centre_says_so_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert centre_main(["--data-dir", str(tmp_path / "none"), "serve", "--port", "0"]) == 1
    assert "kcfield-centre init" in _one_line_error(capsys)


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert centre_main([]) == 0
    assert "kcfield-centre" in capsys.readouterr().out


def test_a_bad_package_is_refused_in_one_line_and_the_rest_still_imported(
    target: CentreTarget, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "CTV001-000001-hong.kcpkg"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    missing = tmp_path / "khong-co.kcpkg"
    assert centre_main(["--lang", "en", *target.argv(), "import", str(bad), str(missing)]) == 1
    captured = capsys.readouterr()
    [line] = captured.out.strip().splitlines()
    assert line.startswith("CTV001-000001-hong.kcpkg: REFUSED") and "Traceback" not in captured.err
    assert "khong-co.kcpkg" in captured.err and captured.err.strip().count("\n") == 0


def test_an_old_enrolment_request_asks_for_a_new_one(
    target: CentreTarget, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A request made by kcfield before encrypted packages carries no encryption key: enrolling it would give a
    collaborator the centre cannot send anything to."""
    request = tmp_path / "old-request.json"
    request.write_text(
        json.dumps({"request": {"format": "kcfield-enrolment-request", "format_version": 1, "code": "CTV001"},
                    "signature": ""}),
        encoding="utf-8",
    )  # fmt: skip
    assert centre_main(["--lang", "en", *target.argv(), "enrol", str(request), "--communes", "26596"]) == 1
    err = _one_line_error(capsys)
    assert "older kcfield" in err and "new enrolment request" in err


def test_a_collaborator_enrolled_without_an_encryption_key_gets_no_package(
    target: CentreTarget, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    public = keys.public_bytes(keys.generate_private_key())
    with target.open() as db:
        CentreCollaborators(db).register("CTV001", "Nguyễn Thị Lan", public, "dev-a1", (26596,))
    out = tmp_path / "ref.kcpkg"
    assert (
        centre_main(["--lang", "en", *target.argv(), "reference", "--collaborator", "CTV001", "--out", str(out)]) == 1
    )
    err = _one_line_error(capsys)
    assert "CTV001" in err and "new enrolment request" in err
    assert not out.exists()


def test_an_unencrypted_package_is_refused_as_made_by_an_older_version(
    target: CentreTarget, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    old = tmp_path / "CTV001-000001-cu.kcpkg"
    with zipfile.ZipFile(old, "w") as archive:
        archive.writestr("manifest.json", b'{"format": "kcfield-package", "format_version": 1}')
    assert centre_main(["--lang", "en", *target.argv(), "import", str(old)]) == 1
    [line] = capsys.readouterr().out.strip().splitlines()
    assert line.startswith("CTV001-000001-cu.kcpkg: REFUSED") and "format 1, no longer accepted" in line
