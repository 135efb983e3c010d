"""Monthly reporting periods, team reports and their values.

Each month a commune opens a reporting period; every active team files one report for it
(its values, one per indicator of the plan's indicator set valid on the period's first
day; a report keeps the set it was filed under, so a later version of the set never
changes it), corrects it until the clerk accepts it (or closes the period), and the commune
sums them. The chairman approves the month, the supervisor (the district before the 2025
reform, the province after) accepts it or sends it back; an accepted month is locked until
the supervisor reopens it. Each step is an event of the report's or the month's trail
(``TeamReportEvent``, ``PeriodEvent``). Plans and their phases live in
``teams.models``: a plan also says what a team is.

Writes go through ``reports.services``; these models hold the rules that must hold
for every path (one report per team and period, one value per indicator, no negative
count).
"""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import DocumentEvent, DocumentType, IssuedDocument, RegisterEntry
from lib.text import NFCCharField, NFCTextField
from teams.models import Commune, Plan, Team

# Late means filed after this day of the month that follows the period.
DUE_DAY = 5


def due_on(year: int, month: int) -> datetime.date:
    """The last day a report for ``month`` counts as on time: the 5th of the next month."""
    return datetime.date(year + month // 12, month % 12 + 1, DUE_DAY)


# The longest comment or reason a step of the approval takes.
COMMENT_MAX = 1000


class ReportingPeriod(models.Model):
    """One month of one commune's reporting: filed while open (until the clerk closes it or
    the chairman approves it), then accepted by the supervisor and locked."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        APPROVED = "approved", _("approved by the chairman")
        ACCEPTED = "accepted", _("accepted by the supervisor")
        SENT_BACK = "sent_back", _("sent back by the supervisor")

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="reporting_periods", verbose_name=_("commune")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    month = models.PositiveSmallIntegerField(_("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    due_on = models.DateField(
        _("due on"), editable=False, help_text=_("A report filed after this day is late: the 5th of the next month.")
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("opened by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("closed by"),
    )
    status = models.CharField(_("approval"), max_length=10, choices=Status.choices, default=Status.OPEN, editable=False)

    class Meta:
        ordering = ["commune__name", "-year", "-month"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "month"],
                name="period_unique_month",
                violation_error_message=_("This commune already has a reporting period for this month."),
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12),
                name="period_month_1_to_12",
                violation_error_message=_("A month is between 1 and 12."),
            ),
        ]

    def __str__(self):
        return f"Tháng {self.month_label} - {self.commune.full_name}"

    def save(self, *args, **kwargs):
        if self.due_on is None and self.year and self.month:
            self.due_on = due_on(self.year, self.month)
        super().save(*args, **kwargs)

    @property
    def month_label(self) -> str:
        """ "10/2022"."""
        return f"{self.month:02d}/{self.year}"

    @property
    def is_closed(self) -> bool:
        """No report of the month is filed or corrected any more: the clerk closed it, or the
        chairman approved it (the supervisor then accepts it, or sends it back: reopened)."""
        return self.closed_at is not None

    @property
    def is_locked(self) -> bool:
        """Accepted by the supervisor: nothing of the month changes until they reopen it."""
        return self.status == self.Status.ACCEPTED

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def last_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])


class IndicatorSet(models.Model):
    """One version of the indicators a plan's teams report, valid from a day on.

    A new version (an indicator added, retired or renamed) is a new set, copied from the
    previous one (the admin's "new version" action): a report keeps the set it was filed
    under, so a set that a report uses never changes (the admin shows it read-only and the
    database refuses it, ``reports.migrations.0011``). A set without a plan is the default,
    reported by the communes whose plans list no indicators.
    """

    plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicator_sets",
        verbose_name=_("plan"),
        help_text=_("Empty: the default set, for a commune whose plans list no indicators."),
    )
    version = models.PositiveSmallIntegerField(_("version"), validators=[MinValueValidator(1)])
    valid_from = models.DateField(
        _("valid from"), help_text=_("The reports of a month that begins on or after this day use this set.")
    )
    note = NFCTextField(_("note"), max_length=1000, blank=True, help_text=_("What changed, and on whose decision."))

    class Meta:
        ordering = ["plan", "-valid_from", "-version"]
        verbose_name = _("indicator set")
        verbose_name_plural = _("indicator sets")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "version"],
                name="indicatorset_unique_version",
                violation_error_message=_("This plan already has a set with this version."),
            ),
            models.UniqueConstraint(
                fields=["version"],
                condition=Q(plan__isnull=True),
                name="indicatorset_unique_default_version",
                violation_error_message=_("The default set already has this version."),
            ),
        ]

    def __str__(self):
        owner = str(self.plan) if self.plan_id else "Bộ chỉ tiêu mặc định"
        return f"{owner} - phiên bản {self.version} (từ {self.valid_from:%d/%m/%Y})"

    @property
    def in_use(self) -> bool:
        """A report was filed under this set: it no longer changes."""
        return self.pk is not None and self.reports.exists()


class IndicatorDefinition(models.Model):
    """One indicator of a set: what the form asks, the bounds of its figure, how it rolls up."""

    class Rollup(models.TextChoices):
        SUM = "sum", _("sum over teams and months")
        LAST = "last", _("the latest month's value")
        MAX = "max", _("the highest value")

    indicator_set = models.ForeignKey(
        IndicatorSet, on_delete=models.CASCADE, related_name="definitions", verbose_name=_("indicator set")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("Keep the code of an indicator from one version to the next: its reports are found by it."),
    )
    label = NFCCharField(_("label"), max_length=200, help_text=_("As the form and the documents print it."))
    unit = NFCCharField(_("unit"), max_length=30, help_text=_('As printed after the figure: "hộ", "người".'))
    rollup = models.CharField(_("roll-up"), max_length=4, choices=Rollup.choices, default=Rollup.SUM)
    minimum = models.PositiveIntegerField(_("minimum"), default=0)
    maximum = models.PositiveIntegerField(
        _("maximum"), help_text=_("More than one team can do in a month: a higher figure is a typing slip.")
    )
    required = models.BooleanField(_("required"), default=False, help_text=_("A report must give this figure."))

    class Meta:
        ordering = ["indicator_set", "position", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_set", "code"],
                name="indicatordefinition_unique_code",
                violation_error_message=_("This set already has an indicator with this code."),
            ),
            models.CheckConstraint(
                condition=Q(maximum__gte=F("minimum")),
                name="indicatordefinition_bounds_in_order",
                violation_error_message=_("The maximum cannot be lower than the minimum."),
            ),
            models.CheckConstraint(
                condition=Q(rollup__in=["sum", "last", "max"]),
                name="indicatordefinition_rollup_valid",
                violation_error_message=_("An indicator rolls up as a sum, the latest value or the highest."),
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.unit})"

    # The names the Zalo summaries and the documents use: the stored label is Vietnamese.
    @property
    def printed(self) -> str:
        return self.label

    @property
    def unit_printed(self) -> str:
        return self.unit


class TeamReport(models.Model):
    """A team's report for one period. Corrected in place until the clerk accepts it or the
    period closes; a report the clerk returns is corrected and filed again."""

    class Status(models.TextChoices):
        FILED = "filed", _("waiting for the clerk")
        RETURNED = "returned", _("returned to the team")
        ACCEPTED = "accepted", _("accepted by the clerk")

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="reports", verbose_name=_("team"))
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="reports", verbose_name=_("reporting period")
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("filed by")
    )
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last corrected by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    note = NFCTextField(_("note"), max_length=2000, blank=True, validators=[MaxLengthValidator(2000)])
    status = models.CharField(
        _("approval"), max_length=10, choices=Status.choices, default=Status.FILED, editable=False
    )
    indicator_set = models.ForeignKey(
        IndicatorSet,
        on_delete=models.PROTECT,
        related_name="reports",
        editable=False,
        verbose_name=_("indicator set"),
        help_text=_("The set the report was filed under: the plan's, valid on the period's first day."),
    )

    class Meta:
        ordering = ["period", "team"]
        verbose_name = _("team report")
        verbose_name_plural = _("team reports")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "period"],
                name="report_once_per_team_and_period",
                violation_error_message=_("This team has already filed its report for this month."),
            ),
        ]

    def __str__(self):
        return f"Báo cáo tháng {self.period.month_label} - {self.team.name}"

    @property
    def is_late(self) -> bool:
        return timezone.localdate(self.filed_at) > self.period.due_on

    def clean(self):
        if self.team_id and self.period_id and self.team.commune_id != self.period.commune_id:
            raise ValidationError({"team": _("This team belongs to another commune than the reporting period.")})


class ApprovalEvent(models.Model):
    """Who took a step of the approval, when, and the comment or reason that goes with it."""

    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = NFCTextField(
        _("comment"), max_length=COMMENT_MAX, blank=True, validators=[MaxLengthValidator(COMMENT_MAX)]
    )

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"


class TeamReportEvent(ApprovalEvent):
    """A team report's trail after its filing (which the report itself records: ``filed_by``,
    ``filed_at``): corrected, returned by the clerk with a comment, accepted."""

    class Action(models.TextChoices):
        CORRECTED = "corrected", _("corrected")
        RETURNED = "returned", _("returned with a comment")
        ACCEPTED = "accepted", _("accepted")

    report = models.ForeignKey(TeamReport, on_delete=models.CASCADE, related_name="events", verbose_name=_("report"))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)

    class Meta(ApprovalEvent.Meta):
        ordering = ["report", "at", "id"]
        verbose_name = _("team report event")
        verbose_name_plural = _("team report events")


class PeriodEvent(ApprovalEvent):
    """A month's trail: approved by the chairman, accepted or sent back by the supervisor,
    reopened by the supervisor with a reason."""

    class Action(models.TextChoices):
        APPROVED = "approved", _("approved by the chairman")
        ACCEPTED = "accepted", _("accepted by the supervisor")
        SENT_BACK = "sent_back", _("sent back by the supervisor")
        REOPENED = "reopened", _("reopened by the supervisor")

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="events", verbose_name=_("reporting period")
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)

    class Meta(ApprovalEvent.Meta):
        ordering = ["period", "at", "id"]
        verbose_name = _("reporting period event")
        verbose_name_plural = _("reporting period events")


class ReportValue(models.Model):
    """One indicator's count in one report; None when the team did not report it ("not
    reported", which a 0 is not: a 0 says the team did none)."""

    report = models.ForeignKey(TeamReport, on_delete=models.CASCADE, related_name="values", verbose_name=_("report"))
    # The code of an indicator of the report's set (``IndicatorDefinition.code``).
    indicator = models.CharField(_("indicator"), max_length=40)
    value = models.PositiveIntegerField(_("value"), null=True, blank=True, help_text=_("Empty: not reported."))

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("report value")
        verbose_name_plural = _("report values")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator"],
                name="report_value_once_per_indicator",
                violation_error_message=_("This report already has a value for this indicator."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {_('not reported') if self.value is None else self.value}"


class CommuneReport(IssuedDocument):
    """The commune's report (Báo cáo, "BC") to the district on one reporting period.

    The clerk writes the text around the figures; the figures themselves (the period's
    commune totals and how many teams reported) are computed when the document is built,
    and frozen in ``snapshot`` when the chairman issues it. Like a decision, an issued
    report keeps its PDF once with its SHA-256 and refuses every later change.
    """

    doc_type = DocumentType.REPORT
    immutable_message = _("An issued report never changes: a correction is a new report.")
    undeletable_message = _("An issued report cannot be deleted.")

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="commune_reports", verbose_name=_("issuing body")
    )
    period = models.OneToOneField(
        ReportingPeriod, on_delete=models.PROTECT, related_name="commune_report", verbose_name=_("reporting period")
    )

    intro = NFCTextField(
        _("introduction"), max_length=3000, help_text=_("One paragraph per line, printed before the figures.")
    )
    difficulties = NFCTextField(_("difficulties"), max_length=5000, blank=True, help_text=_("One paragraph per line."))
    proposals = NFCTextField(_("proposals"), max_length=5000, blank=True, help_text=_("One paragraph per line."))
    recipients = NFCTextField(_("recipients"), max_length=2000, help_text=_("One recipient per line."))

    register_entry = models.OneToOneField(
        RegisterEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="commune_report",
        verbose_name=_("outgoing register entry"),
    )

    class Meta(IssuedDocument.Meta):
        ordering = ["-period__year", "-period__month", "commune__name"]
        verbose_name = _("commune report")
        verbose_name_plural = _("commune reports")

    def clean(self):
        if self.commune_id and self.period_id and self.period.commune_id != self.commune_id:
            raise ValidationError({"period": _("This reporting period belongs to another commune.")})


class CommuneReportEvent(DocumentEvent):
    """A commune report's trail: drafted, submitted, returned with a comment, issued."""

    report = models.ForeignKey(
        CommuneReport, on_delete=models.CASCADE, related_name="events", verbose_name=_("commune report")
    )

    class Meta(DocumentEvent.Meta):
        ordering = ["report", "at", "id"]
        verbose_name = _("commune report event")
        verbose_name_plural = _("commune report events")


class StipendRule(models.Model):
    """What a plan pays each team a month (the province council's resolution), from a month on.

    The rule of a month is the plan's latest one valid from the month's first day or before
    (``reports.stipends``). History is never rewritten: a rule a stipend list could have
    used (its first month has begun) is not edited or deleted (the admin shows it read-only);
    a change of amount or levels is a new rule, valid from a later month.
    """

    class Levels(models.TextChoices):
        COMMUNE = "commune", _("the commune team only")
        VILLAGE = "village", _("village teams only")
        BOTH = "both", _("commune and village teams")

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="stipend_rules", verbose_name=_("plan"))
    valid_from = models.DateField(
        _("valid from"),
        help_text=_(
            "The first day of the first month the rule pays for; a month uses the latest rule valid "
            "from its first day or before."
        ),
    )
    amount = models.PositiveIntegerField(_("amount per team per month (đồng)"))
    levels = models.CharField(_("teams paid"), max_length=10, choices=Levels.choices, default=Levels.BOTH)
    basis = NFCCharField(
        _("basis"),
        max_length=500,
        help_text=_(
            'The resolution the rule follows, as printed: "Nghị quyết số 09/2024/NQ-HĐND ngày 12/7/2024 '
            'của HĐND tỉnh Hà Tĩnh".'
        ),
    )

    class Meta:
        ordering = ["plan", "-valid_from"]
        verbose_name = _("stipend rule")
        verbose_name_plural = _("stipend rules")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "valid_from"],
                name="stipendrule_unique_start",
                violation_error_message=_("This plan already has a stipend rule from this day."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="stipendrule_amount_positive",
                violation_error_message=_("A stipend is more than 0 đồng."),
            ),
            models.CheckConstraint(
                condition=Q(levels__in=["commune", "village", "both"]),
                name="stipendrule_levels_valid",
                violation_error_message=_("A rule pays the commune team, the village teams or both."),
            ),
        ]

    def __str__(self):
        return f"{self.plan} - {self.amount:,} đồng/Tổ/tháng (từ {self.valid_from:%d/%m/%Y})".replace(",", ".")

    def clean(self):
        if self.valid_from and self.valid_from.day != 1:
            raise ValidationError({"valid_from": _("A stipend rule starts on the first day of a month.")})

    def covers(self, level: str) -> bool:
        return self.levels == self.Levels.BOTH or self.levels == level

    @property
    def started(self) -> bool:
        """Its first month has begun: a stipend list may have used it, so it no longer changes."""
        return self.valid_from.replace(day=1) <= timezone.localdate()
