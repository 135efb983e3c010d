"""A ``<select>`` written in Python, for the forms on the main pages (list filters, a team's page).

Django renders a select through a template that includes a second template for every
option: the people filter of a district officer (15 communes, 120 villages) spent ~8 ms a
page there, more than the page's queries. ``Select`` writes the same HTML, character for
character (``tests/teams/test_widgets.py`` compares it with Django's), in ~0.3 ms.
``ModelChoiceIterator`` reads the choices with one plain query: Django's own opens a
server-side cursor (DECLARE, FETCH, CLOSE: three round trips) to spare memory that a
filter's few hundred rows do not need.
"""

from django import forms
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe


def _text(value) -> str:
    """``{{ value }}`` in a template: localised, then escaped unless already safe."""
    value = localize(value)
    return conditional_escape(value if isinstance(value, str) else str(value))


def _attrs(attrs: dict) -> str:
    """Django's ``attrs.html``: ``True`` is a bare name, ``False`` leaves the attribute out."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class Select(forms.Select):
    @classmethod
    def like(cls, widget: forms.Select) -> "Select":
        """This widget in place of ``widget``, with what its form field set on it."""
        select = cls(attrs=widget.attrs, choices=widget.choices)
        select.is_required, select.is_localized = widget.is_required, widget.is_localized
        return select

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_text(group_name)}">')
            parts.extend(
                f'\n  <option value="{escape(option["value"])}"{_attrs(option["attrs"])}>{_text(option["label"])}'
                "</option>\n"
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class OneQueryChoiceIterator(forms.models.ModelChoiceIterator):
    """A model choice field's choices from one plain query. Django's iterator opens a
    server-side cursor (DECLARE, FETCH, CLOSE: three round trips) to spare memory that a
    filter's few hundred rows do not need."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


def use_python_selects(form: forms.Form) -> None:
    """Put ``Select`` in place of the form's Django selects, and read its model choices with
    ``OneQueryChoiceIterator``. Call it in ``__init__`` before setting the choices' querysets."""
    for field in form.fields.values():
        if type(field.widget) is forms.Select:
            field.widget = Select.like(field.widget)
        if isinstance(field, forms.ModelChoiceField):
            field.iterator = OneQueryChoiceIterator
            field.widget.choices = field.choices
