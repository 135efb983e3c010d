"""``lib.widgets.Select`` writes exactly the HTML of Django's template-rendered select."""

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from decisions.forms import DecisionFilterForm, RegisterFilterForm
from lib.widgets import Select
from teams.forms import CollaboratorForm, PersonFilterForm, VillageFilterForm
from teams.models import Commune, Village
from tests import factories

CHOICES = [
    ("", gettext_lazy("All villages")),
    (1, "thôn Đông Thái"),
    ("a<b", 'say "hi" & <go>'),
    (2024, 2024),
    ("safe", mark_safe("<b>kept</b>")),
    ("Group & co", [("g1", "one"), ("g2", "two")]),
]


def both(value, attrs=None, choices=CHOICES):
    ours = Select(attrs=attrs, choices=choices).render("field", value, attrs={"id": "id_field"})
    django = forms.Select(attrs=attrs, choices=choices).render("field", value, attrs={"id": "id_field"})
    return ours, django


def test_it_renders_what_django_renders():
    for value in (None, "", 1, "1", "a<b", 2024, "g2", "missing"):
        ours, django = both(value, attrs={"class": "form-select", "required": True, "disabled": False})
        assert ours == django


def test_it_renders_translated_labels_like_django():
    with override("vi"):
        ours, django = both("")
    assert ours == django


def test_it_renders_an_empty_select_like_django():
    ours, django = both(None, choices=[])
    assert ours == django


def rendered_with_djangos_select(form) -> dict[str, str]:
    """Each field of ``form`` rendered by Django's own Select widget."""
    html = {}
    for name, field in form.fields.items():
        widget = field.widget
        if not isinstance(widget, Select):
            html[name] = str(form[name])
            continue
        field.widget = forms.Select(attrs=widget.attrs, choices=widget.choices)
        html[name] = str(form[name])
        field.widget = widget
    return html


def test_the_forms_of_the_main_pages_render_as_before(db):
    commune = factories.CommuneFactory()
    factories.VillageFactory(commune=commune, name="Đông <Thái>")
    factories.VillageFactory(commune=factories.CommuneFactory(district=commune.district))
    communes = Commune.objects.filter(district=commune.district)
    villages = Village.objects.filter(commune__district=commune.district)
    register = RegisterFilterForm(None, communes=communes, several_communes=True, initial={"commune": commune.pk})
    register.set_years([2024])
    forms_ = [
        PersonFilterForm(
            {"village": str(villages.first().pk)}, communes=communes, villages=villages, several_communes=True
        ),
        VillageFilterForm({"commune": "nonsense"}, communes=communes),
        DecisionFilterForm({"status": "issued", "year": "2024"}, years=[2024, 2023]),
        register,
        CollaboratorForm({"person": "0"}, team=factories.TeamFactory(commune=commune)),
    ]
    for form in forms_:
        form.is_valid()
        ours = {name: str(form[name]) for name in form.fields}
        assert ours == rendered_with_djangos_select(form)
        assert {type(field.widget) for field in form.fields.values() if isinstance(field.widget, forms.Select)} == {
            Select
        }
