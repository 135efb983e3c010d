"""Load the demo: Tùng Ảnh commune as it stood on 4 October 2022, living through the 2025 reform.

Content in ``demo.content``. First the 2022 demo: Hà Tĩnh's communes from the three-tier
list, then Tùng Ảnh's villages, people and logins, and its three teams set up the way the
application sets teams up, as history: each team is created forming, then its decision is
drafted by the clerk and recorded as issued with its own number (170, 171, 172/QĐ-UBND),
which seats the members from 04/10/2022 and stores the PDF; plan 246 pays each team a stipend
from 2024 (``demo.content.STIPEND_AMOUNT``). Then the reform of 1 July 2025:
Hà Tĩnh's two-tier list and the official conversion table are loaded and
``teams.reforms.apply_reform`` applies them, so that Tùng Ảnh's villages, people, village
teams and logins pass to Xã Đức Thọ, its commune team ends with it, and its documents stay
as they were issued. The new commune is a new issuing body: its commune team is set up by
its own decision, number 01 of the current year, which the demo issues signed with demo keys
(``demo.signing``: a demo CA, certificates marked "DEMO - không có giá trị pháp lý").

Idempotent: rows are found by their natural keys (after the reform, where the reform took
them), a decision whose number is already taken is skipped, the reform is applied once, and
a second run changes nothing but the demo passwords, which it resets. It sets known
passwords, so it refuses to run unless DEBUG is on.
"""

import datetime
from collections import Counter
from io import StringIO

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from accounts.models import Official
from decisions import defaults, workflow
from decisions.models import Decision, LegalBasis
from demo import content as demo
from demo import signing as demo_signing
from demo.management.commands import load_plan_246 as plan_246
from documents import numbering
from documents.models import DocumentType, NumberSequence, RegisterEntry
from reports.models import StipendRule
from teams import official_lists, reforms
from teams.management.commands.load_places import PlacesLoaded, load_places
from teams.models import Commune, District, Membership, Person, Plan, Succession, Team, Village
from teams.services import ProposedMember


class Command(BaseCommand):
    help = (
        "Load the demo (DEBUG only): Tùng Ảnh commune on 4 October 2022, its people, the teams of decisions "
        "170-172/QĐ-UBND, plan 246/KH-UBND and logins with known passwords; then the reform of 1 July 2025, "
        "which makes it part of Xã Đức Thọ."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo sets known passwords and runs only with DEBUG on "
                "(Lệnh load_demo đặt mật khẩu công khai nên chỉ chạy khi DEBUG bật)."
            )
        try:
            with transaction.atomic():
                loader = DemoLoader()
                loader.load()
                signing_lines = demo_signing.prepare(commune=loader.home)
                signing_lines += demo_signing.issue_signed_decision(commune=loader.home)
        except ValidationError as exc:
            raise CommandError("The demo could not be loaded: " + " ".join(exc.messages)) from exc
        for line in signing_lines:  # before the summary, which ends with the table of logins
            self.stdout.write(line)
        self.stdout.write(loader.summary())


class DemoLoader:
    """``load()`` = ``load_2022()`` then ``live_through_reform()``; the tests of the reform itself
    stop after the first."""

    def __init__(self):
        self.created = Counter()
        self.reform: reforms.ReformApplied | None = None
        self.places_after: PlacesLoaded | None = None

    def load(self) -> None:
        self.load_2022()
        self.live_through_reform()

    # Tùng Ảnh in 2022 -------------------------------------------------------------------------

    def load_2022(self) -> None:
        # The whole province: the reform's conversion table names every old commune of it.
        self.places = load_places(province=demo.PROVINCE_CODE, list_key=official_lists.THREE_TIERS)
        self.district = District.objects.get(place_list=self.places.place_list, code=demo.DISTRICT_CODE)
        self.commune = Commune.objects.get(place_list=self.places.place_list, code=demo.COMMUNE_CODE)
        # Where Tùng Ảnh's villages, people and logins are now: Tùng Ảnh, or after the reform its successor.
        self.home = self._successor() or self.commune
        self.villages = {name: self._village(name) for name in demo.VILLAGES}
        self.people = {spec: self._person(spec) for spec in demo.PEOPLE}
        for login in demo.LOGINS:
            if login.role != Official.Role.PROVINCE_OFFICER:  # the two-tier province exists after the reform
                self._login(login)
        self.clerk = get_user_model().objects.select_related("official").get(username=demo.CLERK_USERNAME)
        self.bases = [self._basis(spec) for spec in demo.LEGAL_BASES]
        self._register_entry(demo.PLAN_246)
        # The plan's timetable, against which the rollout is followed (reports app).
        call_command("load_plan_246", commune=demo.COMMUNE_CODE, stdout=StringIO())
        self._stipend_rule()
        for spec in demo.DECISIONS:
            self._establish(spec)

    def _stipend_rule(self) -> None:
        """What the plan pays each team a month from 2024 (the stipend list of a month)."""
        plan = Plan.objects.get(
            commune=self.commune, number_symbol=plan_246.NUMBER_SYMBOL, issued_on=plan_246.ISSUED_ON
        )
        _rule, created = StipendRule.objects.get_or_create(
            plan=plan,
            valid_from=demo.STIPEND_FROM,
            defaults={"amount": demo.STIPEND_AMOUNT, "basis": demo.STIPEND_BASIS},
        )
        self._count("stipend rules", created)

    def _successor(self) -> Commune | None:
        """The new commune Tùng Ảnh passed to, once the reform has been applied."""
        links = list(Succession.objects.filter(predecessor=self.commune).select_related("successor"))
        return links[0].successor if len(links) == 1 else None

    @property
    def reformed(self) -> bool:
        return self.home != self.commune

    def _refuse_after_the_reform(self, what: str) -> None:
        if self.reformed:
            raise CommandError(
                f"{what} of the 2022 demo is missing, but {self.commune.title_name} has already passed to "
                f"{self.home.title_name}: load the demo into a fresh database."
            )

    def _count(self, what: str, created: bool) -> None:
        if created:
            self.created[what] += 1

    def _village(self, name: str) -> Village:
        # After the reform the village is the successor's; its move names where it came from.
        found = Village.objects.filter(
            Q(commune=self.commune) | Q(moves__from_commune=self.commune, commune=self.home),
            type_word=Village.Type.VILLAGE,
            name=name,
        ).first()
        if found is not None:
            return found
        self._refuse_after_the_reform(f"thôn {name}")
        village = Village.objects.create(commune=self.commune, type_word=Village.Type.VILLAGE, name=name)
        self._count("villages", True)
        return village

    def _person(self, spec: demo.DemoPerson) -> Person:
        person = Person.objects.filter(commune__in=(self.commune, self.home), full_name=spec.full_name).first()
        if person is None:
            self._refuse_after_the_reform(spec.full_name)
            person = Person(
                commune=self.commune,
                village=self.villages[spec.village] if spec.village else None,
                full_name=spec.full_name,
                gender=spec.gender,
                position=spec.position,
                office=spec.office,
            )
            person.full_clean()
            person.save()
            self._count("people", True)
        return person

    def _login(self, login: demo.DemoLogin) -> None:
        user, created = get_user_model().objects.get_or_create(username=login.username)
        self._count("users", created)
        user.first_name = login.display_name
        user.is_active = True
        # Only the administrator works in the Django admin; the others use the web pages.
        user.is_staff = login.superuser
        user.is_superuser = login.superuser
        # check_password first so that a second run leaves an unchanged password alone.
        if not user.check_password(demo.PASSWORD):
            user.set_password(demo.PASSWORD)
        user.save()
        if apps.is_installed("axes"):
            # A reset password is worth little to a login still locked out by failed attempts.
            from axes.utils import reset

            reset(username=login.username)
        if login.role is None:
            return
        # A commune's logins follow it through the reform (accounts.receivers): after it, the
        # commune officials' logins work for the successor, where a second run leaves them.
        if login.role == Official.Role.DISTRICT_OFFICER:
            scope = {"district": self.district, "commune": None}
        elif login.role == Official.Role.PROVINCE_OFFICER:
            scope = {"province": self.places_after.province, "commune": None, "district": None}
        else:
            scope = {"commune": self.home, "district": None}
        _, created = Official.objects.update_or_create(
            user=user,
            defaults={"role": login.role, "person": self.people[login.person] if login.person else None, **scope},
        )
        self._count("officials", created)

    def _basis(self, spec: demo.DemoBasis) -> LegalBasis:
        basis, created = LegalBasis.objects.get_or_create(
            rank=spec.rank,
            citation=spec.citation,
            commune=None if spec.national else self.commune,
            defaults={"in_force_until": spec.in_force_until},
        )
        self._count("legal bases", created)
        return basis

    def _register_entry(self, spec: demo.DemoRegisterEntry) -> None:
        _, created = RegisterEntry.objects.get_or_create(
            commune=self.commune,
            doc_type=spec.doc_type,
            year=spec.issued_on.year,
            number=spec.number,
            defaults={
                "symbol": spec.symbol,
                "issued_on": spec.issued_on,
                "subject": spec.subject,
                "signer_name": spec.signer.full_name,
                "signer_position": spec.signer_position,
                "recipients": spec.recipients,
                "note": spec.note,
            },
        )
        numbering.record_number(
            commune=self.commune, doc_type=spec.doc_type, year=spec.issued_on.year, number=spec.number
        )
        self._count("plans in the register", created)

    def _forming_team(self, village: Village | None) -> Team:
        """The team to set up: a new one, or one left forming (e.g. created in the admin)."""
        live = Team.objects.filter(commune=self.commune, village=village).exclude(status=Team.Status.DISSOLVED)
        team = live.first()
        if team is None:
            # Not teams.services.team_create: its full_clean() rejects the still-empty level.
            level = Team.Level.VILLAGE if village else Team.Level.COMMUNE
            team = Team(commune=self.commune, village=village, level=level)
            team.full_clean()
            team.save()
            self._count("teams", True)
            return team
        if team.status != Team.Status.FORMING:
            raise CommandError(f"{team.name} is already active, but not through the demo's decision: not touched.")
        return team

    def _establish(self, spec: demo.DemoDecision) -> None:
        if Decision.objects.filter(commune=self.commune, year=demo.ON.year, number=spec.number).exists():
            return
        self._refuse_after_the_reform(f"Decision {spec.number}/QĐ-UBND")
        team = self._forming_team(self.villages[spec.village] if spec.village else None)
        decision = workflow.decision_create(
            team=team,
            kind=Decision.Kind.ESTABLISH,
            by=self.clerk,
            subject=spec.subject,
            proposer=demo.PROPOSER,
            article1=spec.article1,
            article2=defaults.article2(commune=self.commune),
            article3=demo.ARTICLE3,
            recipients="\n".join(demo.RECIPIENTS),
            authority=Decision.Authority.CHAIRMAN,
            # The reference 172 signs "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"; 170 and 171 lost
            # that line by a slip.
            signs_for_committee=True,
            departure_reason=spec.departure_reason,
        )
        members = [
            ProposedMember(person=self.people[person], role=role, position=self.people[person].position)
            for person, role in spec.members
        ]
        workflow.decision_set_members(decision=decision, members=members, by=self.clerk)
        workflow.decision_set_bases(decision=decision, bases=self.bases, by=self.clerk)
        workflow.decision_record_issued(
            decision=decision, number=spec.number, on=demo.ON, signer=self.people[demo.CHAIRMAN], by=None
        )
        self._count("decisions", True)

    # 1 July 2025 ------------------------------------------------------------------------------

    def live_through_reform(self) -> None:
        """Hà Tĩnh's two-tier list, then the official conversion applied (once: a second run says so)."""
        self.places_after = load_places(province=demo.PROVINCE_CODE, list_key=official_lists.TWO_TIERS)
        self.reform = reforms.apply_reform(province=demo.PROVINCE_CODE)
        self.commune.refresh_from_db()  # the reform has set the day it ceased
        self.home = self._successor() or self.commune
        for login in demo.LOGINS:
            if login.role == Official.Role.PROVINCE_OFFICER:
                self._login(login)

    # What the newcomer sees ----------------------------------------------------------------------

    def summary(self) -> str:
        old = self.commune
        decisions = Decision.objects.filter(commune=old, status=Decision.Status.ISSUED).order_by("number")
        numbers = ", ".join(str(d.number) for d in decisions)
        sequences = dict(
            NumberSequence.objects.filter(commune=old, year=demo.ON.year).values_list("doc_type", "last_number")
        )
        next_numbers = ", ".join(
            f"{doc_type} {sequences.get(doc_type, 0) + 1}" for doc_type in (DocumentType.DECISION, DocumentType.PLAN)
        )
        teams = Team.objects.filter(pk__in=decisions.values("team"))
        seated = Membership.objects.filter(team__in=teams, start_date=demo.ON)
        created = ", ".join(f"{n} {what}" for what, n in sorted(self.created.items())) or "nothing (already loaded)"
        lines = [
            f"Demo: {old.full_name}, {self.district.full_name}, {old.province.full_name} "
            f"as it stood on {demo.ON:%d/%m/%Y}, living through the reform of {official_lists.REFORM_DAY:%d/%m/%Y}.",
            self.places.summary(),
            f"  {old.title_name} ({old.code})"
            + (f" until {old.ceased_on - datetime.timedelta(days=1):%d/%m/%Y}:" if old.ceased_on else ":"),
            f"    teams set up on {demo.ON:%d/%m/%Y}: {teams.count()} ({seated.count()} members seated)",
            f"    decisions issued: {decisions.count()} ({numbers}/QĐ-UBND)",
            f"    outgoing register: {RegisterEntry.objects.filter(commune=old).count()} entries; "
            f"next numbers of {demo.ON.year}: {next_numbers}",
        ]
        if self.places_after is not None:
            lines.append(self.places_after.summary())
        if self.reformed:
            lines += self._successor_lines()
        if self.reform is not None:
            lines.append(self.reform.summary())
        lines += [
            f"Created this run: {created}.",
            "",
            f"Logins (local use only) at {demo.SITE_URL} (administrator: {demo.ADMIN_URL})",
        ]
        width = max(len(login.label) for login in demo.LOGINS)
        user_width = max(len(login.username) for login in demo.LOGINS)
        lines.append(f"  {'role':<{width}}  {'username':<{user_width}}  password")
        lines += [f"  {login.label:<{width}}  {login.username:<{user_width}}  {demo.PASSWORD}" for login in demo.LOGINS]
        return "\n".join(lines)

    def _successor_lines(self) -> list[str]:
        new = self.home
        predecessors = ", ".join(
            link.predecessor.full_name
            for link in Succession.objects.filter(successor=new)
            .select_related("predecessor")
            .order_by("predecessor__code")
        )
        teams = Team.objects.filter(commune=new).exclude(status=Team.Status.DISSOLVED)
        commune_team = teams.filter(level=Team.Level.COMMUNE).first()
        issued = Decision.objects.filter(commune=new, status=Decision.Status.ISSUED).count()
        return [
            f"  {new.title_name} ({new.code}) since {official_lists.REFORM_DAY:%d/%m/%Y}, formed from {predecessors}:",
            f"    villages: {new.villages.count()}, people: {Person.objects.filter(commune=new).count()}",
            f"    village teams: {teams.filter(level=Team.Level.VILLAGE).count()} carried on; commune team: "
            + (commune_team.get_status_display() if commune_team else "still to be established"),
            f"    decisions issued: {issued}" + ("" if issued else " (a new issuing body: its first is number 01)"),
        ]
