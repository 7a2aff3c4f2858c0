"""The optional passphrase on the collaborator's private key: the file alone opens nothing."""

from __future__ import annotations

import json
import stat
import unicodedata
from pathlib import Path

import pytest

from kcfield.cli import main
from kcfield.domain.enums import EstablishmentKind
from kcfield.domain.errors import DomainError
from kcfield.domain.messages import text
from kcfield.domain.model import Establishment
from kcfield.paths import AppPaths
from kcfield.services.container import Services
from kcfield.services.key_vault import KeyVault
from kcfield.sync import keys, protected_key
from kcfield.sync.protected_key import ScryptCost
from tests.conftest import CentreKeys

CHEAP = ScryptCost(n=2**10)  # the real cost (2^17) is for people; tests need many opens
PASSPHRASE = "mật khẩu dài"


def _protected_file(tmp_path: Path) -> tuple[Path, keys.Ed25519PrivateKey]:
    key = keys.generate_private_key()
    path = tmp_path / "collaborator.key"
    keys.write_private_file(path, protected_key.protect(key, PASSPHRASE, CHEAP))
    return path, key


def test_a_protected_file_opens_with_its_passphrase_only(tmp_path: Path) -> None:
    path, key = _protected_file(tmp_path)
    assert protected_key.is_protected(path)
    assert keys.public_bytes(protected_key.unlock(path, PASSPHRASE)) == keys.public_bytes(key)
    with pytest.raises(DomainError) as caught:
        protected_key.unlock(path, PASSPHRASE + "x")
    assert caught.value.code == "key.wrong_passphrase"
    assert "Caps Lock" in text(caught.value.code, "en", path=str(path))


def test_the_file_holds_no_private_key_bytes_and_is_owner_only(tmp_path: Path) -> None:
    path, key = _protected_file(tmp_path)
    raw = key.private_bytes(
        keys.serialization.Encoding.Raw, keys.serialization.PrivateFormat.Raw, keys.serialization.NoEncryption()
    )
    content = path.read_bytes()
    assert raw not in content
    assert raw.hex().encode() not in content
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_passphrase_is_compared_after_unicode_normalisation(tmp_path: Path) -> None:
    path, key = _protected_file(tmp_path)
    decomposed = unicodedata.normalize("NFD", PASSPHRASE)
    assert decomposed != PASSPHRASE
    assert keys.public_bytes(protected_key.unlock(path, decomposed)) == keys.public_bytes(key)


def test_a_swapped_public_key_makes_the_file_fail(tmp_path: Path) -> None:
    path, _key = _protected_file(tmp_path)
    document = json.loads(path.read_text())
    other = keys.public_bytes(keys.generate_private_key())
    document["public_key"] = protected_key._b64(other)
    path.write_text(json.dumps(document))
    with pytest.raises(DomainError) as caught:
        protected_key.unlock(path, PASSPHRASE)
    assert caught.value.code == "key.wrong_passphrase"  # the public key is bound to the ciphertext


@pytest.mark.parametrize(
    "change",
    [
        {"n": 2**30},  # a memory bomb
        {"n": 1000},  # not a power of two
        {"kdf": "none"},
        {"salt": "###"},
        {"ciphertext": ""},
        {"format": "something-else"},
    ],
)
def test_a_tampered_or_hostile_file_is_refused_clearly(tmp_path: Path, change: dict[str, object]) -> None:
    path, _key = _protected_file(tmp_path)
    document = json.loads(path.read_text())
    document.update(change)
    path.write_text(json.dumps(document))
    with pytest.raises(DomainError) as caught:
        protected_key.unlock(path, PASSPHRASE)
    assert caught.value.code == "key.unreadable"


def test_a_short_passphrase_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DomainError) as caught:
        protected_key.protect(keys.generate_private_key(), "ngắn", CHEAP)
    assert caught.value.code == "key.passphrase_too_short"


def test_the_vault_makes_protects_opens_and_unprotects_the_same_key(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "collaborator.key"
    vault = KeyVault(path)
    fingerprint = vault.fingerprint()  # made on first use
    assert path.exists() and not vault.is_protected() and not vault.is_locked()

    vault.set_passphrase(None, PASSPHRASE)
    assert vault.is_protected()
    assert vault.fingerprint() == fingerprint
    assert b"PRIVATE KEY" not in path.read_bytes()

    later = KeyVault(path)  # the next session: locked until the passphrase is given
    assert later.is_locked()
    assert later.fingerprint() == fingerprint  # readable without the passphrase
    with pytest.raises(DomainError) as caught:
        later.key()
    assert caught.value.code == "key.locked"
    with pytest.raises(DomainError) as caught:
        later.unlock("sai mật khẩu")
    assert caught.value.code == "key.wrong_passphrase"
    assert later.is_locked()
    later.unlock(PASSPHRASE)
    assert not later.is_locked()
    assert keys.fingerprint(keys.public_bytes(later.key())) == fingerprint

    with pytest.raises(DomainError) as caught:
        later.set_passphrase("sai mật khẩu", None)
    assert caught.value.code == "key.wrong_passphrase"
    assert later.is_protected()  # a wrong current passphrase changes nothing
    later.set_passphrase(PASSPHRASE, None)
    assert not later.is_protected()
    assert keys.fingerprint(keys.public_bytes(keys.load_private_key(path))) == fingerprint


def test_a_passphrase_source_opens_the_key_on_first_use(tmp_path: Path) -> None:
    path = tmp_path / "collaborator.key"
    KeyVault(path).set_passphrase(None, PASSPHRASE)
    asked: list[int] = []

    def source() -> str:
        asked.append(1)
        return PASSPHRASE

    vault = KeyVault(path, source)
    vault.key()
    vault.key()
    assert asked == [1]  # asked once per session
    wrong = KeyVault(path, lambda: "không đúng đâu")
    with pytest.raises(DomainError) as caught:
        wrong.key()
    assert caught.value.code == "key.wrong_passphrase"


def test_no_temporary_file_is_left_beside_the_key(tmp_path: Path) -> None:
    path = tmp_path / "collaborator.key"
    vault = KeyVault(path)
    vault.set_passphrase(None, PASSPHRASE)
    vault.set_passphrase(PASSPHRASE, PASSPHRASE + "2")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["collaborator.key"]


def test_the_command_line_protects_the_key_and_then_needs_the_passphrase(
    trusted: Services,
    centre_keys: CentreKeys,
    app_paths: AppPaths,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = ["--lang", "en", "--data-dir", str(app_paths.data_dir)]
    fingerprint = trusted.sync_field.ensure_key()
    monkeypatch.setenv("KCFIELD_NEW_KEY_PASSPHRASE", PASSPHRASE)
    assert main(["key-passphrase", *data]) == 0
    out = capsys.readouterr().out
    assert "now protected" in out and fingerprint in out
    assert protected_key.is_protected(trusted.sync_field.key_path)

    trusted.establishments.create(Establishment(name="Lò gốm Bát Tràng", kind=EstablishmentKind.HOUSEHOLD))
    monkeypatch.delenv("KCFIELD_KEY_PASSPHRASE", raising=False)
    assert main(["export", *data]) == 1  # no terminal, no passphrase: locked, one line, nothing written
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "protected by a passphrase" in err and "Traceback" not in err
    assert list(app_paths.outbox.glob("*.kcpkg")) == []

    monkeypatch.setenv("KCFIELD_KEY_PASSPHRASE", "not the passphrase")
    assert main(["export", *data]) == 1
    assert "does not open" in capsys.readouterr().err

    monkeypatch.setenv("KCFIELD_KEY_PASSPHRASE", PASSPHRASE)
    assert main(["export", *data]) == 0
    (package,) = app_paths.outbox.glob("*.kcpkg")
    assert centre_keys.read(package).manifest.sender.key_fingerprint == fingerprint  # same identity, still signed

    monkeypatch.setenv("KCFIELD_KEY_PASSPHRASE", PASSPHRASE)
    assert main(["key-passphrase", *data, "--remove"]) == 0
    assert not protected_key.is_protected(trusted.sync_field.key_path)
