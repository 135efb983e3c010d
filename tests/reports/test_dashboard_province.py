"""The province's rollout dashboard after Hà Tĩnh's 2025 reform, on the demo (Tùng Ảnh, 2022).

Tùng Ảnh and Hòa Lạc became part of Xã Đức Thọ whole; Đại Nài was split between Phường
Thành Sen and Phường Hà Huy Tập. Each test files a few reports before the reform (the old
communes' months of 2022 and 2025), applies the reform, and reads the pages as the
province, district and national officers.
"""

import csv
import datetime
import io
from io import StringIO

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from accounts import scoping
from accounts.models import Official
from decisions.models import Decision
from reports import indicator_sets, indicators
from reports.models import ReportingPeriod, ReportValue, TeamReport
from reports.province_dashboard import province_dashboard, provinces_at_a_glance
from teams import official_lists, reforms
from teams.management.commands.load_places import load_places
from teams.models import Commune, District, Province, Succession, Team, Village, VillageMove
from tests import factories
from tests.reports import url

OLD = official_lists.THREE_TIERS
NEW = official_lists.TWO_TIERS
CODE = indicators.CODES[0]


@pytest.fixture(scope="module")
def hatinh_2022(django_db_setup, django_db_blocker):
    """The demo (Tùng Ảnh, decisions 170-172) and the rest of Hà Tĩnh before the reform, loaded once."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            call_command("load_demo", stdout=StringIO())
        load_places(province=42, list_key=OLD)
        yield
        transaction.set_rollback(True)


def old(code: int) -> Commune:
    return Commune.objects.get(place_list__key=OLD, code=code)


def new(code: int) -> Commune:
    return Commune.objects.get(place_list__key=NEW, code=code)


def filed(commune: Commune, *, year: int, month: int, value: int) -> None:
    """One team report of ``commune`` for the month, ``value`` for the first indicator, in a
    month the supervisor accepted (the dashboards total the accepted months)."""
    team = Team.objects.filter(commune=commune).order_by("pk").first()
    if team is None:
        team = factories.TeamFactory(commune=commune, village=factories.VillageFactory(commune=commune))
    period, _ = ReportingPeriod.objects.get_or_create(
        commune=commune, year=year, month=month, defaults={"due_on": datetime.date(year, month, 28)}
    )
    by = get_user_model().objects.get(username="vanthu.tunganh")
    default = indicator_sets.default_set()
    months = ReportingPeriod.objects.filter(pk=period.pk)
    months.update(status=ReportingPeriod.Status.OPEN)  # the supervisor reopened it (a test's shortcut)
    report = TeamReport.objects.create(team=team, period=period, filed_by=by, indicator_set=default)
    ReportValue.objects.create(report=report, indicator=CODE, value=value)
    months.update(status=ReportingPeriod.Status.ACCEPTED)


@pytest.fixture
def reformed(hatinh_2022, db):
    """Reports of 2022 and of the first half of 2025 (written as history, past the services that
    refuse a ceased commune), the reform, reports of Xã Đức Thọ after it, a village of Đại Nài to assign."""
    tung_anh, hoa_lac, dai_nai = old(18259), old(18280), old(18082)
    filed(tung_anh, year=2022, month=10, value=5)
    filed(tung_anh, year=2025, month=3, value=7)
    filed(hoa_lac, year=2025, month=4, value=11)
    filed(dai_nai, year=2025, month=2, value=13)
    reform = reforms.apply_reform(province=42).reform  # the demo may have applied it already
    # A village of Đại Nài waiting for the province, as the reform leaves one.
    waiting = factories.VillageFactory(commune=dai_nai, name="Tổ dân phố 9", type_word="tổ dân phố")
    VillageMove.objects.create(
        village=waiting, from_commune=dai_nai, to_commune=None, on=reform.effective_on, reform=reform
    )
    filed(new(18229), year=2025, month=9, value=100)
    return {"tung_anh": tung_anh, "hoa_lac": hoa_lac, "dai_nai": dai_nai, "duc_tho": new(18229), "waiting": waiting}


def province_officer(province: Province):
    return factories.OfficialFactory(role=Official.Role.PROVINCE_OFFICER, province=province, commune=None).user


def national_officer():
    return factories.OfficialFactory(role=Official.Role.NATIONAL_OFFICER, commune=None).user


@pytest.fixture
def officer(reformed):
    return province_officer(reformed["duc_tho"].province)


def first_total(row) -> int:
    return next(t.total for t in row.totals if t.indicator.code == CODE)


# The rules (reports.province_dashboard) --------------------------------------------------------


def test_in_2025_xa_duc_tho_carries_the_months_of_the_communes_it_took_over_whole(reformed, officer):
    board = province_dashboard(officer, province=reformed["duc_tho"].province, year=2025)
    rows = {row.commune.pk: row for row in board.rows}
    duc_tho = rows[reformed["duc_tho"].pk]
    assert {c.title_name for c in duc_tho.merged} == {"Xã Tùng Ảnh", "Xã Hòa Lạc", "Thị trấn Đức Thọ", "Xã Tân Dân"}
    assert first_total(duc_tho) == 7 + 11 + 100
    assert reformed["tung_anh"].pk not in rows and reformed["hoa_lac"].pk not in rows
    # The new communes, and the split old commune on its own row, its figures nowhere else.
    assert sum(1 for row in board.rows if row.commune.place_list.key == NEW) == 69
    split = rows[reformed["dai_nai"].pk]
    assert split.split and first_total(split) == 13
    # Split: every old commune the conversion table names in part (Đại Nài; Sơn Kim 1 lost land elsewhere).
    part = Succession.objects.filter(whole=False, reform__province=reformed["duc_tho"].province)
    assert {row.commune.pk for row in board.rows if row.split} == set(part.values_list("predecessor", flat=True))
    assert {t.indicator.code: t.total for t in board.totals}[CODE] == 7 + 11 + 13 + 100
    # The old communes on rows of their own are those of the list before, under their districts.
    old_rows = [row for group in board.groups if group.district for row in group.rows]
    assert all(row.commune.place_list.key == OLD and not row.merged for row in old_rows)
    assert {row.commune.pk for row in board.rows if row.split} <= {row.commune.pk for row in old_rows}


def test_in_2022_the_old_communes_appear_by_district_as_before(reformed, officer):
    board = province_dashboard(officer, province=reformed["duc_tho"].province, year=2022)
    assert all(row.commune.place_list.key == OLD and not row.merged and not row.split for row in board.rows)
    duc_tho_district = next(g for g in board.groups if g.district and g.district.code == 440)
    assert duc_tho_district.district.title_name == "Huyện Đức Thọ"
    tung_anh = next(row for row in duc_tho_district.rows if row.commune == reformed["tung_anh"])
    assert first_total(tung_anh) == 5
    assert len(board.groups) == District.objects.filter(place_list__key=OLD, province__code=42).count()
    assert {t.indicator.code: t.total for t in board.totals}[CODE] == 5


def test_the_province_officer_reads_the_province_with_its_history_and_nothing_else(reformed, officer):
    elsewhere = factories.CommuneFactory(
        code=17000,
        name="Xa Lạ",
        district=factories.DistrictFactory(code=400, province=factories.ProvinceFactory(code=40)),
    )
    visible = scoping.visible_communes(officer)
    assert {reformed["tung_anh"], reformed["duc_tho"], reformed["dai_nai"]} <= set(visible)
    assert elsewhere not in visible
    assert set(visible.values_list("province__code", flat=True)) == {42}
    assert scoping.get_in_scope(officer, Decision.objects.all(), number=170).commune == reformed["tung_anh"]
    assert not scoping.can_edit(officer) and scoping.commune_of(officer) is None
    assert scoping.reads_whole_commune(officer) and scoping.reads_several_communes(officer)


def test_a_predecessor_from_another_province_is_read_through_its_succession(reformed, officer):
    """Where two provinces merged, the absorbed one's old communes carry another code."""
    absorbed = factories.CommuneFactory(
        code=17001, name="Cũ", district=factories.DistrictFactory(code=401, province=factories.ProvinceFactory(code=40))
    )
    assert absorbed not in scoping.visible_communes(officer)
    reform = reformed["duc_tho"].predecessor_links.first().reform
    reform.successions.model.objects.create(
        reform=reform, successor=reformed["duc_tho"], predecessor=absorbed, whole=True
    )
    assert absorbed in scoping.visible_communes(officer)


def test_the_national_list_counts_each_province_of_the_year(reformed):
    national = national_officer()
    rows = {row.province.code: row for row in provinces_at_a_glance(national, year=2025)}
    assert rows[42].province.place_list.key == NEW and rows[42].communes == 69
    rows_2022 = {row.province.code: row for row in provinces_at_a_glance(national, year=2022)}
    assert rows_2022[42].province.place_list.key == OLD
    assert rows_2022[42].communes == Commune.objects.filter(place_list__key=OLD, province__code=42).count()
    assert provinces_at_a_glance(province_officer(reformed["duc_tho"].province), year=2025)[0].province.code == 42
    assert provinces_at_a_glance(factories.UserFactory(), year=2025) == []


# The pages -------------------------------------------------------------------------------------


def test_the_rollout_menu_leads_a_province_officer_to_the_province(client, reformed, officer):
    client.force_login(officer)
    province = reformed["duc_tho"].province_id
    for name, target in (
        ("district", "province"),
        ("district_xlsx", "province_xlsx"),
        ("district_csv", "province_csv"),
    ):
        response = client.get(url(f"dashboard:{name}"), {"year": 2022})
        assert response.status_code == 302
        assert response["Location"] == f"{url(f'dashboard:{target}', province)}?year=2022"


def test_the_province_page_drills_down_to_tung_anh_and_its_2022_decision(client, reformed, officer):
    client.force_login(officer)
    address = url("dashboard:province", reformed["duc_tho"].province_id)
    # Hà Tĩnh had 216 communes in 2022: the table comes 50 at a time, and a district can be chosen.
    first = client.get(address, {"year": 2022}).content.decode()
    assert "Huyện Đức Thọ</option>" in first and "Xã Tùng Ảnh" not in first
    district = reformed["tung_anh"].district_id
    page = client.get(address, {"year": 2022, "district": district}).content.decode()
    assert "Rollout in tỉnh Hà Tĩnh" in page and '<th scope="rowgroup" colspan="8">Huyện Đức Thọ</th>' in page
    assert f'<option value="{district}" selected>' in page
    assert f'href="{url("dashboard:commune", reformed["tung_anh"].pk)}?year=2022"' in page
    commune_page = client.get(url("dashboard:commune", reformed["tung_anh"].pk), {"year": 2022})
    decision = Decision.objects.get(commune=reformed["tung_anh"], number=170)
    assert f'href="{url("decisions:detail", decision.pk)}"' in commune_page.content.decode()
    assert "Carried on by" in commune_page.content.decode() and ">xã Đức Thọ</a>" in commune_page.content.decode()
    assert client.get(url("decisions:detail", decision.pk)).status_code == 200


def test_the_2025_page_marks_the_split_commune_and_names_the_merged_ones(client, reformed, officer):
    client.force_login(officer)
    address = url("dashboard:province", reformed["duc_tho"].province_id)
    first = client.get(address, {"year": 2025, "q": "duc tho"}).content.decode()
    assert "with the figures of" in first and "xã Tùng Ảnh" in first  # Xã Đức Thọ
    # The old communes split between new ones stand apart, after them, under their district.
    page = client.get(address, {"year": 2025, "district": reformed["dai_nai"].district_id}).content.decode()
    assert "split on 01/07/2025: its figures apart" in page
    commune_page = client.get(url("dashboard:commune", reformed["duc_tho"].pk), {"year": 2025})
    march = next(m for m in commune_page.context["monthly"] if m.indicator.code == CODE)
    assert (march.months[2], march.months[3], march.months[8], march.total) == (7, 11, 100, 118)


def test_a_district_officer_of_duc_tho_reads_2022_and_nothing_of_another_province(client, reformed):
    other = factories.CommuneFactory(
        code=17002,
        name="Xa Lạ",
        district=factories.DistrictFactory(code=402, province=factories.ProvinceFactory(code=40)),
    )
    user = factories.OfficialFactory(
        role=Official.Role.DISTRICT_OFFICER, district=reformed["tung_anh"].district, commune=None
    ).user
    client.force_login(user)
    response = client.get(url("dashboard:district"), {"year": 2022})
    assert reformed["tung_anh"] in [row.commune for row in response.context["board"].rows]
    assert reformed["duc_tho"] not in [row.commune for row in response.context["board"].rows]
    assert client.get(url("dashboard:commune", other.pk)).status_code == 404
    assert client.get(url("dashboard:commune", reformed["duc_tho"].pk)).status_code == 404
    assert client.get(url("dashboard:province", reformed["duc_tho"].province_id)).status_code == 404


def test_a_province_officer_of_another_province_sees_nothing_of_ha_tinh(client, reformed):
    nghe_an = factories.ProvinceFactory(place_list=reformed["duc_tho"].place_list, code=40, name="Nghệ An")
    client.force_login(province_officer(nghe_an))
    decision = Decision.objects.get(commune=reformed["tung_anh"], number=170)
    assert client.get(url("dashboard:province", reformed["duc_tho"].province_id)).status_code == 404
    assert client.get(url("dashboard:province_csv", reformed["duc_tho"].province_id)).status_code == 404
    assert client.get(url("dashboard:commune", reformed["tung_anh"].pk)).status_code == 404
    assert client.get(url("decisions:detail", decision.pk)).status_code == 404
    own = client.get(url("dashboard:province", nghe_an.pk), {"year": 2025})
    assert own.status_code == 200 and own.context["board"].rows == []


def test_a_national_officer_reads_every_province(client, reformed):
    client.force_login(national_officer())
    assert (
        client.get(url("dashboard:district"), {"year": 2025})["Location"] == f"{url('dashboard:provinces')}?year=2025"
    )
    assert client.get(url("dashboard:district_csv")).status_code == 403
    page = client.get(url("dashboard:provinces"), {"year": 2025}).content.decode()
    assert f'href="{url("dashboard:province", reformed["duc_tho"].province_id)}?year=2025"' in page
    assert client.get(url("dashboard:province", reformed["duc_tho"].province_id)).status_code == 200
    assert client.get(url("dashboard:commune", reformed["tung_anh"].pk)).status_code == 200
    assert client.get(url("dashboard:village_moves")).status_code == 403


def test_the_list_of_provinces_is_reused_for_five_minutes_and_says_when_it_was_counted(client, reformed, settings):
    settings.LANGUAGE_CODE = "en"
    national = national_officer()
    client.force_login(national)
    first = client.get(url("dashboard:provinces"), {"year": 2025})
    assert "The figures of this table were counted at" in first.content.decode()
    before = next(row.villages for row in first.context["rows"] if row.province.code == 42)
    factories.VillageFactory(commune=reformed["duc_tho"], name="Thôn Mới Lập")
    again = client.get(url("dashboard:provinces"), {"year": 2025}).context["rows"]
    assert again == first.context["rows"]  # the same count, not counted again
    cache.clear()  # as FIGURES_SECONDS passing does
    recounted = client.get(url("dashboard:provinces"), {"year": 2025}).context["rows"]
    assert [row.villages for row in recounted if row.province.code == 42] == [before + 1]
    # Another officer (another year, another day) has a list of their own.
    client.force_login(factories.OfficialFactory(role=Official.Role.NATIONAL_OFFICER, commune=None).user)
    assert client.get(url("dashboard:provinces"), {"year": 2022}).context["rows"] != recounted


def test_only_the_national_officer_opens_the_list_of_provinces(client, reformed, officer):
    client.force_login(officer)
    assert client.get(url("dashboard:provinces")).status_code == 403


def test_a_province_officer_drafts_and_edits_nothing(client, reformed, officer):
    client.force_login(officer)
    decision = Decision.objects.get(commune=reformed["tung_anh"], number=170)
    village = Village.objects.filter(commune=reformed["duc_tho"]).first()
    assert client.get(url("decisions:create")).status_code == 403
    assert client.post(url("decisions:create"), {"team": "1", "kind": "establish"}).status_code == 403
    assert client.get(url("decisions:edit", decision.pk)).status_code in (403, 404)
    assert client.get(url("teams:village_create")).status_code == 403
    assert client.post(url("teams:village_update", village.pk), {"name": "x"}).status_code == 403
    assert client.get(url("accounts:login_list")).status_code in (403, 404)
    assert client.post(url("dashboard:province", reformed["duc_tho"].province_id)).status_code == 405


# Assigning the villages of a split commune -------------------------------------------------------


def test_a_province_officer_assigns_a_waiting_village_once(client, reformed, officer):
    client.force_login(officer)
    move = VillageMove.objects.get(village=reformed["waiting"])
    page = client.get(url("dashboard:village_moves")).content.decode()
    assert "Tổ dân phố 9" in page and "Phường Thành Sen" in page and "Phường Hà Huy Tập" in page
    thanh_sen = new(18073)
    response = client.post(url("dashboard:village_assign", move.pk), {"commune": thanh_sen.pk}, follow=True)
    assert response.status_code == 200
    assert "now belongs to phường Thành Sen" in response.content.decode()
    reformed["waiting"].refresh_from_db()
    assert reformed["waiting"].commune == thanh_sen
    again = client.post(url("dashboard:village_assign", move.pk), {"commune": new(18652).pk}, follow=True)
    assert again.status_code == 200
    assert "has already been assigned to phường Thành Sen" in again.content.decode()
    reformed["waiting"].refresh_from_db()
    assert reformed["waiting"].commune == thanh_sen


def test_a_commune_not_formed_from_the_old_one_is_refused_with_a_message(client, reformed, officer):
    client.force_login(officer)
    move = VillageMove.objects.get(village=reformed["waiting"])
    response = client.post(url("dashboard:village_assign", move.pk), {"commune": reformed["duc_tho"].pk}, follow=True)
    assert response.status_code == 200
    assert "Choose one of the new communes formed from phường Đại Nài" in response.content.decode()
    assert VillageMove.objects.get(pk=move.pk).to_commune is None


def test_no_one_else_assigns_a_village(client, reformed):
    move = VillageMove.objects.get(village=reformed["waiting"])
    target = {"commune": new(18073).pk}
    clerk = Official.objects.get(user__username="vanthu.tunganh").user
    nghe_an = factories.ProvinceFactory(place_list=reformed["duc_tho"].place_list, code=40, name="Nghệ An")
    for user, status in ((clerk, 404), (national_officer(), 404), (province_officer(nghe_an), 404)):
        client.force_login(user)
        assert client.post(url("dashboard:village_assign", move.pk), target).status_code == status
    assert VillageMove.objects.get(pk=move.pk).to_commune is None


# Exports -----------------------------------------------------------------------------------------


def test_the_exports_keep_the_districts_the_notes_and_neutralise_formulas(client, reformed, officer):
    formula = '=HYPERLINK("http://x","y")'
    factories.PlanFactory(commune=reformed["duc_tho"], number_symbol=formula, issued_on=datetime.date(2025, 8, 1))
    client.force_login(officer)
    province = reformed["duc_tho"].province_id
    response = client.get(url("dashboard:province_csv", province), {"year": 2025})
    assert response["Content-Disposition"] == 'attachment; filename="rollout-province-42-2025.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Huyện (trước sắp xếp)" and rows[0][-1] == "Ghi chú"
    duc_tho = next(r for r in rows if r[1] == "Xã Đức Thọ")
    assert "'" + formula in duc_tho and formula not in duc_tho
    assert duc_tho[0] == "" and "xã Tùng Ảnh" in duc_tho[-1]
    split = next(r for r in rows if r[1] == "Phường Đại Nài")
    assert split[0] == "Thành phố Hà Tĩnh" and split[-1].startswith("Đơn vị cũ được chia")
    xlsx = client.get(url("dashboard:province_xlsx", province), {"year": 2025})
    assert xlsx["Content-Disposition"] == 'attachment; filename="rollout-province-42-2025.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    cells = [value for row in sheet.iter_rows(values_only=True) for value in row if value and "HYPERLINK" in str(value)]
    assert cells == ["'" + formula]
    assert sheet.max_row == len(rows)


def test_the_page_shows_50_communes_and_totals_the_whole_province(client, reformed, officer):
    client.force_login(officer)
    address = url("dashboard:province", reformed["duc_tho"].province_id)
    whole = province_dashboard(officer, province=reformed["duc_tho"].province, year=2025)
    assert len(whole.rows) > 50
    pages = [client.get(address, {"year": 2025, "page": n}).context for n in (1, 2)]
    assert [len(c["board"].rows) for c in pages] == [50, len(whole.rows) - 50]
    assert {row.commune.pk for c in pages for row in c["board"].rows} == {row.commune.pk for row in whole.rows}
    for context in pages:
        # The totals row and the achievements count every commune, not the page's.
        assert context["totals"] == {field: whole.total(field) for field in context["totals"]}
        assert (
            first_total(context["board"]) == first_total(whole) == 7 + 11 + 13 + 100
        )  # Đại Nài, split, has its own row
    assert "Communes 51–" in client.get(address, {"year": 2025, "page": 2}).content.decode()
    # A page past the last, or not a number, shows the last or the first.
    assert client.get(address, {"year": 2025, "page": 99}).context["board"].page.number == 2
    assert client.get(address, {"year": 2025, "page": "²"}).context["board"].page.number == 1


def test_the_search_finds_communes_by_the_start_of_their_syllables(reformed, officer):
    province = reformed["duc_tho"].province

    def found(search):
        board = province_dashboard(officer, province=province, year=2025, page=1, search=search)
        return [row.commune.name for row in board.rows]

    assert found("duc tho") == found("Đức Thọ") == found("ĐỨC   THỌ") == found("Thọ Đức") == ["Đức Thọ"]
    assert "Đức Thọ" not in found("uc")  # inside a syllable: no
    assert found("!!!") == found("") != []  # no word: no filter
    assert found("x" * 100) == []
    board = province_dashboard(officer, province=province, year=2025, page=1, search="duc tho")
    assert first_total(board) == 7 + 11 + 100  # the totals are the found communes'


def test_a_district_limits_the_table_and_its_totals(client, reformed, officer):
    province = reformed["duc_tho"].province
    district = reformed["tung_anh"].district_id
    board = province_dashboard(officer, province=province, year=2022, page=1, district=district)
    assert {row.commune.district_id for row in board.rows} == {district}
    assert first_total(board) == 5
    assert board.total("villages") == sum(row.villages for row in board.rows)
    assert (district, "Huyện Đức Thọ") in board.districts and len(board.districts) > 1


def test_a_page_reuses_its_table_for_five_minutes_and_says_when_it_was_counted(client, reformed, officer, settings):
    settings.LANGUAGE_CODE = "en"
    client.force_login(officer)
    address = url("dashboard:province", reformed["duc_tho"].province_id)
    before = client.get(address, {"year": 2025})
    assert first_total(before.context["board"]) == 131
    page = before.content.decode()
    assert "The figures of this table were counted at" in page and "every 5 minutes" in page
    filed(reformed["duc_tho"], year=2025, month=10, value=9)
    # The same table asked again within five minutes is the one counted: nothing is recounted.
    again = client.get(address, {"year": 2025})
    assert again.context["table"] == before.context["table"] and "board" not in again.context
    # Another table (another page, district or name) is counted afresh, its rows with the
    # report; the totals of the whole table wait for the next count.
    after = client.get(address, {"year": 2025, "q": "duc tho"}).context["board"]
    assert first_total(after.rows[0]) == 7 + 11 + 100 + 9
    assert first_total(after) == 7 + 11 + 100 + 9
    cache.clear()  # as FIGURES_SECONDS passing does
    assert first_total(client.get(address, {"year": 2025}).context["board"]) == 131 + 9


def test_a_kept_table_is_only_ever_shown_to_its_reader_in_their_language(client, reformed, officer, settings):
    settings.LANGUAGE_CODE = "en"
    address = url("dashboard:province", reformed["duc_tho"].province_id)
    client.force_login(officer)
    assert client.get(address, {"year": 2025}).status_code == 200
    # An officer of another province cannot read it, kept or not; a national officer gets their own.
    nghe_an = factories.ProvinceFactory(place_list=reformed["duc_tho"].place_list, code=40, name="Nghệ An")
    client.force_login(province_officer(nghe_an))
    assert client.get(address, {"year": 2025}).status_code == 404
    client.force_login(national_officer())
    national = client.get(address, {"year": 2025})
    assert national.status_code == 200 and "board" in national.context  # counted for them
    assert 'aria-label="Breadcrumb"' in national.content.decode()  # with the national officer's way back
    # The reader's own table in the other language is counted in that language.
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    vietnamese = client.get(address, {"year": 2025})
    assert "board" in vietnamese.context and "Số liệu của bảng" in vietnamese.content.decode()


def test_a_paged_table_counts_the_communes_without_a_team_of_its_page(client, reformed, officer, settings):
    settings.LANGUAGE_CODE = "en"
    client.force_login(officer)
    address = url("dashboard:province", reformed["duc_tho"].province_id)
    page = client.get(address, {"year": 2025}).content.decode()
    assert "communes of this page have no active village team yet." in page
    # The indicators without a figure are named as they are written (VNeID keeps its capitals).
    assert "VNeID" in page[page.index("No figure yet:") :]
