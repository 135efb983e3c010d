"""Indicators belong to the plan, versioned: each report keeps the set it was filed under.

Plan 246's set v1 (the eight) from October 2022; v2 from November 2022 renames the VNeID
indicator, retires the health apps and adds the "Bình dân học vụ số" certificates.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports import dashboard, exports, indicator_sets, selectors, services
from reports.models import IndicatorDefinition, IndicatorSet, ReportValue, TeamReport
from tests import factories
from tests.integrity import execute, refused
from tests.reports import active_team, clerk_of, district_officer_of, url

pytestmark = pytest.mark.django_db

OLD_VNEID = "Tài khoản định danh điện tử (VNeID) được hỗ trợ kích hoạt"
NEW_VNEID = "Tài khoản định danh điện tử mức độ 2 (VNeID) được hỗ trợ kích hoạt"
CERTIFICATES = "Người dân được cấp chứng nhận Bình dân học vụ số"
HEALTH = "Lượt cài đặt ứng dụng Sổ sức khỏe điện tử"
KEPT = "tungAnh: an indicator set that a report was filed under never changes."


@pytest.fixture
def plan(commune):
    return factories.PlanFactory(commune=commune)


@pytest.fixture
def v1(plan):
    one = IndicatorSet.objects.create(plan=plan, version=1, valid_from=datetime.date(2022, 10, 1))
    IndicatorDefinition.objects.bulk_create(indicator_sets.seed_definitions(one))
    return one


@pytest.fixture
def v2(v1):
    """November 2022's version: VNeID renamed, health apps retired, certificates added."""
    two = services.indicator_set_new_version(source=v1, valid_from=datetime.date(2022, 11, 1))
    two.definitions.filter(code="vneid_activations").update(label=NEW_VNEID)
    two.definitions.filter(code="health_apps").delete()
    IndicatorDefinition.objects.create(
        indicator_set=two, position=9, code="digital_skills_certificates", label=CERTIFICATES, unit="người", maximum=500
    )
    return two


@pytest.fixture
def team(commune):
    return active_team(commune, name="Đông Thái")


@pytest.fixture
def clerk(commune):
    return clerk_of(commune)


@pytest.fixture
def october(commune):
    return factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)


@pytest.fixture
def november(commune):
    return factories.ReportingPeriodFactory(commune=commune, year=2022, month=11)


def labels(totals) -> dict[str, str]:
    return {t.indicator.code: t.indicator.label for t in totals}


def test_a_report_is_filed_under_the_plans_set_valid_on_its_periods_first_day(team, clerk, v1, v2, october, november):
    october_report = services.report_file(team=team, period=october, values={"health_apps": 3}, by=clerk)
    november_report = services.report_file(
        team=team, period=november, values={"digital_skills_certificates": 4}, by=clerk
    )
    assert (october_report.indicator_set, november_report.indicator_set) == (v1, v2)
    assert "digital_skills_certificates" not in dict(october_report.values.values_list("indicator", "value"))
    assert dict(november_report.values.values_list("indicator", "value"))["digital_skills_certificates"] == 4


def test_a_commune_whose_plans_list_no_indicators_reports_the_default_set(team, clerk, october):
    report = services.report_file(team=team, period=october, values={"health_apps": 3}, by=clerk)
    assert report.indicator_set.plan is None
    assert [d.code for d in indicator_sets.definitions_of(report.indicator_set)] == [
        d.code for d in indicator_sets.seed_definitions()
    ]


def test_a_renamed_indicator_keeps_the_old_reports_label(team, clerk, v1, october, november):
    old = services.report_file(team=team, period=october, values={"vneid_activations": 7}, by=clerk)
    services.indicator_set_new_version(source=v1, valid_from=datetime.date(2022, 11, 1)).definitions.filter(
        code="vneid_activations"
    ).update(label=NEW_VNEID)
    new = services.report_file(team=team, period=november, values={"vneid_activations": 9}, by=clerk)
    assert f"- {OLD_VNEID}: 7 tài khoản" in selectors.zalo_summary(old)
    assert f"- {NEW_VNEID}: 9 tài khoản" in selectors.zalo_summary(new)
    assert labels(selectors.commune_totals(october))["vneid_activations"] == OLD_VNEID
    assert labels(selectors.commune_totals(november))["vneid_activations"] == NEW_VNEID
    # The year shows the latest label, and one total for the code across the versions.
    year = {m.indicator.code: m for m in dashboard.monthly_totals(october.commune, year=2022, pending=True)}
    assert (year["vneid_activations"].indicator.label, year["vneid_activations"].total) == (NEW_VNEID, 16)


def test_a_retired_indicator_is_not_on_new_forms_but_old_reports_and_totals_keep_it(
    client, team, clerk, v2, october, november
):
    services.report_file(team=team, period=october, values={"health_apps": 3}, by=clerk)
    client.force_login(clerk)
    assert 'name="health_apps"' not in client.get(url("reports:report_file", november.pk, team.pk)).content.decode()
    assert HEALTH in client.get(url("reports:report_file", october.pk, team.pk)).content.decode()
    assert labels(selectors.commune_totals(october))["health_apps"] == HEALTH
    assert "health_apps" not in labels(selectors.commune_totals(november))
    year = {m.indicator.code: m.total for m in dashboard.monthly_totals(october.commune, year=2022, pending=True)}
    assert year["health_apps"] == 3


def test_an_old_report_is_corrected_under_its_own_set_even_when_a_later_version_covers_its_month(
    commune, team, clerk, v1, october
):
    report = services.report_file(team=team, period=october, values={"health_apps": 3}, by=clerk)
    # A version made afterwards for the same month (a higher version from the same day).
    later = services.indicator_set_new_version(source=v1, valid_from=datetime.date(2022, 10, 1))
    later.definitions.filter(code="health_apps").delete()
    services.report_correct(report=report, values={"health_apps": 5}, by=clerk)
    assert ReportValue.objects.get(report=report, indicator="health_apps").value == 5
    assert TeamReport.objects.get(pk=report.pk).indicator_set == v1
    # Another team's report of the month, filed now, is filed under the later version.
    other = services.report_file(team=active_team(commune, name="Tây Sơn"), period=october, values={}, by=clerk)
    assert other.indicator_set == later
    with pytest.raises(ValidationError) as exc_info:
        services.report_correct(report=report, values={"digital_skills_certificates": 1}, by=clerk)
    assert "digital_skills_certificates is not an indicator of this report's set" in " ".join(exc_info.value.messages)


def test_a_report_for_a_retired_indicator_is_refused_and_nothing_is_stored(team, clerk, v2, november):
    with pytest.raises(ValidationError) as exc_info:
        services.report_file(team=team, period=november, values={"health_apps": 3}, by=clerk)
    assert exc_info.value.message_dict == {
        "health_apps": ["health_apps is not an indicator of this report's set (retired, or never in it)."]
    }
    assert not TeamReport.objects.exists() and not ReportValue.objects.exists()


def test_an_added_indicator_appears_only_from_its_version_on(client, team, clerk, v2, october, november):
    client.force_login(clerk)
    october_form = client.get(url("reports:report_file", october.pk, team.pk)).content.decode()
    november_form = client.get(url("reports:report_file", november.pk, team.pk)).content.decode()
    assert 'name="digital_skills_certificates"' not in october_form
    assert 'name="digital_skills_certificates"' in november_form
    assert "digital_skills_certificates" not in labels(selectors.commune_totals(october))
    assert labels(selectors.commune_totals(november))["digital_skills_certificates"] == CERTIFICATES


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (501, f"{CERTIFICATES}: 501 is more than one team can do in a month (at most 500 người). Check the figure."),
        (1, f"{CERTIFICATES}: 1 is less than 2 người. Check the figure."),
        (None, f"{CERTIFICATES}: this figure is required."),
    ],
    ids=["above", "below", "missing"],
)
def test_a_figure_outside_the_indicators_bounds_is_refused(team, clerk, v2, november, given, message):
    v2.definitions.filter(code="digital_skills_certificates").update(minimum=2, required=True)
    with pytest.raises(ValidationError) as exc_info:
        services.report_file(team=team, period=november, values={"digital_skills_certificates": given}, by=clerk)
    assert exc_info.value.message_dict == {"digital_skills_certificates": [message]}
    assert not TeamReport.objects.exists()


def test_text_in_a_number_field_is_refused_on_the_page(client, team, clerk, v2, november):
    client.force_login(clerk)
    response = client.post(url("reports:report_file", november.pk, team.pk), {"digital_skills_certificates": "mười"})
    assert response.status_code == 200
    assert 'id="error_1_id_digital_skills_certificates"' in response.content.decode()
    assert not TeamReport.objects.exists()


def test_the_dashboard_and_its_export_of_a_past_year_show_that_years_indicators(client, commune, team, clerk, v1):
    services.report_file(team=team, period=factories.ReportingPeriodFactory(commune=commune), values={}, by=clerk)
    v3 = services.indicator_set_new_version(source=v1, valid_from=datetime.date(2023, 1, 1))
    v3.definitions.filter(code="vneid_activations").update(label=NEW_VNEID)
    v3.definitions.filter(code="health_apps").delete()
    january = factories.ReportingPeriodFactory(commune=commune, year=2023, month=1)
    services.report_file(team=team, period=january, values={}, by=clerk)
    officer = district_officer_of(commune)
    past = dashboard.district_dashboard(officer, year=2022)
    assert labels(past.totals)["vneid_activations"] == OLD_VNEID and "health_apps" in labels(past.totals)
    assert f"{OLD_VNEID} (tài khoản)" in exports.headers(past)
    later = dashboard.district_dashboard(officer, year=2023)
    assert labels(later.totals)["vneid_activations"] == NEW_VNEID and "health_apps" not in labels(later.totals)
    client.force_login(officer)
    csv = client.get(url("dashboard:district_csv"), {"year": 2022}).content.decode("utf-8-sig")
    assert OLD_VNEID in csv.splitlines()[0] and NEW_VNEID not in csv


def test_an_indicator_rolls_up_as_its_set_says(commune, clerk, v1):
    v1.definitions.filter(code="trainings_attended").update(rollup=IndicatorDefinition.Rollup.MAX)
    v1.definitions.filter(code="outreach_sessions").update(rollup=IndicatorDefinition.Rollup.LAST)
    teams = [active_team(commune, name=name) for name in ("Đông Thái", "Tây Sơn")]
    for month, figures in ((10, (4, 9)), (11, (6, 2))):
        period = factories.ReportingPeriodFactory(commune=commune, year=2022, month=month)
        for team, figure in zip(teams, figures, strict=True):
            given = {"trainings_attended": figure, "outreach_sessions": figure, "digital_addresses": figure}
            services.report_file(team=team, period=period, values=given, by=clerk)
    year = {m.indicator.code: m for m in dashboard.monthly_totals(commune, year=2022, pending=True)}
    assert (year["digital_addresses"].months[9:11], year["digital_addresses"].total) == ([13, 8], 21)
    assert (year["trainings_attended"].months[9:11], year["trainings_attended"].total) == ([9, 6], 9)
    assert (year["outreach_sessions"].months[9:11], year["outreach_sessions"].total) == ([13, 8], 8)
    november = {t.indicator.code: t.total for t in selectors.commune_totals(period)}
    assert (november["trainings_attended"], november["outreach_sessions"]) == (6, 8)


# Editing the sets: the admin, and the database behind it --------------------------------------


def test_a_new_version_copies_the_previous_one(v1):
    two = services.indicator_set_new_version(source=v1, valid_from=datetime.date(2023, 1, 1), note="Sửa đổi.")
    assert (two.plan, two.version) == (v1.plan, 2)
    fields = ("position", "code", "label", "unit", "rollup", "minimum", "maximum", "required")
    assert list(two.definitions.values_list(*fields)) == list(v1.definitions.values_list(*fields))


def test_the_admin_makes_a_new_version_and_shows_a_set_in_use_read_only(admin_client, team, clerk, v1, october):
    services.report_file(team=team, period=october, values={}, by=clerk)
    changelist = reverse("admin:reports_indicatorset_changelist")
    response = admin_client.post(changelist, {"action": "new_version", "_selected_action": [v1.pk]}, follow=True)
    assert response.status_code == 200
    two = IndicatorSet.objects.get(plan=v1.plan, version=2)
    assert two.definitions.count() == 8
    used = admin_client.get(reverse("admin:reports_indicatorset_change", args=[v1.pk])).content.decode()
    free = admin_client.get(reverse("admin:reports_indicatorset_change", args=[two.pk])).content.decode()
    assert 'name="valid_from"' not in used and 'name="definitions-0-label"' not in used
    assert 'name="valid_from"' in free and 'name="definitions-0-label"' in free
    posted = admin_client.post(reverse("admin:reports_indicatorset_change", args=[v1.pk]), {"note": "Khác."})
    assert posted.status_code == 403


def test_the_database_refuses_changing_a_set_a_report_uses(team, clerk, v1, october):
    free = v1.definitions.get(code="health_apps")
    free.label = "Ứng dụng sức khỏe"
    free.save()  # no report yet: the set may still be edited
    services.report_file(team=team, period=october, values={}, by=clerk)
    with refused(KEPT):
        IndicatorDefinition.objects.filter(pk=free.pk).update(label="Khác")
    with refused(KEPT):
        IndicatorDefinition.objects.filter(pk=free.pk).delete()
    with refused(KEPT):
        IndicatorDefinition.objects.create(indicator_set=v1, code="new", label="Mới", unit="lượt", maximum=5)
    with refused(KEPT):
        IndicatorSet.objects.filter(pk=v1.pk).update(valid_from=datetime.date(2022, 9, 1))
    with refused(KEPT):
        execute("UPDATE reports_indicatordefinition SET maximum = 1 WHERE indicator_set_id = %s", [v1.pk])
    assert v1.definitions.get(code="health_apps").label == "Ứng dụng sức khỏe"


def test_two_sets_cost_the_queries_of_one(commune, team, clerk, v2, october, november, django_assert_num_queries):
    """The indicators are read in one query for the whole table, whatever their number."""
    factories.PhaseFactory(plan=v2.plan)  # so that the plan's coverage is counted, as on the pinned page
    services.report_file(team=team, period=october, values={"health_apps": 3}, by=clerk)
    services.report_file(team=team, period=november, values={"digital_skills_certificates": 4}, by=clerk)
    officer = district_officer_of(commune)
    officer.official  # noqa: B018 - the login's Official row is read once per request, before the selector
    with django_assert_num_queries(8):
        board = dashboard.district_dashboard(officer, year=2022)
    assert len(board.totals) == 9  # the eight of v1, and v2's certificates
    with django_assert_num_queries(2):
        assert len(dashboard.monthly_totals(commune, year=2022)) == 9
    with django_assert_num_queries(2):
        assert len(selectors.commune_totals(november)) == 8
