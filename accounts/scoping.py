"""Who may do what, and see which places: one module every service and view uses.

A login's reach comes from its ``teams.Official`` row: a commune (clerk, chairman,
vice-chairman, team leader), a district (district officer, read-only: the years before the
2025 reform), a province with its history (province officer, read-only but for assigning the
villages of a split commune: ``may_assign_villages``) or every commune (national officer,
read-only). Deny by default:
a user without an Official row sees nothing and may do nothing. An object outside one's
scope is answered with 404, so its existence does not leak.

A commune official also reads the history of the old communes a reform merged into their
commune, and changes none of it.

A team leader's row names their commune, but they read only the teams they lead
(``led_team_filter``; ``teams.selectors.readable_teams`` and the selectors built on it):
what belongs to the whole commune (its other teams, its reports to the district, its
outgoing register, its rollout) is not theirs (``reads_whole_commune``).
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from teams.models import Commune, Province, Succession
from teams.official_lists import REFORM_DAY

from .models import Official

SEVERAL_COMMUNES = frozenset(
    {Official.Role.DISTRICT_OFFICER, Official.Role.PROVINCE_OFFICER, Official.Role.NATIONAL_OFFICER}
)


def official_of(user) -> Official | None:
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.official
    except Official.DoesNotExist:
        return None


def role_of(user) -> str | None:
    official = official_of(user)
    return official.role if official else None


def province_communes(province_id: int) -> QuerySet[Commune]:
    """Every commune of the province with its history: the communes of its list, those of the
    other lists under the same province code (the three-tier list before the 2025 reform), and
    any old commune a reform merged into one of its communes (a province merged into this one)."""
    same_code = Province.objects.filter(code__in=Province.objects.filter(pk=province_id).values("code"))
    predecessors = Succession.objects.filter(successor__province_id=province_id).values("predecessor")
    # Two uncorrelated subqueries (each run once), not an EXISTS per commune: the database
    # reads the province's communes by index instead of testing all the country's.
    return Commune.objects.filter(Q(province__in=same_code.values("pk")) | Q(pk__in=predecessors))


def _reach(official: Official) -> Q | None:
    """The communes an official reads, as a filter on ``Commune`` (None: every commune)."""
    if official.role == Official.Role.NATIONAL_OFFICER:
        return None
    if official.role == Official.Role.PROVINCE_OFFICER:
        return Q(pk__in=province_communes(official.province_id).values("pk"))
    if official.role == Official.Role.DISTRICT_OFFICER:
        return Q(district_id=official.district_id)
    return Q(pk__in=_own_and_predecessors(official.commune_id))


def _own_and_predecessors(commune_id: int) -> QuerySet:
    """The commune and the old communes merged into it, as one list (UNION ALL): not
    "pk = own OR pk IN (predecessors)", which PostgreSQL reads through every row of the table
    (195 ms for the decisions of a national-size database, 4 ms with the list)."""
    own = Commune.objects.filter(pk=commune_id).order_by().values("pk")
    return own.union(_predecessors(commune_id).order_by(), all=True)  # SQLite: no ORDER BY in a UNION's parts


def _predecessors(commune_id: int | None) -> QuerySet:
    """The old communes a reform merged into ``commune_id``: its officials read their history
    (Tùng Ảnh's 2022 decisions for Xã Đức Thọ's clerk), and change nothing of it
    (``require_clerk`` and ``require_signer`` compare the commune itself)."""
    return Succession.objects.filter(successor_id=commune_id).values("predecessor")


def visible_communes(user) -> QuerySet[Commune]:
    """The communes ``user`` may read: their own, every commune of their district, of their
    province with its history, or (national officer) every commune."""
    official = official_of(user)
    if official is None:
        return Commune.objects.none()
    reach = _reach(official)
    return Commune.objects.all() if reach is None else Commune.objects.filter(reach)


def scope(user, queryset: QuerySet, *, commune_field: str = "commune") -> QuerySet:
    """``queryset`` narrowed to the rows of the communes ``user`` may read."""
    official = official_of(user)
    if official is None:
        return queryset.none()
    if official.role == Official.Role.NATIONAL_OFFICER:
        return queryset.filter(**{f"{commune_field}__isnull": False})
    if official.role == Official.Role.PROVINCE_OFFICER:
        return queryset.filter(**{f"{commune_field}__in": province_communes(official.province_id).values("pk")})
    if official.role == Official.Role.DISTRICT_OFFICER:
        return queryset.filter(**{f"{commune_field}__district_id": official.district_id})
    return queryset.filter(**{f"{commune_field}__in": _own_and_predecessors(official.commune_id)})


def readable_provinces(user) -> QuerySet[Province]:
    """The provinces whose dashboard ``user`` opens: their own (province officer), every one
    (national officer), none for anyone else."""
    official = official_of(user)
    if official is None:
        return Province.objects.none()
    if official.role == Official.Role.NATIONAL_OFFICER:
        return Province.objects.all()
    if official.role == Official.Role.PROVINCE_OFFICER:
        return Province.objects.filter(pk=official.province_id)
    return Province.objects.none()


def reads_several_communes(user) -> bool:
    """A district, province or national officer: lists name each row's commune."""
    return role_of(user) in SEVERAL_COMMUNES


def get_in_scope(user, queryset: QuerySet, *, commune_field: str = "commune", **lookup):
    """The object, or 404 when it does not exist *or* lies outside the user's scope."""
    try:
        return scope(user, queryset, commune_field=commune_field).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def commune_of(user) -> Commune | None:
    """The commune a commune official works for (None for a district, province or national officer)."""
    official = official_of(user)
    if official is None or official.commune_id is None:
        return None
    return official.commune


def is_clerk_of(user, commune: Commune) -> bool:
    official = official_of(user)
    return bool(official and official.role == Official.Role.CLERK and official.commune_id == commune.pk)


def is_signer_of(user, commune: Commune) -> bool:
    official = official_of(user)
    return bool(official and official.signs and official.commune_id == commune.pk)


def can_edit(user) -> bool:
    """Keeping places, people and teams, and drafting: the commune clerk only, while the
    commune exists (the clerk of a commune a reform merged away reads its history)."""
    official = official_of(user)
    if official is None or official.role != Official.Role.CLERK:
        return False
    return official.commune is None or official.commune.ceased_on is None


def require_clerk(user, commune: Commune) -> Official:
    if not is_clerk_of(user, commune):
        raise PermissionDenied(_("Only the clerk of %(commune)s may do this.") % {"commune": commune.full_name})
    if commune.ceased_on is not None:
        raise PermissionDenied(
            _("%(commune)s ceased to exist on %(day)s: its history can be read, not changed.")
            % {"commune": commune.title_name, "day": f"{commune.ceased_on:%d/%m/%Y}"}
        )
    return official_of(user)


def require_signer(user, commune: Commune) -> Official:
    if not is_signer_of(user, commune):
        raise PermissionDenied(
            _("Only the chairman or a vice-chairman of %(commune)s may do this.") % {"commune": commune.full_name}
        )
    return official_of(user)


def may_supervise(user, commune: Commune, *, on: datetime.date | None = None) -> bool:
    """Accepting, sending back and reopening a commune's month: the district officer of the
    commune's district for a month before the 2025 reform, the province officer of its
    province (with its history) for a month from the reform on. ``on`` is the month's first
    day; without it, either. Nobody else: the national officer reads, and the commune's own
    officials never accept their own month."""
    official = official_of(user)
    if official is None:
        return False
    if official.role == Official.Role.DISTRICT_OFFICER:
        return (on is None or on < REFORM_DAY) and commune.district_id == official.district_id
    if official.role == Official.Role.PROVINCE_OFFICER:
        return (on is None or on >= REFORM_DAY) and (
            province_communes(official.province_id).filter(pk=commune.pk).exists()
        )
    return False


def supervised_filter(user, *, commune_field: str = "commune") -> Q:
    """The months ``user`` supervises, as a filter on ``ReportingPeriod`` (``may_supervise`` for many)."""
    official = official_of(user)
    before_reform = Q(year__lt=REFORM_DAY.year) | Q(year=REFORM_DAY.year, month__lt=REFORM_DAY.month)
    if official is not None and official.role == Official.Role.DISTRICT_OFFICER:
        return before_reform & Q(**{f"{commune_field}__district_id": official.district_id})
    if official is not None and official.role == Official.Role.PROVINCE_OFFICER:
        return ~before_reform & Q(**{f"{commune_field}__in": province_communes(official.province_id).values("pk")})
    return Q(pk__in=[])


def reads_whole_commune(user) -> bool:
    """The commune's officials and the district, province and national officers; not a team
    leader, not a login without an Official row."""
    official = official_of(user)
    return official is not None and official.role != Official.Role.TEAM_LEADER


def may_assign_villages(user) -> bool:
    """The one change a province officer makes: which new commune a split commune's village joins."""
    return role_of(user) == Official.Role.PROVINCE_OFFICER


def assignable_moves_filter(user) -> Q:
    """The village moves ``user`` may assign: those of their province's reforms (none for anyone else)."""
    official = official_of(user)
    if official is None or official.role != Official.Role.PROVINCE_OFFICER:
        return Q(pk__in=[])
    return Q(reform__province_id=official.province_id)


def led_team_filter(user) -> Q:
    """For a team leader: the teams they lead now."""
    official = official_of(user)
    if official is None or official.person_id is None:
        return Q(pk__in=[])
    return Q(memberships__person_id=official.person_id, memberships__role="leader", memberships__end_date=None)
