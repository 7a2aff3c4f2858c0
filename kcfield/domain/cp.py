"""Checks of a cleaner-production assessment's own data (the indicator arithmetic comes with its screen)."""

from __future__ import annotations

from kcfield.domain.errors import Problem, Severity
from kcfield.domain.model import CPAssessment

OPTION_CATEGORIES = range(1, 9)


def validate_cp_assessment(a: CPAssessment) -> list[Problem]:
    problems: list[Problem] = []
    if a.establishment_id is None:
        problems.append(Problem("required", "establishment_id"))
    if a.period_start and a.period_end and a.period_end < a.period_start:
        problems.append(Problem("cp.period_order", "period_end"))
    if a.output_quantity is not None and a.output_quantity < 0:
        problems.append(Problem("cp.negative_quantity", "output_quantity"))
    if a.output_quantity is not None and not a.output_unit:
        problems.append(Problem("required", "output_unit"))
    for index, item in enumerate(a.inputs, start=1):
        if item.quantity < 0:
            problems.append(Problem("cp.negative_quantity", "inputs", {"row": index}))
        if item.unit_price_vnd is not None and item.unit_price_vnd < 0:
            problems.append(Problem("money.negative", "inputs", {"row": index}))
        if not item.name.strip():
            problems.append(Problem("cp.row_name_missing", "inputs", {"row": index}))
    for index, out in enumerate(a.outputs, start=1):
        if out.quantity < 0:
            problems.append(Problem("cp.negative_quantity", "outputs", {"row": index}))
    for index, option in enumerate(a.options, start=1):
        if option.category not in OPTION_CATEGORIES:
            problems.append(Problem("cp.option_category", "options", {"row": index}))
        if min(option.investment_vnd, option.annual_savings_vnd, option.added_operating_cost_vnd) < 0:
            problems.append(Problem("money.negative", "options", {"row": index}))
        if not option.description.strip():
            problems.append(Problem("cp.row_name_missing", "options", {"row": index}))
    codes = [entry.item_code for entry in a.checklist]
    if len(codes) != len(set(codes)):
        problems.append(Problem("cp.checklist_duplicate", "checklist", {}, Severity.ERROR))
    return problems
