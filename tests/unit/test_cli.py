"""The command-line contract: --help everywhere, one clear line on a user mistake, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kcfield.cli import centre_main, main

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), KCFIELD_LANG="vi")
    if data_dir is not None:
        env["KCFIELD_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "kcfield", *args], env=env, capture_output=True, text=True, check=False, timeout=120
    )


@pytest.mark.parametrize("argv", [["--help"], ["demo", "--help"], ["info", "--help"]])
def test_every_command_answers_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 0
    assert "usage: kcfield" in capsys.readouterr().out


def test_centre_answers_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        centre_main(["--help"])
    assert caught.value.code == 0
    assert "kcfield-centre" in capsys.readouterr().out


def test_demo_then_info_through_the_real_entry_point(tmp_path: Path) -> None:
    done = _run("demo", "--establishments", "50", "--seed", "2", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Đã tạo 50 cơ sở" in done.stdout
    info = _run("info", data_dir=tmp_path)
    assert info.returncode == 0, info.stderr
    assert "Số cơ sở: 50" in info.stdout and "chuỗi băm nguyên vẹn" in info.stdout


def test_user_mistakes_give_one_line_and_no_traceback(tmp_path: Path) -> None:
    bad_count = _run("demo", "--establishments", "0", data_dir=tmp_path)
    assert bad_count.returncode == 1
    assert bad_count.stderr.strip().count("\n") == 0 and "Traceback" not in bad_count.stderr
    assert "1.000.000" in bad_count.stderr
    not_a_db = tmp_path / "other"
    not_a_db.mkdir()
    (not_a_db / "kcfield.db").write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    refused = _run("info", data_dir=not_a_db)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "kcfield.db" in refused.stderr and refused.stderr.strip().count("\n") == 0


def test_english_messages_on_request(tmp_path: Path) -> None:
    done = _run("--lang", "en", "demo", "--establishments", "0", data_dir=tmp_path)
    assert "between 1 and 1,000,000" in done.stderr


def test_argument_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["demo", "--establishments", "many"])
    assert caught.value.code == 2
    assert "invalid int value" in capsys.readouterr().err
