"""A stipend rule in the database: it starts on the 1st of a month, and once its first month
has begun no path changes or deletes it (the admin's read-only form is one path of many);
a rule still to come is edited freely, and a change of amount is a new rule."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from reports.models import StipendRule
from tests import factories
from tests.integrity import execute, refused

pytestmark = pytest.mark.django_db

FIRST_DAY = "integrity_stipendrule_first_day"  # PostgreSQL names the CHECK constraint, SQLite the rule and it
STARTED = "tungAnh: a stipend rule whose first month has begun is never changed or deleted; add a new rule."
BASIS = "Nghị quyết số 09/2024/NQ-HĐND ngày 12/7/2024 của HĐND tỉnh Hà Tĩnh"


@pytest.fixture
def plan(commune):
    return factories.PlanFactory(commune=commune)


def first_of_month(months_ahead: int) -> datetime.date:
    today = timezone.localdate()
    month = today.year * 12 + today.month - 1 + months_ahead
    return datetime.date(month // 12, month % 12 + 1, 1)


def rule_from(plan, day: datetime.date, amount: int = 600_000) -> StipendRule:
    return StipendRule.objects.create(plan=plan, valid_from=day, amount=amount, basis=BASIS)


def amount_of(rule: StipendRule) -> int:
    return StipendRule.objects.get(pk=rule.pk).amount


@pytest.mark.parametrize("months_ahead", [-30, 0], ids=["years-ago", "this-month"])
def test_a_rule_whose_first_month_has_begun_refuses_every_write(plan, months_ahead):
    rule = rule_from(plan, first_of_month(months_ahead))
    with refused(STARTED):
        StipendRule._base_manager.filter(pk=rule.pk).update(amount=1)
    with refused(STARTED):
        execute("UPDATE reports_stipendrule SET levels = 'village' WHERE id = %s", [rule.pk])
    with refused(STARTED):
        StipendRule.objects.bulk_update(
            [StipendRule(pk=rule.pk, plan=plan, valid_from=rule.valid_from, amount=1)], ["amount"]
        )
    with refused(STARTED):
        execute("DELETE FROM reports_stipendrule WHERE id = %s", [rule.pk])
    with refused(STARTED):
        StipendRule.objects.filter(pk=rule.pk).delete()
    assert amount_of(rule) == 600_000


def test_a_rule_still_to_come_is_changed_or_deleted(plan):
    coming = rule_from(plan, first_of_month(1))
    StipendRule._base_manager.filter(pk=coming.pk).update(amount=700_000)
    assert amount_of(coming) == 700_000
    assert execute("DELETE FROM reports_stipendrule WHERE id = %s", [coming.pk]) == 1


def test_a_change_is_a_new_rule_from_a_later_month(plan):
    rule_from(plan, first_of_month(-3))
    later = rule_from(plan, first_of_month(-1), amount=700_000)
    assert list(plan.stipend_rules.values_list("amount", flat=True)) == [700_000, 600_000]
    assert later.started


@pytest.mark.parametrize("day", [2, 15, 28])
def test_a_rule_starts_on_the_first_of_a_month(plan, day):
    with refused(FIRST_DAY, error=IntegrityError):
        rule_from(plan, datetime.date(2022, 10, day))
    coming = rule_from(plan, first_of_month(2))
    with refused(FIRST_DAY, error=IntegrityError):
        execute(
            "UPDATE reports_stipendrule SET valid_from = %s WHERE id = %s",
            [coming.valid_from.replace(day=day), coming.pk],
        )
    assert not StipendRule.objects.filter(valid_from__day=day).exists()
