"""Saving an amendment's members rewrites its default Điều 1 to say who leaves and who
joins, and says so; a Điều 1 the clerk wrote by hand is kept, with a reminder."""

import pytest
from django.contrib.messages import get_messages

from decisions import workflow
from decisions.models import Decision
from tests import factories
from tests.decisions.helpers import issued
from tests.web import url
from tests.web.test_compose import compose_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def amending(village_team, village_people, clerk, chairman, day):
    issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)
    return workflow.decision_create(team=village_team, kind=Decision.Kind.AMEND, by=clerk)


@pytest.fixture
def newcomer(commune, village):
    return factories.PersonFactory(
        commune=commune, village=village, full_name="Trần Thị Lan", gender="female", position="Nhân viên y tế thôn"
    )


def save(client, decision, rows):
    response = client.post(url("decisions:compose", decision.pk), compose_data(rows, reason="Thôn đề nghị."))
    assert response.status_code == 302
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_saving_the_members_rewrites_article_1(client, clerk, amending, village_people, newcomer):
    vinh, hang, _chuong = village_people
    client.force_login(clerk)
    said = save(client, amending, [(vinh, "leader"), (hang, "deputy"), (newcomer, "member")])
    assert "Article 1 now says who leaves, who joins and whose role changes." in said
    amending.refresh_from_db()
    assert "1. Thôi tham gia Tổ chuyển đổi số cộng đồng thôn Đông Thái: Ông Phạm Hồng Chương, Tổ viên." in (
        amending.article1
    )
    assert "Bà Trần Thị Lan, chức vụ Nhân viên y tế thôn, giữ chức danh Tổ viên" in amending.article1


def test_a_hand_written_article_1_is_kept_with_a_reminder(client, clerk, amending, village_people, newcomer):
    workflow.decision_update(decision=amending, by=clerk, article1="Kiện toàn Tổ theo đề nghị của thôn:")
    vinh, hang, _chuong = village_people
    client.force_login(clerk)
    said = save(client, amending, [(vinh, "leader"), (hang, "deputy"), (newcomer, "member")])
    assert any(message.startswith("Article 1 was written by hand") for message in said)
    amending.refresh_from_db()
    assert amending.article1 == "Kiện toàn Tổ theo đề nghị của thôn:"
