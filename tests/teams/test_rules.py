"""The composition rules as plain functions (teams.rules), under plan 246 and under a plan
that sets other sizes."""

import pytest
from django.conf import settings
from django.utils import translation

from teams import rules
from teams.models import Person, Role, Team

Office = Person.Office
COMMUNE = rules.PLAN_246[Team.Level.COMMUNE]
VILLAGE = rules.PLAN_246[Team.Level.VILLAGE]
# A province that allows village teams of 3 to 5 with up to two deputies (2025).
VILLAGE_OF_5 = rules.Composition(
    level=Team.Level.VILLAGE, members_min=3, members_max=5, deputy_required=True, deputies_max=2
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def seat(pid, role, office=Office.RESIDENT, name=""):
    return rules.Seat(person_id=pid, role=role, office=office, name=name or f"P{pid}")


def codes(violations):
    return {v.code for v in violations}


def five():
    return [
        seat(1, Role.LEADER),
        seat(2, Role.DEPUTY),
        seat(3, Role.DEPUTY),
        seat(4, Role.MEMBER),
        seat(5, Role.MEMBER),
    ]


def test_a_recommended_village_team_has_no_violation():
    composition = [
        seat(1, Role.LEADER, Office.VILLAGE_HEAD),
        seat(2, Role.DEPUTY, Office.YOUTH_BRANCH_SECRETARY),
        seat(3, Role.MEMBER, Office.TEACHER),
    ]
    assert rules.check_composition(VILLAGE, composition, complete=True) == []


def test_it_rejects_a_fourth_member_under_plan_246():
    composition = [seat(1, Role.LEADER), seat(2, Role.DEPUTY), seat(3, Role.MEMBER), seat(4, Role.MEMBER)]
    found = rules.structural_violations(VILLAGE, composition)
    assert codes(found) == {"too_many_members"}
    assert found[0].message == "A team has exactly 3 active members; this composition has 4."
    assert all(v.is_hard for v in found)


def test_three_members_are_not_too_many_under_plan_246():
    assert (
        rules.structural_violations(VILLAGE, [seat(1, Role.LEADER), seat(2, Role.DEPUTY), seat(3, Role.MEMBER)]) == []
    )


def test_five_members_with_two_deputies_fail_under_plan_246_and_pass_where_the_plan_allows_them():
    assert codes(rules.check_composition(VILLAGE, five(), complete=True)) >= {"too_many_members", "too_many_deputies"}
    assert rules.hard(rules.check_composition(VILLAGE_OF_5, five(), complete=True)) == []


def test_a_sixth_member_is_too_many_where_the_plan_allows_five_and_the_message_gives_the_range():
    found = rules.structural_violations(VILLAGE_OF_5, [*five(), seat(6, Role.MEMBER)])
    assert codes(found) == {"too_many_members"}
    assert found[0].message == "A team has from 3 to 5 active members; this composition has 6."


def test_the_fewest_members_are_the_plans():
    two = [seat(1, Role.LEADER), seat(2, Role.DEPUTY)]
    assert codes(rules.completeness_violations(VILLAGE_OF_5, two)) == {"too_few_members"}
    lax = rules.Composition(level=Team.Level.VILLAGE, members_min=2, members_max=5)
    assert rules.completeness_violations(lax, two) == []


def test_it_rejects_a_second_leader_and_a_deputy_beyond_the_plans_most():
    composition = [seat(1, Role.LEADER), seat(2, Role.LEADER), seat(3, Role.DEPUTY), seat(4, Role.DEPUTY)]
    found = rules.structural_violations(VILLAGE, composition)
    assert {"second_leader", "too_many_deputies"} <= codes(found)
    assert "A team has exactly one leader (Tổ trưởng)." in [v.message for v in found]
    assert "A team has at most 1 deputy (Tổ phó)." in [v.message for v in found]
    two_deputies = [seat(1, Role.LEADER), seat(2, Role.DEPUTY), seat(3, Role.DEPUTY)]
    assert rules.structural_violations(VILLAGE_OF_5, two_deputies) == []
    three_deputies = [*two_deputies, seat(4, Role.DEPUTY)]
    found = rules.structural_violations(VILLAGE_OF_5, three_deputies)
    assert [(v.code, v.message) for v in found] == [("too_many_deputies", "A team has at most 2 deputies (Tổ phó).")]


def test_a_plan_without_deputies_refuses_one():
    no_deputy = rules.Composition(level=Team.Level.COMMUNE, members_min=3, members_max=7, deputies_max=0)
    found = rules.structural_violations(no_deputy, [seat(1, Role.LEADER), seat(2, Role.DEPUTY)])
    assert [v.message for v in found] == ["The plan in force allows no deputy (Tổ phó)."]


def test_it_rejects_a_person_twice_and_names_them():
    composition = [seat(1, Role.LEADER, name="Mai Thị Hằng"), seat(1, Role.MEMBER, name="Mai Thị Hằng")]
    found = rules.structural_violations(VILLAGE, composition)
    assert codes(found) == {"person_twice"}
    assert found[0].message == "A person holds one role per team: Mai Thị Hằng appears more than once."
    both = [*composition, seat(2, Role.DEPUTY, name="Nguyễn Xuân Vinh"), seat(2, Role.MEMBER, name="Nguyễn Xuân Vinh")]
    assert [v.message for v in rules.structural_violations(VILLAGE_OF_5, both)] == [
        "A person holds one role per team: Mai Thị Hằng, Nguyễn Xuân Vinh appears more than once."
    ]
    # A seat not yet named (a row being composed) is named by its person's number.
    unnamed = [
        rules.Seat(person_id=7, role=role, office=Office.RESIDENT, name="") for role in (Role.LEADER, Role.MEMBER)
    ]
    assert [v.message for v in rules.structural_violations(VILLAGE, unnamed)] == [
        "A person holds one role per team: 7 appears more than once."
    ]


def test_an_incomplete_team_is_structurally_fine_but_not_complete():
    composition = [seat(1, Role.MEMBER), seat(2, Role.MEMBER)]
    assert rules.structural_violations(VILLAGE, composition) == []
    found = rules.completeness_violations(VILLAGE, composition)
    assert codes(found) == {"too_few_members", "no_leader", "no_deputy"}
    assert "A village team needs a deputy (Tổ phó)." in [v.message for v in found]
    assert "A team needs a leader (Tổ trưởng)." in [v.message for v in found]


def test_a_commune_team_needs_no_deputy_unless_its_plan_says_so():
    composition = [
        seat(1, Role.LEADER, Office.VICE_CHAIRMAN),
        seat(2, Role.MEMBER, Office.YOUTH_UNION_SECRETARY),
        seat(3, Role.MEMBER, Office.IT_OFFICER),
    ]
    assert rules.check_composition(COMMUNE, composition, complete=True) == []
    with_deputy = rules.Composition(level=Team.Level.COMMUNE, deputy_required=True)
    found = rules.completeness_violations(with_deputy, composition)
    assert [v.message for v in found] == ["A commune team needs a deputy (Tổ phó)."]


def test_decision_170_departs_only_by_lacking_an_it_officer():
    composition = [
        seat(1, Role.LEADER, Office.VICE_CHAIRMAN),
        seat(2, Role.DEPUTY, Office.CULTURE_OFFICER),
        seat(3, Role.MEMBER, Office.YOUTH_UNION_SECRETARY),
    ]
    found = rules.check_composition(COMMUNE, composition, complete=True)
    assert [(v.code, v.message) for v in found] == [
        ("member_office", "Recommended by the plan: the team includes the Dedicated IT officer.")
    ]
    assert rules.hard(found) == []


def test_the_youth_union_secretary_or_deputy_both_satisfy_the_commune_recommendation():
    for office in (Office.YOUTH_UNION_SECRETARY, Office.YOUTH_UNION_DEPUTY):
        composition = [
            seat(1, Role.LEADER, Office.CHAIRMAN),
            seat(2, Role.MEMBER, office),
            seat(3, Role.MEMBER, Office.IT_OFFICER),
        ]
        assert rules.check_composition(COMMUNE, composition, complete=True) == []
    without = [seat(1, Role.LEADER, Office.CHAIRMAN), seat(2, Role.MEMBER), seat(3, Role.MEMBER, Office.IT_OFFICER)]
    assert codes(rules.advisory_departures(COMMUNE, without)) == {"member_office"}


def test_the_leader_does_not_count_as_a_recommended_member():
    composition = [seat(1, Role.LEADER, Office.IT_OFFICER), seat(2, Role.MEMBER, Office.YOUTH_UNION_SECRETARY)]
    found = rules.advisory_departures(COMMUNE, composition)
    assert "Recommended by the plan: the team includes the Dedicated IT officer." in [v.message for v in found]


def test_decision_171_departs_on_leader_and_deputy():
    composition = [
        seat(1, Role.LEADER, Office.PARTY_CELL_SECRETARY),
        seat(2, Role.DEPUTY, Office.VILLAGE_HEAD),
        seat(3, Role.MEMBER, Office.YOUTH_BRANCH_SECRETARY),
    ]
    found = rules.check_composition(VILLAGE, composition, complete=True)
    assert [v.message for v in found] == [
        "Recommended by the plan: the leader is the Village head / residential group head.",
        "Recommended by the plan: the deputy is the Youth Union branch secretary.",
    ]
    assert all(not v.is_hard for v in found)


def test_a_plan_without_recommendations_advises_nothing():
    silent = rules.Composition(level=Team.Level.COMMUNE)
    composition = [seat(1, Role.LEADER), seat(2, Role.DEPUTY), seat(3, Role.MEMBER)]
    assert rules.check_composition(silent, composition, complete=True) == []


def test_a_recommendation_of_several_offices_names_each_joined_by_or():
    found = rules.advisory_departures(COMMUNE, [seat(1, Role.LEADER, Office.TEACHER)])
    assert (
        "Recommended by the plan: the leader is the Chairman of the commune People's Committee"
        " or Vice-chairman of the commune People's Committee." in [v.message for v in found]
    )


def test_a_leader_of_a_recommended_office_is_not_a_departure():
    leader = [seat(1, Role.LEADER, Office.CHAIRMAN)]
    assert "leader_office" not in codes(rules.advisory_departures(COMMUNE, leader))
    assert "leader_office" in codes(rules.advisory_departures(COMMUNE, [seat(1, Role.LEADER, Office.TEACHER)]))


def test_messages_are_vietnamese_by_default():
    with translation.override(settings.LANGUAGE_CODE):
        found = rules.structural_violations(VILLAGE, [seat(i, Role.MEMBER) for i in range(4)])
    assert "3" in found[0].message and "4" in found[0].message
    assert found[0].message != "A team has exactly 3 active members; this composition has 4."
    assert "thành viên" in found[0].message
