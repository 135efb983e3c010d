"""The composition rules as plain functions (teams.rules)."""

from django.conf import settings
from django.utils import translation

from teams import rules
from teams.models import Person, Role, Team

Office = Person.Office


def seat(pid, role, office=Office.RESIDENT, name=""):
    return rules.Seat(person_id=pid, role=role, office=office, name=name or f"P{pid}")


def codes(violations):
    return {v.code for v in violations}


def test_a_recommended_village_team_has_no_violation():
    composition = [
        seat(1, Role.LEADER, Office.VILLAGE_HEAD),
        seat(2, Role.DEPUTY, Office.YOUTH_BRANCH_SECRETARY),
        seat(3, Role.MEMBER, Office.TEACHER),
    ]
    assert rules.check_composition(Team.Level.VILLAGE, composition, complete=True) == []


def test_it_rejects_a_fourth_member():
    composition = [seat(1, Role.LEADER), seat(2, Role.DEPUTY), seat(3, Role.MEMBER), seat(4, Role.MEMBER)]
    found = rules.structural_violations(composition)
    assert codes(found) == {"too_many_members"}
    assert all(v.is_hard for v in found)


def test_it_rejects_a_second_leader_and_a_second_deputy():
    composition = [seat(1, Role.LEADER), seat(2, Role.LEADER), seat(3, Role.DEPUTY), seat(4, Role.DEPUTY)]
    assert {"second_leader", "second_deputy"} <= codes(rules.structural_violations(composition))


def test_it_rejects_a_person_twice_and_names_them():
    composition = [seat(1, Role.LEADER, name="Mai Thị Hằng"), seat(1, Role.MEMBER, name="Mai Thị Hằng")]
    found = rules.structural_violations(composition)
    assert codes(found) == {"person_twice"}
    assert "Mai Thị Hằng" in found[0].message


def test_an_incomplete_team_is_structurally_fine_but_not_complete():
    composition = [seat(1, Role.MEMBER), seat(2, Role.MEMBER)]
    assert rules.structural_violations(composition) == []
    assert codes(rules.completeness_violations(Team.Level.VILLAGE, composition)) == {
        "too_few_members",
        "no_leader",
        "no_deputy",
    }


def test_a_commune_team_needs_no_deputy():
    composition = [
        seat(1, Role.LEADER, Office.VICE_CHAIRMAN),
        seat(2, Role.MEMBER, Office.YOUTH_UNION_SECRETARY),
        seat(3, Role.MEMBER, Office.IT_OFFICER),
    ]
    assert rules.check_composition(Team.Level.COMMUNE, composition, complete=True) == []


def test_decision_170_departs_only_by_lacking_an_it_officer():
    composition = [
        seat(1, Role.LEADER, Office.VICE_CHAIRMAN),
        seat(2, Role.DEPUTY, Office.CULTURE_OFFICER),
        seat(3, Role.MEMBER, Office.YOUTH_UNION_SECRETARY),
    ]
    found = rules.check_composition(Team.Level.COMMUNE, composition, complete=True)
    assert codes(found) == {"commune_without_it_officer"}
    assert rules.hard(found) == []


def test_decision_171_departs_on_leader_and_deputy():
    composition = [
        seat(1, Role.LEADER, Office.PARTY_CELL_SECRETARY),
        seat(2, Role.DEPUTY, Office.VILLAGE_HEAD),
        seat(3, Role.MEMBER, Office.YOUTH_BRANCH_SECRETARY),
    ]
    found = rules.check_composition(Team.Level.VILLAGE, composition, complete=True)
    assert codes(found) == {"village_leader_not_head", "village_deputy_not_youth_branch"}
    assert all(not v.is_hard for v in found)


def test_messages_are_vietnamese_by_default():
    with translation.override(settings.LANGUAGE_CODE):
        found = rules.structural_violations([seat(i, Role.MEMBER) for i in range(4)])
    assert "3" in found[0].message and "4" in found[0].message
    assert found[0].message != "A team has exactly 3 active members; this composition has 4."
    assert "thành viên" in found[0].message
