"""The main menu as data: five groups of links, each link shown to the roles that may open it.

Who sees a link follows ``accounts.scoping``, the same checks the pages themselves make, so
no one is offered a page that would refuse them. ``menu_for(user, view_name)`` gives the
groups a user sees (a group with no link for them is left out) with the current page
marked; ``context`` (a context processor) hands it to every page (templates/includes/_nav.html).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise, SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from accounts import scoping
from accounts.models import Official


@dataclass(frozen=True)
class Viewer:
    """What the menu asks of a login, read once per page from the official loaded with the user."""

    role: str | None
    signs: bool
    staff: bool
    signing_enabled: bool

    @classmethod
    def of(cls, user) -> "Viewer":
        official = scoping.official_of(user)
        return cls(
            role=official.role if official else None,
            signs=bool(official and official.signs),
            staff=bool(getattr(user, "is_staff", False)),
            signing_enabled=getattr(settings, "DOCUMENT_SIGNING_BACKEND", "none") != "none",
        )


def everyone(viewer: Viewer) -> bool:
    return True


def whole_commune(viewer: Viewer) -> bool:
    """``scoping.reads_whole_commune``: an official who is not a team leader."""
    return viewer.role is not None and viewer.role != Official.Role.TEAM_LEADER


def clerk(viewer: Viewer) -> bool:
    return viewer.role == Official.Role.CLERK


def signer(viewer: Viewer) -> bool:
    return viewer.signs


def province_officer(viewer: Viewer) -> bool:
    """``scoping.may_assign_villages``."""
    return viewer.role == Official.Role.PROVINCE_OFFICER


def reviews_reports(viewer: Viewer) -> bool:
    """A step of the monthly reports' approval (``reports.approval``): the clerk accepts the
    teams' reports, the chairman approves the month, the district or province officer accepts it."""
    return viewer.signs or viewer.role in {
        Official.Role.CLERK,
        Official.Role.DISTRICT_OFFICER,
        Official.Role.PROVINCE_OFFICER,
    }


def clerk_of_a_signing_commune(viewer: Viewer) -> bool:
    return clerk(viewer) and viewer.signing_enabled


def staff(viewer: Viewer) -> bool:
    return viewer.staff


@dataclass(frozen=True)
class Item:
    url_name: str
    label: Promise
    shown: Callable[[Viewer], bool]
    # The pages reached from this one (by URL name, or a namespace ending in ":"): on them
    # the item and its group are highlighted, but not marked as the current page.
    under: tuple[str, ...] = ()

    def covers(self, view_name: str) -> bool:
        return any(view_name == name or (name.endswith(":") and view_name.startswith(name)) for name in self.under)


@dataclass(frozen=True)
class Group:
    key: str
    label: Promise
    items: tuple[Item, ...]


MENU: tuple[Group, ...] = (
    Group(
        "work",
        _("Work to do"),
        (
            Item("home", _("Home"), everyone),
            Item("decisions:inbox", _("To issue"), signer),
            Item("reports:waiting", _("Reports waiting for me"), reviews_reports),
            Item("joining:list", _("Joining and leaving"), everyone, ("joining:",)),
            Item("dashboard:village_moves", _("Villages to assign"), province_officer, ("dashboard:village_assign",)),
        ),
    ),
    Group(
        "teams",
        _("Teams and people"),
        (
            Item(
                "teams:village_list",
                _("Villages and teams"),
                everyone,
                ("teams:village_create", "teams:village_update", "teams:team_detail", "teams:team_update"),
            ),
            Item(
                "teams:person_list",
                _("People"),
                everyone,
                ("teams:person_create", "teams:person_detail", "teams:person_update"),
            ),
            Item("residents:index", _("Public pages"), clerk, ("residents:",)),
            Item("accounts:login_list", _("Logins"), clerk, ("accounts:",)),
        ),
    ),
    Group(
        "documents",
        _("Documents"),
        (
            Item(
                "decisions:list",
                _("Decisions"),
                everyone,
                ("decisions:detail", "decisions:create", "decisions:edit", "decisions:compose", "decisions:preview"),
            ),
            Item("decisions:register", _("Outgoing register"), whole_commune),
            Item("decisions:bases", _("Legal bases"), clerk),
            Item(
                "documents:signing_images",
                _("Signature and seal"),
                clerk_of_a_signing_commune,
                ("documents:signature_upload", "documents:seal_upload"),
            ),
            Item("documents:check", _("Check an issued document"), everyone),
        ),
    ),
    Group(
        "reports",
        _("Reports"),
        (Item("reports:period_list", _("Monthly reports"), everyone, ("reports:", "commune_reports:")),),
    ),
    Group(
        "supervision",
        _("Supervision"),
        (
            Item(
                "dashboard:district",
                _("Rollout"),
                whole_commune,
                ("dashboard:commune", "dashboard:province", "dashboard:provinces"),
            ),
            Item("admin:index", _("Administration"), staff),
        ),
    ),
)


@dataclass
class Link:
    url: str
    label: Promise
    current: bool  # this very page: aria-current="page"
    active: bool  # this page or one reached from it


@dataclass
class Shown:
    key: str
    label: Promise
    links: list[Link] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any(link.active for link in self.links)


def menu_for(user, view_name: str | None) -> list[Shown]:
    """The groups ``user`` sees, each with the links shown to them, the current page marked."""
    if user is None or not user.is_authenticated:
        return []
    viewer = Viewer.of(user)
    groups = []
    for group in MENU:
        shown = Shown(group.key, group.label)
        for item in group.items:
            if not item.shown(viewer):
                continue
            current = view_name == item.url_name
            shown.links.append(
                Link(reverse(item.url_name), item.label, current, current or bool(view_name and item.covers(view_name)))
            )
        if shown.links:
            groups.append(shown)
    return groups


# A province officer's province is not loaded with the user (accounts.backends): its name is
# kept this long rather than asked on every page.
PROVINCE_NAME_SECONDS = 300


@dataclass(frozen=True)
class Identity:
    name: str
    role: str  # as the role is called ("văn thư xã"), empty for a login without an official
    place: str  # "Xã Đức Thọ", "Huyện Đức Thọ", "Tỉnh Hà Tĩnh", "Toàn quốc", or empty


def _province_name(province_id: int) -> str:
    from django.core.cache import cache

    from teams.models import Province

    key = f"menu:province:{province_id}"
    name = cache.get(key)
    if name is None:
        name = Province.objects.get(pk=province_id).title_name
        cache.set(key, name, PROVINCE_NAME_SECONDS)
    return name


def identity_of(user) -> Identity | None:
    """Who is logged in, as the header shows them (None for a visitor)."""
    if user is None or not user.is_authenticated:
        return None
    official = scoping.official_of(user)
    name = user.get_full_name() or user.get_username()
    if official is None:
        return Identity(name=name, role="", place="")
    if official.commune_id:
        place = official.commune.title_name
    elif official.district_id:
        place = official.district.title_name
    elif official.province_id:
        place = _province_name(official.province_id)
    else:
        place = str(_("Nationwide"))
    return Identity(name=name, role=str(official.get_role_display()), place=place)


def context(request) -> dict:
    """Context processor (settings.TEMPLATES): the menu and the header's identity, for every page.
    Computed when a template first reads them; no query (a province's name is kept a while)."""
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    return {
        "MENU": SimpleLazyObject(lambda: menu_for(user, match.view_name if match else None)),
        "IDENTITY": SimpleLazyObject(lambda: identity_of(user)),
    }
