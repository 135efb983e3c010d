"""Logins: who may create, change, disable and re-enable them, and under which rules.

A login is a Django user with its ``teams.Official`` row (role, commune or district, person).
The commune clerk manages the logins of the commune's team leaders and vice-chairmen; the
clerk's own login, the chairman's, a district officer's and any staff or superuser account
are out of the clerk's reach. Those are made by the superuser with ``manage.py
create_official`` (``official_create``). Logins are disabled, never deleted: decisions,
reports and the audit trail refer to their users.

Each action is one transaction: it checks who acts (``accounts.scoping``), validates with
Django's username and password validators, and writes one audit entry (django-auditlog's
``LogEntry`` on the user, with the acting user and the action's name).
"""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from auditlog.models import LogEntry
from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts import scoping
from teams.models import Commune, District, Person, Province

from .models import Official

# The roles a clerk may grant and manage; every other role is the superuser's.
MANAGEABLE_ROLES = (Official.Role.TEAM_LEADER, Official.Role.VICE_CHAIRMAN)
# Easy to read aloud and to type on a phone: no 0/o, 1/l/i.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_GROUPS, PASSWORD_GROUP_LENGTH = 3, 4

User = get_user_model()


@dataclass(frozen=True)
class Issued:
    """A login after an action that set its password: ``password`` is the generated one, to
    show once, or "" when the clerk typed it."""

    official: Official
    password: str


# Checks --------------------------------------------------------------------------------------


@contextmanager
def _gathered(errors: dict) -> Iterator[None]:
    """Collect a field's refusal into ``errors``, so the form shows every refusal at once."""
    try:
        yield
    except ValidationError as exc:
        exc.update_error_dict(errors)


def _require_clerk(by, commune: Commune) -> None:
    scoping.require_clerk(by, commune)


def _require_manageable(official: Official, *, by) -> None:
    """A login a clerk may manage (which has a commune), and ``by`` the clerk of its commune."""
    if official.role not in MANAGEABLE_ROLES:
        raise PermissionDenied(_("The clerk manages only the logins of team leaders and vice-chairmen."))
    if official.user.is_superuser or official.user.is_staff:
        raise PermissionDenied(_("This login opens the administration: only the administrator manages it."))
    _require_clerk(by, official.commune)


def _check_grantable(role: str) -> None:
    if role not in MANAGEABLE_ROLES:
        raise ValidationError({"role": _("A clerk may grant only the team leader and vice-chairman roles.")})


def _check_person(person: Person | None, *, commune: Commune | None, official: Official | None = None) -> None:
    """``person`` is kept by ``commune`` and has no other login. The person's row is locked
    first, so that two clerks cannot give one person two logins at the same time."""
    if person is None:
        return
    if commune is None or person.commune_id != commune.pk:
        raise ValidationError({"person": _("This person is kept by another commune.")})
    Person.objects.select_for_update().get(pk=person.pk)
    others = Official.objects.filter(person=person).select_related("user")
    if official is not None:
        others = others.exclude(pk=official.pk)
    taken = others.first()
    if taken is not None:
        raise ValidationError(
            {
                "person": _("%(name)s already has a login: %(username)s.")
                % {"name": person.full_name, "username": taken.user.get_username()}
            }
        )


def _clean_username(username: str) -> str:
    """ASCII only: a username typed on a phone must match whatever accents its keyboard composes."""
    username = User.normalize_username((username or "").strip())
    if not username:
        raise ValidationError({"username": _("Enter a username.")})
    try:
        ASCIIUsernameValidator()(username)
    except ValidationError as exc:
        raise ValidationError(
            {"username": _("Use only letters without accents, digits and . _ - (for example totruong.dongthai).")}
        ) from exc
    max_length = User._meta.get_field(User.USERNAME_FIELD).max_length
    if len(username) > max_length:
        raise ValidationError({"username": _("At most %(n)s characters.") % {"n": max_length}})
    if User.objects.filter(**{f"{User.USERNAME_FIELD}__iexact": username}).exists():
        raise _username_taken(username)
    return username


def _username_taken(username: str) -> ValidationError:
    message = _("The username %(username)s is taken (capital letters do not count).") % {"username": username}
    return ValidationError({"username": message})


def password_generate() -> str:
    """Three groups of four letters and digits: about 59 bits, read out and typed easily."""
    return "-".join(
        "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_GROUP_LENGTH)) for _ in range(PASSWORD_GROUPS)
    )


def _set_password(user, password: str | None) -> str:
    """Set the typed password, or a generated one; the generated one is returned to show."""
    generated = ""
    if not password:
        password = generated = password_generate()
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    return generated


def _save_user(user) -> None:
    """Save a new user; a username saved meanwhile by someone else is refused like a taken one."""
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise _username_taken(user.get_username()) from exc


def _record(official: Official, *, action: str, by, changes: dict[str, list[str]]) -> None:
    """One audit entry on the user: who did what, and what changed (passwords never shown)."""
    LogEntry.objects.log_create(
        official.user,
        force_log=True,
        action=LogEntry.Action.CREATE if action == "login_create" else LogEntry.Action.UPDATE,
        actor=by,
        changes=changes,
        additional_data={"action": action},
    )


def _person_name(person: Person | None) -> str:
    return person.full_name if person else ""


def _locked(official: Official) -> Official:
    """The login's rows (official and user), locked: two clerks' changes to it take turns."""
    locked = Official.objects.select_for_update(of=("self", "user"))
    return locked.select_related("user", "commune", "person").get(pk=official.pk)


def _clear_lockouts(username: str) -> None:
    """A reset or re-enabled login is worth little while failed attempts still lock it out."""
    axes_reset(username=username)


# Actions of the clerk --------------------------------------------------------------------------


@transaction.atomic
def login_create(
    *, commune: Commune, person: Person, role: str, username: str, password: str | None = None, by
) -> Issued:
    """A login for a team leader or vice-chairman of ``commune``, made by its clerk."""
    _require_clerk(by, commune)
    errors, generated = {}, ""
    with _gathered(errors):
        _check_grantable(role)
    with _gathered(errors):
        _check_person(person, commune=commune)
    with _gathered(errors):
        username = _clean_username(username)
    user = User(username=username, first_name=person.full_name[:150])
    with _gathered(errors):
        generated = _set_password(user, password)
    if errors:
        raise ValidationError(errors)
    _save_user(user)
    official = Official(user=user, role=role, commune=commune, person=person)
    official.full_clean()
    official.save()
    _record(
        official,
        action="login_create",
        by=by,
        changes={"username": ["", user.get_username()], "role": ["", role], "person": ["", person.full_name]},
    )
    return Issued(official=official, password=generated)


@transaction.atomic
def login_update(*, official: Official, role: str, person: Person, by) -> Official:
    """Change a login's role (between team leader and vice-chairman) or its person."""
    official = _locked(official)
    _require_manageable(official, by=by)
    errors = {}
    with _gathered(errors):
        _check_grantable(role)
    with _gathered(errors):
        _check_person(person, commune=official.commune, official=official)
    if errors:
        raise ValidationError(errors)
    changes = {}
    if official.role != role:
        changes["role"] = [official.role, role]
    if official.person_id != person.pk:
        changes["person"] = [_person_name(official.person), person.full_name]
    if not changes:
        return official
    official.role, official.person = role, person
    official.full_clean()
    official.save(update_fields=["role", "person"])
    if "person" in changes:
        official.user.first_name = person.full_name[:150]
        official.user.save(update_fields=["first_name"])
    _record(official, action="login_update", by=by, changes=changes)
    return official


def _set_active(official: Official, *, active: bool, action: str, by) -> Official:
    official = _locked(official)
    _require_manageable(official, by=by)
    user = official.user
    if user.is_active == active:
        return official
    user.is_active = active
    user.save(update_fields=["is_active"])
    if active:
        _clear_lockouts(user.get_username())
    _record(official, action=action, by=by, changes={"is_active": [str(not active), str(active)]})
    return official


@transaction.atomic
def login_disable(*, official: Official, by) -> Official:
    """The login can no longer log in, and its open sessions end; the user and its history stay."""
    return _set_active(official, active=False, action="login_disable", by=by)


@transaction.atomic
def login_enable(*, official: Official, by) -> Official:
    return _set_active(official, active=True, action="login_enable", by=by)


@transaction.atomic
def login_set_password(*, official: Official, password: str | None = None, by) -> Issued:
    """Reset the password (typed by the clerk, or generated): the login's open sessions end."""
    official = _locked(official)
    _require_manageable(official, by=by)
    user = official.user
    generated = _set_password(user, password)
    user.save(update_fields=["password"])
    _clear_lockouts(user.get_username())
    _record(official, action="login_set_password", by=by, changes={"password": ["", "***"]})
    return Issued(official=official, password=generated)


# The superuser's action (manage.py create_official) -------------------------------------------


def _check_places(role: str, *, commune, district, province, person) -> None:
    """Each role names exactly its own kind of place: a commune, a district, a province, or none."""
    if role == Official.Role.DISTRICT_OFFICER:
        if district is None or commune is not None or province is not None or person is not None:
            raise ValidationError({"district": _("A district officer needs a district, and no commune or person.")})
    elif role == Official.Role.PROVINCE_OFFICER:
        if province is None or commune is not None or district is not None or person is not None:
            raise ValidationError(
                {"province": _("A province officer needs a province, and no commune, district or person.")}
            )
    elif role == Official.Role.NATIONAL_OFFICER:
        if commune is not None or district is not None or province is not None or person is not None:
            raise ValidationError({"role": _("A national officer reads every province: give no place or person.")})
    elif commune is None or district is not None or province is not None:
        raise ValidationError({"commune": _("A commune official needs a commune, and no district or province.")})


@transaction.atomic
def official_create(
    *,
    username: str,
    role: str,
    password: str,
    commune: Commune | None = None,
    district: District | None = None,
    province: Province | None = None,
    person: Person | None = None,
) -> Official:
    """Any role, for whoever runs manage.py on the server (clerks, chairmen, district, province
    and national officers)."""
    if role not in Official.Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    _check_places(role, commune=commune, district=district, province=province, person=person)
    errors = {}
    with _gathered(errors):
        _check_person(person, commune=commune)
    with _gathered(errors):
        username = _clean_username(username)
    user = User(username=username, first_name=_person_name(person)[:150])
    with _gathered(errors):
        if not password:
            raise ValidationError({"password": _("Enter a password.")})
        _set_password(user, password)
    if errors:
        raise ValidationError(errors)
    _save_user(user)
    official = Official(user=user, role=role, commune=commune, district=district, province=province, person=person)
    official.full_clean()
    official.save()
    _record(
        official,
        action="login_create",
        by=None,
        changes={"username": ["", user.get_username()], "role": ["", role], "person": ["", _person_name(person)]},
    )
    return official
