"""Django's own messages on our Vietnamese pages come out in Vietnamese (lib/borrowed_messages.py).

Each copied msgid is one Django, axes or auditlog really uses (else the copy would translate
nothing), and our catalogue gives it a Vietnamese text; then the pages: a NUL typed in a
form, a formset posted without its management form, a bad choice in a list of several, the
admin's index of a login's app names.
"""

import ast
from pathlib import Path

import auditlog
import axes
import django
import polib
import pytest
from django import forms
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext, ngettext

from decisions import workflow
from lib import borrowed_messages
from teams.models import Person
from tests import factories
from tests.web import url

SOURCE = Path(borrowed_messages.__file__)
DJANGO = Path(django.__file__).parent
# Names that read the same in both languages.
SAME_IN_VIETNAMESE = {"IPv4", "IPv6"}


def borrowed() -> list[tuple[str, str | None]]:
    """(msgid, msgid_plural) of every gettext_lazy and ngettext_lazy call in the module."""
    found = []
    for node in ast.walk(ast.parse(SOURCE.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in {"_", "ngettext_lazy"}:
            texts = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            found.append((texts[0], texts[1] if node.func.id == "ngettext_lazy" else None))
    return found


def django_msgids() -> set[str]:
    catalogues = [DJANGO / "conf/locale/en/LC_MESSAGES/django.po"]
    catalogues += (DJANGO / "contrib").glob("*/locale/en/LC_MESSAGES/django.po")
    return {entry.msgid for path in catalogues for entry in polib.pofile(str(path))}


def app_sources() -> str:
    return "".join(
        path.read_text(encoding="utf-8")
        for package in (axes, auditlog)
        for path in Path(package.__file__).parent.glob("*.py")
    )


def vietnamese(message: str, plural: str | None = None) -> str:
    with translation.override("vi"):
        return ngettext(message, plural, 2) if plural else gettext(message)


def test_the_module_copies_many_messages():
    assert len(borrowed()) > 50


@pytest.mark.parametrize(("message", "plural"), borrowed(), ids=lambda value: (value or "")[:40])
def test_each_copy_is_a_message_django_or_an_app_uses_and_it_is_translated(message, plural):
    assert message in django_msgids() or message in app_sources(), "not a msgid Django, axes or auditlog uses"
    translated = vietnamese(message, plural)
    assert translated and (translated != message or message in SAME_IN_VIETNAMESE)


def test_djangos_own_messages_speak_vietnamese():
    with translation.override("vi"), pytest.raises(ValidationError) as nul:
        forms.CharField().clean("Lê\x00Văn")
    assert nul.value.messages == [vietnamese("Null characters are not allowed.")]
    assert "Null characters" not in nul.value.messages[0]

    with translation.override("vi"), pytest.raises(ValidationError) as short:
        MinimumLengthValidator().validate("abc")
    assert "8" in short.value.messages[0] and "too short" not in short.value.messages[0]


@pytest.mark.django_db
def test_a_bad_choice_among_several_is_refused_in_vietnamese():
    with translation.override("vi"), pytest.raises(ValidationError) as bad:
        forms.ModelMultipleChoiceField(User.objects.all()).clean(["x"])
    assert bad.value.messages == ["“x” không phải là một giá trị hợp lệ."]


@pytest.mark.django_db
def test_a_nul_typed_in_a_form_is_refused_in_vietnamese(client, clerk, village):
    client.force_login(clerk)
    data = {"full_name": "Trần\x00Thị Lan", "gender": "female", "village": village.pk, "office": "teacher"}
    response = client.post(url("teams:person_create"), data)
    assert response.status_code == 200
    assert not Person.objects.filter(full_name__startswith="Trần").exists()
    page = response.content.decode()
    assert vietnamese("Null characters are not allowed.") in page
    assert "Null characters are not allowed." not in page


@pytest.mark.django_db
def test_a_formset_without_its_management_form_is_refused_in_vietnamese(client, clerk, village_team):
    decision = workflow.decision_create(team=village_team, kind="establish", by=clerk)
    client.force_login(clerk)
    response = client.post(url("decisions:compose", decision.pk), {"action": "save", "departure_reason": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Biểu mẫu gửi lên thiếu phần dữ liệu quản lý" in page
    assert "ManagementForm data is missing" not in page


@pytest.mark.django_db
def test_the_admin_names_axes_and_auditlog_in_vietnamese(client):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    page = client.get("/admin/").content.decode()
    assert "Theo dõi đăng nhập" in page and "Nhật ký thay đổi" in page
    assert ">Axes<" not in page and "Audit log" not in page
