"""Places, people, teams and memberships.

The composition rules live in ``teams.rules``; the writes that must respect them go
through ``teams.services``. The database constraints below back the structural rules
so that no code path (a raw ``save()``, a script, two requests at once) can store two
active leaders, a fourth active seat or a person twice in one team.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tungAnh.text import NFCCharField, NFCTextField, fold


class Place(models.Model):
    """What every place has: a name and the type word documents print before it."""

    name = NFCCharField(_("name"), max_length=100)
    type_word = NFCCharField(_("type"), max_length=30)

    class Meta:
        abstract = True

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        """As printed in running text: "xã Tùng Ảnh", "thôn Đông Thái"."""
        return f"{self.type_word} {self.name}"

    @property
    def title_name(self) -> str:
        """As printed at the start of a line: "Xã Tùng Ảnh"."""
        return f"{self.type_word[:1].upper()}{self.type_word[1:]} {self.name}"


class CodedPlace(Place):
    code = models.PositiveIntegerField(
        _("official code"),
        unique=True,
        help_text=_("Code in the national list of administrative units."),
    )

    class Meta:
        abstract = True


class Province(CodedPlace):
    class Type(models.TextChoices):
        PROVINCE = "tỉnh", _("province (tỉnh)")
        CITY = "thành phố", _("centrally governed city (thành phố)")

    type_word = NFCCharField(_("type"), max_length=30, choices=Type.choices, default=Type.PROVINCE)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")


class District(CodedPlace):
    """The district tier, optional since 1 July 2025 but kept for history."""

    class Type(models.TextChoices):
        DISTRICT = "huyện", _("rural district (huyện)")
        URBAN = "quận", _("urban district (quận)")
        TOWN = "thị xã", _("town (thị xã)")
        CITY = "thành phố", _("provincial city (thành phố)")

    type_word = NFCCharField(_("type"), max_length=30, choices=Type.choices, default=Type.DISTRICT)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="districts", verbose_name=_("province")
    )

    class Meta:
        ordering = ["province__name", "name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Commune(CodedPlace):
    class Type(models.TextChoices):
        COMMUNE = "xã", _("commune (xã)")
        WARD = "phường", _("ward (phường)")
        TOWNSHIP = "thị trấn", _("township (thị trấn)")
        SPECIAL = "đặc khu", _("special zone (đặc khu)")

    type_word = NFCCharField(_("type"), max_length=30, choices=Type.choices, default=Type.COMMUNE)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="communes", verbose_name=_("province")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="communes",
        null=True,
        blank=True,
        verbose_name=_("district"),
        help_text=_("Leave empty where the province has no district tier (since July 2025)."),
    )
    governing_body = NFCCharField(
        _("governing body line"),
        max_length=200,
        blank=True,
        help_text=_('Printed above the issuing body in document headers, e.g. "UBND HUYỆN ĐỨC THỌ". Usually empty.'),
    )
    body_abbreviation = NFCCharField(
        _("issuing body abbreviation"),
        max_length=20,
        default="UBND",
        help_text=_('The part after the type in a document symbol: "QĐ-UBND".'),
    )

    class Meta:
        ordering = ["province__name", "name"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def clean(self):
        if self.district_id and self.province_id and self.district.province_id != self.province_id:
            raise ValidationError({"district": _("This district belongs to another province.")})


# More households than the largest residential group has: a typing slip (an extra zero).
VILLAGE_HOUSEHOLDS_MAX = 100_000


class Village(Place):
    class Type(models.TextChoices):
        VILLAGE = "thôn", _("village (thôn)")
        HAMLET = "xóm", _("hamlet (xóm)")
        BAN = "bản", _("mountain village (bản)")
        RESIDENTIAL_GROUP = "tổ dân phố", _("residential group (tổ dân phố)")
        QUARTER = "khu phố", _("quarter (khu phố)")
        AP = "ấp", _("hamlet (ấp)")

    type_word = NFCCharField(_("type"), max_length=30, choices=Type.choices, default=Type.VILLAGE)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="villages", verbose_name=_("commune"))
    households = models.PositiveIntegerField(
        # Not "households": that msgid is the indicator's unit ("hộ"); the label reads "số hộ".
        _("number of households"),
        null=True,
        blank=True,
        validators=[
            MaxValueValidator(
                VILLAGE_HOUSEHOLDS_MAX,
                message=_("A village has at most %(limit_value)s households: check the figure."),
            )
        ],
        help_text=_(
            "The number of households in the village, if known. The teams' reports are checked against it: "
            "a team cannot report more households guided to a digital address than the village has."
        ),
    )

    class Meta:
        ordering = ["commune__name", "name"]
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "type_word", "name"],
                name="village_unique_in_commune",
                violation_error_message=_("This commune already has a village of that name."),
            ),
        ]


phone_validator = RegexValidator(
    regex=r"^(0[0-9]{9,10}|\+84[0-9]{9,10})$",  # ASCII digits: "\d" also takes "٩"
    message=_("Enter a Vietnamese phone number such as 0912345678 or +84912345678."),
)


def normalise_phone(value: str) -> str:
    """Drop the spaces, dots and dashes people type inside phone numbers."""
    return "".join(ch for ch in value if ch not in " .-()")


class PhoneField(models.CharField):
    """A Vietnamese phone number, stored without the separators people type."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_phone(value) if value else value

    def pre_save(self, model_instance, add):
        value = self.to_python(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class Person(models.Model):
    class Gender(models.TextChoices):
        MALE = "male", _("male")
        FEMALE = "female", _("female")

    class Office(models.TextChoices):
        """What a person does, as far as the recommended team composition cares."""

        CHAIRMAN = "chairman", _("Chairman of the commune People's Committee")
        VICE_CHAIRMAN = "vice_chairman", _("Vice-chairman of the commune People's Committee")
        YOUTH_UNION_SECRETARY = "youth_secretary", _("Youth Union secretary of the commune")
        YOUTH_UNION_DEPUTY = "youth_deputy", _("Youth Union deputy secretary of the commune")
        IT_OFFICER = "it_officer", _("Dedicated IT officer")
        CULTURE_OFFICER = "culture_officer", _("Culture and social affairs officer")
        OFFICE_CLERK = "office_clerk", _("Office clerk")
        VILLAGE_HEAD = "village_head", _("Village head / residential group head")
        PARTY_CELL_SECRETARY = "party_cell_secretary", _("Party cell secretary")
        YOUTH_BRANCH_SECRETARY = "youth_branch_secretary", _("Youth Union branch secretary")
        POLICE = "police", _("Commune police")
        TEACHER = "teacher", _("Teacher")
        HEALTH_WORKER = "health_worker", _("Health worker")
        TELECOM = "telecom", _("Post, telecom or IT staff")
        STUDENT = "student", _("Upper secondary student")
        RESIDENT = "resident", _("Resident")
        OTHER = "other", _("Other")

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="people", verbose_name=_("commune"))
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
        verbose_name=_("village of residence or work"),
    )
    full_name = NFCCharField(_("full name"), max_length=100)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    phone = PhoneField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    position = NFCCharField(
        _("position"),
        max_length=200,
        blank=True,
        help_text=_('As documents print it, e.g. "Phó Chủ tịch UBND", "Bí thư Chi đoàn TN".'),
    )
    office = models.CharField(_("office"), max_length=30, choices=Office.choices, default=Office.OTHER)
    search_name = models.CharField(max_length=100, editable=False, db_index=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.full_name)[:100]
        if kwargs.get("update_fields") is not None and "full_name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)

    @property
    def salutation(self) -> str:
        """Ông or Bà, from the recorded gender (never from what a typist wrote)."""
        return "Bà" if self.gender == self.Gender.FEMALE else "Ông"

    def clean(self):
        if self.village_id and self.commune_id and self.village.commune_id != self.commune_id:
            raise ValidationError({"village": _("This village belongs to another commune.")})
        if self.birth_year and self.birth_year > datetime.date.today().year:
            raise ValidationError({"birth_year": _("The birth year cannot be in the future.")})


class Team(models.Model):
    class Level(models.TextChoices):
        COMMUNE = "commune", _("commune team")
        VILLAGE = "village", _("village team")

    class Status(models.TextChoices):
        FORMING = "forming", _("being set up")
        ACTIVE = "active", _("active")
        DISSOLVED = "dissolved", _("dissolved")

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="teams", verbose_name=_("commune"))
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="teams",
        null=True,
        blank=True,
        verbose_name=_("village"),
        help_text=_("Empty for the commune-level team."),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.FORMING)
    zalo_url = models.URLField(_("Zalo group link"), blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    departure_reason = NFCTextField(
        _("reason for departing from the recommended composition"),
        max_length=2000,
        blank=True,
    )

    class Meta:
        ordering = ["commune__name", "level", "village__name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.CheckConstraint(
                condition=(Q(level="commune", village__isnull=True) | Q(level="village", village__isnull=False)),
                name="team_level_matches_village",
                violation_error_message=_("A village team names its village; the commune team names none."),
            ),
            # Meta cannot see the class's own names: the values of Level and Status, written out.
            models.CheckConstraint(
                condition=Q(level__in=["commune", "village"]),
                name="team_level_valid",
                violation_error_message=_("A team is a commune team or a village team."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["forming", "active", "dissolved"]),
                name="team_status_valid",
                violation_error_message=_("A team is being set up, active or dissolved."),
            ),
            models.UniqueConstraint(
                fields=["commune"],
                condition=Q(level="commune") & ~Q(status="dissolved"),
                name="team_one_live_commune_team",
                violation_error_message=_("This commune already has a commune team that is not dissolved."),
            ),
            models.UniqueConstraint(
                fields=["village"],
                condition=~Q(status="dissolved"),
                name="team_one_live_team_per_village",
                violation_error_message=_("This village already has a team that is not dissolved."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.level:
            self.level = self.Level.VILLAGE if self.village_id else self.Level.COMMUNE
        super().save(*args, **kwargs)

    @property
    def place(self):
        return self.village if self.village_id else self.commune

    @property
    def name(self) -> str:
        """ "Tổ chuyển đổi số cộng đồng thôn Đông Thái"."""
        return f"Tổ chuyển đổi số cộng đồng {self.place.full_name}"

    def clean(self):
        if self.village_id:
            self.level = self.Level.VILLAGE
            if self.commune_id and self.village.commune_id != self.commune_id:
                raise ValidationError({"village": _("This village belongs to another commune.")})
        else:
            self.level = self.Level.COMMUNE

    def active_memberships(self):
        return self.memberships.filter(end_date__isnull=True)

    def memberships_on(self, day: datetime.date):
        """The composition as it stood on ``day`` (end dates are exclusive)."""
        return self.memberships.filter(Q(end_date__isnull=True) | Q(end_date__gt=day), start_date__lte=day)


class Role(models.TextChoices):
    LEADER = "leader", _("leader (Tổ trưởng)")
    DEPUTY = "deputy", _("deputy (Tổ phó)")
    MEMBER = "member", _("member (Tổ viên)")


ROLE_PRINTED = {Role.LEADER: "Tổ trưởng", Role.DEPUTY: "Tổ phó", Role.MEMBER: "Tổ viên"}
ROLE_ORDER = {Role.LEADER: 0, Role.DEPUTY: 1, Role.MEMBER: 2}
SEATS = 3


class Membership(models.Model):
    """One person's seat in one team over a span of time.

    ``end_date`` is exclusive: the day the amending decision took effect. An ended
    membership is history and never changes again.
    """

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("team"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    position = NFCCharField(
        _("position as printed"),
        max_length=200,
        blank=True,
        help_text=_("Printed after the name in the decision; defaults to the person's position."),
    )
    seat = models.PositiveSmallIntegerField(
        _("seat"),
        editable=False,
        validators=[MinValueValidator(1), MaxValueValidator(SEATS)],
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    started_by = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.PROTECT,
        related_name="memberships_started",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("started by decision"),
    )
    ended_by = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.PROTECT,
        related_name="memberships_ended",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("ended by decision"),
    )

    class Meta:
        ordering = ["team", "end_date", "seat"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(seat__gte=1, seat__lte=SEATS),
                name="membership_seat_1_to_3",
                violation_error_message=_("A team has exactly 3 members: there is no free seat for a fourth."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=Role.values),
                name="membership_role_valid",
                violation_error_message=_("A member is the leader, the deputy or a member of the team."),
            ),
            models.UniqueConstraint(
                fields=["team", "seat"],
                condition=Q(end_date__isnull=True),
                name="membership_one_active_per_seat",
                violation_error_message=_("A team has exactly 3 members: there is no free seat for a fourth."),
            ),
            models.UniqueConstraint(
                fields=["team"],
                condition=Q(end_date__isnull=True, role="leader"),
                name="membership_one_active_leader",
                violation_error_message=_("A team has exactly one leader (Tổ trưởng)."),
            ),
            models.UniqueConstraint(
                fields=["team"],
                condition=Q(end_date__isnull=True, role="deputy"),
                name="membership_one_active_deputy",
                violation_error_message=_("A team has at most one deputy (Tổ phó)."),
            ),
            models.UniqueConstraint(
                fields=["team", "person"],
                condition=Q(end_date__isnull=True),
                name="membership_person_once_per_team",
                violation_error_message=_("A person holds one role per team."),
            ),
        ]

    def __str__(self):
        return f"{self.person} - {self.get_role_display()} - {self.team}"

    def save(self, *args, **kwargs):
        if self.pk:
            stored_end = Membership.objects.filter(pk=self.pk).values_list("end_date", flat=True).first()
            if stored_end is not None:
                raise ValidationError(_("An ended membership is history and cannot be changed."))
        if not self.position and self.person_id:
            self.position = self.person.position
        if self.seat is None:
            self.seat = self._free_seat()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.end_date is not None or self.started_by_id:
            raise ValidationError(_("A membership that is part of the team's history cannot be deleted."))
        return super().delete(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.end_date is None

    @property
    def role_printed(self) -> str:
        return ROLE_PRINTED[self.role]

    def clean(self):
        if self.person_id and self.team_id and self.person.commune_id != self.team.commune_id:
            raise ValidationError({"person": _("This person is kept by another commune.")})
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    def _free_seat(self) -> int:
        taken = set(
            Membership.objects.filter(team_id=self.team_id, end_date__isnull=True)
            .exclude(pk=self.pk)
            .values_list("seat", flat=True)
        )
        free = [seat for seat in range(1, SEATS + 1) if seat not in taken]
        if not free:
            raise ValidationError(_("A team has exactly 3 members: there is no free seat for a fourth."))
        return free[0]


class Collaborator(models.Model):
    """A volunteer beyond the three seats: the village's collaborator group."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="collaborators", verbose_name=_("team"))
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="collaborations", verbose_name=_("person")
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    note = NFCCharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["team", "person__full_name"]
        verbose_name = _("collaborator")
        verbose_name_plural = _("collaborators")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "person"],
                condition=Q(left_on__isnull=True),
                name="collaborator_once_per_team",
                violation_error_message=_("This person is already a collaborator of this team."),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.team})"

    def clean(self):
        if self.team_id and self.team.level != Team.Level.VILLAGE:
            raise ValidationError({"team": _("Collaborator groups belong to village teams.")})
        if self.team_id and self.person_id and self.person.commune_id != self.team.commune_id:
            raise ValidationError({"person": _("This person is kept by another commune.")})


class Official(models.Model):
    """A login's role and the place it may see: a commune, or a whole district."""

    class Role(models.TextChoices):
        CLERK = "clerk", _("commune clerk")
        CHAIRMAN = "chairman", _("commune chairman")
        VICE_CHAIRMAN = "vice_chairman", _("commune vice-chairman")
        TEAM_LEADER = "team_leader", _("team leader")
        DISTRICT_OFFICER = "district_officer", _("district officer")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="official", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="officials", verbose_name=_("commune")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        verbose_name=_("district"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        verbose_name=_("person"),
        help_text=_("For a chairman or vice-chairman: the name printed under the signature."),
    )

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        constraints = [
            models.CheckConstraint(
                condition=Q(role="district_officer", district__isnull=False)
                | (~Q(role="district_officer") & Q(commune__isnull=False)),
                name="official_has_a_scope",
                violation_error_message=_("A district officer needs a district; a commune official needs a commune."),
            ),
            # Official.Role's values (Meta cannot see the class's own names).
            models.CheckConstraint(
                condition=Q(role__in=["clerk", "chairman", "vice_chairman", "team_leader", "district_officer"]),
                name="official_role_valid",
                violation_error_message=_(
                    "An official is a commune clerk, chairman, vice-chairman, team leader or district officer."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    @property
    def signs(self) -> bool:
        return self.role in {self.Role.CHAIRMAN, self.Role.VICE_CHAIRMAN}

    def clean(self):
        if self.role == self.Role.DISTRICT_OFFICER and not self.district_id:
            raise ValidationError({"district": _("A district officer needs a district.")})
        if self.role != self.Role.DISTRICT_OFFICER and not self.commune_id:
            raise ValidationError({"commune": _("A commune official needs a commune.")})
