"""``{% cached_url %}`` writes what ``{% url %}`` writes."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch


def both(args: str, **context) -> tuple[str, str]:
    ours = Template("{% load cached_urls %}{% cached_url " + args + " %}").render(Context(context))
    django = Template("{% url " + args + " %}").render(Context(context))
    return ours, django


def test_it_writes_the_url_of_a_view_without_arguments():
    for _ in range(2):  # reversed, then from the cache
        ours, django = both("'teams:village_list'")
        assert ours == django == "/villages/"


def test_it_writes_primary_keys_into_the_url():
    for pk in (1, 42, 918_273_645):
        ours, django = both("'teams:person_detail' pk", pk=pk)
        assert ours == django == f"/people/{pk}/"
    ours, django = both("'reports:report_file' period team", period=7, team=12)
    assert ours == django == "/reports/7/teams/12/file/"


def test_anything_but_a_primary_key_goes_through_reverse():
    ours, django = both("'teams:person_detail' pk", pk="5")
    assert ours == django == "/people/5/"
    with pytest.raises(NoReverseMatch):
        both("'teams:person_detail' pk", pk=-1)
    with pytest.raises(NoReverseMatch):
        both("'teams:person_detail' pk", pk=None)
