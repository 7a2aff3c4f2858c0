"""Vietnamese text: storage form, search keys and collation.

Three different jobs with three different answers, kept apart on purpose:

* :func:`normalize` is the *storage* form. Keyboards (Unikey in "Unicode tổ hợp" mode, phones, pasted PDFs) send
  composed or decomposed letters, and the GSO lists carry stray double spaces; without one canonical form two
  spellings of the same name would be two different names in the database.
* :func:`fold` is a *search* key only. It forgets tones, letter modifiers and case so that a collaborator typing
  "dat do" on a laptop without a Vietnamese keyboard finds "Đất Đỏ". It must never be stored or shown: folding
  merges words that differ ("dế" cricket, "dê" goat).
* :func:`sort_key` is the *display order*. Python's default order puts Ă, Â, Đ after Z and sorts by code point,
  which looks broken to a Vietnamese reader.
"""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = ["TONE_ORDER", "VIETNAMESE_ALPHABET", "fold", "normalize", "sort_key"]

# -- storage ---------------------------------------------------------------------------------------------------


def normalize(s: str) -> str:
    """NFC, trimmed, every run of whitespace (also no-break spaces and tabs) collapsed to one space."""
    return " ".join(unicodedata.normalize("NFC", s).split())


# -- search ----------------------------------------------------------------------------------------------------

_DD_TO_D: Final = str.maketrans({"đ": "d", "Đ": "d"})


def fold(s: str) -> str:
    """Accent- and case-insensitive search key: "Đất  Đỏ" -> "dat do".

    Case folding comes first because it can itself produce combining marks (e.g. "İ" folds to "i" + dot
    above), which the next step then removes; doing it in this order makes ``fold`` idempotent. "đ" is mapped
    explicitly: it is a letter of its own in Unicode with no decomposition into "d" + a mark.
    """
    decomposed = unicodedata.normalize("NFD", s.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.translate(_DD_TO_D).split())


# -- collation -------------------------------------------------------------------------------------------------

#: The 29 letters of the Vietnamese alphabet in dictionary order, with f, j, w, z (loan words, foreign names)
#: slotted where they fall in the Latin alphabet.
VIETNAMESE_ALPHABET: Final = (
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
)  # fmt: skip

#: Tones in the order used by Vietnamese dictionaries (Từ điển tiếng Việt, Hoàng Phê): ngang (no mark), huyền,
#: hỏi, ngã, sắc, nặng. Tones are compared only after the whole string's base letters are equal, so "ba", "bà",
#: "bả", "bã", "bá", "bạ" sort in that order and "bạ" still comes before "bac".
TONE_ORDER: Final = ("ngang", "huyền", "hỏi", "ngã", "sắc", "nặng")

_TONE_MARKS: Final = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_MODIFIED: Final = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê", ("o", "\u0302"): "ô",
                    ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}  # fmt: skip
_LETTER_RANK: Final = {letter: i for i, letter in enumerate(VIETNAMESE_ALPHABET)}

# Primary weights: whitespace lowest (so "An Bình" < "Anh": syllable by syllable, as dictionaries do), then
# other characters below U+0100 (digits, punctuation) as themselves, then letters at U+0100 + rank, then every
# other character (Greek, CJK, symbols) as itself, which is above the letter block. No character that is not
# a letter is left in U+0100..U+0120: that block holds only Latin letters with marks and Đ/đ, all letters here.
_LETTER_BASE: Final = 0x100
_SPACE_WEIGHT: Final = "\x01"
_OTHER_MARK_TONE: Final = "6"  # a mark Vietnamese does not use (ç, ü, ñ): after every tone


def _weights(ch: str) -> tuple[str | None, str | None, str | None]:
    """(primary, tone, case) weights of one character; ``None`` means "contributes nothing at that level"."""
    if ch.isspace():
        return _SPACE_WEIGHT, None, None
    if unicodedata.combining(ch):
        # A mark left over after NFC (no precomposed form): it only affects the tone level.
        return None, str(_TONE_MARKS.get(ch, 6)), None
    lower = ch.lower()
    upper_flag = "1" if ch != lower and len(lower) == 1 else "0"
    if lower == "đ":
        return chr(_LETTER_BASE + _LETTER_RANK["đ"]), "0", upper_flag
    decomposed = unicodedata.normalize("NFD", lower)
    base, marks = decomposed[0], decomposed[1:]
    if base not in _LETTER_RANK:
        return ch, None, None
    letter, tone = base, "0"
    for mark in marks:
        if (letter, mark) in _MODIFIED:
            letter = _MODIFIED[(letter, mark)]
        elif mark in _TONE_MARKS:
            tone = str(_TONE_MARKS[mark])
        else:
            tone = _OTHER_MARK_TONE
    return chr(_LETTER_BASE + _LETTER_RANK[letter]), tone, upper_flag


class _Table(dict[int, str | None]):
    """A ``str.translate`` table that fills itself: lookups run in C, a miss computes and caches once."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self._level = level

    def __missing__(self, code_point: int) -> str | None:
        weight = _weights(chr(code_point))[self._level]
        self[code_point] = weight
        return weight


_PRIMARY: Final = _Table(0)
_TONE: Final = _Table(1)
_CASE: Final = _Table(2)


def _prefill() -> None:
    """Fill the tables for every Vietnamese letter and ASCII so sorting 100k names never misses."""
    letters = [chr(c) for c in range(0x20, 0x7F)]
    for letter in VIETNAMESE_ALPHABET:
        for tone in ("", *_TONE_MARKS):
            composed = unicodedata.normalize("NFC", letter + tone)
            letters.extend((composed, composed.upper()))
    for ch in letters:
        if len(ch) == 1:
            for table in (_PRIMARY, _TONE, _CASE):
                _ = table[ord(ch)]


_prefill()


def sort_key(s: str) -> tuple[str, str, str, str]:
    """Key for Vietnamese dictionary order, case-insensitive.

    Levels, as in the Unicode Collation Algorithm: (1) base letters in :data:`VIETNAMESE_ALPHABET` order
    (ă, â, đ, ê, ô, ơ, ư are letters of their own); (2) tones in :data:`TONE_ORDER`, letter by letter; (3) case,
    lower before upper, only to make the order total; (4) the NFC text itself. Each level is a string built by
    ``str.translate`` over a per-character table, so the work per name is a few C loops.
    """
    nfc = unicodedata.normalize("NFC", s)
    return nfc.translate(_PRIMARY), nfc.translate(_TONE), nfc.translate(_CASE), nfc
