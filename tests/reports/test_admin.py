"""The admin for plans (edited, with their phases) and reports (read-only)."""

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse

from reports.models import Phase, Plan
from tests import factories
from tests.reports import active_team, clerk_of, file, other_commune

pytestmark = pytest.mark.django_db

MODELS = ("plan", "reportingperiod", "teamreport")


@pytest.fixture
def populated(commune, clerk):
    call_command("load_plan_246", stdout=None)
    period = factories.ReportingPeriodFactory(commune=commune)
    return file(active_team(commune, name="Đông Thái"), period, clerk, digital_addresses=12, note="Ổn")


@pytest.mark.parametrize("model", MODELS)
def test_every_changelist_and_change_page_answers(admin_client, populated, model):
    response = admin_client.get(reverse(f"admin:reports_{model}_changelist"))
    assert response.status_code == 200
    first = response.context["cl"].result_list[0]
    assert admin_client.get(reverse(f"admin:reports_{model}_change", args=[first.pk])).status_code == 200


def test_a_report_is_read_only_in_the_admin(admin_client, populated):
    assert admin_client.get(reverse("admin:reports_teamreport_add")).status_code == 403
    response = admin_client.get(reverse("admin:reports_teamreport_change", args=[populated.pk]))
    html = response.content.decode()
    assert "Households guided to create a digital address" in html and 'name="note"' not in html
    assert admin_client.post(reverse("admin:reports_teamreport_delete", args=[populated.pk])).status_code == 403


def test_a_plan_is_entered_with_its_phases(admin_client, populated):
    plan = Plan.objects.get()
    response = admin_client.get(reverse("admin:reports_plan_change", args=[plan.pk]))
    assert response.content.decode().count('name="phases-') > 0
    assert Phase.objects.filter(plan=plan).count() == 3


def test_a_clerk_with_admin_access_sees_only_their_communes_rows(client, commune, populated):
    foreign = other_commune()
    factories.ReportingPeriodFactory(commune=foreign)
    staff = clerk_of(foreign)
    staff.is_staff = True
    staff.is_superuser = False
    staff.save()
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="reports"))
    client.force_login(staff)
    response = client.get(reverse("admin:reports_reportingperiod_changelist"))
    assert [p.commune for p in response.context["cl"].result_list] == [foreign]
    assert list(client.get(reverse("admin:reports_teamreport_changelist")).context["cl"].result_list) == []
