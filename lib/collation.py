"""Vietnamese alphabetical order, the same on PostgreSQL and SQLite.

Lists of names (villages, communes, people) read in the order of the Vietnamese alphabet,
A Ă Â B C D Đ E Ê G H I K L M N O Ô Ơ P Q R S T U Ư V X Y, the tones breaking ties in the
order schools teach them: none, huyền, hỏi, ngã, sắc, nặng ("Tùng Ảnh" before "Tùng Châu",
"Đức Lạng" after every D). Byte order puts "Đ" after "Y" and "Ả" after "C".

Queries order by ``vietnamese("name")``, a ``COLLATE vietnamese`` clause:
- PostgreSQL: an ICU collation (``vi-u-kn``: Vietnamese, numbers by value so that
  "Thôn 2" comes before "Thôn 10"), created by a ``teams`` migration;
- SQLite: a collation function of that name, registered on every connection
  (``register``, from ``teams.apps``), comparing ``sort_key``s.

``sort_key`` follows ICU's levels: the letters first over the whole name (case and tones
ignored), then the tones, then the case (lower before upper), so "Ánh B" comes before
"Anh C" as in a dictionary. It also orders lists built in Python.
"""

import functools
import unicodedata

from django.db.models import F
from django.db.models.functions import Collate

COLLATION = "vietnamese"

# The letters of the Latin script in Vietnamese order: the 29 of the alphabet, with F, J,
# W and Z (foreign names, "Zô") where the Latin alphabet puts them.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
# Marks that make a letter of its own (ă â ê ô ơ ư), decomposed: breve, circumflex, horn.
LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# The tones, in order: none (0), huyền, hỏi, ngã, sắc, nặng.
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Classes of primary weights, in ICU's order: spaces, punctuation and symbols, digits, letters.
SPACE, OTHER, DIGIT, LETTER = "\x01", "\x02", "\x03", "\x04"
LAST = 0x10FFFF


def vietnamese(field: str) -> Collate:
    """``field`` (a field name or lookup path) to order by in Vietnamese order."""
    return Collate(F(field), COLLATION)


def _clusters(text: str):
    """(base character, its combining marks) for each character of ``text``, decomposed."""
    base, marks = None, []
    for character in unicodedata.normalize("NFD", text):
        if unicodedata.combining(character) and base is not None:
            marks.append(character)
            continue
        if base is not None:
            yield base, marks
        base, marks = character, []
    if base is not None:
        yield base, marks


@functools.lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple[str, str, str, str]:
    """What to sort ``text`` by in Vietnamese order (NFC or NFD alike, case-insensitive first).

    Three strings, one per level, compared in turn (then the text itself): each character
    (or run of digits) of ``text`` writes its weight on each level, in code points, so that
    Python's string comparison does the collation's work and a key stays small in the cache.
    """
    primary: list[str] = []
    secondary: list[str] = []
    tertiary: list[str] = []
    digits = ""

    def end_number():
        nonlocal digits
        if digits:
            value = digits.lstrip("0") or "0"
            # The number of digits first, so that 10 comes after 2; then the digits.
            primary.append(DIGIT + chr(len(value) if len(value) < LAST else LAST) + value)
            secondary.append("\x01\x00")
            tertiary.append("\x00")
            digits = ""

    for base, marks in _clusters(text):
        if unicodedata.category(base) == "Nd" and not marks:
            digits += str(unicodedata.decimal(base))
            continue
        end_number()
        lower = base.lower()
        tone, others = 0, ""
        for mark in marks:
            if (lower, mark) in LETTER_MARKS:
                lower = LETTER_MARKS[(lower, mark)]
            elif mark in TONES and not tone:
                tone = TONES[mark]
            else:
                others += mark
        if base.isspace():
            weight = SPACE + "\x00"
        elif base.isalpha():
            rank = LETTER_RANK.get(lower)
            weight = LETTER + chr(rank + 1 if rank is not None else min(len(ALPHABET) + ord(lower[0]), LAST))
        else:
            weight = OTHER + chr(ord(base))
        primary.append(weight)
        # The tone, then any other mark (a foreign name's "ü"), closed so that none sorts first.
        secondary.append(chr(tone + 1) + others + "\x00")
        tertiary.append("\x00" if base == base.lower() else "\x01")
    end_number()
    return "".join(primary), "".join(secondary), "".join(tertiary), unicodedata.normalize("NFC", text)


def compare(left: str, right: str) -> int:
    """-1, 0 or 1 as ``left`` comes before, with or after ``right``: SQLite's collation function."""
    left_key, right_key = sort_key(left), sort_key(right)
    return (left_key > right_key) - (left_key < right_key)


def register(sender, connection, **kwargs) -> None:
    """Give a new SQLite connection the ``vietnamese`` collation (``connection_created``)."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)
