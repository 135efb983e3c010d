"""Every write of the residents app: one action, one transaction, who did it recorded.

Only the commune's clerk records consent, publishes a team's page, regenerates its
address and sets the commune's contact (``accounts.scoping.require_clerk``). A resident
sends a help request without an account; the team's leader or the clerk marks it handled.
"""

import datetime
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scoping
from teams.models import Commune, Person, Team

from .models import Action, CommunePublishing, ConsentRecord, HelpRequest, Method, PublicPage, Subject
from .selectors import latest_records

SCAN_MAX_BYTES = 5 * 1024 * 1024
# What a scan must start with, by the extension it bears: the name alone proves nothing.
SCAN_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


def check_scan(scan: UploadedFile) -> None:
    """A PDF, JPEG or PNG file of at most 5 MB, whose content is what its name says."""
    extension = scan.name.rsplit(".", 1)[-1].lower() if "." in scan.name else ""
    if extension not in SCAN_SIGNATURES:
        raise ValidationError({"scan": _("The scan must be a PDF, JPEG or PNG file.")})
    if scan.size > SCAN_MAX_BYTES:
        raise ValidationError({"scan": _("The scan must be a file of at most 5 MB.")})
    scan.seek(0)
    head = scan.read(8)
    scan.seek(0)
    if not head.startswith(SCAN_SIGNATURES[extension]):
        raise ValidationError({"scan": _("This file is not the PDF, JPEG or PNG its name says.")})


def _check_day(on: datetime.date) -> None:
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date cannot be in the future.")})


# Consent ----------------------------------------------------------------------------------


@transaction.atomic
def consent_give(
    *, person: Person, subject: str, on: datetime.date, method: str, scan: UploadedFile | None, by
) -> ConsentRecord:
    scoping.require_clerk(by, person.commune)
    person = Person.objects.select_for_update().get(pk=person.pk)
    _check_day(on)
    if method == Method.PAPER:
        if scan is None:
            raise ValidationError({"scan": _("Upload the scan of the signed form.")})
        check_scan(scan)
    elif scan is not None:
        raise ValidationError({"scan": _("A consent given in person has no scanned form.")})
    phone = ""
    if subject == Subject.PHONE:
        if not person.phone:
            raise ValidationError(_("This person has no phone number recorded: record the number first."))
        phone = person.phone
    current = latest_records([person.pk]).get((person.pk, subject))
    if current is not None and current.action == Action.GIVEN and current.phone == phone:
        raise ValidationError(_("This consent is already given."))
    record = ConsentRecord(
        person=person,
        subject=subject,
        action=Action.GIVEN,
        on=on,
        method=method,
        scan=scan or "",
        phone=phone,
        recorded_by=by,
    )
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def consent_withdraw(*, person: Person, subject: str, on: datetime.date, by) -> ConsentRecord:
    """A withdrawal is a new record: the page stops showing what it covered at once."""
    scoping.require_clerk(by, person.commune)
    person = Person.objects.select_for_update().get(pk=person.pk)
    _check_day(on)
    current = latest_records([person.pk]).get((person.pk, subject))
    if current is None or current.action != Action.GIVEN:
        raise ValidationError(_("There is no standing consent to withdraw."))
    if on < current.on:
        raise ValidationError({"on": _("A withdrawal cannot be dated before the consent it withdraws.")})
    record = ConsentRecord(person=person, subject=subject, action=Action.WITHDRAWN, on=on, recorded_by=by)
    record.full_clean()
    record.save()
    return record


# Public pages -------------------------------------------------------------------------------


def _new_slug() -> str:
    return secrets.token_urlsafe(16)  # 22 characters, 128 random bits


@transaction.atomic
def public_page_publish(*, team: Team, by) -> PublicPage:
    scoping.require_clerk(by, team.commune)
    if team.status != Team.Status.ACTIVE:
        raise ValidationError(_("Only an active team has a public page."))
    if PublicPage.objects.filter(team=team).exists():
        raise ValidationError(_("This team's page is already published."))
    page = PublicPage(team=team, slug=_new_slug(), created_by=by)
    page.full_clean()
    page.save()
    return page


@transaction.atomic
def public_page_regenerate(*, page: PublicPage, by) -> PublicPage:
    """A new address for the page; the old one answers 404 from now on."""
    scoping.require_clerk(by, page.team.commune)
    page = PublicPage.objects.select_for_update().get(pk=page.pk)
    page.slug = _new_slug()
    page.created_at = timezone.now()
    page.created_by = by
    page.full_clean()
    page.save()
    return page


@transaction.atomic
def publishing_update(
    *, commune: Commune, contact: str, contact_phone: str, allow_indexing: bool, by
) -> CommunePublishing:
    scoping.require_clerk(by, commune)
    publishing = CommunePublishing.objects.filter(commune=commune).first() or CommunePublishing(commune=commune)
    publishing.contact = contact
    publishing.contact_phone = contact_phone
    publishing.allow_indexing = allow_indexing
    publishing.updated_by = by
    publishing.full_clean()
    publishing.save()
    return publishing


# Help requests ------------------------------------------------------------------------------


@transaction.atomic
def help_request_send(*, team: Team, name: str, phone: str, need: str, detail: str, consent: bool) -> HelpRequest:
    if team.status != Team.Status.ACTIVE:
        raise ValidationError(_("This team no longer takes requests."))
    if not consent:
        raise ValidationError({"consent": _("Your consent to store the request is needed: nothing was stored.")})
    request = HelpRequest(team=team, name=name, phone=phone, need=need, detail=detail, consent=True)
    request.full_clean()
    request.save()
    return request


def may_handle(user, team: Team) -> bool:
    """The commune's clerk, or the team's current leader (whatever the role of their login)."""
    if scoping.is_clerk_of(user, team.commune):
        return True
    return Team.objects.filter(scoping.led_team_filter(user), pk=team.pk).exists()


@transaction.atomic
def help_request_handle(*, help_request: HelpRequest, by) -> HelpRequest:
    help_request = HelpRequest.objects.select_for_update().select_related("team__commune").get(pk=help_request.pk)
    if not may_handle(by, help_request.team):
        raise PermissionDenied(_("Only the team's leader or the commune clerk may mark a request handled."))
    if help_request.is_handled:
        raise ValidationError(_("This request is already marked handled."))
    help_request.handled_at = timezone.now()
    help_request.handled_by = by
    help_request.save()
    return help_request
