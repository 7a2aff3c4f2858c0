"""``kcfield export`` and ``kcfield enrol-request``: a path (and fingerprint) printed, one line on errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from kcfield.cli import main
from kcfield.domain.enums import EstablishmentKind
from kcfield.domain.model import Establishment
from kcfield.paths import AppPaths
from kcfield.services.container import Services
from kcfield.services.sync_enrolment import read_enrolment_request


def _data(paths: AppPaths) -> list[str]:
    return ["--data-dir", str(paths.data_dir)]


def test_export_prints_the_package_path_then_says_nothing_is_pending(
    trusted: Services, app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trusted.establishments.create(Establishment(name="Lò bánh tráng Bà Năm", kind=EstablishmentKind.HOUSEHOLD))
    usb = tmp_path / "usb"
    usb.mkdir()
    assert main(["export", *_data(app_paths), "--out", str(usb)]) == 0
    out = capsys.readouterr().out
    (copied,) = usb.glob("CTV001-000001-*.kcpkg")
    assert str(copied) in out and "1 bản ghi" in out
    assert (app_paths.outbox / copied.name).is_file()
    assert main(["export", *_data(app_paths)]) == 0
    assert "Không có thay đổi nào chờ gửi" in capsys.readouterr().out


def test_export_mistakes_give_one_line(
    profiled: Services, app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "export", *_data(app_paths), "--out", str(tmp_path / "no-such-stick")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no-such-stick" in err and "Traceback" not in err


def test_export_before_the_welcome_package_gives_one_line(
    profiled: Services, app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    profiled.establishments.create(Establishment(name="Lò bánh tráng Bà Năm", kind=EstablishmentKind.HOUSEHOLD))
    assert main(["--lang", "en", "export", *_data(app_paths)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "encryption key" in err and "welcome package" in err and "Traceback" not in err
    assert list(app_paths.outbox.glob("*.kcpkg")) == []


def test_enrol_request_prints_path_and_fingerprint(
    profiled: Services, app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "enrol-CTV001.json"
    assert main(["enrol-request", *_data(app_paths), "--out", str(target)]) == 0
    out = capsys.readouterr().out
    request = read_enrolment_request(target)
    assert str(target) in out and request.fingerprint in out and request.code == "CTV001"


def test_enrol_request_without_a_profile_says_so(
    services: Services, app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["enrol-request", *_data(app_paths), "--out", str(tmp_path / "r.json")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "hồ sơ cộng tác viên" in err and "Traceback" not in err
    assert not (tmp_path / "r.json").exists()


@pytest.mark.parametrize("command", ["export", "enrol-request"])
def test_sync_commands_answer_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([command, "--help"])
    assert caught.value.code == 0
    assert "usage: kcfield" in capsys.readouterr().out
