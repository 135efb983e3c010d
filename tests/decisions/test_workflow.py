"""The life of a decision (decisions.workflow): who may do what, and what issuance does."""

import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from accounts.models import Official
from decisions import workflow
from decisions.models import Decision, DecisionEvent, LegalBasis
from documents import storage
from documents.models import ImmutableError, RegisterEntry
from teams.models import Membership, Person, Role, Team
from teams.services import ProposedMember
from tests import factories
from tests.decisions.helpers import draft, issued, submitted

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 3, 2)


def test_a_new_draft_starts_from_the_standard_wording(village_team, clerk):
    factories.LegalBasisFactory()
    decision = workflow.decision_create(team=village_team, kind="establish", by=clerk)
    assert decision.status == Decision.Status.DRAFT
    assert decision.subject == "Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Đông Thái"
    assert decision.article2.startswith("Chế độ làm việc và nhiệm vụ")
    assert "huyện Đức Thọ" in decision.article2
    # Drafted today: the 2015 law gave way to the Law of 16 June 2025 on 1 July 2025.
    assert [b.basis.citation for b in decision.bases.all()] == ["Luật Tổ chức chính quyền địa phương ngày 16/6/2025"]
    assert decision.events.get().action == DecisionEvent.Action.CREATED


def test_only_the_clerk_of_the_commune_drafts(village_team, chairman):
    other = factories.CommuneFactory(code=18262, name="Bùi La Nhân")
    foreign_clerk = factories.OfficialFactory(commune=other).user
    for user in (chairman, foreign_clerk):
        with pytest.raises(PermissionDenied):
            workflow.decision_create(team=village_team, kind="establish", by=user)
    assert not Decision.objects.exists()


def test_a_two_or_four_member_team_cannot_be_submitted(village_team, village_people, clerk, commune):
    two = draft(team=village_team, people=village_people[:2], roles=[Role.LEADER, Role.DEPUTY], by=clerk)
    with pytest.raises(ValidationError) as exc:
        workflow.decision_submit(decision=two, by=clerk)
    assert any("3" in m for m in exc.value.messages)
    extra = factories.PersonFactory(commune=commune)
    four = draft(
        team=village_team,
        people=[*village_people, extra],
        roles=[Role.LEADER, Role.DEPUTY, Role.MEMBER, Role.MEMBER],
        by=clerk,
    )
    with pytest.raises(ValidationError):
        workflow.decision_submit(decision=four, by=clerk)
    assert set(Decision.objects.values_list("status", flat=True)) == {"draft"}


def test_a_departure_needs_a_written_reason_before_submission(village_team, village_people, clerk):
    # The teacher leads and the village head is a mere member: not the recommended composition.
    swapped = [village_people[2], village_people[1], village_people[0]]
    decision = draft(team=village_team, people=swapped, by=clerk)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        workflow.decision_submit(decision=decision, by=clerk)
    # The clerk reads what to do, then each departure from the recommended composition.
    heading, *departures = refused.value.messages
    assert heading == "The composition departs from the recommended one; write the reason before submitting:"
    assert departures == ["Recommended by the plan: the leader is the Village head / residential group head."]
    assert Decision.objects.get(pk=decision.pk).status == Decision.Status.DRAFT
    workflow.decision_update(decision=decision, by=clerk, departure_reason="Trưởng thôn đã cao tuổi.")
    assert workflow.decision_submit(decision=decision, by=clerk).status == Decision.Status.SUBMITTED


def test_the_chairman_returns_with_a_comment_and_the_clerk_resubmits(village_team, village_people, clerk, chairman):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    with pytest.raises(ValidationError):
        workflow.decision_return(decision=decision, by=chairman, comment="  ")
    with pytest.raises(PermissionDenied):
        workflow.decision_return(decision=decision, by=clerk, comment="Sửa lại")
    workflow.decision_return(decision=decision, by=chairman, comment="Ghi rõ chức danh Tổ viên.")
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT
    returned = decision.events.get(action=DecisionEvent.Action.RETURNED)
    assert returned.comment == "Ghi rõ chức danh Tổ viên." and returned.by == chairman
    workflow.decision_submit(decision=decision, by=clerk)
    assert [e.action for e in decision.events.all()] == ["created", "submitted", "returned", "submitted"]


def test_issuance_numbers_dates_stores_the_pdf_and_seats_the_team(village_team, village_people, clerk, chairman):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=ON)
    assert decision.status == Decision.Status.ISSUED
    assert (decision.number, decision.year, decision.issued_on) == (1, 2026, ON)
    assert decision.signer.full_name == "Phan Tiến Dũng"
    pdf = storage.read(decision.pdf_sha256)
    assert pdf.startswith(b"%PDF") and decision.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert workflow.pdf_bytes(decision) == pdf

    village_team.refresh_from_db()
    assert village_team.status == Team.Status.ACTIVE and village_team.established_on == ON
    seats = village_team.active_memberships()
    assert {(m.person_id, m.role) for m in seats} == {
        (village_people[0].pk, "leader"),
        (village_people[1].pk, "deputy"),
        (village_people[2].pk, "member"),
    }
    assert {m.started_by_id for m in seats} == {decision.pk}
    assert {m.start_date for m in seats} == {ON}

    entry = RegisterEntry.objects.get()
    assert entry.number_symbol == "01/QĐ-UBND" and entry.issued_on == ON
    assert entry.subject.startswith("Quyết định Về việc thành lập")
    assert entry.signer_name == "Phan Tiến Dũng"
    assert decision.events.last().action == DecisionEvent.Action.ISSUED
    assert decision.events.last().by == chairman


def test_nothing_changes_the_team_before_issuance(village_team, village_people, clerk):
    submitted(team=village_team, people=village_people, clerk=clerk)
    assert not Membership.objects.exists()
    village_team.refresh_from_db()
    assert village_team.status == Team.Status.FORMING


def test_only_a_signer_of_that_commune_issues(village_team, village_people, clerk, commune):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    other = factories.CommuneFactory(code=18262, name="Bùi La Nhân")
    foreign = factories.OfficialFactory(
        commune=other, role=Official.Role.CHAIRMAN, person=factories.PersonFactory(commune=other)
    ).user
    for user in (clerk, foreign):
        with pytest.raises(PermissionDenied):
            workflow.decision_issue(decision=decision, by=user)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SUBMITTED and decision.number is None


def test_issuing_twice_is_refused_and_consumes_nothing(village_team, village_people, clerk, chairman):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=ON)
    with pytest.raises(ValidationError) as exc:
        workflow.decision_issue(decision=decision, by=chairman, on=ON)
    assert "01/QĐ-UBND" in " ".join(exc.value.messages)
    assert RegisterEntry.objects.count() == 1


def test_a_draft_cannot_be_issued(village_team, village_people, clerk, chairman):
    decision = draft(team=village_team, people=village_people, by=clerk)
    with pytest.raises(ValidationError):
        workflow.decision_issue(decision=decision, by=chairman)
    assert not RegisterEntry.objects.exists()


def test_a_vice_chairman_signs_for_the_chairman(village_team, village_people, clerk, vice_chairman):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=vice_chairman, on=ON)
    assert decision.snapshot["signature"] == {
        "lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        "name": "Lê Doãn Lợi",
    }


def test_an_issued_decision_never_changes(village_team, village_people, clerk, chairman):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=ON)
    decision.subject = "Sửa sau khi ký"
    with pytest.raises(ImmutableError):
        decision.save()
    with pytest.raises(ImmutableError):
        decision.delete()
    with pytest.raises(ImmutableError):
        Decision.objects.filter(pk=decision.pk).update(subject="x")
    with pytest.raises(ImmutableError):
        Decision.objects.filter(pk=decision.pk).delete()
    with pytest.raises(ImmutableError):
        decision.members.first().delete()
    with pytest.raises(ValidationError):
        workflow.decision_update(decision=decision, by=clerk, subject="x")
    with pytest.raises(ImmutableError):
        RegisterEntry.objects.get().delete()
    decision.refresh_from_db()
    assert decision.subject.startswith("Về việc thành lập")


def test_a_subject_of_ten_thousand_characters_is_refused(village_team, clerk):
    with pytest.raises(ValidationError) as exc:
        workflow.decision_create(team=village_team, kind="establish", by=clerk, subject="x" * 10_000)
    assert "subject" in exc.value.message_dict
    assert not Decision.objects.exists()


def test_an_amendment_replaces_one_member_and_keeps_the_history(village_team, village_people, clerk, chairman, commune):
    first = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=ON)
    newcomer = factories.PersonFactory(commune=commune, full_name="Trần Thị Lan", gender="female")
    amend = workflow.decision_create(team=village_team, kind="amend", by=clerk)
    assert amend.members.count() == 3  # starts from the current composition
    lines = [
        ProposedMember(person=village_people[0], role=Role.LEADER, position=village_people[0].position),
        ProposedMember(person=village_people[1], role=Role.DEPUTY, position=village_people[1].position),
        ProposedMember(person=newcomer, role=Role.MEMBER, position="Giáo viên"),
    ]
    workflow.decision_set_members(decision=amend, members=lines, by=clerk)
    workflow.decision_submit(decision=amend, by=clerk)
    later = datetime.date(2026, 6, 1)
    amend = workflow.decision_issue(decision=amend, by=chairman, on=later)
    assert amend.number == 2
    left = Membership.objects.get(person=village_people[2])
    assert (left.end_date, left.ended_by_id, left.started_by_id) == (later, amend.pk, first.pk)
    joined = Membership.objects.get(person=newcomer)
    assert (joined.start_date, joined.started_by_id) == (later, amend.pk)
    kept = Membership.objects.get(person=village_people[0])
    assert kept.end_date is None and kept.started_by_id == first.pk
    assert {m.person_id for m in village_team.memberships_on(later - datetime.timedelta(days=1))} == {
        p.pk for p in village_people
    }


def test_a_dissolution_ends_every_membership(village_team, village_people, clerk, chairman):
    issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=ON)
    dissolve = workflow.decision_create(team=village_team, kind="dissolve", by=clerk)
    workflow.decision_submit(decision=dissolve, by=clerk)
    workflow.decision_issue(decision=dissolve, by=chairman, on=datetime.date(2026, 12, 1))
    village_team.refresh_from_db()
    assert village_team.status == Team.Status.DISSOLVED
    assert not village_team.active_memberships().exists()
    assert village_team.memberships.count() == 3
    assert {m.ended_by_id for m in village_team.memberships.all()} == {dissolve.pk}


def test_recording_a_historic_decision_keeps_its_number(village_team, village_people, clerk, commune):
    signer = factories.PersonFactory(commune=commune, full_name="Phan Tiến Dũng", office=Person.Office.CHAIRMAN)
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    workflow.decision_record_issued(decision=decision, number=171, on=datetime.date(2022, 10, 4), signer=signer)
    decision.refresh_from_db()
    assert decision.number_symbol == "171/QĐ-UBND"
    assert decision.snapshot["place_date_line"] == "Tùng Ảnh, ngày 04 tháng 10 năm 2022"
    assert decision.events.last().action == DecisionEvent.Action.RECORDED


def test_a_recorded_decision_is_signed_by_the_chairman_unless_said_and_names_who_recorded_it(
    village_team, village_people, clerk, commune
):
    signer = factories.PersonFactory(commune=commune, full_name="Phan Tiến Dũng", office=Person.Office.CHAIRMAN)
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    workflow.decision_record_issued(
        decision=decision, number=171, on=datetime.date(2022, 10, 4), signer=signer, by=clerk
    )
    decision.refresh_from_db()
    assert decision.signer_is_vice is False
    assert "KT. CHỦ TỊCH" not in decision.snapshot["signature"]["lines"]
    assert decision.events.last().by == clerk


def test_a_decision_recorded_as_signed_by_a_vice_chairman_prints_for_the_chairman(
    village_team, village_people, clerk, commune
):
    signer = factories.PersonFactory(commune=commune, full_name="Lê Doãn Lợi", office=Person.Office.VICE_CHAIRMAN)
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    workflow.decision_record_issued(
        decision=decision, number=172, on=datetime.date(2022, 10, 4), signer=signer, vice=True, by=clerk
    )
    decision.refresh_from_db()
    assert decision.signer_is_vice is True
    assert "KT. CHỦ TỊCH" in decision.snapshot["signature"]["lines"]


@pytest.mark.parametrize(
    ("day", "laws"),
    [
        (datetime.date(2025, 6, 30), ["Luật Tổ chức chính quyền địa phương ngày 19/6/2015", "Kế hoạch của huyện"]),
        (datetime.date(2025, 7, 1), ["Luật Tổ chức chính quyền địa phương ngày 16/6/2025"]),
    ],
)
def test_the_default_bases_are_those_in_force_on_the_day(commune, day, laws):
    factories.LegalBasisFactory()
    factories.LegalBasisFactory(
        rank=LegalBasis.Rank.DISTRICT,
        citation="Kế hoạch của huyện",
        commune=commune,
        in_force_until=datetime.date(2025, 7, 1),
    )
    factories.LegalBasisFactory(
        rank=LegalBasis.Rank.COMMUNE, citation="Kế hoạch của xã khác", commune=None, is_default=False
    )
    assert [b.citation for b in workflow.default_bases(commune, on=day)] == laws


def test_the_default_bases_come_in_the_order_a_decision_cites_them(commune, day):
    """By rank, the law before the province's plan before the commune's, whatever the order
    they were entered in; of one rank, as entered."""
    entered = [
        (LegalBasis.Rank.COMMUNE, "Kế hoạch của xã"),
        (LegalBasis.Rank.PROVINCE, "Kế hoạch của tỉnh, thứ nhất"),
        (LegalBasis.Rank.LAW, "Luật Tổ chức chính quyền địa phương ngày 19/6/2015"),
        (LegalBasis.Rank.PROVINCE, "Kế hoạch của tỉnh, thứ hai"),
    ]
    for rank, citation in entered:
        factories.LegalBasisFactory(rank=rank, citation=citation, commune=commune if rank > 1 else None)
    assert [b.citation for b in workflow.default_bases(commune, on=day)] == [
        "Luật Tổ chức chính quyền địa phương ngày 19/6/2015",
        "Kế hoạch của tỉnh, thứ nhất",
        "Kế hoạch của tỉnh, thứ hai",
        "Kế hoạch của xã",
    ]


def test_the_register_line_names_the_subject_cut_to_fit_its_column(village_team, village_people, clerk, chairman):
    """The register's subject column holds 500 characters: "Quyết định " and at most 480 of
    the decision's subject (a subject of 500 is cut there, never refused at issuance)."""
    subject = ("Về việc thành lập Tổ công nghệ số cộng đồng thôn Đông Thái " * 10)[:500]
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=ON, subject=subject)
    entry = RegisterEntry.objects.get(number=decision.number)
    assert entry.subject == f"Quyết định {subject[:480]}"
    assert len(entry.subject) == len("Quyết định ") + 480


def test_each_further_member_costs_only_the_statements_of_seating_it(commune, clerk, chairman):
    """Each further member costs the statements of seating one member (its membership, its
    checks and its audit entries), and nothing more: the members are read with their people
    in one query, not one query a member. The figure is pinned: a change shows here."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from teams.models import TeamComposition

    plan = factories.PlanFactory(commune=commune, issued_on=datetime.date(2025, 9, 1))
    TeamComposition.objects.create(plan=plan, level="village", members_min=3, members_max=7)
    counts = []
    # A first issuance fills the process's caches (content types, plans): not counted.
    for size in (3, 3, 5):
        village = factories.VillageFactory(commune=commune)
        team = factories.TeamFactory(commune=commune, village=village)
        people = [factories.PersonFactory(commune=commune, village=village) for _ in range(size)]
        roles = (Role.LEADER, Role.DEPUTY, *[Role.MEMBER] * (size - 2))
        decision = submitted(team=team, people=people, clerk=clerk, roles=roles, departure_reason="Thôn mới.")
        with CaptureQueriesContext(connection) as queries:
            workflow.decision_issue(decision=decision, by=chairman, on=ON)
        counts.append(len([q for q in queries if "SAVEPOINT" not in q["sql"]]))
    assert team.active_memberships().count() == 5
    assert (counts[2] - counts[1]) / 2 == 16


def test_a_draft_has_no_stored_pdf_and_says_so(village_team, village_people, clerk):
    decision = draft(team=village_team, people=village_people, by=clerk)
    with pytest.raises(ValidationError) as exc:
        workflow.pdf_bytes(decision)
    assert exc.value.messages == ["Chỉ quyết định đã ban hành mới có tệp PDF lưu trữ."]


def test_what_stands_before_issuance_depends_on_the_kind_and_the_teams_status(
    village_team, village_people, clerk, chairman, day
):
    def found(decision):
        with translation.override("en"):
            return [(v.code, v.message, v.is_hard) for v in workflow.decision_violations(decision)]

    forming_dissolution = workflow.decision_create(team=village_team, kind=Decision.Kind.DISSOLVE, by=clerk)
    assert found(forming_dissolution) == [("team_not_active", "Only an active team can be amended or dissolved.", True)]
    establishing = draft(team=village_team, people=village_people, by=clerk)
    assert found(establishing) == []
    issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)
    village_team.refresh_from_db()
    again = draft(team=village_team, people=village_people, by=clerk)
    assert found(again) == [("team_exists", "This team has already been set up: amend it instead.", True)]
    # A dissolution has no composition to check: only the team's status counts.
    assert found(workflow.decision_create(team=village_team, kind=Decision.Kind.DISSOLVE, by=clerk)) == []
