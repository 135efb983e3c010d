"""What residents see of their team, and what they send back.

- ``ConsentRecord``: a person's consent to publish their phone number, or their name and
  role, given or withdrawn (Law 91/2025/QH15 on personal data: explicit, withdrawable,
  silence is not consent). The records are the history: one row per event, never changed
  or deleted (``save``/``delete`` refuse, and database triggers, migration 0002, refuse an
  UPDATE or DELETE from any path). What holds now is the latest record per person and
  subject.
- ``PublicPage``: the random address of a team's public page (the clerk may regenerate it).
- ``CommunePublishing``: the commune's contact printed on its public pages, and whether
  search engines may index them.
- ``HelpRequest``: a resident's request for help, sent from the public page.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.text import NFCCharField, NFCTextField
from teams.models import Commune, Person, PhoneField, Team, phone_validator


class Subject(models.TextChoices):
    PHONE = "phone", _("phone number")
    NAME_ROLE = "name_role", _("name and role")


class Action(models.TextChoices):
    GIVEN = "given", _("consent given")
    WITHDRAWN = "withdrawn", _("consent withdrawn")


class Method(models.TextChoices):
    PAPER = "paper", _("signed paper form (scanned)")
    IN_PERSON = "in_person", _("in person before the clerk")


def scan_path(instance, filename: str) -> str:
    """A name no one can guess or derive from the person: the scans are served only to the clerk."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"consent-scans/{timezone.now():%Y}/{uuid.uuid4().hex}.{extension}"


class ConsentRecord(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="consent_records", verbose_name=_("person")
    )
    subject = models.CharField(_("consent to publish"), max_length=10, choices=Subject.choices)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    on = models.DateField(_("given or withdrawn on"))
    method = models.CharField(_("how it was given"), max_length=10, choices=Method.choices, blank=True)
    scan = models.FileField(_("scan of the signed form"), upload_to=scan_path, blank=True, max_length=200)
    phone = PhoneField(
        _("phone number consented to"),
        max_length=20,
        blank=True,
        validators=[phone_validator],
        help_text=_("A consent covers the number the person had when giving it; a new number needs a new consent."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["person", "subject", "recorded_at", "pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        constraints = [
            models.CheckConstraint(
                condition=Q(subject__in=["phone", "name_role"]),
                name="consent_subject_valid",
                violation_error_message=_("A consent covers the phone number, or the name and role."),
            ),
            models.CheckConstraint(
                condition=Q(action="given", method__in=["paper", "in_person"])
                | Q(action="withdrawn", method="", scan="", phone=""),
                name="consent_given_says_how",
                violation_error_message=_("A consent given says how; a withdrawal carries no form or number."),
            ),
            models.CheckConstraint(
                condition=~Q(method="paper") | ~Q(scan=""),
                name="consent_paper_has_scan",
                violation_error_message=_("A consent on a signed paper form needs the scan of the form."),
            ),
            models.CheckConstraint(
                condition=~Q(action="given", subject="phone") | ~Q(phone=""),
                name="consent_phone_names_number",
                violation_error_message=_("A consent to publish a phone number names the number."),
            ),
            models.CheckConstraint(
                condition=Q(subject="phone") | Q(phone=""),
                name="consent_name_role_has_no_number",
                violation_error_message=_("A consent to publish the name and role carries no number."),
            ),
        ]

    def __str__(self):
        return f"{self.person} - {self.get_subject_display()} - {self.get_action_display()} {self.on:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        if self.pk is not None and ConsentRecord.objects.filter(pk=self.pk).exists():
            raise ValidationError(_("A consent record is history and cannot be changed: record a new one."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A consent record is history and cannot be deleted."))

    @property
    def is_given(self) -> bool:
        return self.action == Action.GIVEN


class PublicPage(models.Model):
    """The address of a team's public page: ``/p/<slug>/``. Regenerating the slug makes the
    old address answer 404 (a poster printed before then stops working, on purpose)."""

    team = models.OneToOneField(Team, on_delete=models.PROTECT, related_name="public_page", verbose_name=_("team"))
    slug = models.CharField(_("address"), max_length=32, unique=True)
    created_at = models.DateTimeField(_("address made at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("address made by")
    )

    class Meta:
        verbose_name = _("public page")
        verbose_name_plural = _("public pages")
        constraints = [
            models.CheckConstraint(
                condition=Q(slug__regex=r"^[A-Za-z0-9_-]{16,32}$"),
                name="public_page_slug_random",
                violation_error_message=_("A public page's address is a random string of 16 to 32 characters."),
            ),
        ]

    def __str__(self):
        return f"{self.team}: {self.slug}"


class CommunePublishing(models.Model):
    """What the commune prints on its teams' public pages and posters."""

    commune = models.OneToOneField(
        Commune, on_delete=models.PROTECT, related_name="publishing", verbose_name=_("commune")
    )
    contact = NFCCharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_('Where residents reach the commune, e.g. "Văn phòng UBND xã, thôn Đông Thái".'),
    )
    contact_phone = PhoneField(_("contact phone"), max_length=20, blank=True, validators=[phone_validator])
    allow_indexing = models.BooleanField(
        _("let search engines index the public pages"),
        default=False,
        help_text=_("Off by default: the pages ask search engines not to list them."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("updated by")
    )

    class Meta:
        verbose_name = _("commune publishing settings")
        verbose_name_plural = _("commune publishing settings")

    def __str__(self):
        return str(self.commune)


class Need(models.TextChoices):
    VNEID = "vneid", _("A VNeID account (electronic identity)")
    PUBLIC_SERVICE = "public_service", _("An online public service")
    OTHER = "other", _("Something else")


class HelpRequest(models.Model):
    """A resident's request for help. Stored only with the resident's consent (the form's
    required checkbox, backed by a check constraint); no client address is stored."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("team"))
    name = NFCCharField(_("name"), max_length=100)
    phone = PhoneField(_("phone"), max_length=20, validators=[phone_validator])
    need = models.CharField(_("what they need"), max_length=20, choices=Need.choices)
    detail = NFCTextField(_("details"), max_length=500, blank=True)
    consent = models.BooleanField(_("consent to store this request"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        indexes = [models.Index(fields=["team", "handled_at"], name="help_request_team_handled")]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent=True),
                name="help_request_has_consent",
                violation_error_message=_("A request is stored only with the resident's consent."),
            ),
            models.CheckConstraint(
                condition=Q(need__in=["vneid", "public_service", "other"]),
                name="help_request_need_valid",
                violation_error_message=_("Choose what the resident needs."),
            ),
            models.CheckConstraint(
                condition=Q(handled_at__isnull=True, handled_by__isnull=True)
                | Q(handled_at__isnull=False, handled_by__isnull=False),
                name="help_request_handled_by_someone",
                violation_error_message=_("A handled request says who handled it and when."),
            ),
        ]

    def __str__(self):
        return f"{self.name} - {self.get_need_display()}"

    @property
    def is_handled(self) -> bool:
        return self.handled_at is not None
