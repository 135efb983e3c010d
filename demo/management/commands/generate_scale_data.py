"""Generate a national-size synthetic data set, to measure the pages at scale.

At full size (the defaults): 63 provinces, 693 districts, 10,395 communes, 83,160 villages,
~89,000 active teams (every commune team and 19 villages in 20), three people and three
active memberships per team (leader, deputy, member in seats 1 to 3), 100,000 issued
decisions with their outgoing-register lines and number sequences, and 1,000,000 report
values (8 per team report, one report per team and month, one reporting period per commune
and month, month after month from January 2023 until the count is reached). The reports of
the first month are filed under the default indicator set (plan 246's eight), those of the
later months under a second version: the reform era's indicators ("Bình dân học vụ số"
certificates, the share of applications filed online, VNeID level-2 activations, shifts at
the commune's public service centre; three of the eight retired, one renamed), dated from
the second generated month so that one year of the dashboards holds both sets.

The rows are written with ``bulk_create`` in batches, on purpose past the models' ``save()``
and the services: this is load data, not history, and going through the services would take
hours. Every database constraint still holds (seats 1 to 3, one leader and one deputy per
team, numbers unique per commune and year and counted in the number sequence...). The
decisions are issued (number, year, date, signer) with a minimal ``snapshot`` and **no PDF**:
``pdf_sha256`` stays empty (nothing in the document store), so downloading their PDF is not something to
measure on this data. Reports are filed by the generated clerk login, whatever the commune.

With ``--with-reform``, then the 2025 reform, as ``teams.reforms.apply_reform`` leaves a
province (past it, in bulk): a two-tier list where each new province takes the code of the
first of two old provinces and the communes of both, and each new commune is formed from
three old communes of one district, whole (every tenth new commune shares its third one, in
part, with the next); the old communes cease on 1 July 2025 and their villages, village
teams and people pass to the new commune that took them over whole (commune teams stay with
the old commune, as history), each village renamed after its old commune first, since every
old commune has its "mẫu 01".

Every place is named "... mẫu NN" and coded from 100000 up, above the national code list, so
the data set can sit beside real places (``load_places``) and the demo. A second run refuses:
the synthetic places already exist (drop the database to start again). It creates logins
with a known password (a district officer, a commune clerk and, with the reform, a province
officer and a national officer), so it runs only with DEBUG on.
It runs on PostgreSQL; on SQLite only a small ``--scale`` (tests).
"""

import datetime
import random
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import CharField, ExpressionWrapper, F, OuterRef, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone

from accounts.models import Official
from decisions.models import Decision
from documents.models import DocumentType, NumberSequence, RegisterEntry
from lib.text import fold
from reports import indicator_sets
from reports.models import (
    IndicatorDefinition,
    IndicatorSet,
    PeriodEvent,
    ReportingPeriod,
    ReportValue,
    TeamReport,
    due_on,
)
from teams import official_lists
from teams.management.commands.load_places import place_list
from teams.models import (
    Commune,
    District,
    Membership,
    Person,
    Province,
    Reform,
    Role,
    Succession,
    Team,
    Village,
)

CODE_BASE = 100_000
SQLITE_MAX_SCALE = 0.01
BATCH = 5_000
PASSWORD = "scale-data-2025"
DISTRICT_USERNAME = "scale_district"
CLERK_USERNAME = "scale_clerk"
PROVINCE_USERNAME = "scale_province"
NATIONAL_USERNAME = "scale_national"
USERNAMES = (DISTRICT_USERNAME, CLERK_USERNAME, PROVINCE_USERNAME, NATIONAL_USERNAME)
OLD_PER_NEW_PROVINCE = 2
OLD_PER_NEW_COMMUNE = 3
SPLIT_EVERY = 10  # every tenth new commune shares its third old commune with the next, in part
REFORM_BASIS = "Nghị quyết mẫu về sắp xếp các đơn vị hành chính cấp xã (dữ liệu mẫu)"
ESTABLISHED_ON = datetime.date(2022, 12, 1)
DECISION_YEAR = 2023
FIRST_PERIOD = (2023, 1)
SKIP_VILLAGE_EVERY = 20  # one village in 20 has no team yet
# The second indicator set: code, label, unit, maximum, roll-up. Kept codes keep their reports'
# totals together across the two versions; vneid_activations is renamed (level 2).
REFORM_ERA_SET = (
    ("digital_addresses", "Hộ gia đình được hướng dẫn tạo địa chỉ số", "hộ", 5000, "sum"),
    ("public_service_accounts", "Người dân được hướng dẫn tạo tài khoản dịch vụ công trực tuyến", "người", 5000, "sum"),
    (
        "vneid_activations",
        "Tài khoản định danh điện tử mức độ 2 (VNeID) được hỗ trợ kích hoạt",
        "tài khoản",
        5000,
        "sum",
    ),  # noqa: E501
    ("digital_skills_certificates", "Người dân được cấp chứng nhận Bình dân học vụ số", "người", 5000, "sum"),
    ("online_applications_share", "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến", "%", 100, "last"),
    ("service_centre_shifts", "Ca trực hỗ trợ tại Trung tâm phục vụ hành chính công xã", "ca", 62, "sum"),
    ("outreach_sessions", "Buổi tuyên truyền, hướng dẫn đã tổ chức", "buổi", 200, "sum"),
    ("commendations_proposed", "Cá nhân được đề xuất khen thưởng", "người", 100, "max"),
)

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
MIDDLE = ("Văn", "Thị", "Đức", "Xuân", "Hồng", "Minh", "Thanh", "Bá", "Doãn", "Quốc", "Ngọc", "Hữu")
GIVEN = ("An", "Bình", "Chương", "Dũng", "Hằng", "Khuê", "Lợi", "Nam", "Sơn", "Thắng", "Vinh", "Cảnh", "Lan", "Mai")
# (role, position, office) for the three seats of each kind of team.
COMMUNE_SEATS = (
    (Role.LEADER, "Phó Chủ tịch UBND", Person.Office.VICE_CHAIRMAN),
    (Role.DEPUTY, "Bí thư Đoàn TN", Person.Office.YOUTH_UNION_SECRETARY),
    (Role.MEMBER, "Công chức chuyên trách CNTT", Person.Office.IT_OFFICER),
)
VILLAGE_SEATS = (
    (Role.LEADER, "Trưởng thôn", Person.Office.VILLAGE_HEAD),
    (Role.DEPUTY, "Bí thư Chi đoàn", Person.Office.YOUTH_BRANCH_SECRETARY),
    (Role.MEMBER, "Giáo viên", Person.Office.TEACHER),
)


@dataclass(frozen=True)
class Layout:
    provinces: int
    districts_per_province: int
    communes_per_district: int
    villages_per_commune: int
    decisions: int
    report_values: int

    @property
    def communes(self) -> int:
        return self.provinces * self.districts_per_province * self.communes_per_district


def layout(*, provinces, districts, communes, villages, decisions, report_values, scale) -> Layout:
    """The tree scaled so that the number of communes (and so of everything) follows ``scale``.

    Each tier takes as much of the scale as it can (at least one place), and passes the rest
    down: 0.001 of the default tree is 1 province, 1 district, 10 communes of 8 villages.
    """
    counts, rest = [], scale
    for full in (provinces, districts, communes):
        count = max(1, round(full * rest))
        rest = rest * full / count
        counts.append(count)
    return Layout(*counts, villages, max(1, round(decisions * scale)), round(report_values * scale))


def batched(items: Iterable, size: int = BATCH) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Command(BaseCommand):
    help = (
        "DEBUG only: generate a national-size synthetic data set (places coded from 100000, teams, memberships, "
        "issued decisions without PDF - pdf_sha256 empty - and report values) with bulk inserts, then "
        "ANALYZE; create a district officer and a commune clerk login. PostgreSQL, or SQLite with --scale <= 0.01. "
        "Refuses a second run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--provinces", type=int, default=63)
        parser.add_argument("--districts-per-province", type=int, default=11)
        parser.add_argument("--communes-per-district", type=int, default=15)
        parser.add_argument("--villages-per-commune", type=int, default=8)
        parser.add_argument("--decisions", type=int, default=100_000)
        parser.add_argument("--report-values", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--with-reform",
            action="store_true",
            help="Also the 2025 reform: a two-tier list formed from the three-tier one, and two more logins.",
        )
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Fraction of the sizes above (e.g. 0.001 for tests)."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("generate_scale_data sets known passwords and runs only with DEBUG on.")
        scale = options["scale"]
        if not 0 < scale <= 1:
            raise CommandError("--scale is a fraction in (0, 1].")
        if connection.vendor != "postgresql" and scale > SQLITE_MAX_SCALE:
            raise CommandError(
                f"Full-size data needs PostgreSQL; on {connection.vendor} use --scale {SQLITE_MAX_SCALE} or less."
            )
        if Province.objects.filter(code__gte=CODE_BASE).exists():
            raise CommandError(
                "Synthetic places (codes from 100000) already exist: the scale data is loaded. "
                "Start from an empty database to generate it again."
            )
        if get_user_model().objects.filter(username__in=USERNAMES).exists():
            raise CommandError(f"The logins {' / '.join(USERNAMES)} already exist.")
        sizes = layout(
            provinces=options["provinces"],
            districts=options["districts_per_province"],
            communes=options["communes_per_district"],
            villages=options["villages_per_commune"],
            decisions=options["decisions"],
            report_values=options["report_values"],
            scale=scale,
        )
        generator = ScaleGenerator(sizes=sizes, seed=options["seed"], stdout=self.stdout, reform=options["with_reform"])
        started = time.perf_counter()
        with transaction.atomic():
            generator.generate()
        generator.step("ANALYZE", generator.analyze)
        self.stdout.write(f"Done in {time.perf_counter() - started:.1f} s.")
        self.stdout.write(generator.summary())


class ScaleGenerator:
    def __init__(self, *, sizes: Layout, seed: int, stdout, reform: bool = False):
        self.sizes = sizes
        self.with_reform = reform
        self.rng = random.Random(seed)
        self.stdout = stdout
        self.counts: dict[str, int] = {}

    def step(self, label: str, function) -> None:
        started = time.perf_counter()
        function()
        self.stdout.write(f"  {label}: {time.perf_counter() - started:.1f} s")

    def generate(self) -> None:
        self.step("places", self.places)
        self.step("logins", self.logins)
        self.step("teams, people, memberships", self.teams)
        self.step("decisions, register, sequences", self.decisions)
        self.step("periods, reports, values", self.reports)
        self.step("approvals (clerk, chairman, supervisor)", self.approvals)
        if self.with_reform:
            self.step("the 2025 reform (two-tier list, successions, moves, logins)", self.reform)

    def _create(self, model, rows: Iterable) -> list:
        created = []
        for batch in batched(rows):
            created += model.objects.bulk_create(batch, batch_size=BATCH)
        self.counts[model.__name__] = self.counts.get(model.__name__, 0) + len(created)
        return created

    def places(self) -> None:
        sizes = self.sizes
        # The three-tier world (province > district > commune), beside the real places of that list.
        listed = place_list(official_lists.THREE_TIERS)
        self.provinces = self._create(
            Province,
            (
                Province(place_list=listed, code=CODE_BASE + p, name=f"mẫu {p:02d}")
                for p in range(1, sizes.provinces + 1)
            ),
        )
        self.districts = self._create(
            District,
            (
                District(place_list=listed, code=CODE_BASE + i, name=f"mẫu {p:02d}.{d:02d}", province=province)
                for i, (p, d, province) in enumerate(
                    (
                        (p, d, province)
                        for p, province in enumerate(self.provinces, start=1)
                        for d in range(1, sizes.districts_per_province + 1)
                    ),
                    start=1,
                )
            ),
        )
        self.communes = self._create(
            Commune,
            (
                Commune(
                    place_list=listed,
                    code=CODE_BASE + i,
                    name=f"mẫu {district.name[4:]}.{c:02d}",
                    province_id=district.province_id,
                    district=district,
                )
                for i, (district, c) in enumerate(
                    ((district, c) for district in self.districts for c in range(1, sizes.communes_per_district + 1)),
                    start=1,
                )
            ),
        )
        self.villages = self._create(
            Village,
            (
                Village(commune=commune, name=f"mẫu {v:02d}")
                for commune in self.communes
                for v in range(1, sizes.villages_per_commune + 1)
            ),
        )

    def logins(self) -> None:
        users = get_user_model().objects
        self.district_officer = district_officer = users.create_user(
            username=DISTRICT_USERNAME, password=PASSWORD, first_name="Phòng VH-TT"
        )
        Official.objects.create(
            user=district_officer, role=Official.Role.DISTRICT_OFFICER, district=self.communes[0].district
        )
        self.clerk = users.create_user(username=CLERK_USERNAME, password=PASSWORD, first_name="Công chức VH-XH")
        Official.objects.create(user=self.clerk, role=Official.Role.CLERK, commune=self.communes[0])

    def _teams_to_create(self) -> Iterator[Team]:
        villages_of = {}
        for village in self.villages:
            villages_of.setdefault(village.commune_id, []).append(village)
        index = 0
        for commune in self.communes:
            yield Team(
                commune=commune, level=Team.Level.COMMUNE, status=Team.Status.ACTIVE, established_on=ESTABLISHED_ON
            )
            for village in villages_of.get(commune.pk, []):
                index += 1
                if index % SKIP_VILLAGE_EVERY:
                    yield Team(
                        commune=commune,
                        village=village,
                        level=Team.Level.VILLAGE,
                        status=Team.Status.ACTIVE,
                        established_on=ESTABLISHED_ON,
                    )

    def _person(self, team: Team, position: str, office: str) -> Person:
        rng = self.rng
        gender = rng.choice(Person.Gender.values)
        middle = "Thị" if gender == Person.Gender.FEMALE else rng.choice(MIDDLE)
        full_name = f"{rng.choice(SURNAMES)} {middle} {rng.choice(GIVEN)}"
        return Person(
            commune_id=team.commune_id,
            village_id=team.village_id,
            full_name=full_name,
            search_name=fold(full_name),
            gender=gender,
            birth_year=rng.randint(1965, 2005),
            phone=f"09{rng.randrange(10**8):08d}",
            position=position,
            office=office,
        )

    def teams(self) -> None:
        # Per team: its commune, and for the commune team its leader (who signs the decisions).
        self.team_ids_of: dict[int, list[int]] = {}
        self.signer_of: dict[int, int] = {}
        for batch in batched(self._teams_to_create()):
            teams = self._create(Team, batch)
            seats = [(team, COMMUNE_SEATS if team.village_id is None else VILLAGE_SEATS) for team in teams]
            people = self._create(
                Person,
                (self._person(team, position, office) for team, layout in seats for _, position, office in layout),
            )
            people_iter = iter(people)
            memberships = []
            for team, layout in seats:
                self.team_ids_of.setdefault(team.commune_id, []).append(team.pk)
                for seat, (role, position, _) in enumerate(layout, start=1):
                    person = next(people_iter)
                    if team.village_id is None and role == Role.LEADER:
                        self.signer_of[team.commune_id] = person.pk
                    memberships.append(
                        Membership(
                            team=team, person=person, role=role, position=position, seat=seat, start_date=ESTABLISHED_ON
                        )
                    )
            self._create(Membership, memberships)

    def _decisions_to_create(self) -> Iterator[Decision]:
        communes = self.communes
        year_start = datetime.date(DECISION_YEAR, 1, 1)
        now = timezone.now()
        for i in range(self.sizes.decisions):
            commune = communes[i % len(communes)]
            number = i // len(communes) + 1
            team_ids = self.team_ids_of[commune.pk]
            issued_on = year_start + datetime.timedelta(days=min(number, 364))
            yield Decision(
                commune=commune,
                team_id=team_ids[(number - 1) % len(team_ids)],
                kind=Decision.Kind.ESTABLISH,
                status=Decision.Status.ISSUED,
                subject="Về việc thành lập Tổ chuyển đổi số cộng đồng (dữ liệu mẫu)",
                proposer="Xét đề nghị của Công chức Văn hóa - Xã hội",
                article1="Thành lập Tổ chuyển đổi số cộng đồng.",
                article2="Điều 2. Chế độ làm việc và nhiệm vụ.",
                article3="Điều 3. Quyết định có hiệu lực kể từ ngày ký.",
                recipients="Như Điều 3;\nLưu: VT.",
                number=number,
                year=DECISION_YEAR,
                issued_on=issued_on,
                issued_at=now,
                signer_id=self.signer_of[commune.pk],
                snapshot={"synthetic": True},
                pdf_sha256="",
            )

    def decisions(self) -> None:
        last_number: dict[int, int] = {}
        entries = []
        for batch in batched(self._decisions_to_create()):
            for decision in self._create(Decision, batch):
                last_number[decision.commune_id] = decision.number
                entries.append(
                    RegisterEntry(
                        commune_id=decision.commune_id,
                        doc_type=DocumentType.DECISION,
                        year=decision.year,
                        number=decision.number,
                        symbol=f"{DocumentType.DECISION}-UBND",
                        issued_on=decision.issued_on,
                        subject=decision.subject,
                        signer_name="Chủ tịch mẫu",
                        signer_position="Chủ tịch UBND",
                        recipients=decision.recipients,
                        decision=decision,
                    )
                )
        self._create(RegisterEntry, entries)
        self._create(
            NumberSequence,
            (
                NumberSequence(commune_id=commune_id, doc_type=DocumentType.DECISION, year=DECISION_YEAR, last_number=n)
                for commune_id, n in last_number.items()
            ),
        )

    def _months(self) -> Iterator[tuple[int, int]]:
        year, month = FIRST_PERIOD
        while True:
            yield year, month
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    def _indicator_sets(self) -> list[tuple[IndicatorSet, list[IndicatorDefinition]]]:
        """The default set (the eight) and its second version, valid from the second month."""
        first = indicator_sets.default_set()
        year, month = FIRST_PERIOD
        second = IndicatorSet.objects.create(
            plan=None,
            version=2,
            valid_from=datetime.date(year + month // 12, month % 12 + 1, 1),
            note="Dữ liệu mẫu: các chỉ tiêu sau sắp xếp đơn vị hành chính.",
        )
        IndicatorDefinition.objects.bulk_create(
            IndicatorDefinition(
                indicator_set=second, position=n, code=code, label=label, unit=unit, maximum=maximum, rollup=rollup
            )
            for n, (code, label, unit, maximum, rollup) in enumerate(REFORM_ERA_SET, start=1)
        )
        return [(one, indicator_sets.definitions_of(one)) for one in (first, second)]

    def reports(self) -> None:
        """One report per team and month, commune after commune, until the values are all there."""
        sets = self._indicator_sets()
        per_report = len(sets[0][1])
        remaining = self.sizes.report_values // per_report
        if not remaining:
            return
        pending: list[TeamReport] = []

        def flush():
            reports = self._create(TeamReport, pending)
            definitions = {one.pk: listed for one, listed in sets}
            self._create(
                ReportValue,
                (
                    ReportValue(report=report, indicator=d.code, value=self.rng.randint(0, min(d.maximum, 60)))
                    for report in reports
                    for d in definitions[report.indicator_set_id]
                ),
            )
            pending.clear()

        for year, month in self._months():
            due = due_on(year, month)
            filed_at = timezone.make_aware(datetime.datetime.combine(due, datetime.time(9)))
            day = datetime.date(year, month, 1)
            indicator_set = [one for one, _ in sets if one.valid_from <= day][-1]
            communes = []
            planned = remaining
            for commune in self.communes:
                if planned <= 0:
                    break
                communes.append(commune)
                planned -= len(self.team_ids_of[commune.pk])
            periods = self._create(
                ReportingPeriod,
                (
                    ReportingPeriod(commune=c, year=year, month=month, due_on=due, opened_by=self.clerk)
                    for c in communes
                ),
            )
            for period in periods:
                for team_id in self.team_ids_of[period.commune_id][:remaining]:
                    pending.append(
                        TeamReport(
                            team_id=team_id,
                            period=period,
                            filed_by=self.clerk,
                            filed_at=filed_at,
                            indicator_set=indicator_set,
                        )
                    )
                    remaining -= 1
                    if len(pending) == BATCH:
                        flush()
            if remaining <= 0:
                break
        if pending:
            flush()

    # How the months stand once their figures are in: the supervisor accepted most, some wait
    # for the supervisor, a few were sent back, the rest are still open (reports.approval).
    MONTH_SHARES = (
        (ReportingPeriod.Status.ACCEPTED, 0.70),
        (ReportingPeriod.Status.APPROVED, 0.10),
        (ReportingPeriod.Status.SENT_BACK, 0.05),
        (ReportingPeriod.Status.OPEN, 0.15),
    )

    def approvals(self) -> None:
        """Each month a state (``MONTH_SHARES`` of them, at least one each) with its trail, and
        its reports accepted by the clerk but in an open month, where a quarter still wait. Set
        after the figures are stored: the database refuses figures under an accepted report
        (integrity 0011)."""
        periods = list(ReportingPeriod.objects.order_by("pk").values_list("pk", flat=True))
        self.rng.shuffle(periods)
        chosen: dict[str, list[int]] = {}
        start = 0
        for status, share in self.MONTH_SHARES[:-1]:
            size = max(1, round(share * len(periods)))
            chosen[status], start = periods[start : start + size], start + size
        chosen[self.MONTH_SHARES[-1][0]] = periods[start:]
        Status, Action = ReportingPeriod.Status, PeriodEvent.Action
        decided = [*chosen[Status.ACCEPTED], *chosen[Status.APPROVED], *chosen[Status.SENT_BACK]]
        open_reports = list(
            TeamReport.objects.filter(period__in=chosen[Status.OPEN]).order_by("pk").values_list("pk", flat=True)
        )
        accepted_reports = [pk for pk in open_reports if self.rng.random() < 0.75]
        for batch in batched(decided):
            TeamReport.objects.filter(period__in=batch).update(status=TeamReport.Status.ACCEPTED)
        for batch in batched(accepted_reports):
            TeamReport.objects.filter(pk__in=batch).update(status=TeamReport.Status.ACCEPTED)
        now = timezone.now()
        for status in (Status.ACCEPTED, Status.APPROVED, Status.SENT_BACK):
            for batch in batched(chosen[status]):
                ReportingPeriod.objects.filter(pk__in=batch).update(
                    status=status, closed_at=None if status == Status.SENT_BACK else now
                )
        trail = {
            Status.ACCEPTED: ((Action.APPROVED, self.clerk, ""), (Action.ACCEPTED, self.district_officer, "")),
            Status.APPROVED: ((Action.APPROVED, self.clerk, ""),),
            Status.SENT_BACK: (
                (Action.APPROVED, self.clerk, ""),
                (Action.SENT_BACK, self.district_officer, "Dữ liệu mẫu: đề nghị bổ sung báo cáo."),
            ),
        }
        self._create(
            PeriodEvent,
            (
                PeriodEvent(period_id=pk, action=action, by=by, comment=comment, at=now)
                for status, steps in trail.items()
                for pk in chosen[status]
                for action, by, comment in steps
            ),
        )
        shares = (len(chosen[s]) for s in (Status.ACCEPTED, Status.APPROVED, Status.SENT_BACK, Status.OPEN))
        self.stdout.write("  months accepted / waiting / sent back / open: " + " / ".join(f"{n:,}" for n in shares))

    def reform(self) -> None:
        """The two-tier world of 1 July 2025, as a reform applied province by province leaves it."""
        listed = place_list(official_lists.TWO_TIERS)
        old_list = self.provinces[0].place_list
        pairs = [
            self.provinces[i : i + OLD_PER_NEW_PROVINCE] for i in range(0, len(self.provinces), OLD_PER_NEW_PROVINCE)
        ]
        self.new_provinces = self._create(
            Province,
            (Province(place_list=listed, code=pair[0].code, name=f"mẫu mới {pair[0].name[4:]}") for pair in pairs),
        )
        province_of = {old.pk: new for pair, new in zip(pairs, self.new_provinces, strict=True) for old in pair}
        reforms = self._create(
            Reform,
            (
                Reform(
                    province=province,
                    from_list=old_list,
                    to_list=listed,
                    effective_on=official_lists.REFORM_DAY,
                    legal_basis=REFORM_BASIS,
                )
                for province in self.new_provinces
            ),
        )
        reform_of = {reform.province_id: reform for reform in reforms}
        # Three old communes of one district per new commune (a district's last group may be shorter).
        groups = []
        by_district: dict[int, list[Commune]] = {}
        for commune in self.communes:
            by_district.setdefault(commune.district_id, []).append(commune)
        for communes in by_district.values():
            groups += [communes[i : i + OLD_PER_NEW_COMMUNE] for i in range(0, len(communes), OLD_PER_NEW_COMMUNE)]
        self.new_communes = self._create(
            Commune,
            (
                Commune(
                    place_list=listed,
                    code=group[0].code,
                    name=f"mẫu mới {group[0].name[4:]}",
                    province=province_of[group[0].province_id],
                )
                for group in groups
            ),
        )
        links = []
        for i, (group, new) in enumerate(zip(groups, self.new_communes, strict=True)):
            reform = reform_of[new.province_id]
            following = self.new_communes[i + 1] if i + 1 < len(groups) else None
            split = i % SPLIT_EVERY == 0 and len(group) == OLD_PER_NEW_COMMUNE and following is not None
            split = split and following.province_id == new.province_id
            for k, old in enumerate(group):
                part = split and k == OLD_PER_NEW_COMMUNE - 1
                links.append(Succession(reform=reform, successor=new, predecessor=old, whole=not part))
                if part:
                    links.append(Succession(reform=reform, successor=following, predecessor=old, whole=False))
        self._create(Succession, links)
        Commune.objects.filter(pk__in=[c.pk for c in self.communes]).update(ceased_on=official_lists.REFORM_DAY)
        heir = Succession.objects.filter(predecessor=OuterRef("commune"), whole=True).values("successor")[:1]
        whole = {"commune__successor_links__whole": True}
        # Every old commune has its "mẫu 01" village: as a council would before the reform,
        # each takes its old commune's name along ("mẫu 01 (mẫu 01.01.02)").
        old_name = Subquery(Commune.objects.filter(pk=OuterRef("commune")).values("name")[:1], output_field=CharField())
        name = ExpressionWrapper(F("name"), output_field=CharField())
        Village.objects.filter(**whole).update(
            name=Concat(name, Value(" ("), old_name, Value(")"), output_field=CharField())
        )
        Village.objects.filter(**whole).update(commune=Subquery(heir))
        Team.objects.filter(level=Team.Level.VILLAGE, **whole).update(commune=Subquery(heir))
        Person.objects.filter(village__isnull=False, **whole).update(commune=Subquery(heir))
        users = get_user_model().objects
        officer = users.create_user(username=PROVINCE_USERNAME, password=PASSWORD, first_name="Sở KH&CN")
        Official.objects.create(user=officer, role=Official.Role.PROVINCE_OFFICER, province=self.new_provinces[0])
        national = users.create_user(username=NATIONAL_USERNAME, password=PASSWORD, first_name="Bộ KH&CN")
        Official.objects.create(user=national, role=Official.Role.NATIONAL_OFFICER)

    def analyze(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def summary(self) -> str:
        width = max(len(name) for name in self.counts)
        lines = [f"  {name:<{width}}  {count:>9,}" for name, count in self.counts.items()]
        lines += [
            "",
            f"Logins (password {PASSWORD}):",
            f"  district officer  {DISTRICT_USERNAME}  ({self.communes[0].district.full_name})",
            f"  commune clerk     {CLERK_USERNAME}  ({self.communes[0].full_name})",
        ]
        if self.with_reform:
            lines += [
                f"  province officer  {PROVINCE_USERNAME}  ({self.new_provinces[0].full_name})",
                f"  national officer  {NATIONAL_USERNAME}",
            ]
        return "\n".join(lines)
