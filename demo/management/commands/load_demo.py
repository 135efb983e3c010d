"""Load the demo: Tùng Ảnh commune as it stood on 4 October 2022 (content in ``demo.content``).

The three teams are set up the way the application sets teams up, as history: each
team is created forming, then its decision is drafted by the clerk and recorded as
issued with its own number (170, 171, 172/QĐ-UBND), which seats the members from
04/10/2022 and stores the PDF. Idempotent: rows are found by their natural keys, a
decision whose number is already taken is skipped, and a second run changes nothing but
the demo passwords, which it resets. It sets known passwords, so it refuses to run
unless DEBUG is on.
"""

from collections import Counter
from io import StringIO

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Official
from decisions import defaults, workflow
from decisions.models import Decision, LegalBasis
from demo import content as demo
from documents import numbering
from documents.models import DocumentType, NumberSequence, RegisterEntry
from teams.management.commands.load_places import load_places
from teams.models import Commune, Membership, Person, Team, Village
from teams.services import ProposedMember


class Command(BaseCommand):
    help = (
        "Load the demo (DEBUG only): Tùng Ảnh commune on 4 October 2022, its people, the teams of decisions "
        "170-172/QĐ-UBND, plan 246/KH-UBND, and logins with known passwords."
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
        except ValidationError as exc:
            raise CommandError("The demo could not be loaded: " + " ".join(exc.messages)) from exc
        self.stdout.write(loader.summary())


class DemoLoader:
    def __init__(self):
        self.created = Counter()

    def load(self) -> None:
        self.places = load_places(district=demo.DISTRICT_CODE)
        self.commune = Commune.objects.get(place_list=self.places.place_list, code=demo.COMMUNE_CODE)
        self.villages = {name: self._village(name) for name in demo.VILLAGES}
        self.people = {spec: self._person(spec) for spec in demo.PEOPLE}
        for login in demo.LOGINS:
            self._login(login)
        self.clerk = get_user_model().objects.select_related("official").get(username=demo.CLERK_USERNAME)
        self.bases = [self._basis(spec) for spec in demo.LEGAL_BASES]
        self._register_entry(demo.PLAN_246)
        # The plan's timetable, against which the rollout is followed (reports app).
        call_command("load_plan_246", commune=demo.COMMUNE_CODE, stdout=StringIO())
        for spec in demo.DECISIONS:
            self._establish(spec)

    def _count(self, what: str, created: bool) -> None:
        if created:
            self.created[what] += 1

    def _village(self, name: str) -> Village:
        village, created = Village.objects.get_or_create(
            commune=self.commune, type_word=Village.Type.VILLAGE, name=name
        )
        self._count("villages", created)
        return village

    def _person(self, spec: demo.DemoPerson) -> Person:
        person = Person.objects.filter(commune=self.commune, full_name=spec.full_name).first()
        if person is None:
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
        scope = (
            {"district": self.places.district, "commune": None}
            if login.role == Official.Role.DISTRICT_OFFICER
            else {"commune": self.commune, "district": None}
        )
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

    def summary(self) -> str:
        commune = self.commune
        teams = Team.objects.filter(commune=commune)
        decisions = Decision.objects.filter(commune=commune, status=Decision.Status.ISSUED).order_by("number")
        numbers = ", ".join(str(d.number) for d in decisions)
        sequences = dict(
            NumberSequence.objects.filter(commune=commune, year=demo.ON.year).values_list("doc_type", "last_number")
        )
        next_numbers = ", ".join(
            f"{doc_type} {sequences.get(doc_type, 0) + 1}" for doc_type in (DocumentType.DECISION, DocumentType.PLAN)
        )
        created = ", ".join(f"{n} {what}" for what, n in sorted(self.created.items())) or "nothing (already loaded)"
        lines = [
            f"Demo: {commune.full_name}, {commune.district.full_name}, {commune.province.full_name} "
            f"as it stood on {demo.ON:%d/%m/%Y}.",
            self.places.summary(),
            f"  villages: {commune.villages.count()}",
            f"  people: {Person.objects.filter(commune=commune).count()}",
            f"  teams: {teams.filter(status=Team.Status.ACTIVE).count()} active of {teams.count()}, "
            f"{Membership.objects.filter(team__commune=commune, end_date__isnull=True).count()} active memberships",
            f"  decisions issued: {decisions.count()} ({numbers}/QĐ-UBND)",
            f"  outgoing register: {RegisterEntry.objects.filter(commune=commune).count()} entries; "
            f"next numbers of {demo.ON.year}: {next_numbers}",
            f"Created this run: {created}.",
            "",
            f"Logins (local use only) at {demo.SITE_URL} (administrator: {demo.ADMIN_URL})",
        ]
        width = max(len(login.label) for login in demo.LOGINS)
        user_width = max(len(login.username) for login in demo.LOGINS)
        lines.append(f"  {'role':<{width}}  {'username':<{user_width}}  password")
        lines += [f"  {login.label:<{width}}  {login.username:<{user_width}}  {demo.PASSWORD}" for login in demo.LOGINS]
        return "\n".join(lines)
