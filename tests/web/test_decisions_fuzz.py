"""Whatever text reaches the edit form and the return comment: never a server error, never half a save,
and markup always shown as text on the decision's page and in its preview."""

import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from decisions import workflow
from decisions.models import Decision, DecisionEvent
from tests.decisions.helpers import draft, submitted
from tests.web import url
from tests.web.test_decisions import text_data

pytestmark = pytest.mark.django_db

# No example database: the suite leaves no files behind, and each run draws afresh.
FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    database=None,
)

MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ request }}{% debug %}",
    "</textarea><b>đậm</b>",
    "' OR 1=1 --",
]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


anything = st.one_of(
    st.text(),
    st.text().map(nfd),
    st.text(alphabet="ẮằẳẵặĐđơưỮữ Nguyễn Thị Ánh\n", min_size=1).map(nfd),
    st.just("x" * 10_000),
    st.text(min_size=1).map(lambda s: (s * 10_000)[:10_000]),
    st.sampled_from(MARKUP),
    st.sampled_from(MARKUP).map(lambda markup: f"Về việc {markup}"),
)


def stored_as_typed(stored: str, typed: str, max_length: int) -> bool:
    return stored == nfc(stored) and len(stored) <= max_length and stored == nfc(typed.strip())


def shows_no_raw_markup(html: str) -> bool:
    return not any(markup in html for markup in MARKUP if "<" in markup)


def test_the_edit_form_saves_clean_text_or_changes_nothing(client, clerk, village_team, village_people):
    decision = draft(team=village_team, people=village_people, by=clerk)
    client.force_login(clerk)
    outcomes = set()

    @FUZZ
    @given(subject=anything, proposer=anything, article2=anything, recipients=anything)
    @example(subject=nfd("Về việc thành lập Tổ thôn Đông Thái"), proposer="<b>Xét</b>", article2="a", recipients="b")
    @example(subject="x" * 10_000, proposer="Xét", article2="Điều 2", recipients="Như Điều 3")
    @example(subject="<script>alert(1)</script>", proposer="Xét", article2="Điều 2", recipients="Như Điều 3")
    def post(subject, proposer, article2, recipients):
        before = Decision.objects.values().get(pk=decision.pk)
        bases_before = list(decision.bases.values_list("basis", "order"))
        data = text_data(decision, subject=subject, proposer=proposer, article2=article2, recipients=recipients)
        response = client.post(url("decisions:edit", decision.pk), data)
        outcomes.add(response.status_code)
        after = Decision.objects.values().get(pk=decision.pk)
        if response.status_code == 302:
            assert stored_as_typed(after["subject"], subject, 500)
            assert stored_as_typed(after["proposer"], proposer, 500)
            assert stored_as_typed(after["article2"], article2, 10_000)
            assert stored_as_typed(after["recipients"], recipients, 2000)
        else:
            assert response.status_code == 200
            assert response.context["form"].errors
            assert after == before
        assert list(decision.bases.values_list("basis", "order")) == bases_before
        for name in ("decisions:detail", "decisions:preview"):
            page = client.get(url(name, decision.pk))
            assert page.status_code == 200
            assert shows_no_raw_markup(page.content.decode())

    post()
    assert outcomes == {200, 302}, "both the saving and the refusing paths should have been exercised"


def test_the_return_comment_is_stored_clean_or_refused(client, clerk, chairman, village_team, village_people):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    outcomes = set()

    @FUZZ
    @given(comment=anything)
    @example(comment="")
    @example(comment="x" * 10_000)
    @example(comment="<script>alert(1)</script>")
    @example(comment=nfd("Sửa lại Điều 2"))
    def post(comment):
        decision.refresh_from_db()
        if decision.status == Decision.Status.DRAFT:
            workflow.decision_submit(decision=decision, by=clerk)
        returns = DecisionEvent.objects.filter(decision=decision, action=DecisionEvent.Action.RETURNED)
        returns_before = returns.count()
        client.force_login(chairman)
        response = client.post(url("decisions:return", decision.pk), {"comment": comment})
        outcomes.add(response.status_code)
        decision.refresh_from_db()
        if response.status_code == 302:
            assert decision.status == Decision.Status.DRAFT
            assert returns.count() == returns_before + 1
            assert stored_as_typed(returns.last().comment, comment, 2000)
        else:
            assert response.status_code == 200
            assert response.context["return_form"].errors["comment"]
            assert decision.status == Decision.Status.SUBMITTED
            assert returns.count() == returns_before
        client.force_login(clerk)
        page = client.get(url("decisions:detail", decision.pk))
        assert page.status_code == 200
        assert shows_no_raw_markup(page.content.decode())

    post()
    assert outcomes == {200, 302}, "both the returning and the refusing paths should have been exercised"
