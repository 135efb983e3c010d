"""``load_plan_246`` writes plan 246/KH-UBND and its timetable once."""

import io

import pytest
from django.core.management import CommandError, call_command

from teams.models import Phase, Plan

pytestmark = pytest.mark.django_db


def test_it_loads_the_plan_once(commune):
    out = io.StringIO()
    call_command("load_plan_246", stdout=out)
    call_command("load_plan_246", stdout=out)
    plan = Plan.objects.get()
    assert str(plan) == "Kế hoạch số 246/KH-UBND ngày 03/10/2022"
    assert plan.commune == commune
    assert list(Phase.objects.values_list("label", flat=True)) == ["Giai đoạn 1", "Giai đoạn 2", "Đánh giá"]
    assert "already loaded" in out.getvalue()


def test_it_needs_the_commune(db):
    with pytest.raises(CommandError, match="No commune with code 18259"):
        call_command("load_plan_246")
