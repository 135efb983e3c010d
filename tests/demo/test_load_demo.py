"""python manage.py load_demo: Tùng Ảnh on 4 October 2022, built through the decisions, living
through the reform of 1 July 2025 into Xã Đức Thọ."""

import datetime
import hashlib
import json
import unicodedata
from io import StringIO
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models, transaction
from django.test import RequestFactory, override_settings
from django.utils import timezone

from accounts import scoping
from accounts.models import Official
from decisions.models import Decision, DecisionEvent, DecisionMember, LegalBasis
from decisions.workflow import pdf_bytes
from demo import content
from demo.management.commands import load_demo
from documents.models import NumberSequence, RegisterEntry
from reports.models import StipendRule
from teams import official_lists
from teams.models import (
    Commune,
    District,
    Membership,
    Person,
    Province,
    Reform,
    Succession,
    Team,
    Village,
    VillageMove,
)
from tests import pdfs

ON = datetime.date(2022, 10, 4)
REFORM_DAY = datetime.date(2025, 7, 1)
SLIPS = ("chuyên đổi", "Tùng Anh", "Phan Tiên", "Gazo", "UBND Thị", "VHXXH", "công dịch vụ công")
TEAMS = {
    170: (None, ["Lê Doãn Lợi", "Võ Thị Thanh Cảnh", "Nguyễn Đắc Thắng"]),
    171: ("Đông Thái", ["Phạm Hồng Chương", "Nguyễn Xuân Vinh", "Mai Thị Hằng"]),
    172: ("Thông Tự", ["Nguyễn Bá Khuê", "Phan Doãn Sơn", "Phan Doãn Nam"]),
}
ROLES = ["leader", "deputy", "member"]
TEXT_MODELS = (
    Province,
    District,
    Commune,
    Village,
    Person,
    Team,
    Membership,
    Decision,
    DecisionMember,
    DecisionEvent,
    LegalBasis,
    RegisterEntry,
)


def run_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module", autouse=True)
def fast_password_hasher():
    """The demo sets and checks several passwords; PBKDF2 would take most of this module's time."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


BEFORE_THE_REFORM: dict[int, tuple[str, str]] = {}


def hashes_then_reform(real):
    """``apply_reform`` as load_demo calls it, noting first each decision's stored and actual PDF hash."""

    def apply_reform(**kwargs):
        for decision in Decision.objects.all():
            BEFORE_THE_REFORM[decision.number] = (decision.pdf_sha256, hashlib.sha256(pdf_bytes(decision)).hexdigest())
        return real(**kwargs)

    return apply_reform


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """The demo loaded once for the module (rendering three PDFs), rolled back at its end."""
    real = load_demo.reforms.apply_reform
    with django_db_blocker.unblock(), transaction.atomic():
        with (
            override_settings(DEBUG=True),
            mock.patch.object(load_demo.reforms, "apply_reform", hashes_then_reform(real)),
        ):
            output = run_demo()
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db):
    return demo_output


@pytest.fixture
def tung_anh(demo):
    return Commune.objects.get(place_list__key=official_lists.THREE_TIERS, code=content.COMMUNE_CODE)


@pytest.fixture
def duc_tho(demo):
    return Commune.objects.get(place_list__key=official_lists.TWO_TIERS, code=content.SUCCESSOR_CODE)


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Province,
            District,
            Commune,
            Village,
            Person,
            Team,
            Membership,
            Decision,
            DecisionMember,
            DecisionEvent,
            LegalBasis,
            RegisterEntry,
            NumberSequence,
            Official,
            get_user_model(),
            Group,
            Reform,
            Succession,
            VillageMove,
        )
    }


def stored_texts():
    for model in TEXT_MODELS:
        fields = [f for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
        json_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.JSONField)]
        for obj in model.objects.all():
            for field in fields:
                yield f"{model.__name__}.{field.name}", getattr(obj, field.attname) or ""
            for field in json_fields:
                yield f"{model.__name__}.{field.name}", json.dumps(getattr(obj, field.attname), ensure_ascii=False)


def printed_logins(output: str) -> dict[str, str]:
    table = output.split("Logins", 1)[1].splitlines()[2:]
    return {line.split()[-2]: line.split()[-1] for line in table if line.strip()}


def test_it_loads_the_places_of_duc_tho_and_two_villages(tung_anh, duc_tho):
    assert Commune.objects.filter(district__code=440).count() == 16
    assert not Team.objects.exclude(commune__in=(tung_anh, duc_tho)).exists()
    assert (tung_anh.district.full_name, tung_anh.province.full_name) == ("huyện Đức Thọ", "tỉnh Hà Tĩnh")
    # The villages are Tùng Ảnh's, and since the reform Xã Đức Thọ's.
    villages = {v.full_name for v in Village.objects.filter(moves__from_commune=tung_anh)}
    assert villages == {"thôn Đông Thái", "thôn Thông Tự"}


@pytest.mark.parametrize("number", sorted(TEAMS))
def test_each_team_was_set_up_by_its_decision(tung_anh, number):
    village, names = TEAMS[number]
    decision = Decision.objects.get(commune=tung_anh, year=2022, number=number)
    team = decision.team
    assert (team.village.name if team.village else None) == village
    assert team.established_on == ON
    assert team.departure_reason == decision.departure_reason != ""
    seated = team.memberships_on(ON).select_related("person").order_by("seat")
    assert [(m.person.full_name, m.role) for m in seated] == list(zip(names, ROLES, strict=True))
    assert {(m.start_date, m.started_by_id) for m in seated} == {(ON, decision.pk)}
    assert team.memberships.count() == 3


@pytest.mark.parametrize("number", sorted(TEAMS))
def test_each_decision_is_issued_with_its_number_date_and_pdf(tung_anh, number):
    decision = Decision.objects.get(commune=tung_anh, year=2022, number=number)
    assert (decision.status, decision.issued_on, decision.kind) == ("issued", ON, "establish")
    assert decision.signer.full_name == "Phan Tiến Dũng"
    pdf = pdf_bytes(decision)
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == decision.pdf_sha256
    assert [e.action for e in decision.events.all()] == ["created", "recorded"]
    entry = RegisterEntry.objects.get(decision=decision)
    assert (entry.number, entry.doc_type, entry.year, entry.issued_on) == (number, "QĐ", 2022, ON)


def test_the_decisions_print_what_the_reference_says_with_the_slips_fixed(tung_anh):
    doc = Decision.objects.get(commune=tung_anh, year=2022, number=172).snapshot
    assert doc["number_line"] == "Số: 172/QĐ-UBND"
    assert doc["place_date_line"] == "Tùng Ảnh, ngày 04 tháng 10 năm 2022"
    assert doc["subject"] == "Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Thông Tự"
    assert doc["bases"] == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ "
        "chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019;",
        "Căn cứ Kế hoạch số 353/KH-UBND ngày 16/9/2022 của Ủy ban nhân dân tỉnh Hà Tĩnh về việc triển khai tổ "
        "chuyển đổi số trên địa bàn tỉnh Hà Tĩnh;",
        "Căn cứ Kế hoạch số 3672/KH-UBND ngày 30/9/2022 của Ủy ban nhân dân huyện Đức Thọ về việc thành lập Tổ "
        "chuyển đổi số cộng đồng huyện Đức Thọ;",
        "Căn cứ Kế hoạch số 246/KH-UBND ngày 03/10/2022 của Ủy ban nhân dân xã về việc triển khai tổ chuyển đổi số "
        "trên địa bàn xã;",
        "Xét đề nghị của Công chức Văn hóa xã hội và các ban ngành liên quan.",
    ]
    article1, article2, article3 = doc["articles"]
    assert article1["text"] == "Thành lập tổ Chuyển đổi số thôn Thông Tự gồm các ông (bà) có tên sau:"
    # The typed copy says "Bà : Phan Doãn Nam"; the recorded gender says Ông.
    assert [(m["salutation"], m["name"], m["role"]) for m in article1["members"]] == [
        ("Ông", "Nguyễn Bá Khuê", "Tổ trưởng"),
        ("Ông", "Phan Doãn Sơn", "Tổ phó"),
        ("Ông", "Phan Doãn Nam", "Tổ viên"),
    ]
    body = " ".join(article2["paragraphs"])
    assert "ứng dụng cổng dịch vụ công" in body and "Gapo" in body and "giúp UBND xã tuyên truyền" in body
    assert article3["paragraphs"][-1].endswith("chịu trách nhiệm thi hành Quyết định này./.")
    assert doc["recipients"][-1] == "- Lưu: VT/UBND."
    assert doc["signature"] == {"lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "name": "Phan Tiến Dũng"}


def test_the_commune_team_and_its_deputy_print_as_issued(tung_anh):
    doc = Decision.objects.get(commune=tung_anh, year=2022, number=170).snapshot
    assert doc["articles"][0]["text"] == "Thành lập tổ Chuyển đổi số cộng đồng xã gồm các ông (bà) có tên sau:"
    assert [(m["salutation"], m["position"]) for m in doc["articles"][0]["members"]] == [
        ("Ông", "Phó Chủ tịch UBND"),
        ("Bà", "Công chức VHXH"),
        ("Ông", "Bí thư Đoàn TN"),
    ]
    assert doc["signature"]["lines"] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_the_numbers_continue_after_the_recorded_documents(tung_anh):
    sequences = dict(NumberSequence.objects.filter(commune=tung_anh, year=2022).values_list("doc_type", "last_number"))
    assert sequences == {"QĐ": 172, "KH": 246}
    plan = RegisterEntry.objects.get(commune=tung_anh, doc_type="KH", year=2022, number=246)
    assert (plan.number_symbol, plan.issued_on, plan.signer_name) == (
        "246/KH-UBND",
        datetime.date(2022, 10, 3),
        "Phan Tiến Dũng",
    )
    assert plan.subject.endswith("Triển khai Tổ chuyển đổi số cộng đồng trên địa bàn xã Tùng Ảnh")
    assert plan.decision is None
    assert RegisterEntry.objects.filter(commune=tung_anh).count() == 4


def test_plan_246_pays_each_team_600000_dong_a_month_from_2024(tung_anh):
    (rule,) = StipendRule.objects.filter(plan__commune=tung_anh)
    assert (rule.plan.number_symbol, rule.valid_from, rule.amount, rule.levels) == (
        "246/KH-UBND",
        datetime.date(2024, 1, 1),
        600_000,
        StipendRule.Levels.BOTH,
    )
    assert rule.basis.startswith("Nghị quyết số ") and "HĐND tỉnh Hà Tĩnh" in rule.basis


def test_the_people_and_their_genders(duc_tho):
    people = {p.full_name: p for p in Person.objects.filter(commune=duc_tho)}
    assert len(people) == 10
    women = {name for name, p in people.items() if p.gender == Person.Gender.FEMALE}
    assert women == {"Võ Thị Thanh Cảnh", "Mai Thị Hằng"}
    chairman = people["Phan Tiến Dũng"]
    assert (chairman.office, chairman.position) == (Person.Office.CHAIRMAN, "Chủ tịch UBND")
    assert not chairman.memberships.exists()
    for number in (171, 172):
        village, names = TEAMS[number]
        assert {people[name].village.name for name in names} == {village}
    assert {people[name].village for name in TEAMS[170][1]} == {None}


def test_nothing_stored_carries_a_typing_slip_and_every_text_is_nfc(demo):
    for where, text in stored_texts():
        for slip in SLIPS:
            assert slip not in text, f"{where}: {slip!r}"
        assert unicodedata.is_normalized("NFC", text), where


def test_the_pdfs_carry_no_typing_slip(tung_anh):
    for decision in Decision.objects.filter(commune=tung_anh):
        text = unicodedata.normalize("NFC", " ".join(pdfs.text(pdf_bytes(decision)).split()))
        assert "Phan Tiến Dũng" in text
        for slip in SLIPS:
            assert slip not in text, f"{decision.number}: {slip!r}"


def test_the_printed_logins_work_and_have_the_right_reach(demo, tung_anh, duc_tho):
    logins = printed_logins(demo)
    assert set(logins) == {
        "admin",
        "vanthu.tunganh",
        "chutich.tunganh",
        "totruong.dongthai",
        "phongvhtt.ductho",
        "sokhcn.hatinh",
    }
    assert "http://127.0.0.1:8000/" in demo
    request = RequestFactory().post("/login/")
    for username, password in logins.items():
        user = authenticate(request, username=username, password=password)
        assert user is not None, username
        # Only the administrator enters the Django admin; the others work in the web pages.
        assert user.is_staff == user.is_superuser == (username == "admin"), username
    # Tùng Ảnh's logins followed it into Xã Đức Thọ on 01/07/2025.
    clerk = Official.objects.get(user__username="vanthu.tunganh")
    assert (clerk.role, clerk.commune) == (Official.Role.CLERK, duc_tho)
    chairman = Official.objects.get(user__username="chutich.tunganh")
    assert (chairman.role, chairman.commune, chairman.person.full_name) == ("chairman", duc_tho, "Phan Tiến Dũng")
    officer = Official.objects.get(user__username="phongvhtt.ductho")
    assert (officer.role, officer.district) == (Official.Role.DISTRICT_OFFICER, tung_anh.district)
    # Since the reform the province follows the teams: the two-tier Hà Tĩnh, old and new communes.
    province_officer = Official.objects.get(user__username="sokhcn.hatinh")
    assert province_officer.role == Official.Role.PROVINCE_OFFICER
    assert province_officer.province == duc_tho.province
    assert {tung_anh, duc_tho} <= set(scoping.visible_communes(province_officer.user))
    # They work in the pages only: no group, no model permission, no admin.
    for official in (clerk, chairman, officer, province_officer):
        user = official.user
        assert not (user.is_staff or user.groups.exists() or user.get_all_permissions()), user.username


def test_the_team_leader_login_belongs_to_the_leader_of_dong_thai(demo, tung_anh, duc_tho):
    leader = Official.objects.select_related("user", "person").get(user__username="totruong.dongthai")
    assert (leader.role, leader.commune, leader.district) == (Official.Role.TEAM_LEADER, duc_tho, None)
    assert leader.person.full_name == "Phạm Hồng Chương"
    team = Decision.objects.get(commune=tung_anh, year=2022, number=171).team
    assert team.active_memberships().get(role="leader").person == leader.person
    # Works in the pages only: no group, no model permission.
    assert not leader.user.groups.exists() and not leader.user.get_all_permissions()


def test_a_second_run_changes_nothing_and_resets_the_passwords(demo, settings):
    settings.DEBUG = True
    before = counts()
    clerk = get_user_model().objects.get(username="vanthu.tunganh")
    clerk.set_password("changed-by-someone")
    clerk.save()
    output = run_demo()
    assert counts() == before
    assert "Created this run: nothing" in output
    assert "already applied" in output and "nothing changed" in output
    request = RequestFactory().post("/admin/login/")
    password = printed_logins(output)["vanthu.tunganh"]
    assert authenticate(request, username="vanthu.tunganh", password=password) == clerk


def test_a_second_run_lets_a_locked_out_demo_login_in_again(demo, settings):
    if not apps.is_installed("axes"):
        pytest.skip("no login throttling installed")
    settings.DEBUG = True
    password = printed_logins(demo)["chutich.tunganh"]
    request = RequestFactory().post("/admin/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        authenticate(request, username="chutich.tunganh", password="wrong")
    assert authenticate(RequestFactory().post("/admin/login/"), username="chutich.tunganh", password=password) is None
    run_demo()
    user = authenticate(RequestFactory().post("/admin/login/"), username="chutich.tunganh", password=password)
    assert user is not None and user.username == "chutich.tunganh"


def test_it_refuses_to_set_known_passwords_without_debug(demo, settings):
    settings.DEBUG = False
    before = counts()
    with pytest.raises(CommandError, match="DEBUG"):
        run_demo()
    assert counts() == before


# Through the reform of 1 July 2025 -------------------------------------------------------------------


def test_the_conversion_loaded_for_ha_tinh_gives_69_units(demo):
    rows = [row for row in official_lists.conversions() if row.province == content.PROVINCE_CODE]
    assert len({row.commune.code for row in rows}) == 69
    reform = Reform.objects.get()
    assert (reform.province.code, reform.effective_on, reform.to_list.key) == (42, REFORM_DAY, "2025-07-01")
    assert Succession.objects.filter(reform=reform).values("successor").distinct().count() == 69
    assert Commune.objects.filter(place_list__key=official_lists.TWO_TIERS, province=reform.province).count() == 69


def test_duc_tho_has_its_four_predecessors_and_tung_anhs_villages_and_village_teams(demo, tung_anh, duc_tho):
    links = Succession.objects.filter(successor=duc_tho).select_related("predecessor")
    assert sorted((s.predecessor.code, s.predecessor.title_name, s.whole) for s in links) == [
        (18229, "Thị trấn Đức Thọ", True),
        (18259, "Xã Tùng Ảnh", True),
        (18280, "Xã Hòa Lạc", True),
        (18283, "Xã Tân Dân", True),
    ]
    assert tung_anh.ceased_on == REFORM_DAY and duc_tho.district is None
    assert {v.name for v in duc_tho.villages.all()} == {"Đông Thái", "Thông Tự"}
    assert {(m.village.name, m.from_commune, m.to_commune, m.on) for m in VillageMove.objects.all()} == {
        ("Đông Thái", tung_anh, duc_tho, REFORM_DAY),
        ("Thông Tự", tung_anh, duc_tho, REFORM_DAY),
    }
    # The village teams of 171 and 172 carry on, with their members; the commune team of 170
    # ended with Tùng Ảnh, and Xã Đức Thọ's own is set up by its own decision 01 of the current
    # year, which the demo issues signed (tests/signing/test_demo.py).
    carried = Team.objects.filter(commune=duc_tho, level=Team.Level.VILLAGE)
    assert {(t.village.name, t.status) for t in carried} == {("Đông Thái", "active"), ("Thông Tự", "active")}
    for team in carried:
        assert team.active_memberships().count() == 3
    commune_team = Decision.objects.get(commune=tung_anh, number=170).team
    assert (commune_team.commune, commune_team.status, commune_team.dissolved_on) == (tung_anh, "dissolved", REFORM_DAY)
    own = Team.objects.get(commune=duc_tho, level=Team.Level.COMMUNE)
    assert [(d.number, d.kind, d.team) for d in Decision.objects.filter(commune=duc_tho)] == [(1, "establish", own)]


def test_the_2022_decisions_and_pdfs_are_as_they_were_before_the_reform(demo, tung_anh):
    decisions = Decision.objects.filter(commune=tung_anh).order_by("number")
    assert [(d.number, d.number_symbol, d.status) for d in decisions] == [
        (170, "170/QĐ-UBND", "issued"),
        (171, "171/QĐ-UBND", "issued"),
        (172, "172/QĐ-UBND", "issued"),
    ]
    assert set(BEFORE_THE_REFORM) == {170, 171, 172}
    for decision in decisions:
        stored, actual = BEFORE_THE_REFORM[decision.number]
        assert stored == actual == decision.pdf_sha256 == hashlib.sha256(pdf_bytes(decision)).hexdigest()


def test_the_new_communes_first_decision_is_number_01(demo, duc_tho):
    """A new issuing body: the demo's decision setting up its commune team is its 01 of the year."""
    decision = Decision.objects.get(commune=duc_tho)
    assert (decision.number, decision.year, decision.number_symbol) == (1, timezone.localdate().year, "01/QĐ-UBND")
    assert decision.signer.full_name == "Phan Tiến Dũng" and decision.team.status == Team.Status.ACTIVE
    assert NumberSequence.objects.get(commune=duc_tho, year=decision.year, doc_type="QĐ").last_number == 1
