"""The stipend list of a month: the plan's rule, who it pays and why not, the XLSX, the PDF, and
the attachment the chairman issues with the commune report."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from documents import storage
from documents.models import RegisterEntry
from reports import approval, commune_reports, stipends
from reports.admin import StipendRuleAdmin
from reports.models import StipendRule, TeamReport
from teams.models import Team
from tests import factories, pdfs
from tests.reports import active_team, district_officer_of, file, leader_of, url

pytestmark = pytest.mark.django_db

BASIS = "Nghị quyết số 09/2024/NQ-HĐND ngày 12/7/2024 của HĐND tỉnh Hà Tĩnh"
SET_UP = datetime.date(2022, 10, 4)  # the teams' establishment: November is their first whole month


@pytest.fixture
def plan(commune):
    return factories.PlanFactory(commune=commune)


@pytest.fixture
def rule(plan):
    return StipendRule.objects.create(plan=plan, valid_from=datetime.date(2022, 10, 1), amount=600_000, basis=BASIS)


@pytest.fixture
def november(commune):
    return factories.ReportingPeriodFactory(commune=commune, year=2022, month=11)


def accepted(team, period, by):
    report = file(team, period, by, digital_addresses=3)
    TeamReport.objects.filter(pk=report.pk).update(status=TeamReport.Status.ACCEPTED)
    return report


def row_of(listed, team):
    (row,) = [row for row in listed.rows if row.team.pk == team.pk]
    return row


# The rule --------------------------------------------------------------------------------------


def test_a_team_active_the_whole_month_with_its_report_accepted_is_paid(commune, rule, november, clerk):
    team = active_team(commune, name="Đông Thái", established_on=SET_UP)
    accepted(team, november, clerk)
    listed = stipends.stipend_list(november)
    assert listed.rule == rule and listed.plan == rule.plan
    (row,) = listed.rows
    assert row.entitled and row.active_whole_month and row.amount == 600_000 and row.reasons == ()
    assert listed.total == 600_000 and listed.entitled_count == 1


def test_the_clerks_acceptance_through_the_approval_pays(commune, rule, november, clerk):
    team = active_team(commune, established_on=SET_UP)
    report = file(team, november, leader_of(team, day=SET_UP))
    assert row_of(stipends.stipend_list(november), team).reasons == (stipends.Reason(stipends.Reason.REPORT_WAITING),)
    approval.report_accept(report=report, by=clerk)
    assert row_of(stipends.stipend_list(november), team).entitled


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (None, stipends.Reason.NO_REPORT),
        (TeamReport.Status.FILED, stipends.Reason.REPORT_WAITING),
        (TeamReport.Status.RETURNED, stipends.Reason.REPORT_RETURNED),
    ],
)
def test_a_report_not_accepted_is_not_paid(commune, rule, november, clerk, status, code):
    team = active_team(commune, established_on=SET_UP)
    if status is not None:
        report = file(team, november, clerk)
        TeamReport.objects.filter(pk=report.pk).update(status=status)
    (row,) = stipends.stipend_list(november).rows
    assert not row.entitled and row.amount == 0
    assert row.reasons == (stipends.Reason(code),)
    assert row.active_whole_month


def test_a_team_established_after_the_first_day_is_not_paid(commune, rule, clerk):
    october = factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)
    team = active_team(commune, established_on=SET_UP)
    accepted(team, october, clerk)
    (row,) = stipends.stipend_list(october).rows
    assert not row.entitled and not row.active_whole_month
    assert str(row.reasons[0]) == "established on 04/10/2022, not active the whole month"
    assert row.reason_printed == "Thành lập ngày 04/10/2022, không hoạt động cả tháng"


def test_a_team_established_on_the_first_day_is_paid(commune, rule, november, clerk):
    team = active_team(commune, established_on=datetime.date(2022, 11, 1))
    accepted(team, november, clerk)
    assert row_of(stipends.stipend_list(november), team).entitled


def test_a_team_dissolved_during_the_month_is_listed_and_not_paid(commune, rule, november, clerk):
    team = active_team(commune, established_on=SET_UP)
    Team.objects.filter(pk=team.pk).update(status=Team.Status.DISSOLVED, dissolved_on=datetime.date(2022, 11, 20))
    row = row_of(stipends.stipend_list(november), team)
    assert not row.entitled and not row.active_whole_month
    assert [str(reason) for reason in row.reasons] == [
        "dissolved on 20/11/2022, not active the whole month",
        "no report filed",
    ]
    assert row.reason_text == "dissolved on 20/11/2022, not active the whole month; no report filed"


def test_a_team_dissolved_on_the_last_day_was_not_active_the_whole_month(commune, rule, november, clerk):
    team = active_team(commune, established_on=SET_UP)
    accepted(team, november, clerk)
    Team.objects.filter(pk=team.pk).update(status=Team.Status.DISSOLVED, dissolved_on=datetime.date(2022, 11, 30))
    row = row_of(stipends.stipend_list(november), team)
    assert row.reasons == (stipends.Reason(stipends.Reason.DISSOLVED, datetime.date(2022, 11, 30)),)
    assert row.reason_printed == "Giải thể ngày 30/11/2022, không hoạt động cả tháng"


def test_an_active_team_without_its_date_of_establishment_is_not_paid(commune, rule, november, clerk):
    team = active_team(commune, established_on=None)
    accepted(team, november, clerk)
    assert [str(reason) for reason in row_of(stipends.stipend_list(november), team).reasons] == [
        "no date of establishment recorded"
    ]


def test_a_team_dissolved_after_the_month_was_active_the_whole_of_it(commune, rule, november, clerk):
    team = active_team(commune, established_on=SET_UP)
    accepted(team, november, clerk)
    Team.objects.filter(pk=team.pk).update(status=Team.Status.DISSOLVED, dissolved_on=datetime.date(2022, 12, 1))
    assert row_of(stipends.stipend_list(november), team).entitled


def test_a_team_dissolved_before_the_month_is_not_listed(commune, rule, november):
    team = active_team(commune, established_on=SET_UP)
    Team.objects.filter(pk=team.pk).update(status=Team.Status.DISSOLVED, dissolved_on=datetime.date(2022, 10, 31))
    assert stipends.stipend_list(november).rows == []


@pytest.mark.parametrize(
    ("levels", "paid", "code"),
    [
        (StipendRule.Levels.BOTH, {"commune", "village"}, None),
        (StipendRule.Levels.VILLAGE, {"village"}, stipends.Reason.LEVEL_VILLAGE_ONLY),
        (StipendRule.Levels.COMMUNE, {"commune"}, stipends.Reason.LEVEL_COMMUNE_ONLY),
    ],
)
def test_the_rule_pays_the_levels_it_covers(commune, plan, november, clerk, levels, paid, code):
    StipendRule.objects.create(
        plan=plan, valid_from=datetime.date(2022, 10, 1), amount=600_000, levels=levels, basis=BASIS
    )
    teams = [
        active_team(commune, established_on=SET_UP, level=Team.Level.COMMUNE),
        active_team(commune, established_on=SET_UP),
    ]
    for team in teams:
        accepted(team, november, clerk)
    listed = stipends.stipend_list(november)
    assert {row.team.level for row in listed.rows if row.entitled} == paid
    assert listed.total == 600_000 * len(paid)
    for row in listed.rows:
        if not row.entitled:
            assert row.reasons == (stipends.Reason(code),)


def test_a_month_takes_the_latest_rule_valid_from_its_first_day(commune, plan, rule, november, clerk):
    StipendRule.objects.create(plan=plan, valid_from=datetime.date(2022, 12, 1), amount=700_000, basis=BASIS)
    december = factories.ReportingPeriodFactory(commune=commune, year=2022, month=12)
    team = active_team(commune, established_on=SET_UP)
    accepted(team, november, clerk)
    accepted(team, december, clerk)
    assert stipends.stipend_list(november).total == 600_000
    assert stipends.stipend_list(december).total == 700_000
    september = factories.ReportingPeriodFactory(commune=commune, year=2022, month=9)
    assert stipends.stipend_list(september).rule is None


def test_a_month_takes_the_rules_of_the_latest_plan_issued_by_its_end(commune, plan, rule, november, clerk):
    later = factories.PlanFactory(
        commune=commune, number_symbol="12/KH-UBND", issued_on=datetime.date(2022, 12, 5), team_name="Tổ công nghệ số"
    )
    StipendRule.objects.create(plan=later, valid_from=datetime.date(2022, 11, 1), amount=800_000, basis=BASIS)
    assert stipends.stipend_list(november).rule == rule  # the later plan was issued after November
    december = factories.ReportingPeriodFactory(commune=commune, year=2022, month=12)
    listed = stipends.stipend_list(december)
    assert listed.plan == later and listed.rule.amount == 800_000 and listed.team_name == "Tổ công nghệ số"


def test_without_a_rule_the_list_is_empty(commune, plan, november, clerk):
    accepted(active_team(commune, established_on=SET_UP), november, clerk)
    listed = stipends.stipend_list(november)
    assert listed.rule is None and listed.rows == [] and listed.total == 0
    assert stipends.stipend_list(factories.ReportingPeriodFactory(commune=other_commune_of(), month=11)).plan is None


def other_commune_of():
    return factories.CommuneFactory(code=18260, name="Tùng Lộc")


def test_each_row_names_the_leader_of_the_month(commune, rule, november, clerk):
    team = active_team(commune, established_on=SET_UP)
    leader_of(team, day=SET_UP)
    leader = team.memberships.get().person
    assert row_of(stipends.stipend_list(november), team).leader == leader.full_name


def test_the_list_costs_the_same_queries_for_2_teams_as_for_6(commune, rule, november, clerk):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            listed = stipends.stipend_list(november)
            [(row.leader, row.reasons) for row in listed.rows]
        return len(queries)

    for _ in range(2):
        team = active_team(commune, established_on=SET_UP)
        accepted(team, november, clerk)
        leader_of(team, day=SET_UP)
    two = count()
    for _ in range(4):
        accepted(active_team(commune, established_on=SET_UP), november, clerk)
    assert len(stipends.stipend_list(november).rows) == 6
    assert count() == two <= 5


# The rule's own rules --------------------------------------------------------------------------


def test_a_rule_pays_more_than_nothing(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        StipendRule.objects.create(plan=plan, valid_from=datetime.date(2022, 10, 1), amount=0, basis=BASIS)


def test_a_plan_has_one_rule_from_a_day(plan, rule):
    with pytest.raises(IntegrityError), transaction.atomic():
        StipendRule.objects.create(plan=plan, valid_from=rule.valid_from, amount=500_000, basis=BASIS)


def test_a_rule_starts_on_the_first_of_a_month(plan):
    with pytest.raises(ValidationError, match="first day of a month"):
        StipendRule(plan=plan, valid_from=datetime.date(2022, 10, 4), amount=600_000, basis=BASIS).full_clean()


def test_a_rule_whose_first_month_has_begun_is_read_only_in_the_admin(rf, admin_user, plan, rule):
    request = rf.get("/")
    request.user = admin_user
    model_admin = StipendRuleAdmin(StipendRule, None)
    assert not model_admin.has_change_permission(request, rule)
    assert not model_admin.has_delete_permission(request, rule)
    coming = StipendRule.objects.create(plan=plan, valid_from=datetime.date(2100, 1, 1), amount=1, basis=BASIS)
    assert model_admin.has_change_permission(request, coming)
    assert model_admin.has_add_permission(request)


# The pages ---------------------------------------------------------------------------------------


@pytest.fixture
def month(commune, rule, november, clerk):
    """November: a village team paid, the commune team not (its report waits), one named like a formula."""
    paid = active_team(commune, name="Đông Thái", established_on=SET_UP)
    accepted(paid, november, clerk)
    leader_of(paid, day=SET_UP)
    waiting = active_team(commune, established_on=SET_UP, level=Team.Level.COMMUNE)
    file(waiting, november, clerk)
    formula = active_team(commune, name="x", established_on=datetime.date(2022, 11, 10))
    Team.objects.filter(pk=formula.pk).update(designation='=HYPERLINK("https://evil.invalid","Tổ")')
    return {"paid": paid, "waiting": waiting, "formula": formula}


def test_the_clerk_reads_the_list_with_its_rule_and_total(client, clerk, november, month):
    client.force_login(clerk)
    response = client.get(url("reports:stipend_list", november.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert BASIS in html and "600.000" in html and "1 of 3 teams paid, 600.000 đồng in all" in html
    assert "Report waiting for the clerk" in html
    assert "Established on 10/11/2022, not active the whole month; no report filed" in html
    assert 'class="table-responsive' in html
    assert url("reports:stipend_xlsx", november.pk) in html and url("reports:stipend_pdf", november.pk) in html


@pytest.mark.parametrize("who", ["chairman", "district"])
def test_the_chairman_and_the_supervisor_read_the_list(client, commune, chairman, november, month, who):
    client.force_login(chairman if who == "chairman" else district_officer_of(commune))
    assert client.get(url("reports:stipend_list", november.pk)).status_code == 200
    assert client.get(url("reports:stipend_xlsx", november.pk)).status_code == 200


def test_a_team_leader_is_refused_the_list_and_its_files(client, november, month):
    client.force_login(leader_of(month["waiting"], day=SET_UP))
    for name in ("reports:stipend_list", "reports:stipend_xlsx", "reports:stipend_pdf"):
        assert client.get(url(name, november.pk)).status_code == 403
    assert "Stipend list" not in client.get(url("reports:period_detail", november.pk)).content.decode()


def test_another_communes_clerk_finds_no_list(client, november, month):
    client.force_login(factories.OfficialFactory(commune=other_commune_of()).user)
    assert client.get(url("reports:stipend_list", november.pk)).status_code == 404


def test_the_period_links_to_the_list_only_when_a_rule_applies(client, commune, clerk, rule, november):
    client.force_login(clerk)
    link = url("reports:stipend_list", november.pk)
    assert link in client.get(url("reports:period_detail", november.pk)).content.decode()
    september = factories.ReportingPeriodFactory(commune=commune, year=2022, month=9)
    assert (
        url("reports:stipend_list", september.pk)
        not in client.get(url("reports:period_detail", september.pk)).content.decode()
    )


def test_without_a_rule_the_page_says_so_and_offers_no_file(client, commune, clerk, plan):
    september = factories.ReportingPeriodFactory(commune=commune, year=2022, month=9)
    client.force_login(clerk)
    html = client.get(url("reports:stipend_list", september.pk)).content.decode()
    assert "The plan sets no stipend for this month." in html
    assert url("reports:stipend_xlsx", september.pk) not in html
    assert client.get(url("reports:stipend_xlsx", september.pk)).status_code == 404
    assert client.get(url("reports:stipend_pdf", september.pk)).status_code == 404


def test_the_page_costs_the_same_queries_for_2_teams_as_for_6(client, commune, clerk, rule, november):
    client.force_login(clerk)
    address = url("reports:stipend_list", november.pk)

    def count() -> int:
        client.get(address)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    for _ in range(2):
        accepted(active_team(commune, established_on=SET_UP), november, clerk)
    two = count()
    for _ in range(4):
        team = active_team(commune, established_on=SET_UP)
        file(team, november, clerk)
        leader_of(team, day=SET_UP)
    assert count() == two


# The finance office's XLSX -----------------------------------------------------------------------


def test_the_xlsx_reads_back_with_rows_amounts_reasons_and_total(client, clerk, commune, november, month):
    client.force_login(clerk)
    response = client.get(url("reports:stipend_xlsx", november.pk))
    assert response.status_code == 200
    assert 'filename="stipends-18259-2022-11.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "DANH SÁCH CÁC TỔ CHUYỂN ĐỔI SỐ CỘNG ĐỒNG ĐƯỢC HƯỞNG HỖ TRỢ THÁNG 11/2022"
    assert rows[1][0].startswith("Xã Tùng Ảnh.") and BASIS in rows[1][0] and "600.000 đồng/Tổ/tháng" in rows[1][0]
    assert rows[2] == stipends.HEADERS
    body = {row[1]: row for row in rows[3:-1]}
    assert len(body) == 3 and [row[0] for row in rows[3:-1]] == [1, 2, 3]
    paid = body[month["paid"].name]
    assert paid[2] == month["paid"].memberships.get().person.full_name
    assert paid[3:] == ["Có", "Đã duyệt", "Có", 600_000, None]
    waiting = body[month["waiting"].name]
    assert waiting[3:] == ["Có", "Chờ duyệt", "Không", 0, "Báo cáo tháng chưa được công chức duyệt"]
    month["formula"].refresh_from_db()
    (formula,) = [row for name, row in body.items() if name.startswith("'=HYPERLINK")]
    assert formula[1] == "'" + month["formula"].name  # neutralised: text, not a live formula
    assert formula[3:] == [
        "Không",
        "Chưa gửi",
        "Không",
        0,
        "Thành lập ngày 10/11/2022, không hoạt động cả tháng; Không gửi báo cáo tháng",
    ]
    assert rows[-1] == [None, "Tổng cộng", None, None, None, "1 Tổ", 600_000, None]
    assert sheet["G4"].data_type == "n"  # amounts stay numbers


# The PDF and the attachment the chairman issues --------------------------------------------------


def test_the_pdf_preview_is_an_unnumbered_pdf_of_the_list(client, clerk, november, month):
    client.force_login(clerk)
    response = client.get(url("reports:stipend_pdf", november.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(pdfs.text(response.content).split())
    assert "DANH SÁCH CÁC TỔ CHUYỂN ĐỔI SỐ CỘNG ĐỒNG ĐƯỢC HƯỞNG HỖ TRỢ" in text
    assert "(Kèm theo Báo cáo số /BC-UBND ngày của UBND xã Tùng Ảnh)" in text
    assert "Tổng cộng" in text and "600.000" in text


def test_the_issued_commune_report_files_the_stipend_list_with_it(commune, clerk, chairman, november, month):
    draft = commune_reports.commune_report_create(period=november, by=clerk)
    submitted = commune_reports.commune_report_submit(report=draft, by=clerk)
    report = commune_reports.commune_report_issue(report=submitted, by=chairman, on=datetime.date(2022, 12, 7))
    entry = RegisterEntry.objects.get(commune=commune, doc_type="BC", year=2022, number=report.number)
    figures, listed = entry.attachments.order_by("position")
    assert figures.title.startswith("PHỤ LỤC")
    assert listed.title == "DANH SÁCH CÁC TỔ CHUYỂN ĐỔI SỐ CỘNG ĐỒNG ĐƯỢC HƯỞNG HỖ TRỢ Tháng 11/2022"
    assert listed.snapshot["reference"] == "(Kèm theo Báo cáo số 01/BC-UBND ngày 07/12/2022 của UBND xã Tùng Ảnh)"
    assert listed.snapshot["table"]["total"] == ["", "Tổng cộng", "", "600.000", ""]
    text = " ".join(pdfs.text(storage.read(listed.pdf_sha256)).split())
    assert BASIS in text and month["paid"].name in text
    assert "Báo cáo tháng chưa được công chức duyệt" in text
    # The report itself says how many teams are paid and that the list goes with it.
    results = report.snapshot["sections"][0]["paragraphs"]
    assert results[-1] == "- Số Tổ được hưởng hỗ trợ: 1/3, tổng số tiền 600.000 đồng (danh sách kèm theo)."


def test_without_a_rule_the_report_files_only_its_appendix(commune, clerk, chairman, plan, november):
    file(active_team(commune, established_on=SET_UP), november, clerk)
    draft = commune_reports.commune_report_create(period=november, by=clerk)
    submitted = commune_reports.commune_report_submit(report=draft, by=clerk)
    report = commune_reports.commune_report_issue(report=submitted, by=chairman, on=datetime.date(2022, 12, 7))
    entry = RegisterEntry.objects.get(commune=commune, doc_type="BC", year=2022, number=report.number)
    assert [a.title[:7] for a in entry.attachments.all()] == ["PHỤ LỤC"]
    assert not any("được hưởng hỗ trợ" in line for line in report.snapshot["sections"][0]["paragraphs"])
