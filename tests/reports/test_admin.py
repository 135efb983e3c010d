"""The admin for plans (edited, with their phases) and reports (read-only, linked to their pages)."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from reports import commune_reports
from reports.models import CommuneReport, CommuneReportEvent, ReportingPeriod, TeamReport
from teams.models import Phase, Plan
from tests import factories
from tests.reports import active_team, clerk_of, file

pytestmark = pytest.mark.django_db

MODELS = ("teams_plan", "reports_reportingperiod", "reports_teamreport", "reports_communereport")


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def populated(commune, clerk):
    call_command("load_plan_246", stdout=None)
    period = factories.ReportingPeriodFactory(commune=commune)
    report = file(active_team(commune, name="Đông Thái"), period, clerk, digital_addresses=12, note="Ổn")
    commune_reports.commune_report_create(period=period, by=clerk)
    return report


def stored_state():
    return {
        "periods": list(ReportingPeriod.objects.values_list("pk", "closed_at")),
        "reports": list(TeamReport.objects.values_list("pk", "note", "updated_at")),
        "commune_reports": list(CommuneReport.objects.values_list("pk", "status", "number", "subject", "updated_at")),
        "events": list(CommuneReportEvent.objects.values_list("pk", "action")),
    }


@pytest.mark.parametrize("model", MODELS)
def test_every_changelist_and_change_page_answers(admin_client, populated, model):
    response = admin_client.get(reverse(f"admin:{model}_changelist"))
    assert response.status_code == 200
    first = response.context["cl"].result_list[0]
    assert admin_client.get(reverse(f"admin:{model}_change", args=[first.pk])).status_code == 200


def test_a_report_is_read_only_and_links_to_its_page(admin_client, populated):
    before = stored_state()
    assert admin_client.get(reverse("admin:reports_teamreport_add")).status_code == 403
    change = reverse("admin:reports_teamreport_change", args=[populated.pk])
    html = admin_client.get(change).content.decode()
    assert "digital_addresses" in html and 'name="note"' not in html
    assert f'href="{reverse("reports:report_file", args=[populated.period_id, populated.team_id])}"' in html
    assert admin_client.post(change, {"note": "Sửa."}).status_code == 403
    assert admin_client.post(reverse("admin:reports_teamreport_delete", args=[populated.pk])).status_code == 403
    assert stored_state() == before


def test_a_period_is_read_only_and_links_to_its_page(admin_client, populated):
    period = populated.period
    before = stored_state()
    change = reverse("admin:reports_reportingperiod_change", args=[period.pk])
    assert f'href="{reverse("reports:period_detail", args=[period.pk])}"' in admin_client.get(change).content.decode()
    assert admin_client.post(change, {"closed_at": "2022-11-06"}).status_code == 403
    assert stored_state() == before


def test_a_commune_report_is_read_only_with_its_trail(admin_client, populated):
    report = CommuneReport.objects.get()
    before = stored_state()
    change = reverse("admin:reports_communereport_change", args=[report.pk])

    html = admin_client.get(change).content.decode()

    assert f'href="{reverse("commune_reports:detail", args=[report.pk])}"' in html
    assert "drafted" in html and 'name="_save"' not in html
    for path in (
        change,
        f"/admin/reports/communereport/{report.pk}/issue/",
        reverse("admin:reports_communereport_add"),
    ):
        assert admin_client.post(path, {"subject": "Khác", "comment": "Sửa."}).status_code in {403, 404, 405}
    assert admin_client.post(reverse("admin:reports_communereport_delete", args=[report.pk])).status_code == 403
    assert stored_state() == before


def test_a_plan_is_entered_with_its_phases(admin_client, populated):
    plan = Plan.objects.get()
    response = admin_client.get(reverse("admin:teams_plan_change", args=[plan.pk]))
    assert response.content.decode().count('name="phases-') > 0
    assert Phase.objects.filter(plan=plan).count() == 3


def test_the_superuser_adds_a_plan_with_a_phase(admin_client, commune):
    data = {
        "commune": commune.pk,
        "number_symbol": "12/KH-UBND",
        "issued_on": "2025-08-01",
        "subject": "Triển khai Tổ công nghệ số cộng đồng",
        "team_name": "Tổ công nghệ số cộng đồng",
        "compositions-TOTAL_FORMS": 1,
        "compositions-INITIAL_FORMS": 0,
        "compositions-0-level": "village",
        "compositions-0-members_min": 3,
        "compositions-0-members_max": 5,
        "compositions-0-deputy_required": "on",
        "compositions-0-deputies_max": 2,
        "compositions-0-leader_offices": ["village_head"],
        "compositions-0-member_offices": "[]",
        "phases-TOTAL_FORMS": 1,
        "phases-INITIAL_FORMS": 0,
        "phases-0-order": 1,
        "phases-0-label": "Giai đoạn 1",
        "phases-0-starts_on": "2025-08-01",
        "phases-0-ends_on": "2025-09-30",
        "phases-0-villages_min": 2,
    }
    assert admin_client.post(reverse("admin:teams_plan_add"), data).status_code == 302
    plan = Plan.objects.get()
    assert plan.phases.get().ends_on == datetime.date(2025, 9, 30)
    assert plan.team_name == "Tổ công nghệ số cộng đồng"
    village = plan.compositions.get(level="village")
    assert (village.members_min, village.members_max, village.deputies_max) == (3, 5, 2)
    assert village.leader_offices == ["village_head"]


def test_the_admin_refuses_a_plan_whose_bounds_contradict_each_other(admin_client, commune):
    data = {
        "commune": commune.pk,
        "number_symbol": "13/KH-UBND",
        "issued_on": "2025-08-01",
        "subject": "Triển khai",
        "team_name": "Tổ công nghệ số cộng đồng",
        "compositions-TOTAL_FORMS": 1,
        "compositions-INITIAL_FORMS": 0,
        "compositions-0-level": "village",
        "compositions-0-members_min": 6,
        "compositions-0-members_max": 5,
        "compositions-0-deputies_max": 1,
        "compositions-0-member_offices": '[["nobody"]]',
        "phases-TOTAL_FORMS": 0,
        "phases-INITIAL_FORMS": 0,
    }
    response = admin_client.post(reverse("admin:teams_plan_add"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The most members cannot be fewer than the fewest" in page
    assert "Not an office: nobody." in page
    assert not Plan.objects.exists()


def test_a_clerk_made_staff_does_not_enter_the_admin(client, commune, populated):
    staff = clerk_of(commune)
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    for name in ("reports_reportingperiod", "reports_teamreport", "teams_plan"):
        response = client.get(reverse(f"admin:{name}_changelist"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
