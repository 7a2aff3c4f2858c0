"""Reference data the centre publishes reaches the laptops with the next reference package."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from kcfield.centre.collaborators import CentreCollaborators
from kcfield.centre.db import CentreDatabase
from kcfield.centre.identity import load_identity
from kcfield.centre.reference import ReferenceBuilder
from kcfield.centre.reference_data import load_centre_dataset
from kcfield.domain.errors import DomainError
from kcfield.resources import resource_path
from kcfield.services import sync_state
from kcfield.sync import keys
from tests.centre.conftest import CentreTarget


def test_a_newer_rule_set_travels_to_the_laptop(
    target: CentreTarget, centre: CentreDatabase, profiled: Any, tmp_path: Path
) -> None:
    rules = json.loads((resource_path("data") / "support_rules.json").read_text("utf-8"))
    rules["version"] = "2026.9"
    newer = tmp_path / "support_rules.json"
    newer.write_text(json.dumps(rules, ensure_ascii=False), "utf-8")
    load_centre_dataset(centre, "support_rules", newer, "2026.9", "Quyết định của UBND tỉnh (thử)")
    with pytest.raises(DomainError) as caught:
        load_centre_dataset(centre, "support_rules", newer, "2026.1")  # not newer than what the centre has
    assert caught.value.code == "centre.version_not_newer"

    profiled.sync_field.ensure_key()
    user = profiled.collaborators.local_user()
    mine = keys.load_private_key(profiled.sync_field.key_path)
    CentreCollaborators(centre).register(user.code, user.full_name, keys.public_bytes(mine), user.device_id, [26596],
                                         encryption_key=keys.encryption_public_bytes(mine))  # fmt: skip
    identity = load_identity(centre, target.key_path)
    with profiled.ctx.store.write() as session:
        sync_state.set_state(
            session,
            {
                sync_state.CENTRE_PUBLIC_KEY: base64.b64encode(identity.public_key).decode(),
                sync_state.CENTRE_FINGERPRINT: identity.fingerprint,
            },
        )
    package = ReferenceBuilder(centre, identity).write(user.code, tmp_path).package.path
    assert profiled.reference.support_rules.version == "2025.1"
    result = profiled.sync_import.import_file(package)
    assert result.counts.get("datasets") == 1
    assert profiled.reference.support_rules.version == "2026.9"  # the cached rules were dropped
    [dataset] = [d for d in profiled.reference.datasets() if d.name == "support_rules"]
    assert (dataset.version, dataset.origin) == ("2026.9", "centre")
    again = profiled.sync_import.import_file(package)  # the same version again: nothing to load
    assert "datasets" not in again.counts
