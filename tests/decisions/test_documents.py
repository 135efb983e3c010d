"""What a decision prints, as data (decisions.documents), without the PDF engine."""

import pytest

from decisions import workflow
from decisions.documents import build_decision_document, decision_document
from teams.models import Person
from tests import factories
from tests.decisions.helpers import draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def bases(commune):
    law = factories.LegalBasisFactory()
    plan = factories.LegalBasisFactory(
        rank=4, commune=commune, citation="Kế hoạch số 246/KH-UBND ngày 03/10/2022 của Ủy ban nhân dân xã"
    )
    province = factories.LegalBasisFactory(
        rank=2, commune=commune, citation="Kế hoạch số 353/KH-UBND ngày 16/9/2022 của Ủy ban nhân dân tỉnh Hà Tĩnh"
    )
    return [law, province, plan]


def test_a_draft_prints_no_number_no_date_and_no_signer(village_team, village_people, clerk, bases):
    doc = build_decision_document(draft(team=village_team, people=village_people, by=clerk))
    assert doc["is_draft"] is True
    assert doc["number_line"].startswith("Số: ") and doc["number_line"].endswith("/QĐ-UBND")
    assert not any(ch.isdigit() for ch in doc["number_line"])
    assert doc["signature"]["name"] == ""
    assert doc["place_date_line"].startswith("Tùng Ảnh, ngày ")


def test_the_header_title_and_authority(village_team, village_people, clerk, bases):
    doc = build_decision_document(draft(team=village_team, people=village_people, by=clerk))
    assert doc["issuing_body"] == ["ỦY BAN NHÂN DÂN", "XÃ TÙNG ẢNH"]
    assert doc["governing_body"] == ""
    assert doc["authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÙNG ẢNH"
    assert doc["subject"] == "Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Đông Thái"
    assert doc["signature"]["lines"] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_a_decision_of_the_committee(village_team, village_people, clerk, bases):
    decision = draft(team=village_team, people=village_people, by=clerk)
    decision = workflow.decision_update(decision=decision, by=clerk, authority="committee")
    assert build_decision_document(decision)["authority"] == "ỦY BAN NHÂN DÂN XÃ TÙNG ẢNH"


def test_legal_bases_come_laws_first_and_end_with_the_proposer(village_team, village_people, clerk, bases):
    doc = build_decision_document(draft(team=village_team, people=village_people, by=clerk))
    assert doc["bases"][0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert "353/KH-UBND" in doc["bases"][1] and "246/KH-UBND" in doc["bases"][2]
    assert all(line.endswith(";") for line in doc["bases"][:-1])
    assert doc["bases"][-1] == "Xét đề nghị của Công chức Văn hóa xã hội và các ban ngành liên quan."


def test_members_print_in_role_order_with_salutation_from_gender(village_team, village_people, clerk, bases):
    # Listed member first, leader last: the document still prints the leader first.
    from teams.models import Role

    decision = draft(
        team=village_team,
        people=list(reversed(village_people)),
        roles=[Role.MEMBER, Role.DEPUTY, Role.LEADER],
        by=clerk,
    )
    members = build_decision_document(decision)["articles"][0]["members"]
    assert [(m["index"], m["salutation"], m["name"], m["role"]) for m in members] == [
        (1, "Ông", "Nguyễn Xuân Vinh", "Tổ trưởng"),
        (2, "Bà", "Mai Thị Hằng", "Tổ phó"),
        (3, "Ông", "Phạm Hồng Chương", "Tổ viên"),
    ]


def test_the_last_article_ends_with_the_closing_mark_and_recipients_are_punctuated(
    village_team, village_people, clerk, bases
):
    decision = draft(team=village_team, people=village_people, by=clerk)
    decision = workflow.decision_update(
        decision=decision,
        by=clerk,
        recipients="Như Điều 3\n- Phòng VH - TT;\nLưu: VT, VHXH",
        article3="Hiệu lực.\nThi hành.",
    )
    doc = build_decision_document(decision)
    assert doc["articles"][2]["paragraphs"][-1] == "Thi hành./."
    assert doc["recipients"] == ["- Như Điều 3;", "- Phòng VH - TT;", "- Lưu: VT, VHXH."]


def test_an_issued_decision_prints_its_snapshot_not_todays_names(village_team, village_people, clerk, chairman, bases):
    from tests.decisions.helpers import issued

    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    Person.objects.filter(pk=village_people[0].pk).update(full_name="Tên Đã Đổi")
    village_team.commune.__class__.objects.filter(pk=village_team.commune_id).update(name="Tên Xã Mới")
    decision.refresh_from_db()
    doc = decision_document(decision)
    assert doc["articles"][0]["members"][0]["name"] == "Nguyễn Xuân Vinh"
    assert doc["issuing_body"][1] == "XÃ TÙNG ẢNH"
