"""Who may do what, and see which places: one module every service and view uses.

A login's reach comes from its ``teams.Official`` row: a commune (clerk, chairman,
vice-chairman, team leader) or a district (district officer, read-only). Deny by default:
a user without an Official row sees nothing and may do nothing. An object outside one's
scope is answered with 404, so its existence does not leak.

A team leader's row names their commune, but they read only the teams they lead
(``led_team_filter``; ``teams.selectors.readable_teams`` and the selectors built on it):
what belongs to the whole commune (its other teams, its reports to the district, its
outgoing register, its rollout) is not theirs (``reads_whole_commune``).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from teams.models import Commune

from .models import Official


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


def visible_communes(user) -> QuerySet[Commune]:
    """The communes ``user`` may read: their own, or every commune of their district."""
    official = official_of(user)
    if official is None:
        return Commune.objects.none()
    if official.role == Official.Role.DISTRICT_OFFICER:
        return Commune.objects.filter(district_id=official.district_id)
    return Commune.objects.filter(pk=official.commune_id)


def scope(user, queryset: QuerySet, *, commune_field: str = "commune") -> QuerySet:
    """``queryset`` narrowed to the rows of the communes ``user`` may read."""
    official = official_of(user)
    if official is None:
        return queryset.none()
    if official.role == Official.Role.DISTRICT_OFFICER:
        return queryset.filter(**{f"{commune_field}__district_id": official.district_id})
    return queryset.filter(**{f"{commune_field}_id": official.commune_id})


def get_in_scope(user, queryset: QuerySet, *, commune_field: str = "commune", **lookup):
    """The object, or 404 when it does not exist *or* lies outside the user's scope."""
    try:
        return scope(user, queryset, commune_field=commune_field).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def commune_of(user) -> Commune | None:
    """The commune a commune official works for (None for a district officer)."""
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


def reads_whole_commune(user) -> bool:
    """The commune's officials and the district officer; not a team leader, not a login
    without an Official row."""
    official = official_of(user)
    return official is not None and official.role != Official.Role.TEAM_LEADER


def led_team_filter(user) -> Q:
    """For a team leader: the teams they lead now."""
    official = official_of(user)
    if official is None or official.person_id is None:
        return Q(pk__in=[])
    return Q(memberships__person_id=official.person_id, memberships__role="leader", memberships__end_date=None)
