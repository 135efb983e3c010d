"""Building decisions in tests through the same services the application uses."""

from decisions import workflow
from teams.models import Role
from teams.services import ProposedMember

ROLES = (Role.LEADER, Role.DEPUTY, Role.MEMBER)


def draft(*, team, people, by, kind="establish", roles=ROLES, **fields):
    decision = workflow.decision_create(team=team, kind=kind, by=by, **fields)
    members = [ProposedMember(person=p, role=r, position=p.position) for p, r in zip(people, roles, strict=True)]
    return workflow.decision_set_members(decision=decision, members=members, by=by)


def submitted(*, team, people, clerk, **kwargs):
    return workflow.decision_submit(decision=draft(team=team, people=people, by=clerk, **kwargs), by=clerk)


def issued(*, team, people, clerk, chairman, on=None, **kwargs):
    decision = submitted(team=team, people=people, clerk=clerk, **kwargs)
    return workflow.decision_issue(decision=decision, by=chairman, on=on)
