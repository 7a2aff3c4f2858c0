"""A centre package naming a commune the laptop's reference data lacks is refused plainly, nothing applied."""

from __future__ import annotations

import json
from pathlib import Path
from uuid import uuid4

import pytest

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import text
from kcfield.services.container import Services
from kcfield.sync import keys
from kcfield.sync.manifest import PackageKind
from tests.conftest import CentreKeys
from tests.ui.test_sync_page import centre_package

WHEN = "2026-11-27T03:00:00+00:00"


def _line(name: str, commune_code: int) -> bytes:
    line = {
        "id": str(uuid4()),
        "base_revision": 1,
        "local_edits": 0,
        "deleted": False,
        "created_at": WHEN,
        "updated_at": WHEN,
        "created_by": "TTKC",
        "updated_by": "TTKC",
        "fields": {"name": name, "kind": "HKD", "commune_code": commune_code},
    }
    return (json.dumps(line, ensure_ascii=False) + "\n").encode()


def test_an_unknown_commune_refuses_the_reference_package_with_its_reason(
    trusted: Services, centre_keys: CentreKeys, tmp_path: Path
) -> None:
    members = {"records/establishment.jsonl": _line("Cơ sở đã biết", 26596) + _line("Cơ sở xã lạ", 7)}
    package = centre_package(
        tmp_path,
        centre_keys.key,
        PackageKind.CENTRE_REFERENCE,
        members,
        keys.encryption_public_bytes(trusted.sync_field.signing_key()),
    )
    with pytest.raises(DomainError) as caught:
        trusted.sync_import.import_file(package)
    assert caught.value.code == "sync.unknown_reference"
    assert caught.value.params["column"] == "commune_code" and caught.value.params["value"] == 7
    assert "reference data" in text(caught.value.code, "en", **caught.value.params)
    assert trusted.establishments.count() == 0  # one transaction: not even the sound record was applied
