"""Pages for decisions: the list, drafting and composing, the chairman's inbox, the register.

Thin views: reads come from ``decisions.selectors``, every change goes through
``decisions.workflow``, and ``accounts.scoping`` decides who sees what. A decision outside
the user's reach is a 404 (its existence does not leak); in reach but not theirs to act on
is a 403 (the workflow's ``PermissionDenied``). A refusal the workflow explains
(``ValidationError``) is shown on the page, next to the field when it has one.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from accounts import scoping
from documents import chain, rendering, verification
from documents import views as document_views
from lib import responses
from lib.collation import vietnamese
from lib.forms import add_model_errors
from lib.page_cache import per_reader
from lib.text import ascii_int
from teams import rules
from teams.models import Team

from . import amendment, documents, register, selectors, workflow
from .forms import (
    DecisionCreateForm,
    DecisionFilterForm,
    DecisionTextForm,
    DepartureReasonForm,
    LegalBasisForm,
    RegisterFilterForm,
    member_formset,
)
from .models import Decision, LegalBasis

PAGE_SIZE = 25


def _to_detail(decision: Decision):
    return redirect("decisions:detail", pk=decision.pk)


def _draft_of_clerk(request, pk: int) -> Decision | None:
    """The draft the clerk is changing: 404 outside scope, 403 for anyone but its clerk,
    None (with a message) once it is no longer a draft."""
    decision = selectors.decision_in_scope(request.user, pk)
    scoping.require_clerk(request.user, decision.commune)
    if not decision.is_editable:
        messages.error(
            request,
            _("Only a draft can be changed; this decision is %(status)s.") % {"status": decision.get_status_display()},
        )
        return None
    return decision


def _detail_context(request, decision: Decision) -> dict:
    """What a decision's page shows beyond what every document's page shows."""
    is_clerk = scoping.is_clerk_of(request.user, decision.commune)
    violations = [] if decision.is_issued else workflow.decision_violations(decision)
    return {
        "decision": decision,
        "hard_violations": rules.hard(violations),
        "advisory_violations": rules.advisory(violations),
        "may_compose": is_clerk and decision.is_editable and decision.kind != Decision.Kind.DISSOLVE,
        # An amendment not yet issued: the team as it stands against the members it names.
        "changes": amendment.changes(decision)
        if decision.kind == Decision.Kind.AMEND and not decision.is_issued
        else None,
        # The public check's facts on the stored PDF: in the register, each signature intact, by whom.
        "signature_verdict": verification.stored_verdict(decision) if decision.is_issued else None,
    }


PAGES = document_views.Pages(
    kind=workflow.KIND,
    namespace="decisions",
    template="decisions/decision_detail.html",
    in_scope=selectors.decision_in_scope,
    pdf_filename=register.issued_pdf_filename,
    printed=documents.decision_document,
    extra_context=_detail_context,
    not_submitted=gettext_lazy("The decision was not submitted:"),
    not_returned=gettext_lazy("The decision was not returned:"),
    not_issued=gettext_lazy("The decision was not issued:"),
)


# Lists -------------------------------------------------------------------------------------------


@per_reader
@login_required
def decision_list(request):
    user = request.user
    filters = DecisionFilterForm(request.GET or None, years=selectors.decision_years(user))
    decisions = selectors.decision_list(
        user,
        status=filters.value("status") or "",
        kind=filters.value("kind") or "",
        year=filters.value("year"),
    )
    context = {
        "filters": filters,
        "page_obj": Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_draft": scoping.can_edit(user),
        "several_communes": scoping.reads_several_communes(user),
    }
    return render(request, "decisions/decision_list.html", context)


@login_required
def inbox(request):
    official = scoping.official_of(request.user)
    if official is None or not official.signs:
        raise PermissionDenied(_("Only the chairman or a vice-chairman issues decisions."))
    page = Paginator(selectors.inbox(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "decisions/inbox.html", {"page_obj": page})


# Drafting -------------------------------------------------------------------------------------------


@login_required
def decision_create(request):
    """Confirm the team and the kind, then the workflow drafts the standard text."""
    if not scoping.can_edit(request.user):
        raise PermissionDenied(_("Only the commune clerk drafts decisions."))
    teams = (
        scoping.scope(request.user, Team.objects.exclude(status=Team.Status.DISSOLVED))
        .select_related("commune", "village")
        .order_by("level", vietnamese("village__name"), "pk")
    )
    initial = {"team": request.GET.get("team"), "kind": request.GET.get("kind")}
    form = DecisionCreateForm(request.POST or None, teams=teams, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            decision = workflow.decision_create(
                team=form.cleaned_data["team"], kind=form.cleaned_data["kind"], by=request.user
            )
        except ValidationError as exc:
            add_model_errors(form, exc)
        else:
            messages.success(request, _("The draft was created: choose its members, then review its text."))
            if decision.kind == Decision.Kind.DISSOLVE:
                return _to_detail(decision)
            return redirect("decisions:compose", pk=decision.pk)
    return render(request, "decisions/decision_create.html", {"form": form})


@login_required
def decision_edit(request, pk: int):
    """The draft's texts and the legal bases it cites."""
    decision = _draft_of_clerk(request, pk)
    if decision is None:
        return redirect("decisions:detail", pk=pk)
    # The form validates a copy: a refused text must not show up in the page's headings.
    form = DecisionTextForm(
        request.POST or None,
        instance=Decision.objects.get(pk=decision.pk),
        library=selectors.legal_basis_library(decision.commune),
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                workflow.decision_update(decision=decision, by=request.user, **form.texts())
                workflow.decision_set_bases(decision=decision, bases=form.chosen_bases(), by=request.user)
        except ValidationError as exc:
            add_model_errors(form, exc)
        else:
            messages.success(request, _("The draft was saved."))
            return _to_detail(decision)
    return render(request, "decisions/decision_form.html", {"decision": decision, "form": form})


def _rules_context(rule: rules.Composition, seats: list[rules.Seat]) -> dict:
    violations = rules.check_composition(rule, seats, complete=True)
    return {"hard_violations": rules.hard(violations), "advisory_violations": rules.advisory(violations)}


@login_required
def decision_compose(request, pk: int):
    """Điều 1: who the decision names. A structural break is refused on save; the rest of
    the rules are shown as the clerk edits and enforced on submission."""
    decision = _draft_of_clerk(request, pk)
    if decision is None:
        return redirect("decisions:detail", pk=pk)
    if decision.kind == Decision.Kind.DISSOLVE:
        messages.info(request, _("A decision dissolving a team names no members."))
        return _to_detail(decision)
    data = request.POST or None
    rule = workflow.composition_rule(decision)
    formset = member_formset(decision=decision, people=selectors.commune_people(decision.commune), rule=rule, data=data)
    reason_form = DepartureReasonForm(data, initial={"departure_reason": decision.departure_reason})
    save_errors = []
    if request.method == "POST" and request.POST.get("action") != "check":
        valid = [formset.is_valid(), reason_form.is_valid()]  # both, so both show their errors
        if all(valid):
            try:
                with transaction.atomic():
                    saved = workflow.decision_set_members(
                        decision=decision, members=formset.proposed(), by=request.user
                    )
                    workflow.decision_update(
                        decision=decision,
                        by=request.user,
                        departure_reason=reason_form.cleaned_data["departure_reason"],
                    )
            except ValidationError as exc:
                save_errors = exc.messages
            else:
                messages.success(request, _("The composition was saved."))
                if decision.kind == Decision.Kind.AMEND:
                    if saved.article1 != decision.article1:
                        messages.info(request, _("Article 1 now says who leaves, who joins and whose role changes."))
                    elif saved.article1 != amendment.article1_of(saved):
                        messages.warning(
                            request,
                            _(
                                "Article 1 was written by hand: check that it still says who leaves, "
                                "who joins and whose role changes."
                            ),
                        )
                return _to_detail(decision)
        save_errors = [_("Nothing was saved: correct the points below."), *save_errors]
    seats = formset.seats() if formset.is_bound else workflow.composition_of(decision)
    context = {
        "decision": decision,
        "formset": formset,
        "reason_form": reason_form,
        "save_errors": save_errors,
        **_rules_context(rule, seats),
    }
    return render(request, "decisions/decision_compose.html", context)


@login_required
@require_POST
def rule_check(request, pk: int):
    """The rules panel for the rows as they stand in the compose form (htmx), nothing saved."""
    decision = selectors.decision_in_scope(request.user, pk)
    rule = workflow.composition_rule(decision)
    formset = member_formset(
        decision=decision, people=selectors.commune_people(decision.commune), rule=rule, data=request.POST
    )
    return render(request, "decisions/_rules.html", _rules_context(rule, formset.seats()))


# Reading -------------------------------------------------------------------------------------------


@per_reader
@login_required
def decision_detail(request, pk: int):
    return document_views.page(PAGES, request, selectors.decision_in_scope(request.user, pk))


@login_required
@xframe_options_sameorigin
def decision_preview(request, pk: int):
    return document_views.preview(PAGES, request, pk)


@login_required
def decision_page_image(request, pk: int, number: int):
    return document_views.page_image(PAGES, request, pk, number)


@login_required
def decision_draft_pdf(request, pk: int):
    """A draft rendered now ("DỰ THẢO", no number); an issued decision has its stored PDF."""
    decision = selectors.decision_in_scope(request.user, pk)
    if decision.is_issued:
        return redirect("decisions:pdf", pk=decision.pk)
    try:
        pdf = rendering.document_pdf(workflow.TEMPLATE, documents.build_decision_document(decision))
    except rendering.RenderingError as exc:
        responses.refused(request, exc, _("The draft PDF was not made:"))
        return _to_detail(decision)
    return responses.pdf_response(pdf, filename=f"du-thao-quyet-dinh-{decision.pk}.pdf", as_attachment=False)


@login_required
def decision_pdf(request, pk: int):
    return document_views.pdf(PAGES, request, pk)


# The lifecycle's steps ---------------------------------------------------------------------------


@require_POST
@login_required
def decision_submit(request, pk: int):
    return document_views.submit(PAGES, request, pk)


@require_POST
@login_required
def decision_return(request, pk: int):
    return document_views.return_to_clerk(PAGES, request, pk)


@require_POST
@login_required
def decision_issue(request, pk: int):
    return document_views.issue(PAGES, request, pk)


# The outgoing register ---------------------------------------------------------------------------


def _register_commune(request):
    """The commune whose register is read: the one asked for (404 outside one's reach), else the first."""
    if not selectors.reads_register(request.user):
        raise PermissionDenied(_("The outgoing register is kept by the commune office."))
    communes = selectors.register_communes(request.user)
    asked = request.GET.get("commune", "")
    if asked:
        pk = ascii_int(asked)
        commune = communes.filter(pk=pk).first() if pk is not None else None
        if commune is None:
            raise Http404
        return commune, communes
    return communes.first(), communes


def _register_year(request) -> int | None:
    year = ascii_int(request.GET.get("year"))
    return year if year is not None and 1900 <= year <= 2100 else None


@login_required
def basis_list(request):
    """The legal bases the commune's decisions may cite, with the dates they are in force;
    the clerk adds the province's and the commune's own documents."""
    commune = scoping.commune_of(request.user)
    if commune is None or not scoping.can_edit(request.user):
        raise PermissionDenied(_("Only the commune clerk keeps the legal bases."))
    form = LegalBasisForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The legal basis was added."))
        return redirect("decisions:bases")
    bases = LegalBasis.objects.filter(Q(commune__isnull=True) | Q(commune=commune))
    context = {
        "form": form,
        "commune": commune,
        "bases": bases.order_by("rank", F("in_force_from").asc(nulls_first=True), "id"),
        "defaults": {basis.pk for basis in workflow.default_bases(commune)},
    }
    return render(request, "decisions/basis_list.html", context)


@per_reader
@login_required
def register_page(request):
    """The outgoing register (sổ văn bản đi) in the columns of Decree 30."""
    commune, communes = _register_commune(request)
    several = scoping.reads_several_communes(request.user)
    filters = RegisterFilterForm(
        request.GET or None,
        communes=communes,
        several_communes=several,
        initial={"commune": commune.pk if commune else None},
    )
    context = {"filters": filters, "commune": commune, "several_communes": several, "page_obj": None}
    if commune is not None:
        year = _register_year(request)
        filters.set_years(selectors.register_years(commune))
        entries = register.register_entries(commune=commune, year=year)
        context["page_obj"] = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
        context["year"] = year
        context["chain_head"] = chain.head(commune)  # what a printed or published copy pins
    return render(request, "decisions/register.html", context)


@login_required
def register_xlsx(request):
    commune, _communes = _register_commune(request)
    if commune is None:
        raise Http404
    year = _register_year(request)
    entries = register.register_entries(commune=commune, year=year)
    data = register.register_xlsx(entries, commune=commune, year=year)
    filename = register.register_filename(commune=commune, year=year)
    return responses.download(data, filename=filename, content_type=register.XLSX_CONTENT_TYPE)
