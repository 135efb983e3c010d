"""Plan 246's eight indicators, the seed of the indicator sets, and the checks of a figure.

The indicators a team reports are data (``IndicatorSet`` and ``IndicatorDefinition`` in
``reports.models``, edited in the admin, versioned); this catalogue is only where the
first set comes from: the default set (``reports.indicator_sets.default_set``) and the
demo's plan 246 copy it (``printed`` becomes the stored label, ``unit_printed`` the unit).
``maximum`` is more than one team of three can do in a month: a value above it is a
typing slip (an extra zero), and is refused rather than summed into the commune's figures.
"""

from collections.abc import Iterable, Mapping
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


def value_error(definition, value) -> str | None:
    """Why ``value`` cannot be reported for ``definition`` (an ``IndicatorDefinition``), or
    None when it can (None, "not reported", can unless the indicator is required)."""
    label = definition.label
    if value is None:
        return _("%(indicator)s: this figure is required.") % {"indicator": label} if definition.required else None
    if isinstance(value, bool) or not isinstance(value, int):
        return _("%(indicator)s: enter a whole number.") % {"indicator": label}
    if value < 0:
        return _("%(indicator)s: a count cannot be negative.") % {"indicator": label}
    if value < definition.minimum:
        return _("%(indicator)s: %(value)s is less than %(minimum)s %(unit)s. Check the figure.") % {
            "indicator": label,
            "value": value,
            "minimum": definition.minimum,
            "unit": definition.unit,
        }
    if value > definition.maximum:
        return _(
            "%(indicator)s: %(value)s is more than one team can do in a month (at most %(maximum)s %(unit)s). "
            "Check the figure."
        ) % {"indicator": label, "value": value, "maximum": definition.maximum, "unit": definition.unit}
    return None


def clean_values(definitions: Iterable, values: Mapping) -> dict[str, int | None]:
    """Every indicator of ``definitions`` (the report's set) with its value (an indicator left
    out, or None, is not reported: None, not 0), or a ValidationError keyed by code. A code
    the set does not have (an indicator retired, or never in it) is refused."""
    definitions = list(definitions)
    known = {definition.code for definition in definitions}
    errors = {
        code: _("%(code)s is not an indicator of this report's set (retired, or never in it).") % {"code": code}
        for code in values
        if code not in known
    }
    cleaned = {}
    for definition in definitions:
        value = values.get(definition.code)
        if message := value_error(definition, value):
            errors[definition.code] = message
        else:
            cleaned[definition.code] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def printed_number(value: int) -> str:
    """1234 as Vietnamese text writes it: "1.234"."""
    return f"{value:,}".replace(",", ".")
