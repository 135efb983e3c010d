"""What the residents app adds to the pages of other apps, without those apps importing it:
the team page's public page, poster and requests; the person page's consent history; the
monthly reports' count of people helped through the public page."""

from django import template

from accounts import scoping
from teams.models import Person, Team

from .. import selectors, services
from ..models import PublicPage

register = template.Library()


@register.inclusion_tag("residents/_team_panel.html", takes_context=True)
def team_public_panel(context, team: Team):
    user = context["request"].user
    is_clerk = scoping.is_clerk_of(user, team.commune) and team.commune.ceased_on is None
    may_handle = services.may_handle(user, team)
    page = PublicPage.objects.filter(team=team).first()
    return {
        "team": team,
        "page": page,
        "is_clerk": is_clerk,
        "may_print": may_handle and page is not None and team.status == Team.Status.ACTIVE,
        "may_publish": is_clerk and page is None and team.status == Team.Status.ACTIVE,
        "help_requests": list(selectors.help_requests(team)) if may_handle else None,
        "csrf_token": context.get("csrf_token"),
        "request": context["request"],
    }


@register.inclusion_tag("residents/_consent_history.html", takes_context=True)
def consent_history(context, person: Person):
    user = context["request"].user
    is_clerk = scoping.is_clerk_of(user, person.commune)
    records = list(selectors.consent_history(person))
    return {"person": person, "records": records, "is_clerk": is_clerk and person.commune.ceased_on is None}


@register.inclusion_tag("residents/_people_helped.html")
def people_helped(period, team: Team | None = None):
    """``period``: a ``reports.ReportingPeriod`` (its commune, year and month), read, not imported."""
    if team is not None:
        count = selectors.people_helped(year=period.year, month=period.month, team=team)
    else:
        count = selectors.people_helped(year=period.year, month=period.month, commune=period.commune)
    return {"count": count, "team": team}
