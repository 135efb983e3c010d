"""apply_reform: the 1 July 2025 reform applied to Hà Tĩnh, with Tùng Ảnh's demo living through it."""

import datetime
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import override_settings

from accounts import scoping
from accounts.models import Official
from decisions import workflow
from decisions.models import Decision
from demo.management.commands.load_demo import DemoLoader
from documents import storage
from teams import official_lists, reforms, selectors
from teams.models import Commune, Membership, Person, Reform, Succession, Team, Village, VillageMove
from tests import factories
from tests.decisions import helpers

DAY = datetime.date(2025, 7, 1)
OLD = official_lists.THREE_TIERS
NEW = official_lists.TWO_TIERS
REASON = "Thôn chưa có trưởng thôn tham gia."


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are matched in English; the catalogue's completeness is tested elsewhere."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def admin_en(admin_client, settings):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return admin_client


@pytest.fixture(scope="module")
def tung_anh_2022(django_db_setup, django_db_blocker):
    """The demo (Tùng Ảnh, decisions 170-172) and the rest of Hà Tĩnh before the reform, loaded once."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            # load_demo's first half: it then applies the reform itself (tests/demo).
            DemoLoader().load_2022()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def hatinh(tung_anh_2022, db):
    return Commune.objects.get(place_list__key=OLD, code=18259)


def apply(**options) -> str:
    out = StringIO()
    call_command("apply_reform", province=42, stdout=out, **options)
    return out.getvalue()


def new_commune(code: int) -> Commune:
    return Commune.objects.get(place_list__key=NEW, code=code)


def test_the_reform_gives_duc_tho_its_four_predecessors_and_tung_anh_its_villages(hatinh):
    tung_anh = hatinh
    decisions = {d.number: (d.commune_id, d.pdf_sha256, d.snapshot) for d in Decision.objects.all()}
    village_teams = set(Team.objects.filter(commune=tung_anh, level=Team.Level.VILLAGE).values_list("pk", flat=True))
    people = set(Person.objects.filter(commune=tung_anh).values_list("pk", flat=True))

    output = apply()

    duc_tho = new_commune(18229)
    assert duc_tho.title_name == "Xã Đức Thọ" and duc_tho.district is None
    assert Commune.objects.filter(place_list__key=NEW, province=duc_tho.province).count() == 69
    links = Succession.objects.filter(successor=duc_tho).select_related("predecessor")
    assert sorted((s.predecessor.code, s.predecessor.title_name, s.whole) for s in links) == [
        (18229, "Thị trấn Đức Thọ", True),
        (18259, "Xã Tùng Ảnh", True),
        (18280, "Xã Hòa Lạc", True),
        (18283, "Xã Tân Dân", True),
    ]
    reform = Reform.objects.get()
    assert (reform.effective_on, reform.from_list.key, reform.to_list.key) == (DAY, OLD, NEW)
    assert "1665/NQ-UBTVQH15" in reform.legal_basis and "1665/NQ-UBTVQH15" in output
    # Tùng Ảnh's villages, people and village teams carry on under Xã Đức Thọ.
    assert set(Village.objects.filter(commune=duc_tho).values_list("name", flat=True)) >= {"Đông Thái", "Thông Tự"}
    assert not Village.objects.filter(commune=tung_anh).exists()
    assert set(Team.objects.filter(commune=duc_tho).values_list("pk", flat=True)) == village_teams
    assert set(Person.objects.filter(commune=duc_tho).values_list("pk", flat=True)) == people
    assert VillageMove.objects.filter(from_commune=tung_anh, to_commune=duc_tho, on=DAY).count() == 2
    # The logins of Tùng Ảnh's officials now work for Xã Đức Thọ.
    clerk = Official.objects.get(user__username="vanthu.tunganh")
    assert clerk.commune == duc_tho
    # Tùng Ảnh's commune team ended with Tùng Ảnh, by the resolution, not by a decision.
    commune_team = Team.objects.get(commune=tung_anh, level=Team.Level.COMMUNE)
    assert (commune_team.status, commune_team.dissolved_on, commune_team.dissolved_by_reform) == (
        Team.Status.DISSOLVED,
        DAY,
        reform,
    )
    seats = Membership.objects.filter(team=commune_team)
    assert {(m.end_date, m.ended_by_reform_id, m.ended_by_id) for m in seats} == {(DAY, reform.pk, None)}
    # Issued documents stay with the body that signed them, PDFs and numbers untouched.
    after = {d.number: (d.commune_id, d.pdf_sha256, d.snapshot) for d in Decision.objects.all()}
    assert after == decisions and set(after) == {170, 171, 172}
    for decision in Decision.objects.all():
        assert storage.read(decision.pdf_sha256)
    # The audit trail names the move and its cause.
    moved = LogEntry.objects.filter(additional_data__reform=reform.pk)
    assert moved.filter(changes__commune=["xã Tùng Ảnh", "xã Đức Thọ"]).count() == 2 + len(people) + len(village_teams)
    assert "2 villages, 10 people, 2 village teams, 3 logins" in output


def test_the_new_commune_is_a_new_issuing_body(hatinh):
    apply()
    duc_tho = new_commune(18229)
    assert not Decision.objects.filter(commune=duc_tho).exists()
    assert Decision.objects.filter(commune=hatinh).count() == 3


def test_applying_the_same_reform_twice_changes_nothing_and_says_so(hatinh):
    apply()
    counts = [model.objects.count() for model in (Reform, Succession, VillageMove, Commune, LogEntry)]
    output = apply()
    assert "already applied" in output and "nothing changed" in output
    assert [model.objects.count() for model in (Reform, Succession, VillageMove, Commune, LogEntry)] == counts


def test_villages_of_a_split_commune_wait_to_be_assigned(hatinh):
    # Xã Đại Nài (18082) was split between Phường Thành Sen and Phường Hà Huy Tập.
    dai_nai = Commune.objects.get(place_list__key=OLD, code=18082)
    village = factories.VillageFactory(commune=dai_nai, name="Tổ dân phố 1", type_word="tổ dân phố")
    resident = factories.PersonFactory(commune=dai_nai, village=village)
    team = factories.TeamFactory(commune=dai_nai, village=village)

    output = apply()

    move = VillageMove.objects.get(village=village)
    assert move.to_commune is None and move.from_commune == dai_nai
    assert "villages to assign (their commune was split): 1" in output
    village.refresh_from_db()
    assert village.commune == dai_nai, "nothing moves before the province assigns it"
    assert {c.code for c in reforms.successors_of(move)} == {18073, 18652}

    with pytest.raises(reforms.ReformRefused, match="was not formed from"):
        reforms.assign_village(move=move, commune=new_commune(18229))

    thanh_sen = new_commune(18073)
    reforms.assign_village(move=move, commune=thanh_sen)
    for row in (village, resident, team):
        row.refresh_from_db()
        assert row.commune == thanh_sen
    with pytest.raises(reforms.ReformRefused, match="already been assigned"):
        reforms.assign_village(move=move, commune=new_commune(18652))


def test_two_villages_of_one_name_meeting_in_a_new_commune_stop_the_reform(hatinh):
    hoa_lac = Commune.objects.get(place_list__key=OLD, code=18280)
    factories.VillageFactory(commune=hoa_lac, name="Đông Thái", type_word="thôn")
    with pytest.raises(CommandError, match="Đông Thái .* would both be in xã Đức Thọ"):
        apply()
    assert not Reform.objects.exists()
    assert Village.objects.filter(commune=hatinh).count() == 2


def test_the_database_keeps_an_applied_reform_as_it_was(hatinh):
    apply()
    reform = Reform.objects.get()
    statements = [
        ("UPDATE teams_reform SET legal_basis = 'x' WHERE id = %s", [reform.pk]),
        ("DELETE FROM teams_reform WHERE id = %s", [reform.pk]),
        ("UPDATE teams_succession SET whole = NOT whole WHERE reform_id = %s", [reform.pk]),
        ("DELETE FROM teams_succession WHERE reform_id = %s", [reform.pk]),
        ("UPDATE teams_villagemove SET to_commune_id = from_commune_id WHERE reform_id = %s", [reform.pk]),
        ("DELETE FROM teams_villagemove WHERE reform_id = %s", [reform.pk]),
    ]
    for sql, params in statements:
        with pytest.raises(DatabaseError, match="history"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)


def test_a_waiting_village_is_assigned_once_in_the_database_too(hatinh):
    dai_nai = Commune.objects.get(place_list__key=OLD, code=18082)
    village = factories.VillageFactory(commune=dai_nai)
    apply()
    move = VillageMove.objects.get(village=village)
    target = new_commune(18073)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE teams_villagemove SET to_commune_id = %s WHERE id = %s", [target.pk, move.pk])
    with pytest.raises(DatabaseError, match="history"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE teams_villagemove SET to_commune_id = %s WHERE id = %s", [dai_nai.pk, move.pk])


# The admin ------------------------------------------------------------------------------------------


def test_the_superuser_applies_the_reform_from_the_admin(hatinh, admin_en):
    page = admin_en.get("/admin/teams/reform/apply/")
    assert page.status_code == 200 and "1665/NQ-UBTVQH15" not in page.content.decode()
    response = admin_en.post("/admin/teams/reform/apply/", {"province": 42, "legal_basis": ""}, follow=True)
    assert response.status_code == 200
    reform = Reform.objects.get()
    assert reform.applied_by.is_superuser
    assert "The reform of tỉnh Hà Tĩnh of 01/07/2025 is applied: 69 new communes" in response.content.decode()
    again = admin_en.post("/admin/teams/reform/apply/", {"province": 42}, follow=True)
    assert "was already applied: nothing changed." in again.content.decode() and Reform.objects.count() == 1


def test_the_admins_message_on_a_reform_reads_in_vietnamese_by_default(hatinh, admin_client, settings):
    settings.LANGUAGE_CODE = "vi"
    response = admin_client.post("/admin/teams/reform/apply/", {"province": 42, "legal_basis": ""}, follow=True)
    assert "Đã áp dụng việc sắp xếp đơn vị hành chính của tỉnh Hà Tĩnh ngày 01/07/2025" in response.content.decode()


def test_the_superuser_assigns_a_waiting_village_in_the_admin(hatinh, admin_en):
    dai_nai = Commune.objects.get(place_list__key=OLD, code=18082)
    village = factories.VillageFactory(commune=dai_nai)
    apply()
    move = VillageMove.objects.get(village=village)
    page = admin_en.get(f"/admin/teams/villagemove/{move.pk}/change/")
    assert "Thành Sen" in page.content.decode() and "Tùng Ảnh" not in page.content.decode()
    target = new_commune(18652)
    admin_en.post(f"/admin/teams/villagemove/{move.pk}/change/", {"to_commune": target.pk})
    village.refresh_from_db()
    assert village.commune == target
    assigned = admin_en.get(f"/admin/teams/villagemove/{move.pk}/change/").content.decode()
    assert 'name="to_commune"' not in assigned


def test_an_assignment_made_meanwhile_is_refused_next_to_the_field_in_the_admin_form(hatinh, settings):
    from teams.admin import VillageMoveForm

    settings.LANGUAGE_CODE = "en"
    dai_nai = Commune.objects.get(place_list__key=OLD, code=18082)
    village = factories.VillageFactory(commune=dai_nai)
    apply()
    move = VillageMove.objects.get(village=village)
    target = new_commune(18652)
    form = VillageMoveForm({"to_commune": target.pk}, instance=move)  # the page was loaded before...
    reforms.assign_village(move=move, commune=target)  # ... someone else assigned it
    assert not form.is_valid()
    assert "has already been assigned to" in " ".join(form.errors["to_commune"])


# A commune's life: documents in its name only while it exists; its clerk then reads history ----------


def test_a_decision_of_a_commune_that_ceased_to_exist_is_refused_naming_the_dates(hatinh):
    tung_anh = hatinh
    clerk = Official.objects.get(user__username="vanthu.tunganh").user
    people = list(Person.objects.filter(commune=tung_anh, village__name="Đông Thái")[:3])
    team = factories.TeamFactory(commune=tung_anh, village=factories.VillageFactory(commune=tung_anh))
    for person in people:
        person.village = team.village
        person.save()
    decision = helpers.submitted(team=team, people=people, clerk=clerk, departure_reason=REASON)
    apply()
    tung_anh.refresh_from_db()
    assert tung_anh.ceased_on == DAY
    signer = factories.OfficialFactory(
        commune=tung_anh, role=Official.Role.CHAIRMAN, person=factories.PersonFactory(commune=tung_anh)
    ).user
    with pytest.raises(ValidationError, match=r"Xã Tùng Ảnh ceased to exist on 01/07/2025: a document dated"):
        workflow.decision_issue(decision=decision, by=signer)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SUBMITTED and decision.number is None


def test_a_document_dated_before_its_commune_existed_is_refused(hatinh):
    apply()
    duc_tho = new_commune(18229)
    clerk = factories.OfficialFactory(commune=duc_tho, role=Official.Role.CLERK).user
    team = factories.TeamFactory(commune=duc_tho, village=factories.VillageFactory(commune=duc_tho))
    people = factories.PersonFactory.create_batch(3, commune=duc_tho)
    decision = helpers.submitted(team=team, people=people, clerk=clerk, departure_reason=REASON)
    signer = factories.PersonFactory(commune=duc_tho)
    with pytest.raises(ValidationError, match=r"Xã Đức Thọ exists from 01/07/2025: a document dated 30/06/2025"):
        workflow.decision_record_issued(
            decision=decision, number=1, on=datetime.date(2025, 6, 30), signer=signer, by=clerk
        )


def test_the_new_communes_first_decision_is_number_one(hatinh):
    apply()
    duc_tho = new_commune(18229)
    clerk = Official.objects.get(user__username="vanthu.tunganh").user
    chairman = factories.OfficialFactory(
        commune=duc_tho, role=Official.Role.CHAIRMAN, person=factories.PersonFactory(commune=duc_tho)
    ).user
    team = Team.objects.get(commune=duc_tho, village__name="Đông Thái")
    people = factories.PersonFactory.create_batch(3, commune=duc_tho)
    decision = helpers.submitted(team=team, people=people, clerk=clerk, kind="amend", departure_reason=REASON)
    workflow.decision_issue(decision=decision, by=chairman)
    decision.refresh_from_db()
    assert decision.number == 1 and decision.number_symbol.startswith("01/QĐ-")


def test_a_clerk_of_a_commune_that_ceased_reads_its_history_but_cannot_draft(hatinh, client, settings):
    dai_nai = Commune.objects.get(place_list__key=OLD, code=18082)
    clerk = factories.OfficialFactory(commune=dai_nai, role=Official.Role.CLERK).user
    village_team = factories.TeamFactory(commune=dai_nai, village=factories.VillageFactory(commune=dai_nai))
    draft = helpers.draft(team=village_team, people=factories.PersonFactory.create_batch(3, commune=dai_nai), by=clerk)
    apply()
    clerk.refresh_from_db()
    assert not scoping.can_edit(clerk)
    client.force_login(clerk)
    assert client.get("/decisions/").status_code == 200
    team = factories.TeamFactory(commune=dai_nai, village=factories.VillageFactory(commune=dai_nai))
    response = client.get(f"/teams/{team.pk}/")
    assert response.status_code == 200
    refused = client.post("/villages/add/", {"type_word": "thôn", "name": "Mới"})
    assert refused.status_code == 403
    assert not Village.objects.filter(name="Mới").exists()
    assert client.get(f"/decisions/{draft.pk}/").status_code == 200
    edit = client.post(f"/decisions/{draft.pk}/edit/", {"subject": "Đổi"})
    assert edit.status_code == 403
    draft.refresh_from_db()
    assert draft.subject != "Đổi"


def test_a_commune_issues_up_to_the_eve_of_the_reform_and_its_successor_from_that_day(hatinh):
    tung_anh = hatinh
    clerk = Official.objects.get(user__username="vanthu.tunganh").user
    signer = Person.objects.filter(commune=tung_anh).first()
    old_team = factories.TeamFactory(commune=tung_anh, village=factories.VillageFactory(commune=tung_anh))
    old_people = factories.PersonFactory.create_batch(3, commune=tung_anh)
    last = helpers.submitted(team=old_team, people=old_people, clerk=clerk, departure_reason=REASON)
    on_the_day = helpers.submitted(
        team=factories.TeamFactory(commune=tung_anh, village=factories.VillageFactory(commune=tung_anh)),
        people=factories.PersonFactory.create_batch(3, commune=tung_anh),
        clerk=clerk,
        departure_reason=REASON,
    )
    apply()
    for decision in (last, on_the_day):
        decision.refresh_from_db()
    tung_anh.refresh_from_db()
    workflow.decision_record_issued(decision=last, number=90, on=datetime.date(2025, 6, 30), signer=signer)
    with pytest.raises(ValidationError, match="ceased to exist on 01/07/2025"):
        workflow.decision_record_issued(decision=on_the_day, number=91, on=DAY, signer=signer)

    duc_tho = new_commune(18229)
    new_clerk = factories.OfficialFactory(commune=duc_tho, role=Official.Role.CLERK).user
    team = factories.TeamFactory(commune=duc_tho, village=factories.VillageFactory(commune=duc_tho))
    first = helpers.submitted(
        team=team,
        people=factories.PersonFactory.create_batch(3, commune=duc_tho),
        clerk=new_clerk,
        departure_reason=REASON,
    )
    workflow.decision_record_issued(decision=first, number=1, on=DAY, signer=factories.PersonFactory(commune=duc_tho))
    first.refresh_from_db()
    assert first.issued_on == DAY


# Reading a place as of a date ------------------------------------------------------------------------


def test_a_carried_village_team_belonged_to_tung_anh_until_the_eve_and_to_duc_tho_since(hatinh):
    team = Team.objects.get(commune=hatinh, village__name="Đông Thái")
    assert [(p.commune, p.since, p.until, p.reform) for p in selectors.team_communes(team)] == [
        (hatinh, datetime.date(2022, 10, 4), None, None)
    ]
    apply()
    team.refresh_from_db()
    duc_tho, reform = new_commune(18229), Reform.objects.get()
    assert [(p.commune, p.since, p.until, p.reform) for p in selectors.team_communes(team)] == [
        (hatinh, datetime.date(2022, 10, 4), datetime.date(2025, 6, 30), None),
        (duc_tho, DAY, None, reform),
    ]
    # Tùng Ảnh's commune team did not move: it ended with Tùng Ảnh.
    commune_team = Team.objects.get(commune=hatinh, level=Team.Level.COMMUNE)
    assert [p.commune for p in selectors.team_communes(commune_team)] == [hatinh]


def test_a_team_set_up_after_the_reform_for_a_carried_village_was_never_tung_anhs(hatinh):
    apply()
    duc_tho = new_commune(18229)
    village = Village.objects.get(commune=duc_tho, name="Đông Thái")
    old_team = Team.objects.get(village=village)
    Team.objects.filter(pk=old_team.pk).update(status=Team.Status.DISSOLVED, dissolved_on=datetime.date(2025, 8, 1))
    team = factories.TeamFactory(commune=duc_tho, village=village)
    Team.objects.filter(pk=team.pk).update(status=Team.Status.ACTIVE, established_on=datetime.date(2025, 9, 1))
    team.refresh_from_db()
    assert [p.commune for p in selectors.team_communes(team)] == [duc_tho]


def test_a_person_of_tung_anh_reads_as_tung_anhs_then_duc_thos(hatinh):
    chairman = Person.objects.get(commune=hatinh, full_name="Phan Tiến Dũng")  # no village: a commune official
    newcomer = factories.PersonFactory(commune=hatinh)
    assert [p.commune for p in selectors.person_communes(chairman)] == [hatinh]
    apply()
    duc_tho, reform = new_commune(18229), Reform.objects.get()
    for person in (chairman, newcomer):
        person.refresh_from_db()
        assert [(p.commune, p.since, p.until, p.reform) for p in selectors.person_communes(person)] == [
            (hatinh, None, datetime.date(2025, 6, 30), None),
            (duc_tho, DAY, None, reform),
        ]
    # Someone entered after the reform was never Tùng Ảnh's.
    later = factories.PersonFactory(commune=duc_tho, village=Village.objects.get(name="Đông Thái"))
    assert [p.commune for p in selectors.person_communes(later)] == [duc_tho]


def test_the_team_page_names_the_commune_as_it_was_then_and_each_decisions_issuer(hatinh, client):
    apply()
    clerk = Official.objects.get(user__username="vanthu.tunganh").user
    client.force_login(clerk)
    team = Team.objects.get(village__name="Đông Thái")
    page = client.get(f"/teams/{team.pk}/").content.decode()
    assert "Xã Tùng Ảnh until 30/06/2025" in page
    assert "Xã Đức Thọ since 01/07/2025" in page and "1665/NQ-UBTVQH15" in page
    # The decision that seated its members is Tùng Ảnh's, whichever commune the team is in now.
    assert '171/QĐ-UBND</a> <span class="text-body-secondary">· Xã Tùng Ảnh</span>' in page


def test_the_person_page_names_the_commune_as_it_was_then_and_a_seat_ended_by_the_reform(hatinh, client):
    apply()
    clerk = Official.objects.get(user__username="vanthu.tunganh").user
    client.force_login(clerk)
    loi = Person.objects.get(full_name="Lê Doãn Lợi")  # leader of Tùng Ảnh's commune team (170)
    page = client.get(f"/people/{loi.pk}/").content.decode()
    assert "Xã Tùng Ảnh until 30/06/2025" in page and "Xã Đức Thọ since 01/07/2025" in page
    assert '170/QĐ-UBND</a> <span class="text-body-secondary">· Xã Tùng Ảnh</span>' in page
    assert "the reform of administrative units of 01/07/2025" in page


def test_the_successors_officials_read_the_old_communes_decisions_and_change_none(hatinh, client):
    """Xã Đức Thọ's clerk reads Tùng Ảnh's 2022 decisions; the clerk of a commune that did
    not succeed Tùng Ảnh does not; nobody drafts in Tùng Ảnh's name any more."""
    tung_anh = hatinh
    apply()
    duc_tho = new_commune(18229)
    decision = Decision.objects.get(commune=tung_anh, number=171)
    successor_clerk = factories.OfficialFactory(commune=duc_tho, role=Official.Role.CLERK).user
    assert scoping.scope(successor_clerk, Decision.objects.all()).filter(pk=decision.pk).exists()
    client.force_login(successor_clerk)
    assert client.get(f"/decisions/{decision.pk}/").status_code == 200
    assert "171/QĐ-UBND" in client.get("/decisions/?year=2022").content.decode()
    assert client.post(f"/decisions/{decision.pk}/edit/", {"subject": "Đổi"}).status_code in {403, 404}
    other = new_commune(18652)  # Phường Thành Sen: formed from other communes
    stranger = factories.OfficialFactory(commune=other, role=Official.Role.CLERK).user
    assert not scoping.scope(stranger, Decision.objects.all()).filter(pk=decision.pk).exists()
    client.force_login(stranger)
    assert client.get(f"/decisions/{decision.pk}/").status_code == 404
