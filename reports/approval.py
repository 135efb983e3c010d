"""The approval of monthly reports, step by step.

A team leader files (``reports.services.report_file``); the clerk accepts the report or
returns it with a comment (the leader corrects it, and it waits for the clerk again); the
chairman (or a vice-chairman) approves the commune's month once no report waits for the
clerk; the supervisor (``accounts.scoping.may_supervise``: the district before the 2025
reform, the province after) accepts the month, which locks it, or sends it back with a
comment. Only the supervisor reopens an accepted month, with a reason. A month sent back or
reopened takes reports again: the clerk may then return an accepted report to its team.

Timeliness is apart: a report filed after the 5th of the next month is accepted all the
same and counted late. Each step is one transaction that locks the month's row, checks
who acts and the state, records an event (who, when, the comment), and stores nothing
when it refuses.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scoping
from lib.text import nfc

from .models import COMMENT_MAX, PeriodEvent, ReportingPeriod, TeamReport, TeamReportEvent
from .services import refuse_if_final

Status = ReportingPeriod.Status


def _comment(text: str, *, required: bool) -> str:
    """The comment or reason, NFC and trimmed; refused when missing (``required``) or too long."""
    text = nfc(text or "").strip()
    if required and not text:
        raise ValidationError({"comment": _("Write the reason: the team or the commune reads it to know what to do.")})
    if len(text) > COMMENT_MAX:
        raise ValidationError(
            {
                "comment": _("A comment is at most %(max)s characters long (this one has %(n)s).")
                % {"max": COMMENT_MAX, "n": len(text)}
            }
        )
    return text


def _locked(period: ReportingPeriod) -> ReportingPeriod:
    return ReportingPeriod.objects.select_for_update(of=("self",)).select_related("commune").get(pk=period.pk)


# Team reports: the clerk ---------------------------------------------------------------------


def may_review(user, report: TeamReport) -> bool:
    """Accepting or returning a report: the commune's clerk; a report the clerk filed or last
    corrected themselves goes to the chairman or a vice-chairman instead (no one accepts
    their own report)."""
    commune = report.team.commune
    if scoping.is_clerk_of(user, commune):
        return _last_filer(report) != user.pk
    return scoping.is_signer_of(user, commune) and scoping.is_clerk_of(_last_filer_user(report), commune)


def _last_filer(report: TeamReport) -> int:
    return report.updated_by_id or report.filed_by_id


def _last_filer_user(report: TeamReport):
    return report.updated_by if report.updated_by_id else report.filed_by


def _reviewable(report: TeamReport, by) -> TeamReport:
    """The report with its month locked, once ``by`` may review it and the month takes reports."""
    report = TeamReport.objects.select_related("team__commune", "filed_by", "updated_by").get(pk=report.pk)
    if _last_filer(report) == by.pk:
        raise PermissionDenied(
            _("You filed or last corrected this report: another official of the commune must accept or return it.")
        )
    if not may_review(by, report):
        raise PermissionDenied(
            _("Only the clerk of %(commune)s accepts or returns a team's report.")
            % {"commune": report.team.commune.full_name}
        )
    report.period = _locked(report.period)
    if report.period.status in (Status.APPROVED, Status.ACCEPTED):
        refuse_if_final(report.period)
    return report


@transaction.atomic
def report_accept(*, report: TeamReport, by) -> TeamReport:
    """The clerk accepts a report waiting for them: it can no longer be corrected."""
    report = _reviewable(report, by)
    if report.status != TeamReport.Status.FILED:
        raise ValidationError(
            _("This report is %(status)s: only a report waiting for the clerk can be accepted.")
            % {"status": report.get_status_display()}
        )
    report.status = TeamReport.Status.ACCEPTED
    report.save(update_fields=["status"])
    TeamReportEvent(report=report, action=TeamReportEvent.Action.ACCEPTED, by=by).save()
    return report


@transaction.atomic
def report_return(*, report: TeamReport, comment: str, by) -> TeamReport:
    """The clerk returns a report to its team with a comment: the leader corrects it. An
    accepted report is returned only in a month the supervisor sent back or reopened."""
    comment = _comment(comment, required=True)
    report = _reviewable(report, by)
    # A month the clerk closed takes no correction: a returned report would stay as it is.
    refuse_if_final(report.period)
    sent_back = report.period.status == Status.SENT_BACK
    if not (report.status == TeamReport.Status.FILED or (report.status == TeamReport.Status.ACCEPTED and sent_back)):
        raise ValidationError(
            _(
                "This report is %(status)s: only a report waiting for the clerk can be returned "
                "(an accepted one, once the supervisor has sent the month back)."
            )
            % {"status": report.get_status_display()}
        )
    report.status = TeamReport.Status.RETURNED
    report.save(update_fields=["status"])
    TeamReportEvent(report=report, action=TeamReportEvent.Action.RETURNED, by=by, comment=comment).save()
    return report


# The month: the chairman, then the supervisor ------------------------------------------------


def _refuse_state(period: ReportingPeriod, *, allowed: set[str]) -> None:
    if period.status not in allowed:
        raise ValidationError(
            _("The month %(month)s is %(status)s: this step does not apply to it now.")
            % {"month": period.month_label, "status": period.get_status_display()}
        )


@transaction.atomic
def period_approve(*, period: ReportingPeriod, by, comment: str = "") -> ReportingPeriod:
    """The chairman (or a vice-chairman) approves the commune's month once every report filed
    is accepted or returned; no report is filed or corrected from then on."""
    comment = _comment(comment, required=False)
    scoping.require_signer(by, period.commune)
    period = _locked(period)
    _refuse_state(period, allowed={Status.OPEN, Status.SENT_BACK})
    waiting = period.reports.filter(status=TeamReport.Status.FILED).count()
    if waiting:
        raise ValidationError(
            _("%(n)s report(s) of %(month)s still wait for the clerk: they must be accepted or returned first.")
            % {"n": waiting, "month": period.month_label}
        )
    period.status = Status.APPROVED
    if period.closed_at is None:
        period.closed_at, period.closed_by = timezone.now(), by
    period.save(update_fields=["status", "closed_at", "closed_by"])
    PeriodEvent(period=period, action=PeriodEvent.Action.APPROVED, by=by, comment=comment).save()
    return period


def _require_supervisor(by, period: ReportingPeriod) -> None:
    if not scoping.may_supervise(by, period.commune, on=period.first_day):
        raise PermissionDenied(
            _(
                "Only the supervisor of %(commune)s for %(month)s (the district office before 1 July 2025, "
                "the province office after) may accept, send back or reopen it."
            )
            % {"commune": period.commune.full_name, "month": period.month_label}
        )


@transaction.atomic
def period_accept(*, period: ReportingPeriod, by, comment: str = "") -> ReportingPeriod:
    """The supervisor accepts the month the chairman approved: it is locked."""
    comment = _comment(comment, required=False)
    period = _locked(period)
    _require_supervisor(by, period)
    _refuse_state(period, allowed={Status.APPROVED})
    period.status = Status.ACCEPTED
    period.save(update_fields=["status"])
    PeriodEvent(period=period, action=PeriodEvent.Action.ACCEPTED, by=by, comment=comment).save()
    return period


def _reopen(period: ReportingPeriod, *, action: str, by, comment: str) -> ReportingPeriod:
    period.status = Status.SENT_BACK
    period.closed_at, period.closed_by = None, None
    period.save(update_fields=["status", "closed_at", "closed_by"])
    PeriodEvent(period=period, action=action, by=by, comment=comment).save()
    return period


@transaction.atomic
def period_send_back(*, period: ReportingPeriod, comment: str, by) -> ReportingPeriod:
    """The supervisor sends an approved month back with a comment: it takes reports again."""
    comment = _comment(comment, required=True)
    period = _locked(period)
    _require_supervisor(by, period)
    _refuse_state(period, allowed={Status.APPROVED})
    return _reopen(period, action=PeriodEvent.Action.SENT_BACK, by=by, comment=comment)


@transaction.atomic
def period_reopen(*, period: ReportingPeriod, reason: str, by) -> ReportingPeriod:
    """The supervisor reopens an accepted (locked) month, with a reason kept in its trail."""
    reason = _comment(reason, required=True)
    period = _locked(period)
    _require_supervisor(by, period)
    _refuse_state(period, allowed={Status.ACCEPTED})
    return _reopen(period, action=PeriodEvent.Action.REOPENED, by=by, comment=reason)
