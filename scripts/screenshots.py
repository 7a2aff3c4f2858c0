"""Render the main screens of the real application, filled with demo data, into PNGs for the user guide.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--lang vi|en|both]

Runs offscreen (no display needed). Each screenshot is the app as a user sees it: the same windows, the
bundled font, the demo data of `kcfield demo`. Re-run after changing a screen so docs/ stays true.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QSize, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcfield.app import Application  # noqa: E402
from kcfield.domain.enums import EstablishmentKind, SectorGroup  # noqa: E402
from kcfield.domain.model import Establishment  # noqa: E402
from kcfield.paths import AppPaths  # noqa: E402
from kcfield.services.container import open_services  # noqa: E402
from kcfield.services.demo import DemoService  # noqa: E402
from kcfield.services.places import DayPlan  # noqa: E402
from kcfield.ui.about import AboutDialog  # noqa: E402
from kcfield.ui.first_run import PAGE_PROFILE, FirstRunWizard  # noqa: E402
from kcfield.ui.fonts import register_bundled_fonts  # noqa: E402
from kcfield.ui.i18n import install_translators  # noqa: E402
from kcfield.ui.registry.editor import EstablishmentEditor  # noqa: E402
from kcfield.ui.tasks import SyncTaskRunner  # noqa: E402

DEMO_SIZE = 2000


def settle(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()


def grab(widget: QWidget, path: Path, size: QSize | None = None) -> None:
    if size is not None:
        widget.resize(size)
    widget.show()
    settle()
    widget.grab().save(str(path))
    print(f"  {path}")


def shoot(app: QApplication, lang: str, out: Path, data: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    paths = AppPaths(data)
    services = open_services(paths)
    install_translators(app, lang, data / "cache" / "i18n")
    tasks = SyncTaskRunner(lang)

    wizard = FirstRunWizard(services, tasks, lang)
    wizard.setStartId(PAGE_PROFILE)
    wizard.restart()
    profile = wizard.profile_page
    profile.code_edit.setText("CTV001")
    profile.name_edit.setText("Nguyễn Thị Lan")
    profile.phone_edit.setText("01234567890")  # an old 11-digit mobile: shows the conversion offer
    profile.commune_filter.setText("dat do")
    profile.check_commune("Xã Đất Đỏ")
    grab(wizard, out / "first-run-profile.png", QSize(760, 560))
    wizard.close()

    if services.collaborators.local_user() is None:
        services.collaborators.save_local_user("CTV001", "Nguyễn Thị Lan", "0912345678", 79, (26680, 26659, 26596))
    if services.establishments.count() == 0:
        DemoService(services.ctx, services.reference).generate(DEMO_SIZE, seed=1)

    controller = Application(app, services, tasks, paths, lang)
    controller.drafts.pending = lambda: []  # type: ignore[method-assign]
    controller.start()
    window = controller.window
    assert window is not None
    window.resize(1280, 760)
    grab(window, out / "registry.png")

    window.registry.search.setText("dat do")
    settle(300)
    grab(window, out / "registry-search.png")
    window.registry.search.clear()
    settle(200)

    editor = EstablishmentEditor(services, tasks, controller.drafts, controller.finder, lang, parent=window)
    editor.form.name.setText("Cơ sở chế biến hải sản Tư Hùng")
    editor.form.tax_code.setText("0100109107")  # wrong check digit: the editor says why
    editor.validate_now()
    grab(editor, out / "editor-invalid-tax-code.png", QSize(1100, 760))
    editor.done(0)

    filled = EstablishmentEditor(services, tasks, controller.drafts, controller.finder, lang, parent=window)
    filled.form.set_establishment(
        Establishment(
            name="Cơ sở chế biến hải sản Tư Hùng",
            kind=EstablishmentKind.HOUSEHOLD,
            tax_code="077081001234",
            province_code=79,
            commune_code=26680,  # Xã Đất Đỏ
            village="Ấp Phước Lợi",
            vsic_version="2018",
            vsic_code="1020",
            sector_group=SectorGroup.A,
            main_products="nước mắm, khô cá",
            workers_total=12,
            workers_insured=6,
            workers_female=7,
            revenue_prev_year_vnd=2_400_000_000,
            total_capital_vnd=900_000_000,
            local_material_share_pct=80,
            owner_female=True,
        )
    )
    filled.validate_now()
    filled.resize(QSize(1100, 760))
    filled.show()
    settle()
    _show_tab(filled, 4)
    grab(filled, out / "editor-facts.png", QSize(1100, 760))
    filled.done(0)

    placed = [p for p in services.places.nearby((10.4911, 107.2714), within_m=8_000, limit=7)]
    if placed:
        services.places.save_day_plan(DayPlan(tuple(p.id for p in placed[1:])))
        plan = window.places.show_day_plan()
        plan.suggest_order()
        grab(plan, out / "day-plan.png", QSize(900, 520))
        plan.done(0)
        window.places.show_nearby_of(placed[0].id)
        nearby = window.places.dialog
        assert isinstance(nearby, QWidget)
        grab(nearby, out / "nearby.png", QSize(760, 460))
        nearby.close()

    window.nav.setCurrentRow(window.stack.indexOf(window.sync))
    window.sync.refresh()
    grab(window, out / "sync.png")
    services.backups.backup_now()
    window.nav.setCurrentRow(window.stack.indexOf(window.backups))
    window.backups.refresh()
    grab(window, out / "backups.png")
    window.nav.setCurrentRow(0)

    visits = services.visits.recent(1)
    if visits:
        window.printer.visit(visits[0].id)
        preview = window.printer.preview
        assert preview is not None
        grab(preview, out / "print-preview.png", QSize(760, 860))
        preview.close()

    about = AboutDialog(data, "0.1.0", lang, window)
    grab(about, out / "about.png")
    about.close()
    window.close()
    controller.shutdown()


def _show_tab(editor: EstablishmentEditor, index: int) -> None:
    editor.form.setCurrentIndex(index)
    settle()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--lang", choices=("vi", "en", "both"), default="both")
    args = parser.parse_args()
    app = QApplication(sys.argv)
    register_bundled_fonts(app)
    languages: list[str] = ["vi", "en"] if args.lang == "both" else [args.lang]
    with tempfile.TemporaryDirectory(prefix="kcfield-shots-") as tmp:
        for lang in languages:
            print(f"{lang}:")
            shoot(app, lang, Path(args.out) / lang, Path(tmp) / lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
