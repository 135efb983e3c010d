"""An amending ("kiện toàn") decision says what it changes: Điều 1 cites the decision it
amends and names who leaves, who joins and whose role changes, as communes write it; the
PDF prints it above the new composition."""

import datetime
import re

import pytest

from decisions import amendment, workflow
from decisions.documents import build_decision_document
from decisions.models import Decision
from documents import rendering
from teams.models import Role
from teams.services import ProposedMember
from tests import factories, pdfs
from tests.decisions.helpers import issued

pytestmark = pytest.mark.django_db

TEAM = "Tổ chuyển đổi số cộng đồng thôn Đông Thái"
CITED = "Quyết định số 01/QĐ-UBND ngày 04/10/2022 của Chủ tịch Ủy ban nhân dân xã Tùng Ảnh"
# What nd30-layout.md forbids in a new draft's running text unless spelled out first; a
# number and symbol ("01/QĐ-UBND") is the decree's own and is taken out before looking.
ABBREVIATIONS = re.compile(r"\b(PCT|UBND|HĐND|TTMTTQ|MTTQ|BT|TN|VHXH)\b")
SYMBOL = re.compile(r"\d+/QĐ-UBND")


def abbreviated(text: str) -> list[str]:
    return ABBREVIATIONS.findall(SYMBOL.sub("", text))


@pytest.fixture
def established(village_team, village_people, clerk, chairman, day):
    """Đông Thái's team set up by decision 01/QĐ-UBND of 04/10/2022: Vinh leads, Hằng is the
    deputy, Chương a member."""
    return issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)


@pytest.fixture
def newcomer(commune, village):
    return factories.PersonFactory(
        commune=commune, village=village, full_name="Trần Thị Lan", gender="female", position="Nhân viên y tế thôn"
    )


def amend(team, clerk, lines) -> Decision:
    decision = workflow.decision_create(team=team, kind=Decision.Kind.AMEND, by=clerk)
    members = [ProposedMember(person=person, role=role, position=person.position) for person, role in lines]
    return workflow.decision_set_members(decision=decision, members=members, by=clerk)


def test_a_new_amending_draft_cites_the_decision_that_set_the_team_up(established, village_team, clerk):
    decision = workflow.decision_create(team=village_team, kind=Decision.Kind.AMEND, by=clerk)
    assert decision.article1 == f"Kiện toàn {TEAM} (thành lập theo {CITED}) gồm các ông (bà) có tên sau:"


def test_one_leaving_and_one_joining(established, village_team, village_people, newcomer, clerk):
    vinh, hang, chuong = village_people
    decision = amend(village_team, clerk, [(vinh, Role.LEADER), (hang, Role.DEPUTY), (newcomer, Role.MEMBER)])
    assert decision.article1.splitlines() == [
        f"Kiện toàn {TEAM} (thành lập theo {CITED}) như sau:",
        f"1. Thôi tham gia {TEAM}: Ông Phạm Hồng Chương, Tổ viên.",
        f"2. Bổ sung vào {TEAM}: Bà Trần Thị Lan, chức vụ Nhân viên y tế thôn, giữ chức danh Tổ viên.",
        f"Sau khi kiện toàn, {TEAM} gồm các ông (bà) có tên sau:",
    ]
    assert abbreviated(decision.article1) == []
    decision.refresh_from_db()  # stored as composed
    assert "Thôi tham gia" in decision.article1


def test_leaving_only(established, village_team, village_people, clerk):
    vinh, hang, chuong = village_people
    decision = amend(village_team, clerk, [(vinh, Role.LEADER), (hang, Role.DEPUTY)])
    lines = decision.article1.splitlines()
    assert lines[1] == f"1. Thôi tham gia {TEAM}: Ông Phạm Hồng Chương, Tổ viên."
    assert len(lines) == 3 and "Bổ sung" not in decision.article1


def test_joining_only(village_team, village_people, newcomer):
    vinh, hang, _chuong = village_people
    before = [amendment.Seat(vinh, Role.LEADER), amendment.Seat(hang, Role.DEPUTY)]
    after = [*before, amendment.Seat(newcomer, Role.MEMBER, "Nhân viên y tế thôn")]
    text = amendment.article1(team=village_team, found=amendment.compare(before, after), cited=[])
    assert text.splitlines() == [
        f"Kiện toàn {TEAM} như sau:",
        f"1. Bổ sung vào {TEAM}: Bà Trần Thị Lan, chức vụ Nhân viên y tế thôn, giữ chức danh Tổ viên.",
        f"Sau khi kiện toàn, {TEAM} gồm các ông (bà) có tên sau:",
    ]


def test_a_role_change(established, village_team, village_people, clerk):
    vinh, hang, chuong = village_people
    decision = amend(village_team, clerk, [(hang, Role.LEADER), (vinh, Role.DEPUTY), (chuong, Role.MEMBER)])
    assert decision.article1.splitlines()[1:] == [
        "1. Thay đổi chức danh: Bà Mai Thị Hằng, từ Tổ phó thành Tổ trưởng; "
        "Ông Nguyễn Xuân Vinh, từ Tổ trưởng thành Tổ phó.",
        f"Sau khi kiện toàn, {TEAM} gồm các ông (bà) có tên sau:",
    ]


def test_everything_at_once_in_the_order_communes_write_it(established, village_team, village_people, newcomer, clerk):
    vinh, hang, chuong = village_people
    decision = amend(village_team, clerk, [(hang, Role.LEADER), (vinh, Role.DEPUTY), (newcomer, Role.MEMBER)])
    items = [
        line.split(".")[0] + "." + line.split(".")[1].split(":")[0] for line in decision.article1.splitlines()[1:4]
    ]
    assert items == [
        f"1. Thôi tham gia {TEAM}",
        f"2. Bổ sung vào {TEAM}",
        "3. Thay đổi chức danh",
    ]


def test_a_second_amendment_cites_the_first_too(established, village_team, village_people, newcomer, clerk, chairman):
    vinh, hang, _chuong = village_people
    first = amend(village_team, clerk, [(vinh, Role.LEADER), (hang, Role.DEPUTY), (newcomer, Role.MEMBER)])
    workflow.decision_submit(decision=first, by=clerk)
    workflow.decision_issue(decision=first, by=chairman, on=datetime.date(2023, 3, 15))
    second = workflow.decision_create(team=village_team, kind=Decision.Kind.AMEND, by=clerk)
    assert second.article1.startswith(
        f"Kiện toàn {TEAM} (thành lập theo {CITED}; kiện toàn theo Quyết định số 01/QĐ-UBND ngày 15/3/2023 "
        "của Chủ tịch Ủy ban nhân dân xã Tùng Ảnh)"
    )


def test_a_committee_decision_is_cited_as_the_committees(established, village_team, clerk):
    established.authority = Decision.Authority.COMMITTEE
    assert amendment.citation(established) == "Quyết định số 01/QĐ-UBND ngày 04/10/2022 của Ủy ban nhân dân xã Tùng Ảnh"


def test_dates_in_a_citation():
    assert amendment.short_date(datetime.date(2022, 3, 15)) == "15/3/2022"
    assert amendment.short_date(datetime.date(2026, 1, 5)) == "05/01/2026"
    assert amendment.short_date(datetime.date(2022, 10, 4)) == "04/10/2022"


def test_a_text_written_by_hand_is_kept(established, village_team, village_people, newcomer, clerk):
    decision = workflow.decision_create(team=village_team, kind=Decision.Kind.AMEND, by=clerk)
    workflow.decision_update(decision=decision, by=clerk, article1="Kiện toàn Tổ theo đề nghị của thôn:")
    vinh, hang, _chuong = village_people
    decision = amend_existing(decision, clerk, [(vinh, Role.LEADER), (hang, Role.DEPUTY), (newcomer, Role.MEMBER)])
    assert decision.article1 == "Kiện toàn Tổ theo đề nghị của thôn:"


def amend_existing(decision, clerk, lines):
    members = [ProposedMember(person=person, role=role, position=person.position) for person, role in lines]
    return workflow.decision_set_members(decision=decision, members=members, by=clerk)


def test_an_establishing_decision_keeps_its_text(village_team, village_people, clerk):
    decision = workflow.decision_create(team=village_team, kind=Decision.Kind.ESTABLISH, by=clerk)
    roles = (Role.LEADER, Role.DEPUTY, Role.MEMBER)
    decision = amend_existing(decision, clerk, zip(village_people, roles, strict=True))
    assert decision.article1 == f"Thành lập {TEAM} gồm các ông (bà) có tên sau:"


def test_a_whole_new_team_fits_article_1(established, commune, village, village_team, clerk):
    """Replacing every member of a large team: more than the 1000 characters Điều 1 used to hold."""
    before = [amendment.Seat(factories.PersonFactory(commune=commune), Role.MEMBER) for _ in range(8)]
    after = [
        amendment.Seat(
            factories.PersonFactory(commune=commune, village=village, full_name=f"Nguyễn Thị Người Mới {n}"),
            Role.MEMBER,
            "Cộng tác viên thông tin cơ sở thôn Đông Thái",
        )
        for n in range(8)
    ]
    text = amendment.article1(
        team=village_team, found=amendment.compare(before, after), cited=amendment.amended_decisions(village_team)
    )
    assert len(text) > 1000
    decision = workflow.decision_create(team=village_team, kind=Decision.Kind.AMEND, by=clerk)
    workflow.decision_update(decision=decision, by=clerk, article1=text)
    decision.refresh_from_db()
    assert decision.article1 == text


def test_the_pdf_prints_the_changes_above_the_new_team(established, village_team, village_people, newcomer, clerk):
    vinh, hang, _chuong = village_people
    decision = amend(village_team, clerk, [(vinh, Role.LEADER), (hang, Role.DEPUTY), (newcomer, Role.MEMBER)])
    pdf = rendering.document_pdf(workflow.TEMPLATE, build_decision_document(decision))
    text = " ".join(pdfs.text(pdf).split())
    assert f"Điều 1. Kiện toàn {TEAM} (thành lập theo {CITED}) như sau:" in text
    assert f"1. Thôi tham gia {TEAM}: Ông Phạm Hồng Chương, Tổ viên." in text
    assert f"2. Bổ sung vào {TEAM}: Bà Trần Thị Lan, chức vụ Nhân viên y tế thôn, giữ chức danh Tổ viên." in text
    closing = text.index(f"Sau khi kiện toàn, {TEAM} gồm các ông (bà) có tên sau:")
    listed = text.index("Trần Thị Lan", closing)
    assert text.index("Điều 2.") > listed > closing
    assert "Phạm Hồng Chương" not in text[closing:]
