"""An issued decision or commune report never changes and is never deleted, whatever the path."""

import pytest

from decisions import workflow
from decisions.models import Decision, DecisionBasis, DecisionEvent, DecisionMember
from reports import commune_reports
from reports.models import CommuneReport
from tests import factories
from tests.decisions.helpers import issued
from tests.integrity import execute, refused

pytestmark = pytest.mark.django_db

DECISION = "tungAnh: an issued decision never changes and is never deleted"
REPORT = "tungAnh: an issued commune report never changes and is never deleted"


def stored(document):
    return type(document)._base_manager.values().get(pk=document.pk)


# Decisions -------------------------------------------------------------------------------------


def test_the_base_manager_cannot_update_an_issued_decision(issued_decision):
    before = stored(issued_decision)
    with refused(DECISION):
        Decision._base_manager.filter(pk=issued_decision.pk).update(subject="Về việc khác")
    assert stored(issued_decision) == before


def test_bulk_update_cannot_renumber_an_issued_decision(issued_decision):
    issued_decision.number = 99
    with refused(DECISION):
        Decision._base_manager.bulk_update([issued_decision], ["number"])


def test_raw_sql_cannot_take_an_issued_decision_back_to_submitted(issued_decision):
    with refused(DECISION):
        execute("UPDATE decisions_decision SET status = 'submitted' WHERE id = %s", [issued_decision.pk])


def test_raw_sql_cannot_delete_an_issued_decision(issued_decision):
    with refused(DECISION):
        execute("DELETE FROM decisions_decision WHERE id = %s", [issued_decision.pk])
    assert Decision.objects.filter(pk=issued_decision.pk).exists()


def test_a_plain_delete_of_the_queryset_cannot_remove_an_issued_decision(issued_decision):
    # ``delete()`` stops in Python at the register line that protects the decision;
    # ``_raw_delete()`` is the one DELETE statement a script would send.
    with refused(DECISION):
        Decision._base_manager.filter(pk=issued_decision.pk)._raw_delete(using="default")


# Commune reports -------------------------------------------------------------------------------


def test_the_base_manager_cannot_update_an_issued_report(issued_report):
    with refused(REPORT):
        CommuneReport._base_manager.filter(pk=issued_report.pk).update(intro="Khác")


def test_bulk_update_cannot_change_an_issued_report(issued_report):
    issued_report.pdf_sha256 = "0" * 64
    with refused(REPORT):
        CommuneReport._base_manager.bulk_update([issued_report], ["pdf_sha256"])


def test_raw_sql_cannot_update_an_issued_report(issued_report):
    with refused(REPORT):
        execute("UPDATE reports_communereport SET number = 99 WHERE id = %s", [issued_report.pk])


def test_the_base_manager_cannot_delete_an_issued_report(issued_report):
    # Django deletes the cascade first: the report's frozen trail is what refuses.
    with refused("tungAnh: the trail of an issued commune report is never rewritten"):
        CommuneReport._base_manager.filter(pk=issued_report.pk).delete()
    assert CommuneReport.objects.filter(pk=issued_report.pk).exists()


def test_raw_sql_cannot_delete_an_issued_report(issued_report):
    with refused(REPORT):
        execute("DELETE FROM reports_communereport WHERE id = %s", [issued_report.pk])


# What stays allowed ----------------------------------------------------------------------------


def test_issuing_a_decision_through_the_workflow_writes_everything(issued_decision):
    """The issuing UPDATE finds the status 'submitted'; its later writes (register line,
    memberships, the 'issued' event) go in after the status has changed."""
    assert issued_decision.status == Decision.Status.ISSUED
    assert stored(issued_decision)["status"] == "issued"
    assert issued_decision.register_entry.number == issued_decision.number
    assert issued_decision.memberships_started.count() == 3
    assert issued_decision.events.last().action == DecisionEvent.Action.ISSUED


def test_an_amending_decision_ends_and_starts_memberships_as_it_is_issued(
    issued_decision, village_team, village_people, commune, clerk, chairman, day
):
    newcomer = factories.PersonFactory(commune=commune, village=village_team.village)
    amending = issued(
        team=village_team,
        people=[*village_people[:2], newcomer],
        clerk=clerk,
        chairman=chairman,
        kind=Decision.Kind.AMEND,
        on=day.replace(month=12),
        departure_reason="Thành viên mới là người dân trong thôn.",
    )
    assert amending.memberships_ended.get().person == village_people[2]
    assert amending.memberships_started.get().person == newcomer


def test_a_draft_decision_is_deleted_with_its_members_bases_and_events(draft_decision):
    parts, pk = (DecisionMember, DecisionBasis, DecisionEvent), draft_decision.pk
    assert all(model.objects.filter(decision_id=pk).exists() for model in parts)
    draft_decision.delete()
    assert not Decision.objects.filter(pk=pk).exists()
    assert not any(model.objects.filter(decision_id=pk).exists() for model in parts)


def test_a_submitted_decision_goes_back_to_draft(draft_decision, clerk, chairman):
    submitted = workflow.decision_submit(decision=draft_decision, by=clerk)
    returned = workflow.decision_return(decision=submitted, by=chairman, comment="Sửa trích yếu.")
    assert stored(returned)["status"] == "draft"


def test_issuing_a_commune_report_is_allowed(issued_report):
    assert stored(issued_report)["status"] == "issued"
    assert issued_report.register_entry.number == issued_report.number


def test_a_draft_commune_report_is_edited_and_deleted(commune, clerk):
    period = factories.ReportingPeriodFactory(commune=commune, year=2022, month=11)
    report = commune_reports.commune_report_create(period=period, by=clerk)
    commune_reports.commune_report_update(report=report, by=clerk, intro="Mở đầu khác.")
    CommuneReport.objects.filter(pk=report.pk).delete()
    assert not CommuneReport.objects.filter(pk=report.pk).exists()


# A commune report's trail ----------------------------------------------------------------------

REPORT_EVENTS = "tungAnh: the trail of an issued commune report is never rewritten"


def test_the_trail_of_an_issued_report_cannot_be_rewritten(issued_report):
    with refused(REPORT_EVENTS):
        issued_report.events.model._base_manager.filter(report=issued_report).update(comment="Khác")
    with refused(REPORT_EVENTS):
        execute("DELETE FROM reports_communereportevent WHERE report_id = %s", [issued_report.pk])
    assert [event.action for event in issued_report.events.all()] == ["created", "submitted", "issued"]


def test_a_drafts_trail_may_still_go_with_it(commune, clerk):
    period = factories.ReportingPeriodFactory(commune=commune, year=2022, month=9)
    report = commune_reports.commune_report_create(period=period, by=clerk)
    report.delete()
    assert not CommuneReport.objects.filter(pk=report.pk).exists()
