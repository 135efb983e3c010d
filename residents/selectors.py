"""Reads for the public pages, the poster and the staff's views of consents and requests.

What a resident may see of a member is decided here, once, for the page and the poster:

- the role, always (it is the seat, not the person);
- the name (with the role), when the seat was set by an issued decision (the decision is
  public already) or the person has consented to publish their name and role;
- the phone number, only while the person's consent to publish it stands and names the
  number the person has now (a new number needs a new consent).

Nothing else about anyone: no position, village, gender or birth year.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F, QuerySet

from decisions.models import Decision
from lib.collation import vietnamese
from teams.models import ROLE_ORDER, ROLE_PRINTED, Commune, Membership, Person, Team

from .models import Action, CommunePublishing, ConsentRecord, HelpRequest, PublicPage, Subject


@dataclass(frozen=True)
class PublicMember:
    role: str  # as documents print it: "Tổ trưởng"
    name: str  # "" when the name is not public
    phone: str  # "" when not consented


@dataclass(frozen=True)
class ConsentState:
    person: Person
    phone: ConsentRecord | None  # the latest phone record, given or withdrawn
    name_role: ConsentRecord | None


def latest_records(person_ids) -> dict[tuple[int, str], ConsentRecord]:
    """The latest consent record per (person, subject): what holds now."""
    latest: dict[tuple[int, str], ConsentRecord] = {}
    records = ConsentRecord.objects.filter(person_id__in=list(person_ids)).select_related("recorded_by")
    for record in records.order_by("recorded_at", "pk"):
        latest[(record.person_id, record.subject)] = record
    return latest


def phone_published(person: Person, record: ConsentRecord | None) -> str:
    """The number to publish: the person's, while their consent stands and names it."""
    if record is None or record.action != Action.GIVEN or not person.phone:
        return ""
    return person.phone if record.phone == person.phone else ""


def name_published(membership: Membership, record: ConsentRecord | None) -> bool:
    decision = membership.started_by
    if decision is not None and decision.status == Decision.Status.ISSUED:
        return True
    return record is not None and record.action == Action.GIVEN


def public_members(team: Team) -> list[PublicMember]:
    members = list(team.active_memberships().select_related("person", "started_by").order_by("seat"))
    members.sort(key=lambda m: (ROLE_ORDER[m.role], m.seat))
    latest = latest_records(m.person_id for m in members)
    shown = []
    for m in members:
        named = name_published(m, latest.get((m.person_id, Subject.NAME_ROLE)))
        name = f"{m.person.salutation} {m.person.full_name}" if named else ""
        shown.append(
            PublicMember(
                role=ROLE_PRINTED[m.role],
                name=name,
                phone=phone_published(m.person, latest.get((m.person_id, Subject.PHONE))),
            )
        )
    return shown


def establishing_decision(team: Team) -> Decision | None:
    return (
        Decision.objects.filter(team=team, kind=Decision.Kind.ESTABLISH, status=Decision.Status.ISSUED)
        .select_related("commune")
        .order_by("issued_on", "pk")
        .first()
    )


def publishing_of(commune: Commune) -> CommunePublishing | None:
    return CommunePublishing.objects.filter(commune=commune).first()


def village_pages(commune: Commune) -> QuerySet[PublicPage]:
    """The public pages of the commune's live village teams, listed on the commune team's page."""
    return (
        PublicPage.objects.filter(
            team__commune=commune, team__level=Team.Level.VILLAGE, team__status=Team.Status.ACTIVE
        )
        .select_related("team__village", "team__commune")
        .order_by(vietnamese("team__village__name"))
    )


def public_page(slug: str) -> PublicPage | None:
    """The page at ``slug``, if its team is active (a dissolved team's page is gone)."""
    return (
        PublicPage.objects.filter(slug=slug, team__status=Team.Status.ACTIVE)
        .select_related("team__commune", "team__village")
        .first()
    )


def public_page_data(team: Team) -> dict:
    """Everything the public page and the poster show, and nothing more."""
    publishing = publishing_of(team.commune)
    return {
        "team_name": team.name,
        "commune_name": team.commune.title_name,
        "decision": establishing_decision(team),
        "members": public_members(team),
        "zalo_url": team.zalo_url,
        "contact": publishing.contact if publishing else "",
        "contact_phone": publishing.contact_phone if publishing else "",
        "indexable": bool(publishing and publishing.allow_indexing),
        "village_pages": list(village_pages(team.commune)) if team.level == Team.Level.COMMUNE else [],
    }


# Staff reads ------------------------------------------------------------------------------


def consent_history(person: Person) -> QuerySet[ConsentRecord]:
    return ConsentRecord.objects.filter(person=person).select_related("recorded_by").order_by("-recorded_at", "-pk")


def consent_states(commune: Commune) -> list[ConsentState]:
    """Every person of the commune with a consent record, and what holds now for each subject."""
    people = list(
        Person.objects.filter(commune=commune, consent_records__isnull=False)
        .distinct()
        .select_related("village")
        .order_by(vietnamese("full_name"), "pk")
    )
    latest = latest_records(p.pk for p in people)
    return [
        ConsentState(person=p, phone=latest.get((p.pk, Subject.PHONE)), name_role=latest.get((p.pk, Subject.NAME_ROLE)))
        for p in people
    ]


def help_requests(team: Team) -> QuerySet[HelpRequest]:
    """Open requests first, then the handled ones, newest first."""
    return (
        HelpRequest.objects.filter(team=team)
        .select_related("handled_by")
        .order_by(F("handled_at").desc(nulls_first=True), "-created_at", "-pk")
    )


def _month_bounds(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime(year, month, 1, tzinfo=zone)
    end = datetime.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
    return start, end


def people_helped(*, year: int, month: int, team: Team | None = None, commune: Commune | None = None) -> int:
    """Requests handled during the month (local time): each is one person helped."""
    start, end = _month_bounds(year, month)
    requests = HelpRequest.objects.filter(handled_at__gte=start, handled_at__lt=end)
    if team is not None:
        requests = requests.filter(team=team)
    if commune is not None:
        requests = requests.filter(team__commune=commune)
    return requests.count()
