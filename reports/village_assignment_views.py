"""Villages to assign after a reform: the one change a province officer makes.

A village of an old commune split between several new communes waits (a ``VillageMove``
without a commune) until the province says which new commune it joins. The page lists the
province's waiting villages, each with the new communes formed from its old one; choosing
one calls ``teams.reforms.assign_village``, which moves the village with its people and its
live team. The list answers 403 to anyone but a province officer; a move outside the
officer's province (every move, for anyone else) answers 404; the
service's refusals (already assigned, not a successor) come back as a message, not an error page.
"""

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts import scoping
from lib import forms as ascii_forms
from lib import responses
from lib.collation import vietnamese
from teams import reforms
from teams.models import Commune, Succession, VillageMove

PAGE_SIZE = 25


class VillageAssignForm(forms.Form):
    commune = ascii_forms.ModelChoiceField(
        queryset=Commune.objects.none(), label=gettext_lazy("New commune"), empty_label=None
    )

    def __init__(self, *args, successors, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["commune"]
        field.queryset = successors
        field.label_from_instance = lambda commune: commune.title_name


def _require_assigner(user) -> None:
    if not scoping.may_assign_villages(user):
        raise PermissionDenied(_("Only the province officer assigns the villages of a split commune."))


def _moves(user):
    return VillageMove.objects.filter(scoping.assignable_moves_filter(user))


@login_required
@require_GET
def move_list(request):
    _require_assigner(request.user)
    waiting = (
        _moves(request.user)
        .filter(to_commune__isnull=True)
        .select_related("village", "from_commune", "reform")
        .order_by(vietnamese("from_commune__name"), vietnamese("village__name"), "pk")
    )
    page = Paginator(waiting, PAGE_SIZE).get_page(request.GET.get("page"))
    moves = list(page.object_list)
    # The new communes formed from each old commune of the page, in one query.
    successors: dict[tuple[int, int], list[Commune]] = defaultdict(list)
    links = Succession.objects.filter(
        reform__in={m.reform_id for m in moves}, predecessor__in={m.from_commune_id for m in moves}
    ).select_related("successor")
    for link in links.order_by(vietnamese("successor__name"), "successor__pk"):
        successors[(link.reform_id, link.predecessor_id)].append(link.successor)
    rows = [(move, successors[(move.reform_id, move.from_commune_id)]) for move in moves]
    return render(request, "reports/village_moves.html", {"page_obj": page, "rows": rows})


@login_required
@require_POST
def move_assign(request, pk: int):
    # Looked up first: a move outside the officer's reach is a 404 for everyone, whatever the number.
    move = get_object_or_404(_moves(request.user).select_related("village", "from_commune"), pk=pk)
    _require_assigner(request.user)
    successors = Commune.objects.filter(
        predecessor_links__reform=move.reform_id, predecessor_links__predecessor=move.from_commune_id
    )
    form = VillageAssignForm(request.POST, successors=successors)
    if not form.is_valid():
        messages.error(
            request,
            _("Choose one of the new communes formed from %(old)s for %(village)s.")
            % {"old": move.from_commune.full_name, "village": move.village.full_name},
        )
        return redirect("dashboard:village_moves")
    try:
        moved = reforms.assign_village(move=move, commune=form.cleaned_data["commune"], by=request.user)
    except reforms.ReformRefused as exc:
        responses.refused(request, exc)
        return redirect("dashboard:village_moves")
    messages.success(
        request,
        _("%(village)s now belongs to %(commune)s, with its people and its team.")
        % {"village": moved.village.title_name, "commune": moved.to_commune.full_name},
    )
    return redirect("dashboard:village_moves")
