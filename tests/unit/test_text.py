"""Vietnamese text: storage form, accent-insensitive search keys and dictionary order."""

from __future__ import annotations

import random
import time
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kcfield.domain.text import TONE_ORDER, VIETNAMESE_ALPHABET, fold, normalize, sort_key

# Built here, independently of the module: the 29 letters, and tone marks in dictionary order.
LETTERS = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")
VOWELS = list("aăâeêioôơuưy")
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # ngang, huyền, hỏi, ngã, sắc, nặng


def _forms() -> list[str]:
    """Every Vietnamese letter with every tone, lower and upper case, composed and decomposed."""
    out = []
    for letter in LETTERS:
        for tone in TONES if letter in VOWELS else [""]:
            composed = unicodedata.normalize("NFC", letter + tone)
            for form in (composed, composed.upper()):
                out += [form, unicodedata.normalize("NFD", form)]
    return out


FORMS = _forms()
vietnamese_text = st.lists(st.sampled_from([*FORMS, " ", "  ", "\t"]), max_size=30).map("".join)


def _oracle_base(s: str) -> list[int]:
    """Letter indices with tones removed but ă â ê ô ơ ư đ kept: what a Vietnamese dictionary compares first."""
    out = []
    for ch in unicodedata.normalize("NFC", s.lower()):
        if ch.isspace():
            out.append(-1)
            continue
        without_tone = "".join(c for c in unicodedata.normalize("NFD", ch) if c not in TONES[1:])
        out.append(LETTERS.index(unicodedata.normalize("NFC", without_tone)))
    return out


# -- normalize -------------------------------------------------------------------------------------------------


def test_normalize_collapses_the_double_space_of_the_gso_list() -> None:
    assert normalize("Phường  Rạch Dừa") == "Phường Rạch Dừa"


def test_normalize_trims_and_turns_tabs_and_no_break_spaces_into_one_space() -> None:
    assert normalize("\u00a0 Xã\tChâu\u00a0\u00a0Đức \n") == "Xã Châu Đức"


def test_normalize_composes_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Bà Rịa–Vũng Tàu")
    assert decomposed != "Bà Rịa–Vũng Tàu"
    assert normalize(decomposed) == "Bà Rịa–Vũng Tàu"


@given(vietnamese_text)
def test_normalize_is_idempotent_and_nfc(s: str) -> None:
    once = normalize(s)
    assert normalize(once) == once
    assert unicodedata.is_normalized("NFC", once)


# -- fold ------------------------------------------------------------------------------------------------------


def test_fold_examples() -> None:
    assert fold("Đất Đỏ") == "dat do"
    assert fold("Đồng") == "dong"
    assert fold("  Phường  Rạch Dừa ") == "phuong rach dua"
    assert fold("ĐẶC KHU CÔN ĐẢO") == "dac khu con dao"


def test_fold_merges_words_that_differ_so_it_is_for_search_only() -> None:
    assert fold("dế") == fold("dê") == "de"


@given(vietnamese_text)
def test_fold_is_idempotent(s: str) -> None:
    assert fold(fold(s)) == fold(s)


@given(st.text())
def test_fold_is_idempotent_on_any_text(s: str) -> None:
    assert fold(fold(s)) == fold(s)


@given(vietnamese_text)
def test_fold_of_vietnamese_is_plain_ascii(s: str) -> None:
    folded = fold(s)
    assert folded.isascii()
    assert folded == folded.lower()


@given(vietnamese_text)
def test_fold_ignores_how_the_keyboard_encoded_the_letters(s: str) -> None:
    assert fold(unicodedata.normalize("NFC", s)) == fold(unicodedata.normalize("NFD", s))


# -- sort_key --------------------------------------------------------------------------------------------------


def test_alphabet_constant_lists_the_29_letters_in_order() -> None:
    assert [c for c in VIETNAMESE_ALPHABET if c not in "fjwz"] == LETTERS
    assert TONE_ORDER == ("ngang", "huyền", "hỏi", "ngã", "sắc", "nặng")


def test_letters_sort_in_vietnamese_order_whatever_the_case() -> None:
    shuffled = [*LETTERS, *(c.upper() for c in LETTERS)]
    random.Random(7).shuffle(shuffled)
    ordered = sorted(shuffled, key=sort_key)
    assert [c.lower() for c in ordered[::2]] == LETTERS
    assert [c.lower() for c in ordered[1::2]] == LETTERS


def test_modified_letters_come_right_after_their_base_not_after_z() -> None:
    names = ["Yên", "Đông", "Ân", "Ăn", "Bình", "Dương", "An", "Ê", "Em", "Ơn", "Ôn", "On", "Ưng", "Uông", "Vĩnh"]
    assert sorted(names, key=sort_key) == [
        "An", "Ăn", "Ân", "Bình", "Dương", "Đông", "Em", "Ê", "On", "Ôn", "Ơn", "Uông", "Ưng", "Vĩnh", "Yên",
    ]  # fmt: skip
    assert sorted(["Ăn", "Zeta"])[0] == "Zeta"  # what Python does by default, for contrast


def test_tones_are_compared_after_the_base_letters() -> None:
    assert sorted(["bạ", "bá", "ba", "bã", "bà", "bả"], key=sort_key) == ["ba", "bà", "bả", "bã", "bá", "bạ"]
    assert sorted(["bac", "bạ"], key=sort_key) == ["bạ", "bac"]  # base letters "ba" < "bac" decide first


def test_de_cricket_and_de_goat_have_distinct_keys() -> None:
    assert sort_key("dế") != sort_key("dê")
    assert sort_key("dê") < sort_key("dế")
    assert sort_key("dê")[0] == sort_key("dế")[0]  # same letters: only the tone level differs


def test_sorting_is_case_insensitive_with_lower_case_first_on_ties() -> None:
    assert sorted(["Bình", "an", "Ăn", "An"], key=sort_key) == ["an", "An", "Ăn", "Bình"]


def test_names_sort_syllable_by_syllable() -> None:
    assert sorted(["Anh Sơn", "An Bình", "An"], key=sort_key) == ["An", "An Bình", "Anh Sơn"]


@given(vietnamese_text)
def test_sort_key_does_not_depend_on_the_encoding(s: str) -> None:
    assert sort_key(unicodedata.normalize("NFD", s)) == sort_key(unicodedata.normalize("NFC", s))


@given(vietnamese_text, vietnamese_text)
def test_base_letters_decide_before_tones_and_case(a: str, b: str) -> None:
    base_a, base_b = _oracle_base(a), _oracle_base(b)
    if base_a != base_b:
        assert (sort_key(a) < sort_key(b)) == (base_a < base_b)


def test_sorting_100k_names_is_fast() -> None:
    rng = random.Random(1)
    syllables = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
        "Dương", "Lý", "cơ", "sở", "mộc", "gốm", "dệt", "chiếu", "Ánh", "Ấp", "thực", "phẩm",
    ]  # fmt: skip
    names = [" ".join(rng.choices(syllables, k=4)) for _ in range(100_000)]
    start = time.perf_counter()
    names.sort(key=sort_key)
    assert time.perf_counter() - start < 5.0
    assert _oracle_base(names[0]) <= _oracle_base(names[50_000]) <= _oracle_base(names[-1])
