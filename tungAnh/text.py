"""Text helpers shared by every app: NFC storage and accent-insensitive search."""

import re
import unicodedata

from django.db import models


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


class NFCMixin:
    """Normalise to NFC on the way in from forms and again just before saving."""

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
