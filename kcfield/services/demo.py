"""Realistic, reproducible demo data: establishments of former Bà Rịa–Vũng Tàu with visits, needs and CP
assessments.

Everything random comes from one ``random.Random(seed)``; ids come from a UUID v7 factory fed by that
generator and by a clock that starts at a fixed instant, so the same seed gives byte-for-byte the same
records. Rows go in through SQLAlchemy Core in chunks, inside ONE transaction: a cancelled or killed run
leaves the store as it was. The whole load is one audit event ("demo import") rather than one per row.
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from kcfield.domain.enums import (
    ChecklistAnswer,
    EstablishmentKind,
    Gender,
    LegalForm,
    NeedPurpose,
    NeedStatus,
    OptionScreening,
    PositionSource,
    SectorGroup,
    TaxCodeKind,
    TypicalProductLevel,
    VisitStatus,
)
from kcfield.domain.errors import DomainError
from kcfield.domain.identifiers import make_tax_code
from kcfield.domain.ids import IdFactory
from kcfield.domain.model import Establishment
from kcfield.domain.reference import CommuneInfo
from kcfield.services import demo_vocab as vocab
from kcfield.services.context import ServiceContext
from kcfield.services.establishments import EstablishmentService, store_derived_stamp
from kcfield.services.progress import CancelToken, Progress, ProgressUpdate, no_progress
from kcfield.services.records import audit
from kcfield.services.reference import ReferenceService
from kcfield.services.visits import profile_snapshot
from kcfield.store.mapping import domain_values
from kcfield.store.models import (
    CPAssessmentRow,
    CPChecklistAnswerRow,
    CPChecklistItem,
    CPInputRow,
    CPOptionRow,
    CPOutputRow,
    EquipmentNeedRow,
    EstablishmentRow,
    VisitRow,
)

DEMO_EPOCH = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
FORMER_PROVINCE = "Bà Rịa - Vũng Tàu"
CHUNK = 5000
MAX_ESTABLISHMENTS = 1_000_000


@dataclass(frozen=True)
class DemoSummary:
    establishments: int
    visits: int
    needs: int
    assessments: int
    seed: int


class DemoService:
    def __init__(self, ctx: ServiceContext, reference: ReferenceService) -> None:
        self._ctx = ctx
        self._ref = reference

    def generate(
        self,
        establishments: int,
        seed: int = 1,
        *,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
        unsynced: bool = False,
    ) -> DemoSummary:
        """Fill an empty store. The records look like the centre's registry (synced, a few edited since) unless
        ``unsynced``: then they are this laptop's own new work, never sent (a sync exercise)."""
        if not 1 <= establishments <= MAX_ESTABLISHMENTS:
            raise DomainError("demo.bad_count")
        communes = [c for c in self._ref.communes.values() if c.former_province == FORMER_PROVINCE and c.latitude]
        if not communes:
            raise DomainError("reference.invalid", name="communes", reason="no demo communes with positions")
        cancel = cancel or CancelToken()
        with self._ctx.store.write() as session:
            existing = session.scalar(select(func.count()).select_from(EstablishmentRow)) or 0
            if existing:
                raise DomainError("demo.store_not_empty", count=existing)
            checklist = list(session.scalars(select(CPChecklistItem.code).order_by(CPChecklistItem.position)))
            # Facts are derived as of the demo's own epoch, so the data does not depend on the day it is made.
            demo_ctx = dataclasses.replace(self._ctx, clock=lambda: DEMO_EPOCH)
            profiles = EstablishmentService(demo_ctx, self._ref)
            derive = profiles.derived_columns
            builder = _Builder(seed, communes, checklist, derive)
            totals = {"visits": 0, "needs": 0, "assessments": 0}
            self._load(session, builder, establishments, totals, progress, cancel)
            cancel.check()
            if unsynced:
                for model in (EstablishmentRow, VisitRow, EquipmentNeedRow, CPAssessmentRow):
                    session.execute(update(model).values(base_revision=0, local_edits=1, exported_edits=0))
            store_derived_stamp(session, profiles.derived_facts_stamp())
            summary = DemoSummary(establishments, totals["visits"], totals["needs"], totals["assessments"], seed)
            audit(
                session,
                demo_ctx,
                "demo",
                builder.ids.new(),
                "import",
                {
                    "seed": [None, seed],
                    "establishments": [None, establishments],
                    **{k: [None, v] for k, v in totals.items()},
                },
            )
        return summary

    @staticmethod
    def _load(
        session: Session,
        builder: _Builder,
        establishments: int,
        totals: dict[str, int],
        progress: Progress,
        cancel: CancelToken,
    ) -> None:
        for start in range(0, establishments, CHUNK):
            cancel.check()
            batch = builder.batch(start, min(CHUNK, establishments - start))
            for model, rows in (
                (EstablishmentRow, batch.establishments),
                (VisitRow, batch.visits),
                (EquipmentNeedRow, batch.needs),
                (CPAssessmentRow, batch.assessments),
                (CPInputRow, batch.inputs),
                (CPOutputRow, batch.outputs),
                (CPChecklistAnswerRow, batch.answers),
                (CPOptionRow, batch.options),
            ):
                _insert(session, model, rows)
            totals["visits"] += len(batch.visits)
            totals["needs"] += len(batch.needs)
            totals["assessments"] += len(batch.assessments)
            progress(ProgressUpdate("demo.progress", start + len(batch.establishments), establishments))


def _insert(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(model.__table__), rows)


@dataclass
class _Batch:
    establishments: list[dict[str, Any]]
    visits: list[dict[str, Any]]
    needs: list[dict[str, Any]]
    assessments: list[dict[str, Any]]
    inputs: list[dict[str, Any]]
    outputs: list[dict[str, Any]]
    answers: list[dict[str, Any]]
    options: list[dict[str, Any]]


class _Builder:
    def __init__(
        self,
        seed: int,
        communes: list[CommuneInfo],
        checklist: list[str],
        derive: Callable[[Establishment], dict[str, Any]],
    ) -> None:
        self.rng = random.Random(seed)
        self.derive = derive
        self._tick = 0
        self.ids = IdFactory(clock_ms=self._clock_ms, random_bits=self.rng.getrandbits)
        self.communes = sorted(communes, key=lambda c: c.code)
        # Rural communes hold more CNNT establishments than city wards.
        self.commune_weights = [5 if c.kind != "phuong" else 2 for c in self.communes]
        self.activities = vocab.ACTIVITIES
        self.activity_weights = [a.weight for a in self.activities]
        self.surnames = [s for s, _ in vocab.SURNAMES]
        self.surname_weights = [w for _, w in vocab.SURNAMES]
        self.checklist = checklist

    def _clock_ms(self) -> int:
        self._tick += 1
        return int(DEMO_EPOCH.timestamp() * 1000) + self._tick

    # --- one batch ---------------------------------------------------------------------------------

    def batch(self, start: int, count: int) -> _Batch:
        out = _Batch([], [], [], [], [], [], [], [])
        for offset in range(count):
            est, commune, activity = self._establishment(start + offset)
            out.establishments.append(est)
            if self.rng.random() < 0.4:
                self._visits(est, commune, out)
            if self.rng.random() < 0.12:
                self._needs(est, activity, out)
            if self.rng.random() < 0.05:
                self._assessment(est, activity, out)
        return out

    def _person(self) -> tuple[str, Gender]:
        rng = self.rng
        surname = rng.choices(self.surnames, self.surname_weights)[0]
        if rng.random() < 0.42:
            return f"{surname} {rng.choice(vocab.FEMALE_MIDDLE)} {rng.choice(vocab.FEMALE_GIVEN)}", Gender.FEMALE
        return f"{surname} {rng.choice(vocab.MALE_MIDDLE)} {rng.choice(vocab.MALE_GIVEN)}", Gender.MALE

    def _phone(self) -> str:
        return self.rng.choice(vocab.MOBILE_PREFIXES) + f"{self.rng.randrange(10**7):07d}"

    def _tax_code(self) -> str:
        while True:
            body = "35" + f"{self.rng.randrange(1, 10**7):07d}"
            try:
                return make_tax_code(body)
            except ValueError:
                continue

    def _personal_id(self, gender: Gender, birth_year: int) -> str:
        century_digit = (0 if birth_year < 2000 else 2) + (1 if gender is Gender.FEMALE else 0)
        return f"077{century_digit}{birth_year % 100:02d}{self.rng.randrange(10**6):06d}"

    def _position(self, commune: CommuneInfo) -> tuple[float, float]:
        assert commune.latitude is not None and commune.longitude is not None
        radius_km = (commune.radius_km or 1.0) * 0.8
        distance = radius_km * math.sqrt(self.rng.random())
        bearing = self.rng.random() * 2 * math.pi
        lat = commune.latitude + (distance / 111.32) * math.cos(bearing)
        lon = commune.longitude + (distance / (111.32 * math.cos(math.radians(commune.latitude)))) * math.sin(bearing)
        return round(lat, 6), round(lon, 6)

    def _instant(self, days_back_max: int) -> datetime:
        return DEMO_EPOCH + timedelta(days=300) - timedelta(seconds=self.rng.randrange(days_back_max * 86400))

    def _establishment(self, index: int) -> tuple[dict[str, Any], CommuneInfo, vocab.Activity]:
        rng = self.rng
        commune = rng.choices(self.communes, self.commune_weights)[0]
        activity = rng.choices(self.activities, self.activity_weights)[0]
        kind = rng.choices(
            (EstablishmentKind.HOUSEHOLD, EstablishmentKind.ENTERPRISE, EstablishmentKind.COOPERATIVE,
             EstablishmentKind.COOPERATIVE_GROUP),
            (70, 12, 8, 10),
        )[0]  # fmt: skip
        rep_name, gender = self._person()
        birth_year = rng.randrange(1955, 2001)
        given = rep_name.rsplit(" ", 1)[-1]
        commune_short = commune.name.split(" ", 1)[1] if " " in commune.name else commune.name
        legal_form: LegalForm | None = None
        tax_code, tax_kind = "", None
        if kind is EstablishmentKind.HOUSEHOLD:
            name = rng.choice((f"Cơ sở {activity.short} {given}", f"Hộ kinh doanh {rep_name}"))
            if rng.random() < 0.7:
                tax_code, tax_kind = self._personal_id(gender, birth_year), TaxCodeKind.PERSONAL_ID
            workers = rng.randrange(1, 15)
        elif kind is EstablishmentKind.ENTERPRISE:
            legal_form = rng.choice((LegalForm.LLC_ONE, LegalForm.LLC_MULTI, LegalForm.JOINT_STOCK, LegalForm.PRIVATE))
            label = {
                LegalForm.LLC_ONE: "Công ty TNHH MTV",
                LegalForm.LLC_MULTI: "Công ty TNHH",
                LegalForm.JOINT_STOCK: "Công ty Cổ phần",
                LegalForm.PRIVATE: "Doanh nghiệp tư nhân",
            }[legal_form]
            name = f"{label} {activity.title} {rng.choice(vocab.PLACE_WORDS)}"
            tax_code, tax_kind = self._tax_code(), TaxCodeKind.ENTERPRISE
            workers = int(rng.lognormvariate(3.0, 0.9)) + 5
        elif kind is EstablishmentKind.COOPERATIVE:
            name = f"Hợp tác xã {activity.short} {commune_short}"
            tax_code, tax_kind = self._tax_code(), TaxCodeKind.ENTERPRISE
            workers = rng.randrange(7, 80)
        else:
            name = f"Tổ hợp tác {activity.short} {rng.choice(vocab.VILLAGES_RURAL)}"
            workers = rng.randrange(3, 30)
        name = name[0].upper() + name[1:]
        insured = 0 if kind is EstablishmentKind.HOUSEHOLD else min(workers, int(workers * rng.uniform(0.3, 1.0)))
        revenue = int(workers * rng.uniform(0.15, 1.2) * 1e9) // 1_000_000 * 1_000_000
        capital = int(revenue * rng.uniform(0.3, 1.5)) // 1_000_000 * 1_000_000
        lat, lon = self._position(commune)
        created = self._instant(700)
        dirty = rng.random() < 0.05
        in_craft_village = rng.random() < 0.08
        rural = commune.kind != "phuong"
        ocop = rng.choice((3, 3, 4, 5)) if activity.group == "a" and rng.random() < 0.06 else None
        profile = Establishment(
            name=name,
            kind=kind,
            legal_form=legal_form,
            tax_code=tax_code,
            tax_code_kind=tax_kind,
            registration_no=tax_code if kind is EstablishmentKind.ENTERPRISE else "",
            registration_date=date(rng.randrange(1995, 2025), rng.randrange(1, 13), rng.randrange(1, 29))
            if kind is EstablishmentKind.ENTERPRISE
            else None,
            year_founded=rng.randrange(1985, 2026),
            rep_name=rep_name,
            rep_title=rng.choice(vocab.TITLES),
            rep_gender=gender,
            rep_ethnic_minority=rng.random() < 0.03,
            rep_phone=self._phone(),
            rep_personal_id=self._personal_id(gender, birth_year) if rng.random() < 0.5 else "",
            owner_female=gender is Gender.FEMALE,
            owner_ethnic_minority=rng.random() < 0.03,
            province_code=commune.province_code,
            commune_code=commune.code,
            village=rng.choice(vocab.VILLAGES_RURAL if rural else vocab.VILLAGES_URBAN),
            street=f"{rng.randrange(1, 400)} {rng.choice(vocab.STREETS)}" if rng.random() < 0.6 else "",
            craft_village_name=f"Làng nghề {activity.short} {commune_short}" if in_craft_village else "",
            craft_village_recognised=in_craft_village and rng.random() < 0.6,
            latitude=lat,
            longitude=lon,
            position_accuracy_m=round(rng.uniform(3, 25), 1),
            position_source=PositionSource.GPS,
            position_time=created,
            vsic_version="2018",
            vsic_code=activity.vsic,
            sector_group=SectorGroup(activity.group),
            main_products=", ".join(rng.sample(activity.products, k=min(2, len(activity.products)))),
            capacity_design=float(rng.randrange(10, 2000)),
            capacity_unit=activity.capacity_unit,
            supporting_industry_product=activity.group == "d" and rng.random() < 0.2,
            workers_total=workers,
            workers_insured=insured,
            workers_female=int(workers * rng.uniform(0.1, 0.7)),
            revenue_prev_year_vnd=revenue,
            total_capital_vnd=capital,
            export_share_pct=round(rng.uniform(5, 60), 1) if rng.random() < 0.07 else None,
            has_export_contract=rng.random() < 0.05,
            local_material_share_pct=round(rng.uniform(10, 100), 1),
            ocop_stars=ocop,
            typical_product_level=TypicalProductLevel.PROVINCIAL if rng.random() < 0.03 else TypicalProductLevel.NONE,
            applies_cleaner_production=rng.random() < 0.04,
            earlier_state_support=rng.random() < 0.1,
        )
        values = domain_values(profile)
        values["capacity_actual"] = round(values["capacity_design"] * rng.uniform(0.4, 0.95), 1)
        values.update(
            id=self.ids.new(),
            base_revision=rng.randrange(1, 4),
            local_edits=rng.randrange(1, 4) if dirty else 0,
            exported_edits=0,
            deleted=False,
            created_at=created,
            created_by="TT-KC",
            updated_at=created + timedelta(days=rng.randrange(0, 60)),
            updated_by="TT-KC",
            **self.derive(profile),
        )
        return values, commune, activity

    def _visits(self, est: dict[str, Any], commune: CommuneInfo, out: _Batch) -> None:
        rng = self.rng
        for _ in range(rng.choice((1, 1, 1, 2))):
            day = (DEMO_EPOCH - timedelta(days=rng.randrange(0, 400))).date()
            start = time(rng.randrange(7, 16), rng.choice((0, 15, 30, 45)))
            end = time(min(start.hour + rng.randrange(1, 3), 18), start.minute)
            final = rng.random() < 0.8
            lat, lon = self._position(commune)
            respondent, _ = self._person()
            created = datetime.combine(day, end, tzinfo=UTC)
            snapshot = None
            if final:
                profile = {k: est[k] for k in _PROFILE_FIELDS}
                snapshot = profile_snapshot(profile, est["id"], est["base_revision"])
            out.visits.append(
                {
                    **self._meta(created, collaborator=True),
                    "establishment_id": est["id"],
                    "collaborator_code": f"CTV{rng.randrange(1, 13):03d}",
                    "visit_date": day,
                    "start_time": start,
                    "end_time": end,
                    "purpose": rng.choice(vocab.PURPOSES),
                    "respondent_name": respondent,
                    "respondent_title": rng.choice(vocab.TITLES),
                    "respondent_phone": self._phone(),
                    "latitude": lat,
                    "longitude": lon,
                    "position_accuracy_m": round(rng.uniform(3, 15), 1),
                    "position_source": PositionSource.GPS.value,
                    "position_time": created,
                    "observations": rng.choice(vocab.OBSERVATIONS),
                    "recommendations": rng.choice(vocab.RECOMMENDATIONS),
                    "next_steps": "",
                    "consent": True,
                    "status": (VisitStatus.FINAL if final else VisitStatus.DRAFT).value,
                    "finalised_at": created if final else None,
                    "profile_snapshot": snapshot,
                    "amends_visit_id": None,
                }
            )

    def _needs(self, est: dict[str, Any], activity: vocab.Activity, out: _Batch) -> None:
        rng = self.rng
        for name, price_million in rng.sample(
            activity.equipment, k=min(len(activity.equipment), rng.choice((1, 1, 2)))
        ):
            price = int(price_million * rng.uniform(0.8, 1.25)) * 1_000_000
            quantity = 1.0
            cost = int(price * quantity)
            requested = min(cost // 2, 300_000_000)
            purposes = sorted(p.value for p in rng.sample(list(NeedPurpose), k=rng.randrange(1, 3)))
            created = self._instant(300)
            out.needs.append(
                {
                    **self._meta(created),
                    "establishment_id": est["id"],
                    "visit_id": None,
                    "equipment_name": name,
                    "specification": "",
                    "production_stage": "",
                    "purposes": purposes,
                    "is_new": True,
                    "is_technology_line": "Dây chuyền" in name or "liên hoàn" in name,
                    "quantity": quantity,
                    "unit_price_vnd": price,
                    "own_contribution_vnd": cost - requested,
                    "requested_support_vnd": requested,
                    "supplier": "",
                    "exclusion_code": "",
                    "previously_state_funded": False,
                    "benefit_capacity_pct": float(rng.randrange(10, 60)),
                    "benefit_labour_saved": float(rng.randrange(0, 5)),
                    "benefit_energy_kwh_per_year": float(rng.randrange(0, 30000, 500)),
                    "status": rng.choice(list(NeedStatus)).value,
                    "notes": "",
                }
            )

    def _assessment(self, est: dict[str, Any], activity: vocab.Activity, out: _Batch) -> None:
        rng = self.rng
        created = self._instant(300)
        assessment_id = self.ids.new()
        period_end = (created - timedelta(days=rng.randrange(1, 60))).date().replace(day=1)
        period_start = (period_end - timedelta(days=360)).replace(day=1)
        production = float(rng.randrange(20, 2000))
        out.assessments.append(
            {
                **self._meta(created, record_id=assessment_id),
                "establishment_id": est["id"],
                "visit_id": None,
                "kind": "quick",
                "period_start": period_start,
                "period_end": period_end,
                "focus_step": rng.choice(("Sấy", "Nấu", "Nung", "Rửa nguyên liệu", "Gia công", "Đóng gói")),
                "product_name": activity.products[0],
                "output_quantity": production,
                "output_unit": activity.output_unit,
                "notes": "",
            }
        )
        for position, (category, name, unit, carrier) in enumerate(activity.inputs):
            per_unit = {"t": 1.3, "kWh": 250.0, "m3": 8.0, "kg": 120.0}.get(unit, 1.0)
            out.inputs.append(
                {
                    "id": self.ids.new(),
                    "assessment_id": assessment_id,
                    "position": position,
                    "category": category,
                    "name": name,
                    "quantity": round(production * per_unit * rng.uniform(0.7, 1.4), 1),
                    "unit": unit,
                    "unit_price_vnd": {"kWh": 2_100, "m3": 12_000, "kg": 3_500}.get(unit, 8_000_000),
                    "carrier_code": carrier,
                }
            )
        for position, (category, name, unit, share) in enumerate(
            (("product", activity.products[0], activity.output_unit, 1.0), ("wastewater", "Nước thải", "m3", 6.0),
             ("solid_waste", "Chất thải rắn", "t", 0.08))
        ):  # fmt: skip
            out.outputs.append(
                {
                    "id": self.ids.new(),
                    "assessment_id": assessment_id,
                    "position": position,
                    "category": category,
                    "name": name,
                    "quantity": round(production * share * rng.uniform(0.8, 1.2), 1),
                    "unit": unit,
                    "destination": "",
                }
            )
        for code in self.checklist:
            out.answers.append(
                {
                    "assessment_id": assessment_id,
                    "item_code": code,
                    "answer": rng.choices(
                        (ChecklistAnswer.YES, ChecklistAnswer.NO, ChecklistAnswer.NOT_APPLICABLE), (5, 4, 1)
                    )[0].value,
                    "note": "",
                }
            )
        for position in range(rng.randrange(2, 5)):
            option_category = rng.randrange(1, 9)
            investment = rng.choice((0, 0, 5, 20, 80, 300)) * 1_000_000
            savings = int(rng.uniform(2, 60)) * 1_000_000
            out.options.append(
                {
                    "id": self.ids.new(),
                    "assessment_id": assessment_id,
                    "position": position,
                    "category": option_category,
                    "description": _OPTION_TEXT[option_category],
                    "investment_vnd": investment,
                    "annual_savings_vnd": savings,
                    "added_operating_cost_vnd": 0,
                    "resource_saved_quantity": float(rng.randrange(500, 20000, 500)),
                    "resource_saved_unit": "kWh",
                    "resource_saved_carrier": "electricity",
                    "screening": rng.choice(list(OptionScreening)).value,
                    "status": "proposed",
                }
            )

    def _meta(self, created: datetime, *, record_id: UUID | None = None, collaborator: bool = False) -> dict[str, Any]:
        by = "TT-KC" if not collaborator else "CTV"
        return {
            "id": record_id or self.ids.new(),
            "base_revision": 1,
            "local_edits": 0,
            "exported_edits": 0,
            "deleted": False,
            "created_at": created,
            "created_by": by,
            "updated_at": created,
            "updated_by": by,
        }


_PROFILE_FIELDS = tuple(domain_values(Establishment()).keys())

_OPTION_TEXT = {
    1: "Sửa chữa rò rỉ nước, hơi; sắp xếp lại kho nguyên liệu",
    2: "Thay nhiên liệu củi bằng trấu viên",
    3: "Lắp đồng hồ đo và ghi chép định mức tiêu hao từng mẻ",
    4: "Bảo ôn đường ống và thân lò",
    5: "Thay lò thủ công bằng lò sấy bơm nhiệt",
    6: "Thu hồi nước làm mát để tái sử dụng",
    7: "Tận dụng phụ phẩm làm thức ăn chăn nuôi",
    8: "Cải tiến bao bì, giảm khối lượng vật liệu đóng gói",
}
