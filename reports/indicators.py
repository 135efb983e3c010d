"""The indicators a team reports each month: the duties of Điều 2 and plan 246, 3.2, counted.

A catalogue in code, not a table: the list changes only with the plan, every report
names the same indicators, and a code reads the same in the database, the form, the
admin and the tests. Append only: stored values refer to the codes, so never rename or
remove one (retire it by leaving it last and saying so in its label instead).

``label`` is what the pages show (an English msgid, Vietnamese through the catalogue);
``printed`` and ``unit_printed`` are what the Zalo summaries print, always in Vietnamese,
as decisions print "Tổ trưởng" whatever the page language. ``maximum`` is more than one
team of three can do in a month: a value above it is a typing slip (an extra zero), and
is refused rather than summed into the commune's figures.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Indicator:
    code: str
    label: Promise
    unit: Promise
    printed: str
    unit_printed: str
    maximum: int
    duty: str  # where the plan or the decisions set the duty


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        code="digital_addresses",
        label=gettext_lazy("Households guided to create a digital address"),
        unit=gettext_lazy("households"),
        printed="Hộ gia đình được hướng dẫn tạo địa chỉ số",
        unit_printed="hộ",
        maximum=5000,
        duty="Điều 2, 2.b",
    ),
    Indicator(
        code="public_service_accounts",
        label=gettext_lazy("Residents guided to open an online public-service account"),
        unit=gettext_lazy("persons"),
        printed="Người dân được hướng dẫn tạo tài khoản dịch vụ công trực tuyến",
        unit_printed="người",
        maximum=5000,
        duty="Điều 2, 2.b",
    ),
    Indicator(
        code="vneid_activations",
        label=gettext_lazy("Electronic identity (VNeID) accounts activated with the team's help"),
        unit=gettext_lazy("accounts"),
        printed="Tài khoản định danh điện tử (VNeID) được hỗ trợ kích hoạt",
        unit_printed="tài khoản",
        maximum=5000,
        duty="Điều 2, 2.e",
    ),
    Indicator(
        code="health_apps",
        label=gettext_lazy("Health apps installed (Sổ sức khỏe điện tử)"),
        unit=gettext_lazy("installations"),
        printed="Lượt cài đặt ứng dụng Sổ sức khỏe điện tử",
        unit_printed="lượt",
        maximum=5000,
        duty="Điều 2, 2.c",
    ),
    Indicator(
        code="trainings_attended",
        label=gettext_lazy("Trainings attended by the team"),
        unit=gettext_lazy("trainings"),
        printed="Lớp đào tạo, tập huấn Tổ đã tham gia",
        unit_printed="lớp",
        maximum=31,
        duty="KH 246, 3.2",
    ),
    Indicator(
        code="outreach_sessions",
        label=gettext_lazy("Outreach sessions held"),
        unit=gettext_lazy("sessions"),
        printed="Buổi tuyên truyền, hướng dẫn đã tổ chức",
        unit_printed="buổi",
        maximum=200,
        duty="Điều 2, 2.a",
    ),
    Indicator(
        code="initiatives_proposed",
        label=gettext_lazy("Initiatives proposed"),
        unit=gettext_lazy("initiatives"),
        printed="Sáng kiến, cách làm hay được đề xuất",
        unit_printed="sáng kiến",
        maximum=50,
        duty="KH 246, 3.2",
    ),
    Indicator(
        code="commendations_proposed",
        label=gettext_lazy("People proposed for commendation"),
        unit=gettext_lazy("persons"),
        printed="Cá nhân được đề xuất khen thưởng",
        unit_printed="người",
        maximum=100,
        duty="KH 246, 3.2",
    ),
)

BY_CODE: dict[str, Indicator] = {indicator.code: indicator for indicator in INDICATORS}
CODES: tuple[str, ...] = tuple(BY_CODE)
CHOICES = [(indicator.code, indicator.label) for indicator in INDICATORS]


def value_error(indicator: Indicator, value) -> str | None:
    """Why ``value`` cannot be reported for ``indicator``, or None when it can (None, "not
    reported", can)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        return _("%(indicator)s: enter a whole number.") % {"indicator": indicator.label}
    if value < 0:
        return _("%(indicator)s: a count cannot be negative.") % {"indicator": indicator.label}
    if value > indicator.maximum:
        return _(
            "%(indicator)s: %(value)s is more than one team can do in a month (at most %(maximum)s %(unit)s). "
            "Check the figure."
        ) % {"indicator": indicator.label, "value": value, "maximum": indicator.maximum, "unit": indicator.unit}
    return None


def clean_values(values: dict) -> dict[str, int]:
    """Every indicator's value (an indicator left out, or None, is not reported: None, not 0),
    or a ValidationError keyed by code."""
    errors = {code: _("Unknown indicator: %(code)s.") % {"code": code} for code in values if code not in BY_CODE}
    cleaned = {}
    for indicator in INDICATORS:
        value = values.get(indicator.code)
        if message := value_error(indicator, value):
            errors[indicator.code] = message
        else:
            cleaned[indicator.code] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def printed_number(value: int) -> str:
    """1234 as Vietnamese text writes it: "1.234"."""
    return f"{value:,}".replace(",", ".")
