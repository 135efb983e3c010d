"""Text helpers shared by every app: NFC storage, readable text and accent-insensitive search."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def nfc(value):
    """Return ``value`` NFC-normalised (non-strings pass through untouched)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def fold(value: str) -> str:
    """Lower-case ``value`` and drop its diacritics, so "Dũng" and "dung" compare equal.

    "đ" is a letter of its own, not a "d" with a mark, so NFD leaves it alone: map it by hand.
    """
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


# Searching names by syllable --------------------------------------------------------------
# A Vietnamese name is a row of syllables, and a search word is the start of one of them:
# "hạnh" finds "Lê Thị Hạnh", not "Võ Thị Thanh Cảnh" ("thanh" holds "hanh" but does not
# begin with it); "duc tho" finds "Đức Thọ"; "ng" finds "Nguyễn ..." and "... Ngọc ...".
# The same rule in the database (``syllable_match``, over a column of ``fold()``-ed text)
# and in Python (``has_syllables``).


def search_syllables(text: str) -> list[str]:
    """The folded words of a name search, each once: letters and digits only, so that
    punctuation neither matches nor breaks anything ("Hạnh!" and "HANH" give ["hanh"])."""
    return list(dict.fromkeys(re.findall(r"[^\W_]+", fold(text))))


def syllable_match(field: str, text: str) -> Q | None:
    """Rows whose ``field`` (folded text, syllables separated by one space) has a syllable
    beginning with each word of ``text``; None when ``text`` has no word to look for.

    A syllable begins the column or follows a space: ``startswith`` can use the column's
    index, and both lookups mean the same on SQLite and PostgreSQL."""
    words = search_syllables(text)
    if not words:
        return None
    match = Q()
    for word in words:
        match &= Q(**{f"{field}__startswith": word}) | Q(**{f"{field}__contains": f" {word}"})
    return match


def has_syllables(name: str, words: list[str]) -> bool:
    """``syllable_match`` in Python: each of ``words`` (from ``search_syllables``) begins a
    syllable of ``name``."""
    syllables = fold(name).split()
    return all(any(syllable.startswith(word) for syllable in syllables) for word in words)


# Bidirectional controls (embeddings, overrides, isolates, marks): Vietnamese never needs
# them, and they make a stored name print in another order than it reads on screen
# ("A\u202eBC" shows as "ACB"), in a document or a spreadsheet alike.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters by their Unicode category that draw nothing (Hangul fillers, the blank Braille
# pattern): a name made of them looks empty.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Drawing nothing by category: controls and format characters (zero-width space, joiners,
# word joiner, BOM, soft hyphen), separators (spaces), and marks (accents, which draw only
# on a letter before them).
INVISIBLE_CATEGORIES = ("C", "Z", "M")


def is_visible(character: str) -> bool:
    return character not in BLANK_LETTERS and not unicodedata.category(character).startswith(INVISIBLE_CATEGORIES)


def validate_readable(value) -> None:
    """Refuse text a person cannot read back: any bidirectional control, or nothing visible.

    "\u200b\u200b", "\u00ad", " ", "\u0301" (an accent with no letter) are refused;
    "Du\u0303ng" (Dũng typed decomposed) is a letter with its accent and passes.
    """
    if not isinstance(value, str) or not value:
        return  # "required" and "blank" speak for an empty value
    control = next((character for character in value if character in BIDI_CONTROLS), None)
    if control is not None:
        raise ValidationError(
            _(
                "Remove the invisible text-direction character (%(code)s): it makes the text print in another order "
                "than it was typed."
            ),
            code="bidi_control",
            params={"code": f"U+{ord(control):04X}"},
        )
    if not any(is_visible(character) for character in value):
        raise ValidationError(
            _(
                "Type letters a person can read: this text has only invisible characters, spaces or accent marks "
                "without a letter."
            ),
            code="invisible",
        )


class NFCMixin:
    """Normalise to NFC on the way in from forms and again just before saving, and refuse
    text a person cannot read (``validate_readable``) in ``full_clean``."""

    default_validators = [validate_readable]

    def to_python(self, value):
        return nfc(super().to_python(value))

    def pre_save(self, model_instance, add):
        value = nfc(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class NFCCharField(NFCMixin, models.CharField):
    pass


class NFCTextField(NFCMixin, models.TextField):
    pass


# Up to 18 digits: any id or year, and always within a 64-bit database integer.
ASCII_NUMBER = re.compile(r"[0-9]{1,18}")


def ascii_int(text: str | None) -> int | None:
    """The number ``text`` spells in ASCII digits ("171" -> 171), or None.

    For numbers read from a query string, a form field or the address. ``str.isdigit()``
    also accepts "²" or "٣" (which ``int()`` then refuses or reads), and ``int()`` accepts
    spaces, signs, underscores and thousands of digits: none of those is an id or a year.
    """
    if text is None or not ASCII_NUMBER.fullmatch(text):
        return None
    return int(text)


def normalise_phone(value: str) -> str:
    """Drop the spaces, dots and dashes people type inside phone numbers."""
    return "".join(ch for ch in value if ch not in " .-()")
