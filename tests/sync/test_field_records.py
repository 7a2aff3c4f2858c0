"""Record lines: the compiled fast path gives exactly the domain object's JSON, for every kind of record."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select

from kcfield.services.container import Services
from kcfield.services.demo import DemoService
from kcfield.services.sync_records import DOMAIN_CLASSES, ENTITIES, field_plan, record_line
from kcfield.store.models import SYNCED_TABLES


def test_the_fast_path_equals_the_domain_path_on_demo_data(profiled: Services) -> None:
    DemoService(profiled.ctx, profiled.reference).generate(40, 7)
    compared: dict[str, int] = {}
    with profiled.ctx.store.read() as session:
        for entity in ENTITIES:
            if entity == "cp_assessment":  # aggregates always take the domain path
                continue
            table: Any = SYNCED_TABLES[entity].__table__
            assert isinstance(table, Table)
            result = session.execute(select(table))
            columns = list(result.keys())
            plan = field_plan(DOMAIN_CLASSES[entity], columns)
            for row in result.all():
                assert record_line(row, DOMAIN_CLASSES[entity], plan=plan) == record_line(
                    row, DOMAIN_CLASSES[entity]
                ), entity
                compared[entity] = compared.get(entity, 0) + 1
    assert compared["establishment"] == 40 and compared["visit"] > 0 and compared["equipment_need"] > 0
