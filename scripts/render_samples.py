"""Build the sample documents from a showcase record and render every page to PNG for a person to look at.

A temporary store gets one establishment with a final visit (a 3,000-character observation, a position,
three equipment needs of which one technology line is capped by the rule, a quick CP assessment), plus the
demo data of a commune. The script writes into ``docs/samples/`` (or ``--out``): each document as PDF and each
page as PNG, rendered with ``pdftoppm`` (Debian's poppler-utils, an independent renderer: what it shows is
what another PDF reader shows). Re-run after changing a document and look at every page.

    .venv/bin/python scripts/render_samples.py [--out docs/samples] [--dpi 70]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date, time
from pathlib import Path

from kcfield.domain.enums import (
    CPInputCategory,
    EstablishmentKind,
    NeedPurpose,
    PositionSource,
    SectorGroup,
)
from kcfield.domain.model import CPAssessment, CPInput, CPOption, EquipmentNeed, Establishment, Visit
from kcfield.paths import AppPaths
from kcfield.services.container import Services, open_services
from kcfield.services.demo import DemoService
from kcfield.services.registry import RegistryQuery

ROOT = Path(__file__).resolve().parents[1]
M = 1_000_000
OBSERVATION = (
    "Cơ sở có ba máy cưa vòng đã dùng trên 15 năm, tiêu hao điện lớn, lưỡi cưa mòn làm hao hụt gỗ khoảng 8 %; "
    "khu xẻ gỗ nhiều bụi, công nhân chưa đeo khẩu trang đầy đủ; lò sấy thủ công đốt mùn cưa, nhiệt độ không đều "
    "nên tỷ lệ gỗ nứt cao. "
)


def showcase(services: Services) -> tuple[Visit, CPAssessment, Establishment]:
    services.collaborators.save_local_user("CTV001", "Nguyễn Thị Lan", "0912345678", 79, (26596,))
    services.preferences.centre_name = "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp TP Hồ Chí Minh"
    est = services.establishments.create(
        Establishment(
            name="Cơ sở chế biến gỗ Đức Thịnh",
            kind=EstablishmentKind.HOUSEHOLD,
            tax_code="0100109106",
            province_code=79,
            commune_code=26596,
            village="Ấp Suối Nghệ",
            rep_name="Trần Văn Đức",
            rep_title="Chủ cơ sở",
            rep_phone="0912345678",
            main_products="Bàn ghế gỗ, tủ, giường; ván ghép thanh xuất khẩu",
            sector_group=SectorGroup.B,
            vsic_version="2018",
            vsic_code="1622",
            workers_total=42,
            workers_insured=30,
            workers_female=12,
            revenue_prev_year_vnd=8_500 * M,
            latitude=10.6,
            longitude=107.25,
        )
    )
    assert est.id is not None
    visit = services.visits.create(
        Visit(
            establishment_id=est.id,
            collaborator_code="CTV001",
            visit_date=date(2026, 11, 20),
            start_time=time(8, 30),
            end_time=time(10, 15),
            purpose="Khảo sát nhu cầu hỗ trợ máy móc thiết bị và đánh giá nhanh sản xuất sạch hơn",
            respondent_name="Trần Văn Đức",
            respondent_title="Chủ cơ sở",
            observations=(OBSERVATION * 12)[:3000],
            recommendations="Thay lò sấy thủ công bằng dây chuyền sấy hơi nước; trang bị hệ thống hút bụi.",
            next_steps="Hoàn thiện hồ sơ đề nghị hỗ trợ trước 15/12/2026.",
            consent=True,
            latitude=10.6001,
            longitude=107.2502,
            position_accuracy_m=6,
            position_source=PositionSource.GPS,
        )
    )
    assert visit.id is not None
    for name, price, line, quantity in (
        ("Dây chuyền sấy gỗ bằng hơi nước", 1_200 * M, True, 1),  # 50 % = 600 M, capped at 1.5 × 300 M = 450 M
        ("Máy bào bốn mặt", 120 * M, False, 2),
        ("Hệ thống hút bụi túi vải", 180 * M, False, 1),
    ):
        services.needs.create(
            EquipmentNeed(
                establishment_id=est.id,
                visit_id=visit.id,
                equipment_name=name,
                unit_price_vnd=price,
                quantity=quantity,
                is_technology_line=line,
                specification="Công suất 20 m³/mẻ" if line else "",
                production_stage="Sấy" if line else "Gia công",
                purposes=frozenset({NeedPurpose.PRODUCTIVITY, NeedPurpose.QUALITY}),
            )
        )
    assessment = services.assessments.create(
        CPAssessment(
            establishment_id=est.id,
            visit_id=visit.id,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            product_name="Ván ghép thanh",
            output_quantity=1200,
            output_unit="m3",
            focus_step="Sấy gỗ",
            inputs=(
                CPInput(CPInputCategory.ENERGY, "Điện lưới", 180_000, "kWh", 2_000, "electricity"),
                CPInput(CPInputCategory.WATER, "Nước giếng", 900, "m3"),
            ),
            options=(
                CPOption(1, "Sửa chỗ rò rỉ hơi, bảo ôn đường ống", 15 * M, 40 * M),
                CPOption(
                    5,
                    "Thay lò sấy thủ công bằng lò sấy hơi nước",
                    1_200 * M,
                    300 * M,
                    resource_saved_quantity=50_000,
                    resource_saved_unit="kWh",
                    resource_saved_carrier="electricity",
                ),
            ),
        )
    )
    services.visits.finalise(visit.id)
    return services.visits.get(visit.id), assessment, est


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "samples"))
    parser.add_argument("--dpi", type=int, default=70)
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: install Debian's poppler-utils (apt install poppler-utils)", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.png"), *out.glob("*.pdf")]:
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="kcfield-samples-") as tmp:
        services = open_services(AppPaths(Path(tmp)))
        try:
            DemoService(services.ctx, services.reference).generate(60, seed=7)  # the demo needs an empty store
            visit, assessment, est = showcase(services)
            assert visit.id is not None and assessment.id is not None and est.id is not None
            documents = {
                "phieu-trang": services.printing.blank_form,
                "phieu-da-dien": lambda p: services.printing.visit_form(str(visit.id), p),
                "phieu-dien-san": lambda p: services.printing.prefilled_forms([str(est.id)], p),
                "nhu-cau-co-so": lambda p: services.reports.needs_summary_for_establishment(est.id, p),
                "nhu-cau-xa": lambda p: services.reports.needs_summary_for_commune(26596, p),
                "bao-cao-sxsh": lambda p: services.reports.cp_report(assessment.id, p),
                "danh-sach-co-so": lambda p: services.reports.establishment_list(RegistryQuery(commune_code=26596), p),
            }
            for name, build in documents.items():
                pdf = out / f"{name}.pdf"
                pages = build(pdf)
                subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", str(pdf), str(out / name)], check=True)
                print(f"{name}: {pages} pages → {out}/{name}-*.png")
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
