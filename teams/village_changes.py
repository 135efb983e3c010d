"""A village renamed, or merged into another village of its commune, as a dated event.

Since 1 July 2025 the commune's People's Council decides both (Law 72/2025/QH15, on the
organisation of local government). The clerk records the council's resolution; the
village keeps its row, its people, teams and documents, and a ``VillageChange`` keeps
what it was called before. Issued documents keep the name they printed. A merged village
ceases on the day: its people pass to the village it went into, and its team must have
been dissolved (or never set up) by then, since a village has one live team.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Person, Team, Village, VillageChange


def _refuse_unless_changeable(village: Village, on: datetime.date) -> None:
    if village.ceased_on is not None:
        raise ValidationError(
            _("%(village)s was merged into another village on %(day)s: it cannot change any more.")
            % {"village": village.title_name, "day": f"{village.ceased_on:%d/%m/%Y}"}
        )
    if village.commune.ceased_on is not None:
        raise ValidationError(
            _("%(commune)s ceased to exist on %(day)s: its villages are changed by its successor.")
            % {"commune": village.commune.title_name, "day": f"{village.commune.ceased_on:%d/%m/%Y}"}
        )
    last = village.changes.order_by("-on").values_list("on", flat=True).first()
    if last is not None and on <= last:
        raise ValidationError(
            _("%(village)s already changed on %(day)s: a later change takes effect after that day.")
            % {"village": village.title_name, "day": f"{last:%d/%m/%Y}"}
        )


def _refuse_empty_basis(legal_basis: str) -> None:
    if not legal_basis.strip():
        raise ValidationError(_("Give the council's resolution that decided the change."))


@transaction.atomic
def village_rename(
    *, village: Village, name: str, type_word: str, on: datetime.date, legal_basis: str, by=None
) -> VillageChange:
    """``village`` is called ``type_word name`` from ``on``; its earlier name stays in its history."""
    village = Village.objects.select_for_update().select_related("commune").get(pk=village.pk)
    _refuse_unless_changeable(village, on)
    _refuse_empty_basis(legal_basis)
    if (type_word, name) == (village.type_word, village.name):
        raise ValidationError(_("The new name is the name the village already has."))
    change = VillageChange(
        village=village,
        kind=VillageChange.Kind.RENAME,
        on=on,
        old_type_word=village.type_word,
        old_name=village.name,
        new_type_word=type_word,
        new_name=name,
        legal_basis=legal_basis,
        recorded_by=by,
    )
    village.type_word, village.name = type_word, name
    village.full_clean()  # a name another village of the commune has is refused here
    change.full_clean()
    village.save(update_fields=["type_word", "name"])
    change.save()
    return change


@transaction.atomic
def village_merge(*, village: Village, into: Village, on: datetime.date, legal_basis: str, by=None) -> VillageChange:
    """``village`` goes into ``into`` on ``on``: its people pass to ``into`` and it ceases."""
    village = Village.objects.select_for_update().select_related("commune").get(pk=village.pk)
    into = Village.objects.select_for_update().select_related("commune").get(pk=into.pk)
    if into.pk == village.pk:
        raise ValidationError(_("A village is not merged into itself."))
    if into.commune_id != village.commune_id:
        raise ValidationError(_("A village is merged into another village of the same commune."))
    _refuse_unless_changeable(village, on)
    _refuse_unless_changeable(into, on)
    _refuse_empty_basis(legal_basis)
    live = Team.objects.filter(village=village).exclude(status=Team.Status.DISSOLVED).first()
    if live is not None:
        raise ValidationError(
            _("%(team)s is not dissolved: dissolve it by a decision before the village is merged.")
            % {"team": live.name}
        )
    change = VillageChange(
        village=village,
        kind=VillageChange.Kind.MERGE,
        on=on,
        old_type_word=village.type_word,
        old_name=village.name,
        merged_into=into,
        legal_basis=legal_basis,
        recorded_by=by,
    )
    change.full_clean()
    change.save()
    # One save per person, so that each person's audit trail shows the move.
    for person in Person.objects.filter(village=village):
        person.village = into
        person.save(update_fields=["village"])
    village.ceased_on = on
    village.save(update_fields=["ceased_on"])
    return change


def name_on(village: Village, day: datetime.date) -> str:
    """ "thôn Đông Thái": the village's name as it was on ``day``, from its renames."""
    renames = sorted(
        (c for c in village.changes.all() if c.kind == VillageChange.Kind.RENAME), key=lambda c: (c.on, c.pk)
    )
    for change in renames:
        if change.on > day:
            return change.old_full_name
    if renames:
        return f"{renames[-1].new_type_word} {renames[-1].new_name}"
    return village.full_name
