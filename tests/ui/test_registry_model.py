"""The registry table model: rows known at once, records by page, words a Vietnamese reader expects."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from kcfield.domain.enums import EstablishmentKind, SectorGroup, SizeClass
from kcfield.services.registry import Eligibility, EstablishmentListItem
from kcfield.ui.registry.model import PAGE_SIZE, EstablishmentTableModel, RecordRole, SortRole
from kcfield.ui.registry.model import Column as ModelColumn  # the column constants, re-exported by the model


def item(
    name: str = "Cơ sở chế biến hải sản Đất Đỏ",
    *,
    record_id: UUID | None = None,
    kind: EstablishmentKind = EstablishmentKind.HOUSEHOLD,
    sector: SectorGroup | None = SectorGroup.A,
    size: SizeClass = SizeClass.MICRO,
    eligible: Eligibility = Eligibility.YES,
    changed: bool = True,
    updated_at: datetime | None = datetime(2026, 11, 26, 3, 5, tzinfo=UTC),
) -> EstablishmentListItem:
    return EstablishmentListItem(
        id=record_id or uuid4(),
        name=name,
        kind=kind,
        tax_code="0100109106",
        rep_name="Nguyễn Văn Hải",
        rep_phone="0912345678",
        village="Ấp Phước Lợi",
        commune_code=26680,
        commune_name="Xã Đất Đỏ",
        sector_group=sector,
        size_class=size,
        cnnt_eligible=eligible,
        changed=changed,
        updated_at=updated_at,
    )


def filled_model(count: int, page_size: int = PAGE_SIZE) -> tuple[EstablishmentTableModel, list[EstablishmentListItem]]:
    model = EstablishmentTableModel(page_size=page_size)
    items = [item(f"Cơ sở số {i}") for i in range(count)]
    model.set_ids([i.id.hex for i in items])
    for start in range(0, count, page_size):
        model.set_page(start, items[start : start + page_size])
    return model, items


def cell(model: EstablishmentTableModel, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    return model.data(model.index(row, column), role)


def test_the_model_passes_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model, _ = filled_model(25, page_size=10)
    qtmodeltester.check(model)


def test_an_empty_model_passes_qt_model_tester(qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(EstablishmentTableModel())


def test_rows_exist_before_their_records_and_ask_for_their_page_once(qtbot: QtBot) -> None:
    model = EstablishmentTableModel(page_size=10)
    ids = [uuid4().hex for _ in range(25)]
    model.set_ids(ids)
    asked: list[tuple[int, int]] = []
    model.page_needed.connect(lambda start, count: asked.append((start, count)))

    assert model.rowCount() == 25
    assert cell(model, 12, ModelColumn.NAME) == "…"
    assert cell(model, 12, ModelColumn.NAME, RecordRole) is None
    for row in range(10, 20):  # the whole second page, every column
        for column in ModelColumn:
            cell(model, row, column)
    assert cell(model, 24, ModelColumn.TAX_CODE) == "…"
    assert asked == [(10, 10), (20, 5)]  # once per page; the last page is short
    assert model.id_at(12) == ids[12]
    assert model.row_of(ids[12]) == 12
    assert model.row_of(UUID(hex=ids[3])) == 3
    assert model.row_of(uuid4()) is None


def test_set_page_fills_rows_and_announces_them(qtbot: QtBot) -> None:
    model = EstablishmentTableModel(page_size=10)
    items = [item(f"Cơ sở {i}") for i in range(15)]
    model.set_ids([i.id.hex for i in items])
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_page(10, items[10:])
    top, bottom = blocker.args[0], blocker.args[1]
    assert (top.row(), bottom.row(), bottom.column()) == (10, 14, len(ModelColumn) - 1)
    assert cell(model, 11, ModelColumn.NAME) == "Cơ sở 11"
    assert cell(model, 11, ModelColumn.NAME, RecordRole) == items[11]
    assert model.item_at(11) == items[11]
    assert cell(model, 3, ModelColumn.NAME) == "…"


def test_a_record_deleted_before_its_page_arrived_is_shown_empty_not_refetched(qtbot: QtBot) -> None:
    model = EstablishmentTableModel(page_size=10)
    items = [item(f"Cơ sở {i}") for i in range(5)]
    model.set_ids([i.id.hex for i in items])
    asked: list[tuple[int, int]] = []
    model.page_needed.connect(lambda start, count: asked.append((start, count)))
    model.set_page(0, [items[0], items[1], items[3], items[4]])  # the service left out item 2
    assert cell(model, 2, ModelColumn.NAME) in (None, "")
    assert cell(model, 2, ModelColumn.NAME, RecordRole) is None
    assert cell(model, 3, ModelColumn.NAME) == "Cơ sở 3"
    assert asked == []


def test_a_page_whose_records_all_vanished_is_not_asked_for_again(qtbot: QtBot) -> None:
    model = EstablishmentTableModel(page_size=10)
    model.set_ids([uuid4().hex for _ in range(15)])
    asked: list[tuple[int, int]] = []
    model.page_needed.connect(lambda start, count: asked.append((start, count)))
    model.set_page(10, [])
    assert cell(model, 12, ModelColumn.NAME) in (None, "")
    assert cell(model, 3, ModelColumn.NAME) == "…"
    assert asked == [(0, 10)]


def test_a_new_id_list_forgets_the_old_records(qtbot: QtBot) -> None:
    model, items = filled_model(3)
    generation = model.generation
    with qtbot.waitSignal(model.modelReset):
        model.set_ids([items[2].id.hex, items[0].id.hex])
    assert model.generation == generation + 1
    assert model.rowCount() == 2
    assert cell(model, 0, ModelColumn.NAME) == "…"
    assert model.row_of(items[0].id) == 1


def test_cells_speak_vietnamese(qtbot: QtBot) -> None:
    model = EstablishmentTableModel()
    rows = [
        item(kind=EstablishmentKind.ENTERPRISE, sector=SectorGroup.DD, size=SizeClass.SMALL, eligible=Eligibility.NO),
        item(kind=EstablishmentKind.COOPERATIVE, sector=None, size=SizeClass.UNKNOWN, eligible=Eligibility.UNKNOWN),
        item(kind=EstablishmentKind.COOPERATIVE_GROUP, size=SizeClass.MEDIUM, changed=False, updated_at=None),
        item(kind=EstablishmentKind.HOUSEHOLD, size=SizeClass.LARGE),
    ]
    model.set_ids([r.id.hex for r in rows])
    model.set_page(0, rows)

    def column(c: ModelColumn) -> list[object]:
        return [cell(model, r, c) for r in range(len(rows))]

    assert column(ModelColumn.KIND) == ["Doanh nghiệp", "Hợp tác xã", "Tổ hợp tác", "Hộ kinh doanh"]
    assert column(ModelColumn.SECTOR_GROUP) == ["đ", "", "a", "a"]
    assert column(ModelColumn.SIZE_CLASS) == ["nhỏ", "chưa rõ", "vừa", "lớn"]
    assert column(ModelColumn.ELIGIBLE) == ["Không", "Chưa rõ", "Đủ điều kiện", "Đủ điều kiện"]
    assert column(ModelColumn.CHANGED) == ["●", "●", "", "●"]
    assert cell(model, 0, ModelColumn.CHANGED, Qt.ItemDataRole.ToolTipRole) == "Đã sửa, chưa gửi Trung tâm"
    assert cell(model, 2, ModelColumn.CHANGED, Qt.ItemDataRole.ToolTipRole) is None
    # 03:05 UTC is 10:05 in Vietnam, whatever the laptop's time zone
    assert column(ModelColumn.UPDATED) == ["26/11/2026 10:05", "26/11/2026 10:05", "", "26/11/2026 10:05"]
    assert cell(model, 0, ModelColumn.COMMUNE) == "Xã Đất Đỏ"
    assert cell(model, 0, ModelColumn.VILLAGE) == "Ấp Phước Lợi"
    assert cell(model, 0, ModelColumn.TAX_CODE) == "0100109106"
    assert cell(model, 0, ModelColumn.REP_NAME) == "Nguyễn Văn Hải"
    assert cell(model, 0, ModelColumn.REP_PHONE) == "091*****78"  # personal data is masked in lists
    assert cell(model, 2, ModelColumn.CHANGED, SortRole) == 0
    assert cell(model, 0, ModelColumn.NAME, SortRole) == "Cơ sở chế biến hải sản Đất Đỏ"


def test_headers_in_vietnamese_and_none_for_other_roles(qtbot: QtBot) -> None:
    model = EstablishmentTableModel()
    horizontal = Qt.Orientation.Horizontal
    headers = [model.headerData(c, horizontal) for c in ModelColumn]
    assert headers[:6] == ["Tên cơ sở", "Mã số thuế", "Người đại diện", "Điện thoại", "Thôn/ấp", "Xã/phường"]
    assert model.headerData(ModelColumn.CHANGED, horizontal, Qt.ItemDataRole.ToolTipRole) == (
        "Đã sửa, chưa gửi Trung tâm"
    )
    for role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.UserRole, RecordRole):
        assert model.headerData(ModelColumn.NAME, horizontal, role) is None
    assert model.headerData(99, horizontal) is None
    assert model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.DecorationRole) is None


def test_scrolling_far_drops_the_least_recent_pages_and_fetches_them_again(qtbot: QtBot) -> None:
    items = [item(f"Cơ sở {i}") for i in range(50)]
    model = EstablishmentTableModel(page_size=10, kept_pages=2)
    model.set_ids([i.id.hex for i in items])
    asked: list[tuple[int, int]] = []
    model.page_needed.connect(lambda start, count: asked.append((start, count)))
    for start in (0, 10, 20):  # scrolling down three pages
        model.set_page(start, items[start : start + 10])
    assert not model.fetched(5) and model.fetched(15) and model.fetched(25)  # page 0 was dropped
    assert model.item_at(5) is None
    assert cell(model, 5, ModelColumn.NAME) == "…"  # shown as not yet fetched, and asked for again
    assert asked == [(0, 10)]
    model.set_page(0, items[:10])
    assert cell(model, 5, ModelColumn.NAME) == "Cơ sở 5"
    assert not model.fetched(15)  # now page 1 is the least recent
