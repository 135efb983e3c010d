"""The Django admin for decisions, legal bases, number sequences and the outgoing register.

Until the web interface exists this is the clerk's and the chairman's tool, so it stays
thin: every write goes through ``decisions.workflow`` (drafting, editing, submitting,
returning, issuing), which checks who acts and the composition rules. The admin only
decides what to show: a draft is editable by its commune's clerk; a submitted or issued
decision is read-only and cannot be deleted. A refusal from the workflow (a rule, a
permission) becomes an error message listing the reasons, never a server error.

Each user sees the rows of the communes ``tungAnh.scoping`` lets them read; a superuser
sees every commune (but, not being a clerk or a signer, cannot act in the workflow).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from teams import rules
from teams.models import Commune, Person, Team
from teams.services import ProposedMember
from tungAnh import scoping
from tungAnh.text import ascii_int

from . import documents, register, rendering, workflow
from .models import Decision, DecisionBasis, DecisionMember, DocumentType, LegalBasis, NumberSequence, RegisterEntry

RelatedOnly = admin.RelatedOnlyFieldListFilter


def scoped(request, queryset, *, commune_field: str = "commune"):
    """``queryset`` narrowed to what the user may read; a superuser reads everything."""
    if request.user.is_superuser:
        return queryset
    return scoping.scope(request.user, queryset, commune_field=commune_field)


def visible_communes(request):
    if request.user.is_superuser:
        return Commune.objects.all()
    return scoping.visible_communes(request.user)


def refusal_reasons(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return exc.messages
    if isinstance(exc, rendering.RenderingError):
        return [gettext("The PDF could not be made (%(error)s).") % {"error": exc}]
    return [str(exc) or gettext("You may not do this.")]


def report_refusal(request, intro: str, exc: Exception) -> None:
    """One error message: what was refused, then every reason the workflow gave."""
    reasons = format_html_join("", "<li>{}</li>", ((reason,) for reason in refusal_reasons(exc)))
    messages.error(request, format_html("{}<ul>{}</ul>", intro, reasons))


# Decisions ---------------------------------------------------------------------------


class DecisionCreateForm(forms.Form):
    """A new draft needs only its team and its kind: the workflow fills in the rest."""

    team = forms.ModelChoiceField(queryset=Team.objects.none(), label=_("team"))
    kind = forms.ChoiceField(choices=Decision.Kind.choices, label=_("kind"))

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["team"].label_from_instance = lambda team: f"{team.name} ({team.commune.full_name})"


class DecisionPartFormSet(BaseInlineFormSet):
    """Offers only what the decision's commune may cite or name."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        commune_id = self.instance.commune_id
        if "person" in form.fields:
            form.fields["person"].queryset = Person.objects.filter(commune_id=commune_id)
        if "basis" in form.fields:
            form.fields["basis"].queryset = LegalBasis.objects.filter(
                Q(commune__isnull=True) | Q(commune_id=commune_id)
            )

    def kept_rows(self) -> list[dict]:
        """The cleaned rows this submission keeps (not deleted, not left empty)."""
        return [form.cleaned_data for form in self.forms if form.cleaned_data and not self._should_delete_form(form)]


class DecisionPartInline(admin.TabularInline):
    """Members and bases are part of the decision: the decision's permissions are theirs."""

    formset = DecisionPartFormSet
    extra = 0

    def _decision_admin(self):
        return self.admin_site.get_model_admin(Decision)

    def has_view_permission(self, request, obj=None):
        return self._decision_admin().has_view_permission(request, obj)

    def _may_edit(self, request, obj):
        return obj is not None and self._decision_admin().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)


class DecisionMemberInline(DecisionPartInline):
    model = DecisionMember
    fields = ("person", "role", "position")
    verbose_name_plural = _("members in Article 1 (the rules are checked on submission)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class DecisionBasisInline(DecisionPartInline):
    model = DecisionBasis
    fields = ("basis", "order")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("basis")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("number_display", "subject", "team_name", "kind", "status", "issued_on")
    list_display_links = ("number_display", "subject")
    list_filter = ("status", "kind", "year", ("commune", RelatedOnly))
    list_select_related = ("commune", "team__commune", "team__village")
    search_fields = ("subject",)
    actions = ("delete_selected",)
    readonly_fields = (
        "commune",
        "team",
        "kind",
        "status",
        "number_display",
        "issued_on",
        "signer",
        "pdf_sha256",
        "rule_check",
        "history",
    )
    fieldsets = (
        (None, {"fields": ("commune", "team", "kind", "status", "number_display", "issued_on", "signer")}),
        (
            _("Text"),
            {
                "fields": (
                    "subject",
                    "proposer",
                    "article1",
                    "article2",
                    "article3",
                    "recipients",
                    "copies",
                    "authority",
                    "signs_for_committee",
                )
            },
        ),
        (_("Composition"), {"fields": ("rule_check", "departure_reason")}),
        (_("Stored document"), {"fields": ("pdf_sha256",)}),
        (_("History"), {"fields": ("history",)}),
    )
    inlines = (DecisionMemberInline, DecisionBasisInline)
    add_form_template = "admin/decisions/decision/add_form.html"

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("commune", "team__commune", "team__village", "signer")
        return scoped(request, queryset)

    # Permissions: only a draft changes, only its commune's clerk changes it.

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None:
            return allowed
        return allowed and obj.status == Decision.Status.DRAFT and scoping.is_clerk_of(request.user, obj.commune)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None:
            return allowed
        return allowed and self._is_deletable(obj) and scoping.is_clerk_of(request.user, obj.commune)

    @staticmethod
    def _is_deletable(decision) -> bool:
        return decision.status == Decision.Status.DRAFT and decision.number is None

    # Displayed fields.

    @admin.display(description=_("number, symbol"), ordering="number")
    def number_display(self, decision):
        return decision.number_symbol if decision.number else "-"

    @admin.display(description=_("team"), ordering="team__village__name")
    def team_name(self, decision):
        return decision.team.name

    @admin.display(description=_("rule check"))
    def rule_check(self, decision):
        """What stands between this decision and its issuance, and where it departs from the recommendation."""
        if decision.pk is None or decision.is_issued:
            return "-"
        violations = workflow.decision_violations(decision)
        if not violations:
            return gettext("The composition is complete and follows the recommendation.")
        label = {
            rules.Severity.HARD: gettext("to settle before submission"),
            rules.Severity.ADVISORY: gettext("departs from the recommendation: write the reason below"),
        }
        items = format_html_join("", "<li>{} ({})</li>", ((v.message, label[v.severity]) for v in violations))
        return format_html("<ul>{}</ul>", items)

    @admin.display(description=_("events"))
    def history(self, decision):
        if decision.pk is None:
            return "-"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    event.get_action_display(),
                    event.by or "-",
                    timezone.localtime(event.at).strftime("%d/%m/%Y %H:%M"),
                    event.comment,
                )
                for event in decision.events.select_related("by")
            ),
        )
        head = format_html(
            "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            gettext("Action"),
            gettext("By"),
            gettext("At"),
            gettext("Comment"),
        )
        return format_html("<table><thead>{}</thead><tbody>{}</tbody></table>", head, rows)

    # Creating: a form with the team and the kind, then the workflow drafts the rest.

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        teams = scoped(request, Team.objects.exclude(status=Team.Status.DISSOLVED).select_related("commune", "village"))
        form = DecisionCreateForm(request.POST or None, teams=teams)
        if request.method == "POST" and form.is_valid():
            try:
                decision = workflow.decision_create(
                    team=form.cleaned_data["team"], kind=form.cleaned_data["kind"], by=request.user
                )
            except (ValidationError, PermissionDenied) as exc:
                report_refusal(request, gettext("The draft was not created:"), exc)
            else:
                self.log_addition(request, decision, [{"added": {}}])
                messages.success(request, gettext("The draft was created: review its text and its members."))
                return HttpResponseRedirect(self._change_url(decision))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("New draft decision"),
            "subtitle": None,
            "opts": self.opts,
            "form": form,
            "has_view_permission": self.has_view_permission(request),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.add_form_template, context)

    # Saving a draft: through the workflow, which checks the clerk and the status again.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        # A refusal that leaves the view has rolled its transaction back: nothing was stored.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except PermissionDenied as exc:
            reason = str(exc) or gettext("Only a draft changes, and only the clerk of its commune changes it.")
            report_refusal(request, gettext("Nothing was saved:"), PermissionDenied(reason))
        except ValidationError as exc:
            report_refusal(request, gettext("Nothing was saved:"), exc)
        except IntegrityError:
            conflict = gettext("The change conflicts with what is stored, perhaps because someone else changed it.")
            report_refusal(request, gettext("Nothing was saved:"), ValidationError(conflict))
        return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in workflow.EDITABLE_FIELDS if name in form.cleaned_data}
        workflow.decision_update(decision=obj, by=request.user, **fields)

    def save_related(self, request, form, formsets, change):
        decision = form.instance
        for formset in formsets:
            # Fills new_objects/changed_objects/deleted_objects for the change message;
            # the workflow does the writing.
            formset.save(commit=False)
            if not formset.has_changed():
                continue
            rows = formset.kept_rows()
            if formset.model is DecisionMember:
                members = [
                    ProposedMember(person=row["person"], role=row["role"], position=row.get("position") or "")
                    for row in rows
                ]
                workflow.decision_set_members(decision=decision, members=members, by=request.user)
            elif formset.model is DecisionBasis:
                bases = [row["basis"] for row in sorted(rows, key=lambda row: row.get("order") or 0)]
                workflow.decision_set_bases(decision=decision, bases=bases, by=request.user)

    # Deleting: drafts only.

    @admin.action(permissions=["delete"], description=_("Delete selected drafts"))
    def delete_selected(self, request, queryset):
        """Django's own action, given only the drafts this user may delete; the others are named."""
        refused = [decision for decision in queryset if not self.has_delete_permission(request, decision)]
        if refused:
            messages.error(
                request,
                gettext(
                    "A submitted or issued decision cannot be deleted, and a draft only by the clerk of its "
                    "commune; kept: %(decisions)s"
                )
                % {"decisions": "; ".join(str(decision) for decision in refused)},
            )
        deletable = queryset.exclude(pk__in=[decision.pk for decision in refused])
        if not deletable.exists():
            return None
        return django_delete_selected(self, request, deletable)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset.filter(status=Decision.Status.DRAFT, number__isnull=True))

    # The workflow's buttons.

    def get_urls(self):
        def view(func, *, post_only=False):
            return self.admin_site.admin_view(require_POST(func) if post_only else func)

        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("<path:object_id>/preview/", view(self.preview_view), name=f"{name}_preview"),
            path("<path:object_id>/draft-pdf/", view(self.draft_pdf_view), name=f"{name}_draft_pdf"),
            path("<path:object_id>/pdf/", view(self.pdf_view), name=f"{name}_pdf"),
            path("<path:object_id>/submit/", view(self.submit_view, post_only=True), name=f"{name}_submit"),
            path("<path:object_id>/return/", view(self.return_view, post_only=True), name=f"{name}_return"),
            path("<path:object_id>/issue/", view(self.issue_view, post_only=True), name=f"{name}_issue"),
            *super().get_urls(),
        ]

    def _url(self, action: str, decision) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{action}",
            args=[quote(decision.pk)],
            current_app=self.admin_site.name,
        )

    def _change_url(self, decision) -> str:
        return self._url("change", decision)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        decision = self.get_object(request, unquote(object_id))
        extra_context = extra_context or {}
        if decision is not None:
            extra_context.update(self._buttons(request, decision))
        return super().change_view(request, object_id, form_url, extra_context)

    def _buttons(self, request, decision) -> dict:
        is_clerk = scoping.is_clerk_of(request.user, decision.commune)
        is_signer = scoping.is_signer_of(request.user, decision.commune)
        buttons = [(self._url("preview", decision), gettext("Preview"), True)]
        if decision.is_issued:
            buttons.append((self._url("pdf", decision), gettext("Download PDF"), False))
        else:
            buttons.append((self._url("draft_pdf", decision), gettext("Draft PDF"), True))
        if decision.status == Decision.Status.DRAFT and is_clerk:
            buttons.append((self._url("submit", decision), gettext("Submit"), False))
        submitted = decision.status == Decision.Status.SUBMITTED and is_signer
        if submitted:
            buttons.append((self._url("issue", decision), gettext("Issue"), False))
        return {
            "decision_buttons": [{"url": url, "label": label, "new_tab": new_tab} for url, label, new_tab in buttons],
            "decision_return_url": self._url("return", decision) if submitted else "",
        }

    def _get_decision(self, request, object_id):
        decision = self.get_object(request, unquote(object_id))
        if decision is None or not self.has_view_permission(request, decision):
            return None
        return decision

    def _missing(self, request):
        messages.error(request, gettext("This decision does not exist or lies outside your commune."))
        return HttpResponseRedirect(reverse("admin:decisions_decision_changelist", current_app=self.admin_site.name))

    def _transition(self, request, object_id, *, act, refused: str, done):
        decision = self._get_decision(request, object_id)
        if decision is None:
            return self._missing(request)
        try:
            decision = act(decision)
        except (ValidationError, PermissionDenied, rendering.RenderingError) as exc:
            report_refusal(request, refused, exc)
        else:
            message = done(decision)
            self.log_change(request, decision, message)
            messages.success(request, message)
        return HttpResponseRedirect(self._change_url(decision))

    def submit_view(self, request, object_id):
        return self._transition(
            request,
            object_id,
            act=lambda decision: workflow.decision_submit(decision=decision, by=request.user),
            refused=gettext("The decision was not submitted:"),
            done=lambda decision: gettext("Submitted to the chairman."),
        )

    def return_view(self, request, object_id):
        comment = request.POST.get("comment", "")
        return self._transition(
            request,
            object_id,
            act=lambda decision: workflow.decision_return(decision=decision, by=request.user, comment=comment),
            refused=gettext("The decision was not returned:"),
            done=lambda decision: gettext("Returned to the clerk with your comment."),
        )

    def issue_view(self, request, object_id):
        return self._transition(
            request,
            object_id,
            act=lambda decision: workflow.decision_issue(decision=decision, by=request.user),
            refused=gettext("The decision was not issued:"),
            done=lambda decision: (
                gettext("Issued as %(number)s on %(date)s.")
                % {"number": decision.number_symbol, "date": decision.issued_on.strftime("%d/%m/%Y")}
            ),
        )

    def preview_view(self, request, object_id):
        """The document exactly as it prints: the snapshot once issued, else the draft as it stands."""
        decision = self._get_decision(request, object_id)
        if decision is None:
            return self._missing(request)
        return HttpResponse(rendering.render_html(workflow.TEMPLATE, documents.decision_document(decision)))

    def draft_pdf_view(self, request, object_id):
        decision = self._get_decision(request, object_id)
        if decision is None:
            return self._missing(request)
        if decision.is_issued:
            messages.error(request, gettext("An issued decision has its stored PDF: use “Download PDF”."))
            return HttpResponseRedirect(self._change_url(decision))
        try:
            pdf = rendering.document_pdf(workflow.TEMPLATE, documents.build_decision_document(decision))
        except rendering.RenderingError as exc:
            report_refusal(request, gettext("The draft PDF was not made:"), exc)
            return HttpResponseRedirect(self._change_url(decision))
        disposition = content_disposition_header(as_attachment=False, filename=f"draft-{decision.pk}.pdf")
        return HttpResponse(pdf, content_type="application/pdf", headers={"Content-Disposition": disposition})

    def pdf_view(self, request, object_id):
        """The stored bytes of an issued decision, checked against their SHA-256, never re-rendered."""
        decision = self._get_decision(request, object_id)
        if decision is None:
            return self._missing(request)
        try:
            pdf = workflow.pdf_bytes(decision)
        except ValidationError as exc:
            report_refusal(request, gettext("The PDF cannot be served:"), exc)
            return HttpResponseRedirect(self._change_url(decision))
        filename = register.issued_pdf_filename(decision)
        disposition = content_disposition_header(as_attachment=True, filename=filename)
        return HttpResponse(pdf, content_type="application/pdf", headers={"Content-Disposition": disposition})


# Legal bases and number sequences ----------------------------------------------------


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ("citation_short", "rank", "commune", "is_default")
    list_filter = ("rank", ("commune", RelatedOnly), "is_default")
    list_select_related = ("commune",)
    search_fields = ("citation",)
    ordering = ("rank", "id")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(Q(commune__isnull=True) | Q(commune__in=visible_communes(request)))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "commune" and not request.user.is_superuser:
            kwargs["queryset"] = visible_communes(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("citation"), ordering="citation")
    def citation_short(self, basis):
        return str(basis)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows only the issuing transaction writes."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NumberSequence)
class NumberSequenceAdmin(ReadOnlyAdmin):
    list_display = ("commune", "doc_type", "year", "last_number")
    list_filter = (("commune", RelatedOnly), "doc_type", "year")
    list_select_related = ("commune",)
    ordering = ("commune", "-year", "doc_type")

    def get_queryset(self, request):
        return scoped(request, super().get_queryset(request))


# The outgoing register -----------------------------------------------------------------


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdmin):
    """The register, read-only: issuance writes it and no entry is ever deleted."""

    list_display = ("number_symbol", "issued_on", "subject", "signer_name", "copies", "commune", "cancelled")
    list_filter = (("commune", RelatedOnly), "year", "doc_type", "cancelled")
    list_select_related = ("commune",)
    search_fields = ("subject",)
    ordering = ("commune", "-year", "doc_type", "-number")
    change_list_template = "admin/decisions/registerentry/change_list.html"

    # The changelist's filter parameters the export honours.
    COMMUNE_PARAM = "commune__id__exact"
    YEAR_PARAMS = ("year", "year__exact")
    DOC_TYPE_PARAM = "doc_type__exact"

    def get_queryset(self, request):
        return scoped(request, super().get_queryset(request))

    @admin.display(description=_("number, symbol"), ordering="number")
    def number_symbol(self, entry):
        return entry.number_symbol

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_export"
        return [
            path("export/", self.admin_site.admin_view(self.export_view), name=name),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        params = {key: value for key, value in request.GET.items() if key in self._export_params()}
        url = reverse("admin:decisions_registerentry_export", current_app=self.admin_site.name)
        extra_context = {**(extra_context or {}), "export_url": f"{url}?{urlencode(params)}" if params else url}
        return super().changelist_view(request, extra_context)

    def _export_params(self):
        return {self.COMMUNE_PARAM, *self.YEAR_PARAMS, self.DOC_TYPE_PARAM}

    def export_view(self, request):
        """The register as XLSX, for the commune and year the changelist is filtered on."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = reverse("admin:decisions_registerentry_changelist", current_app=self.admin_site.name)
        communes = visible_communes(request)
        if (chosen := ascii_int(request.GET.get(self.COMMUNE_PARAM))) is not None:
            communes = communes.filter(pk=chosen)
        commune = communes.first() if communes.count() == 1 else None
        if commune is None:
            messages.error(request, gettext("Filter the register on one of your communes before exporting it."))
            return HttpResponseRedirect(changelist)
        year_text = next((request.GET[key] for key in self.YEAR_PARAMS if request.GET.get(key)), "")
        year = ascii_int(year_text)
        doc_type = request.GET.get(self.DOC_TYPE_PARAM)
        if doc_type not in DocumentType.values:  # a NUL or any other text would reach the database
            doc_type = None
        entries = register.register_entries(commune=commune, year=year, doc_type=doc_type)
        xlsx = register.register_xlsx(entries, commune=commune, year=year)
        disposition = content_disposition_header(
            as_attachment=True, filename=register.register_filename(commune=commune, year=year)
        )
        return HttpResponse(xlsx, content_type=register.XLSX_CONTENT_TYPE, headers={"Content-Disposition": disposition})
