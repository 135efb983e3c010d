"""A word too long for its line wraps inside the page instead of running off it.

A subject typed without spaces (or a pasted link) used to print as its first 66
characters, the rest cut off at the page's edge. ``static/documents/document.css`` lets
such a word break anywhere (``overflow-wrap: anywhere``); the PDF is read back with PDFium
(tests/pdfs.py).
"""

import copy

import pytest

from documents import rendering
from tests import pdfs
from tests.decisions.test_rendering import EPSILON, LEFT_MM, RIGHT_MM, TEMPLATE, decision_171
from tests.pdfs import MM

# 500 characters, no space: Vietnamese letters with their marks, so a lost one is noticed.
WORD = ("TùngẢnhĐôngTháiChuyểnđổisốcộngđồng0123456789" * 12)[:500]


def long_subject() -> dict:
    doc = copy.deepcopy(decision_171())
    doc["subject"] = WORD
    return doc


def long_article() -> dict:
    doc = copy.deepcopy(decision_171())
    doc["articles"][2]["paragraphs"] = [WORD]
    return doc


def long_recipient() -> dict:
    doc = copy.deepcopy(decision_171())
    doc["recipients"] = [*doc["recipients"][:-1], f"- {WORD};", doc["recipients"][-1]]
    return doc


@pytest.fixture(scope="module", params=[long_subject, long_article, long_recipient], ids=lambda build: build.__name__)
def pdf(request) -> bytes:
    return rendering.document_pdf(TEMPLATE, request.param())


def test_the_word_is_500_characters():
    assert len(WORD) == 500 and " " not in WORD


def test_every_character_of_the_word_is_printed(pdf):
    printed = "".join(pdfs.text(pdf).split())
    assert WORD in printed


def test_every_word_box_stays_between_the_margins(pdf):
    words = pdfs.words(pdf)
    assert words
    for word in words:
        assert word.x_max <= RIGHT_MM * MM + EPSILON, (word.text, word.x_max / MM)
        assert word.x_min >= LEFT_MM * MM - EPSILON, (word.text, word.x_min / MM)
