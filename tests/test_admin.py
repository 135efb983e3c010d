"""The admin keeps reference data; everything a workflow writes is read-only there, with a link to its page.

One list says which models the administrator edits in the admin: any other registered
model of the project refuses to be added, changed or deleted, the superuser included,
and links each row to the application.
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from lib.admin import ReadOnlyAdmin

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"teams", "accounts", "documents", "decisions", "reports", "joining", "demo"}
REFERENCE_DATA = {
    "teams.Province",
    "teams.District",
    "teams.Commune",
    "teams.Village",
    "accounts.Official",
    "decisions.LegalBasis",
    "teams.Plan",
    "reports.IndicatorSet",  # read-only once a report uses it (tests/reports/test_indicator_sets.py)
    "reports.StipendRule",  # read-only once its first month has begun (tests/reports/test_stipends.py)
}
READ_ONLY = {
    "teams.Person",
    "teams.Team",
    "teams.Membership",
    "teams.Collaborator",
    "decisions.Decision",
    "documents.NumberSequence",
    "documents.RegisterEntry",
    "reports.ReportingPeriod",
    "reports.TeamReport",
    "reports.CommuneReport",
    "joining.JoinApplication",
    "joining.LeaveRequest",
}


def project_admins():
    return {
        model._meta.label: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in PROJECT_APPS
    }


@pytest.fixture
def superuser_request(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    return request


# Written from official files and by the reform (apply_reform, or "Apply a reform" here), then
# history: read here, never added or deleted by hand. A village of a split commune is assigned once.
PLACE_HISTORY = {"teams.PlaceList", "teams.Reform", "teams.VillageMove", "teams.VillageChange"}


def test_every_project_model_in_the_admin_is_reference_data_or_read_only():
    assert set(project_admins()) == REFERENCE_DATA | READ_ONLY | PLACE_HISTORY


@pytest.mark.parametrize("label", sorted(PLACE_HISTORY))
def test_the_history_of_places_is_never_added_or_deleted_by_hand(superuser_request, label):
    model_admin = project_admins()[label]
    assert model_admin.has_view_permission(superuser_request)
    assert not model_admin.has_add_permission(superuser_request)
    assert not model_admin.has_delete_permission(superuser_request)


@pytest.mark.parametrize("label", sorted(READ_ONLY))
def test_nobody_adds_changes_or_deletes_workflow_rows(superuser_request, label):
    model_admin = project_admins()[label]
    assert isinstance(model_admin, ReadOnlyAdmin)
    assert model_admin.has_view_permission(superuser_request)
    assert not model_admin.has_add_permission(superuser_request)
    assert not model_admin.has_change_permission(superuser_request)
    assert not model_admin.has_delete_permission(superuser_request)
    assert not model_admin.get_actions(superuser_request)
    for inline in model_admin.get_inline_instances(superuser_request):
        assert not inline.has_add_permission(superuser_request, None)
        assert not inline.has_change_permission(superuser_request)
        assert not inline.has_delete_permission(superuser_request)
    assert model_admin.get_list_display(superuser_request)[-1] == "web_page"


@pytest.mark.parametrize("label", sorted(REFERENCE_DATA))
def test_the_superuser_keeps_reference_data(superuser_request, label):
    model_admin = project_admins()[label]
    assert model_admin.has_add_permission(superuser_request)
    assert model_admin.has_change_permission(superuser_request)


def test_no_admin_serves_an_address_of_its_own():
    """Only Django's own pages (list, add, history, delete, change): no workflow view hides in the admin."""
    standard = {"changelist", "add", "history", "delete", "change", None}
    # The one exception: the superuser applies a reform of administrative units (teams.reforms).
    own = {"teams.Reform": {"apply"}}
    for label, model_admin in project_admins().items():
        names = {url.name.rsplit("_", 1)[-1] if url.name else None for url in model_admin.get_urls()}
        assert names <= standard | own.get(label, set()), (label, names - standard)


def test_the_users_and_groups_stay_editable(superuser_request):
    for model in (get_user_model(), Group):
        assert admin.site._registry[model].has_change_permission(superuser_request)


def test_only_the_superuser_enters_the_admin(client, clerk):
    clerk.is_staff = True
    clerk.save()
    client.force_login(clerk)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_the_admin_index_lists_the_reference_data(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:teams_village_add") in html
    assert reverse("admin:decisions_decision_add") not in html
