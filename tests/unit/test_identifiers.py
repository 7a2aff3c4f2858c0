"""Tax codes, personal ID numbers and phone numbers as collaborators type them."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kcfield.domain.enums import Gender, TaxCodeKind
from kcfield.domain.errors import Severity
from kcfield.domain.identifiers import (
    BIRTH_PROVINCE_CODES,
    MobileNetwork,
    PhoneKind,
    convert_old_mobile,
    make_tax_code,
    parse_personal_id,
    parse_phone,
    parse_tax_code,
    tax_code_check_digit,
)

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def oracle_remainder(body: str) -> int:
    return sum(w * int(d) for w, d in zip(WEIGHTS, body, strict=True)) % 11


def codes(result: object) -> list[str]:
    return [p.code for p in result.problems]  # type: ignore[attr-defined]


bodies = st.text(alphabet="0123456789", min_size=9, max_size=9)


# -- tax code --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["0100109106", "0300588569"])
def test_real_tax_codes_pass(code: str) -> None:
    result = parse_tax_code(code)
    assert result.ok and result.problems == ()
    assert result.kind is TaxCodeKind.ENTERPRISE
    assert result.value == code


def test_check_digit_of_a_known_code() -> None:
    assert tax_code_check_digit("010010910") == 6
    assert make_tax_code("030058856") == "0300588569"


def test_a_wrong_check_digit_names_the_expected_digit() -> None:
    result = parse_tax_code("0100109107")
    assert not result.ok
    (problem,) = result.problems
    assert problem.code == "tax_code.check_digit"
    assert problem.field == "tax_code"
    assert problem.params["expected"] == "6"
    assert problem.params["found"] == "7"


def test_a_body_whose_weighted_sum_is_divisible_by_11_has_no_valid_code() -> None:
    body = next(f"{n:09d}" for n in range(10_000_000, 99_999_999) if oracle_remainder(f"{n:09d}") == 0)
    assert tax_code_check_digit(body) is None
    with pytest.raises(ValueError, match="no valid tax code"):
        make_tax_code(body)
    for last in "0123456789":
        assert codes(parse_tax_code(body + last)) == ["tax_code.no_check_digit"]


def test_digits_3_to_9_all_zero_is_invalid_even_with_a_matching_check_digit() -> None:
    body = "010000000"
    digit = tax_code_check_digit(body)
    assert digit is not None
    assert codes(parse_tax_code(f"{body}{digit}")) == ["tax_code.zero_body"]
    with pytest.raises(ValueError):
        make_tax_code(body)


@pytest.mark.parametrize("typed", ["0100109106-001", "0100109106001", "0100109106 001", " 0100 109 106 - 001 "])
def test_13_digit_codes_are_accepted_however_typed(typed: str) -> None:
    result = parse_tax_code(typed)
    assert result.ok, result.problems
    assert result.kind is TaxCodeKind.BRANCH
    assert result.value == "0100109106-001"


def test_13_digit_code_needs_a_suffix_from_001_and_a_valid_main_code() -> None:
    assert codes(parse_tax_code("0100109106-000")) == ["tax_code.branch_suffix"]
    assert codes(parse_tax_code("0100109107-001")) == ["tax_code.check_digit"]
    assert parse_tax_code("0100109106-999").ok


def test_12_digit_personal_id_is_a_tax_code_of_its_own_kind() -> None:
    result = parse_tax_code("077085001234")
    assert result.ok and result.kind is TaxCodeKind.PERSONAL_ID
    bad = parse_tax_code("003085001234")
    assert codes(bad) == ["personal_id.province"] and bad.problems[0].field == "tax_code"


@pytest.mark.parametrize("typed", ["123", "01001091061", "0100109106-01", "abc", "0100109106/001", "01001O9106"])
def test_other_shapes_are_format_errors(typed: str) -> None:
    result = parse_tax_code(typed)
    assert result.kind is None
    assert codes(result) == ["tax_code.format"]


def test_empty_tax_code_is_reported_as_required_and_field_is_passed_through() -> None:
    result = parse_tax_code("  ", field="registration_no")
    assert [(p.code, p.field) for p in result.problems] == [("required", "registration_no")]


def test_full_width_digits_from_an_ime_are_understood() -> None:
    assert parse_tax_code("０１００１０９１０６").value == "0100109106"


def test_check_digit_helper_refuses_a_body_that_is_not_9_digits() -> None:
    for bad in ("12345678", "1234567890", "12345678a", "١٢٣٤٥٦٧٨٩"):
        with pytest.raises(ValueError):
            tax_code_check_digit(bad)


@given(bodies)
def test_generated_codes_pass_and_every_other_check_digit_fails(body: str) -> None:
    r = oracle_remainder(body)
    assume(r != 0 and body[2:] != "0000000")
    code = make_tax_code(body)
    assert code == body + str(10 - r)
    assert parse_tax_code(code).ok
    for digit in "0123456789":
        if digit != code[9]:
            assert codes(parse_tax_code(body + digit)) == ["tax_code.check_digit"]


@given(bodies, st.integers(0, 8), st.integers(1, 9))
def test_every_single_digit_change_in_the_body_is_caught(body: str, position: int, shift: int) -> None:
    """No mod-11 collision is possible for a single substitution: each weight is non-zero mod 11, a digit changes
    by 1..9 and 11 is prime, so the remainder always changes. The changed body then either has no check digit
    or a different one — so the old check digit never fits it."""
    assume(oracle_remainder(body) != 0 and body[2:] != "0000000")
    code = make_tax_code(body)
    changed_digit = str((int(body[position]) + shift) % 10)
    changed = body[:position] + changed_digit + body[position + 1 :] + code[9]
    assert not parse_tax_code(changed).ok


# -- personal identification number ----------------------------------------------------------------------------


def test_personal_id_decodes_birth_province_century_sex_and_year() -> None:
    man = parse_personal_id("077085001234")
    assert man.ok
    assert (man.birth_province_code, man.birth_century, man.sex, man.birth_year) == ("077", 1900, Gender.MALE, 1985)
    woman = parse_personal_id("079303001234")
    assert (woman.birth_century, woman.sex, woman.birth_year) == (2000, Gender.FEMALE, 2003)
    assert parse_personal_id("001899001234").birth_year == 1899
    assert parse_personal_id("001450001234").birth_year == 2150


def test_personal_id_accepts_all_63_birth_provinces_and_nothing_else() -> None:
    assert len(BIRTH_PROVINCE_CODES) == 63
    for n in range(1000):
        code = f"{n:03d}"
        result = parse_personal_id(f"{code}085001234")
        assert result.ok == (code in BIRTH_PROVINCE_CODES)
    assert {"001", "077", "079", "096"} <= BIRTH_PROVINCE_CODES
    assert not {"000", "003", "097"} & BIRTH_PROVINCE_CODES


@pytest.mark.parametrize("typed", ["07708500123", "0770850012345", "07708500123x"])
def test_personal_id_must_be_12_digits(typed: str) -> None:
    result = parse_personal_id(typed)
    assert codes(result) == ["personal_id.format"]
    assert result.birth_year is None


def test_personal_id_ignores_grouping_spaces() -> None:
    assert parse_personal_id("077 085 001 234").value == "077085001234"


@given(st.sampled_from(sorted(BIRTH_PROVINCE_CODES)), st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_personal_id_sex_follows_parity_and_year_stays_in_its_century(province: str, rest: str) -> None:
    result = parse_personal_id(province + rest)
    assert result.ok
    assert result.sex is (Gender.MALE if int(rest[0]) % 2 == 0 else Gender.FEMALE)
    assert result.birth_century is not None and result.birth_year is not None
    assert result.birth_century <= result.birth_year < result.birth_century + 100


# -- phones ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["0912345678", "0912 345 678", "0912.345.678", "(091) 234-5678", "+84 912 345 678", "84912345678",
              "+84 (0) 912 345 678", "0084912345678"],
)  # fmt: skip
def test_mobile_numbers_are_normalised_whatever_the_grouping(typed: str) -> None:
    result = parse_phone(typed)
    assert result.ok and result.problems == ()
    assert result.value == "0912345678"
    assert result.kind is PhoneKind.MOBILE
    assert result.network is MobileNetwork.VINAPHONE
    assert result.display == "0912 345 678"
    assert result.e164 == "+84912345678"


@pytest.mark.parametrize(
    ("number", "network"),
    [("0386123456", MobileNetwork.VIETTEL), ("0971234567", MobileNetwork.VIETTEL),
     ("0812345678", MobileNetwork.VINAPHONE), ("0901234567", MobileNetwork.MOBIFONE),
     ("0701234567", MobileNetwork.MOBIFONE), ("0921234567", MobileNetwork.VIETNAMOBILE),
     ("0591234567", MobileNetwork.GMOBILE), ("0991234567", MobileNetwork.GMOBILE)],
)  # fmt: skip
def test_mobile_network_is_recognised(number: str, network: MobileNetwork) -> None:
    assert parse_phone(number).network is network


def test_unknown_mobile_prefix_is_only_a_warning() -> None:
    result = parse_phone("0871234567")
    assert result.ok and result.kind is PhoneKind.MOBILE and result.network is None
    (problem,) = result.problems
    assert (problem.code, problem.severity, problem.params["prefix"]) == (
        "phone.unknown_network",
        Severity.WARNING,
        "087",
    )


OLD_TO_NEW = {
    "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078", "0123": "083", "0124": "084",
    "0125": "085", "0127": "081", "0129": "082", "0162": "032", "0163": "033", "0164": "034", "0165": "035",
    "0166": "036", "0167": "037", "0168": "038", "0169": "039", "0186": "056", "0188": "058", "0199": "059",
}  # fmt: skip


@pytest.mark.parametrize(("old", "new"), sorted(OLD_TO_NEW.items()))
def test_old_11_digit_mobiles_are_errors_that_suggest_the_new_number(old: str, new: str) -> None:
    result = parse_phone(f"{old} 123 4567")
    assert not result.ok
    (problem,) = result.problems
    assert problem.code == "phone.old_mobile"
    assert problem.params == {"old": f"{old}1234567", "suggested": f"{new}1234567"}
    assert convert_old_mobile(f"+84 {old[1:]} 123 4567") == f"{new}1234567"
    assert parse_phone(problem.params["suggested"]).ok


def test_convert_old_mobile_leaves_other_numbers_alone() -> None:
    assert convert_old_mobile("0912345678") is None
    assert convert_old_mobile("01301234567") is None
    assert convert_old_mobile("") is None


@pytest.mark.parametrize(
    ("typed", "area", "display"),
    [("0254 3852 123", "254", "0254 3852 123"), ("024 3825 1234", "24", "024 3825 1234"),
     ("+84 28 3829 1234", "28", "028 3829 1234"), ("02993 123 456", "299", "0299 3123 456")],
)  # fmt: skip
def test_landlines_have_11_digits_with_an_area_code(typed: str, area: str, display: str) -> None:
    result = parse_phone(typed)
    assert result.ok and result.problems == ()
    assert result.kind is PhoneKind.LANDLINE
    assert result.area_code == area
    assert result.display == display


def test_unknown_area_code_is_a_warning() -> None:
    result = parse_phone("02173 123 456")
    assert result.ok and result.kind is PhoneKind.LANDLINE
    assert codes(result) == ["phone.unknown_area_code"]


@pytest.mark.parametrize(("typed", "code"), [("091234567", "phone.length"), ("09123456789", "phone.length"),
                                             ("0254385212", "phone.length"), ("0912 ABC 678", "phone.format"),
                                             ("", "required")])  # fmt: skip
def test_malformed_phones(typed: str, code: str) -> None:
    result = parse_phone(typed, field="respondent_phone")
    assert not result.ok and result.kind is None
    assert [(p.code, p.field) for p in result.problems] == [(code, "respondent_phone")]
    assert result.e164 == ""
