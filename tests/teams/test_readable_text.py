"""Names and short texts a person can read back: nothing only invisible, no direction controls.

The rule is ``lib.text.validate_readable``: every NFC model field runs it in
``full_clean`` (so the admin, every ModelForm and every service that cleans before saving
refuse), and the forms' ``NFCFormField`` runs it too. The pages' side is
``tests/web/test_readable_names.py``.
"""

import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from decisions.models import Decision
from lib.forms import NFCFormField
from lib.text import validate_readable
from teams import services
from teams.models import Person, Village
from tests import factories

INVISIBLE = [
    "\u200b\u200b",  # zero-width spaces
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # byte order mark
    "\u00ad",  # soft hyphen
    "\u0301",  # an acute accent with no letter
    " \u0303 ",  # a tilde between spaces
    "   ",
    "\u00a0\u3000",  # no-break and ideographic spaces
    "\u3164",  # Hangul filler, a "letter" that draws nothing
    "\u200b \u00ad\u0301\u2060",
]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f"]
BIDI += ["\u061c"]
READABLE = [
    "Dũng",
    "Du\u0303ng",  # Dũng typed decomposed
    unicodedata.normalize("NFD", "Nguyễn Thị Ngọc Ánh"),
    "Đ",
    "Phòng VH - TT",
    "12",
    " Lan ",
]


def code_of(exc: ValidationError, field: str | None = None) -> str:
    errors = exc.error_dict[field] if field else exc.error_list
    return errors[0].code


@pytest.mark.parametrize("text", INVISIBLE)
def test_text_with_nothing_visible_is_refused(text):
    with pytest.raises(ValidationError) as refused:
        validate_readable(text)
    assert code_of(refused.value) == "invisible"


@pytest.mark.parametrize("control", BIDI)
def test_a_direction_control_anywhere_is_refused_and_named(control):
    with pytest.raises(ValidationError) as refused:
        validate_readable(f"Nguyễn{control} Văn A")
    assert code_of(refused.value) == "bidi_control"
    assert refused.value.params == {"code": f"U+{ord(control):04X}"}


@pytest.mark.parametrize("text", READABLE)
def test_readable_text_passes(text):
    validate_readable(text)


def test_the_form_field_refuses_and_still_composes():
    field = NFCFormField(max_length=100)
    assert field.clean("Du\u0303ng") == "Dũng"
    for text in ("\u200b\u200b", "\u00ad", "\u0301", "A\u202eB"):
        with pytest.raises(ValidationError):
            field.clean(text)


# Models: full_clean, hence the admin and every ModelForm -------------------------------------


@pytest.mark.parametrize(("text", "code"), [("\u200b\u200b", "invisible"), ("A\u202eB", "bidi_control")])
def test_full_clean_refuses_a_person_village_or_subject_nobody_can_read(commune, village, text, code):
    person = Person(commune=commune, full_name=text, gender=Person.Gender.MALE)
    place = Village(commune=commune, name=text, type_word=Village.Type.VILLAGE)
    decision = Decision(
        commune=commune,
        team=factories.TeamFactory(commune=commune, village=village),
        kind=Decision.Kind.ESTABLISH,
        subject=text,
        proposer="Xét đề nghị của Công chức Văn hóa - Xã hội",
        article1="Điều 1.",
        article2="Điều 2.",
        article3="Điều 3.",
        recipients="Như Điều 3;",
    )
    for instance, field in ((person, "full_name"), (place, "name"), (decision, "subject")):
        with pytest.raises(ValidationError) as refused:
            instance.full_clean()
        assert code_of(refused.value, field) == code, (instance, field)


def test_full_clean_accepts_a_name_typed_decomposed_and_saves_it_composed(commune):
    person = Person(commune=commune, full_name="Phan Tiến Du\u0303ng", gender=Person.Gender.MALE)
    person.full_clean()
    person.save()
    person.refresh_from_db()
    assert person.full_name == "Phan Tiến Dũng"


def test_a_service_that_cleans_before_saving_refuses(village_team, village_people, day):
    with pytest.raises(ValidationError) as refused:
        services.collaborator_add(team=village_team, person=village_people[0], joined_on=day, note="A\u202eB")
    assert code_of(refused.value, "note") == "bidi_control"
    assert not village_team.collaborators.exists()


def test_the_admin_refuses_next_to_the_field(admin_client, commune):
    response = admin_client.post(
        reverse("admin:teams_village_add"),
        {"name": "\u200b\u200b", "type_word": Village.Type.VILLAGE, "commune": commune.pk},
    )
    assert response.status_code == 200
    assert [error.code for error in response.context["adminform"].form.errors.as_data()["name"]] == ["invisible"]
    assert not Village.objects.exists()
