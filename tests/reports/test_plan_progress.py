"""Plan 246's phases against the teams actually established, around each phase boundary."""

import datetime

import pytest

from demo.management.commands.load_plan_246 import ISSUED_ON, NUMBER_SYMBOL, PHASES, SUBJECT
from reports.selectors import PhaseStatus, plan_progress
from reports.services import plan_create
from teams.models import Team
from tests import factories
from tests.reports import active_team

pytestmark = pytest.mark.django_db

DONE, ON_TRACK, LATE = PhaseStatus.DONE, PhaseStatus.ON_TRACK, PhaseStatus.LATE
NOT_STARTED, NO_TARGET = PhaseStatus.NOT_STARTED, PhaseStatus.NO_TARGET
D = datetime.date


@pytest.fixture
def plan(commune):
    return plan_create(
        commune=commune, number_symbol=NUMBER_SYMBOL, issued_on=ISSUED_ON, subject=SUBJECT, phases=PHASES
    )


def statuses(plan, on) -> list[str]:
    return [p.status for p in plan_progress(plan, on=on)]


def villages(commune, count, on):
    return [active_team(commune, established_on=on) for _ in range(count)]


def test_plan_246_has_three_phases_as_the_plan_sets_them(plan):
    one, two, evaluation = plan.phases.order_by("order")
    assert (one.starts_on, one.ends_on, one.commune_team_required, one.villages_min) == (
        D(2022, 10, 1),
        D(2022, 11, 30),
        True,
        2,
    )
    assert (two.starts_on, two.ends_on, two.villages_min, two.villages_max) == (D(2022, 11, 1), D(2022, 12, 31), 4, 7)
    assert not evaluation.has_target and evaluation.ends_on == D(2022, 12, 31)


def test_nothing_has_started_the_day_before_phase_1(plan):
    assert statuses(plan, D(2022, 9, 30)) == [NOT_STARTED, NOT_STARTED, NOT_STARTED]


def test_phase_1_is_on_track_while_running_and_short_of_its_target(plan, commune):
    active_team(commune, level=Team.Level.COMMUNE, established_on=D(2022, 10, 4))
    villages(commune, 1, D(2022, 10, 4))
    assert statuses(plan, D(2022, 10, 1)) == [ON_TRACK, NOT_STARTED, NOT_STARTED]
    assert statuses(plan, D(2022, 11, 30)) == [ON_TRACK, ON_TRACK, NOT_STARTED]


def test_phase_1_is_late_the_day_after_it_ends_short_of_its_target(plan, commune):
    active_team(commune, level=Team.Level.COMMUNE, established_on=D(2022, 10, 4))
    villages(commune, 1, D(2022, 10, 4))
    assert statuses(plan, D(2022, 12, 1))[0] == LATE


def test_phase_1_is_done_from_the_day_its_target_is_met(plan, commune):
    active_team(commune, level=Team.Level.COMMUNE, established_on=D(2022, 10, 4))
    villages(commune, 2, D(2022, 10, 4))
    assert statuses(plan, D(2022, 10, 3))[0] == ON_TRACK
    assert statuses(plan, D(2022, 10, 4))[0] == DONE
    assert statuses(plan, D(2023, 3, 1))[0] == DONE


def test_a_target_met_on_the_last_day_is_done(plan, commune):
    active_team(commune, level=Team.Level.COMMUNE, established_on=D(2022, 10, 4))
    villages(commune, 2, D(2022, 11, 30))
    assert statuses(plan, D(2022, 12, 1))[0] == DONE


def test_a_team_set_up_after_the_end_does_not_make_a_late_phase_done(plan, commune):
    active_team(commune, level=Team.Level.COMMUNE, established_on=D(2022, 10, 4))
    villages(commune, 1, D(2022, 10, 4))
    villages(commune, 1, D(2022, 12, 1))
    progress = plan_progress(plan, on=D(2022, 12, 10))
    assert progress[0].status == LATE
    assert (progress[0].counted_on, progress[0].villages) == (D(2022, 11, 30), 1)
    assert (progress[1].status, progress[1].villages) == (ON_TRACK, 2)


def test_villages_without_the_commune_team_do_not_meet_phase_1(plan, commune):
    villages(commune, 3, D(2022, 10, 4))
    assert statuses(plan, D(2022, 12, 1))[0] == LATE


def test_phase_2_counts_villages_cumulatively(plan, commune):
    active_team(commune, level=Team.Level.COMMUNE, established_on=D(2022, 10, 4))
    villages(commune, 2, D(2022, 10, 4))
    villages(commune, 1, D(2022, 11, 20))
    assert statuses(plan, D(2022, 12, 31))[:2] == [DONE, ON_TRACK]
    assert statuses(plan, D(2023, 1, 1))[:2] == [DONE, LATE]
    villages(commune, 1, D(2022, 12, 31))
    assert statuses(plan, D(2023, 1, 1))[:2] == [DONE, DONE]


def test_a_commune_ahead_of_its_plan_has_phase_2_done_before_it_starts(plan, commune):
    active_team(commune, level=Team.Level.COMMUNE, established_on=D(2022, 10, 4))
    villages(commune, 4, D(2022, 10, 20))
    assert statuses(plan, D(2022, 10, 25)) == [DONE, DONE, NOT_STARTED]


def test_a_team_being_set_up_does_not_count(plan, commune):
    active_team(commune, level=Team.Level.COMMUNE, established_on=D(2022, 10, 4))
    villages(commune, 1, D(2022, 10, 4))
    factories.TeamFactory(commune=commune, status=Team.Status.FORMING)
    assert plan_progress(plan, on=D(2022, 10, 10))[0].villages == 1


def test_a_dissolved_team_stops_counting_on_its_dissolution_day(plan, commune):
    active_team(commune, level=Team.Level.COMMUNE, established_on=D(2022, 10, 4))
    kept, gone = villages(commune, 2, D(2022, 10, 4))
    Team.objects.filter(pk=gone.pk).update(status=Team.Status.DISSOLVED, dissolved_on=D(2022, 11, 15))
    assert statuses(plan, D(2022, 11, 14))[0] == DONE
    assert plan_progress(plan, on=D(2022, 11, 15))[0].villages == 1
    assert statuses(plan, D(2022, 12, 1))[0] == LATE


def test_two_teams_of_one_village_count_one_village(plan, commune):
    active_team(commune, level=Team.Level.COMMUNE, established_on=D(2022, 10, 4))
    first = active_team(commune, established_on=D(2022, 10, 4))
    Team.objects.filter(pk=first.pk).update(status=Team.Status.DISSOLVED, dissolved_on=D(2022, 10, 20))
    active_team(commune, village=first.village, established_on=D(2022, 10, 10))
    assert plan_progress(plan, on=D(2022, 10, 15))[0].villages == 1


def test_other_communes_teams_do_not_count(plan, commune):
    other = factories.CommuneFactory(code=18260, name="Tùng Lộc")
    active_team(other, level=Team.Level.COMMUNE, established_on=D(2022, 10, 4))
    villages(other, 3, D(2022, 10, 4))
    assert plan_progress(plan, on=D(2022, 10, 15))[0].villages == 0


def test_the_evaluation_phase_has_no_coverage_target(plan):
    assert statuses(plan, D(2022, 12, 20))[2] == NOT_STARTED
    assert statuses(plan, D(2022, 12, 21))[2] == NO_TARGET
    assert statuses(plan, D(2023, 6, 1))[2] == NO_TARGET


def test_progress_costs_two_queries_whatever_the_number_of_teams(plan, commune, django_assert_num_queries):
    active_team(commune, level=Team.Level.COMMUNE, established_on=D(2022, 10, 4))
    villages(commune, 12, D(2022, 10, 4))
    with django_assert_num_queries(2):
        plan_progress(plan, on=D(2022, 12, 1))
