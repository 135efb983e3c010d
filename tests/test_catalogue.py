"""The Vietnamese catalogue is complete: a clerk never meets an English sentence."""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

PO = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(PO))


def test_every_message_is_translated_and_none_is_fuzzy(catalogue):
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_translations_keep_their_placeholders(catalogue):
    for entry in catalogue.translated_entries():
        translated = entry.msgstr or entry.msgstr_plural.get(0, "")
        assert sorted(PLACEHOLDER.findall(translated)) == sorted(PLACEHOLDER.findall(entry.msgid)), entry.msgid


def test_the_compiled_catalogue_is_current(catalogue):
    def messages(entries):
        return {(e.msgid, e.msgstr or e.msgstr_plural.get(0, "")) for e in entries if e.msgid}

    compiled = {(e.msgid, e.msgstr or e.msgstr_plural.get(0, "")) for e in polib.mofile(str(MO)) if e.msgid}
    assert messages(catalogue.translated_entries()) == compiled


def test_the_code_has_no_string_missing_from_the_catalogue(tmp_path, catalogue, settings, monkeypatch):
    """Every gettext string in the code is in the catalogue (run `make messages` if not).

    makemessages writes into the ./locale it finds, so it runs on a copy of the sources.
    """
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext is not installed")
    base = Path(settings.BASE_DIR)
    apps = ("lib", "tungAnh", "teams", "decisions", "reports", "joining", "documents", "accounts", "integrity", "demo")
    for folder in (*apps, "templates"):
        shutil.copytree(base / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "locale" / "vi" / "LC_MESSAGES").mkdir(parents=True)
    copy = tmp_path / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    copy.write_bytes(PO.read_bytes())
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["vi"], verbosity=0)
    regenerated = polib.pofile(str(copy))
    missing = sorted({e.msgid for e in regenerated if not e.obsolete} - {e.msgid for e in catalogue})
    assert missing == [], "run `make messages` and translate: " + "; ".join(missing[:10])


def test_vietnamese_is_the_default_and_english_is_available():
    assert settings.LANGUAGE_CODE == "vi"
    with translation.override("vi"):
        assert translation.gettext("A team has exactly one leader (Tổ trưởng).") != (
            "A team has exactly one leader (Tổ trưởng)."
        )
    with translation.override("en"):
        assert translation.gettext("A team has exactly one leader (Tổ trưởng).") == (
            "A team has exactly one leader (Tổ trưởng)."
        )
