"""The plan a commune follows on a date, and what it asks of a team.

A plan is in force for a commune from the day it was issued until the commune issues the
next one. A commune without a plan, or a plan silent about a level, keeps plan 246's
composition (``teams.rules.PLAN_246``) and its name for a team.
"""

import datetime

from .models import TEAM_NAME_2022, Commune, Plan, TeamComposition
from .rules import PLAN_246, Composition


def plan_in_force(commune: Commune | int, on: datetime.date) -> Plan | None:
    commune_id = commune.pk if isinstance(commune, Commune) else commune
    return Plan.objects.filter(commune_id=commune_id, issued_on__lte=on).order_by("-issued_on", "-pk").first()


def composition_of(row: TeamComposition) -> Composition:
    return Composition(
        level=row.level,
        members_min=row.members_min,
        members_max=row.members_max,
        deputy_required=row.deputy_required,
        deputies_max=row.deputies_max,
        leader_offices=frozenset(row.leader_offices),
        deputy_offices=frozenset(row.deputy_offices),
        member_offices=tuple(frozenset(group) for group in row.member_offices),
    )


def composition_in_force(commune: Commune | int, level: str, on: datetime.date) -> Composition:
    """What the plan in force on ``on`` asks of a team of ``level`` in ``commune``."""
    plan = plan_in_force(commune, on)
    row = plan.compositions.filter(level=level).first() if plan else None
    return composition_of(row) if row else PLAN_246[level]


def team_name_in_force(commune: Commune | int, on: datetime.date) -> str:
    """ "Tổ chuyển đổi số cộng đồng", or the name the plan in force gives a team."""
    plan = plan_in_force(commune, on)
    return plan.team_name if plan else TEAM_NAME_2022
