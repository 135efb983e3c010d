"""Plan 246's eight indicators become data: set v1 of every plan 246/KH-UBND, and the
default set (for communes whose plans list no indicators); every report filed so far is
pointed at the set of its commune's plan 246, or at the default set.

The eight are copied here as they stood (``reports.indicators``), so that this migration
reads the same whatever the catalogue becomes.
"""

import datetime

from django.db import migrations

PLAN_246 = "246/KH-UBND"
DEFAULT_VALID_FROM = datetime.date(2000, 1, 1)
# code, label, unit, maximum: the ``printed`` and ``unit_printed`` texts of the catalogue.
EIGHT = [
    ("digital_addresses", "Hộ gia đình được hướng dẫn tạo địa chỉ số", "hộ", 5000),
    ("public_service_accounts", "Người dân được hướng dẫn tạo tài khoản dịch vụ công trực tuyến", "người", 5000),
    ("vneid_activations", "Tài khoản định danh điện tử (VNeID) được hỗ trợ kích hoạt", "tài khoản", 5000),
    ("health_apps", "Lượt cài đặt ứng dụng Sổ sức khỏe điện tử", "lượt", 5000),
    ("trainings_attended", "Lớp đào tạo, tập huấn Tổ đã tham gia", "lớp", 31),
    ("outreach_sessions", "Buổi tuyên truyền, hướng dẫn đã tổ chức", "buổi", 200),
    ("initiatives_proposed", "Sáng kiến, cách làm hay được đề xuất", "sáng kiến", 50),
    ("commendations_proposed", "Cá nhân được đề xuất khen thưởng", "người", 100),
]


def _with_the_eight(apps, **fields):
    IndicatorSet = apps.get_model("reports", "IndicatorSet")
    IndicatorDefinition = apps.get_model("reports", "IndicatorDefinition")
    indicator_set = IndicatorSet.objects.create(version=1, **fields)
    IndicatorDefinition.objects.bulk_create(
        IndicatorDefinition(
            indicator_set=indicator_set, position=position, code=code, label=label, unit=unit, maximum=maximum
        )
        for position, (code, label, unit, maximum) in enumerate(EIGHT, start=1)
    )
    return indicator_set


def forwards(apps, schema_editor):
    Plan = apps.get_model("teams", "Plan")
    TeamReport = apps.get_model("reports", "TeamReport")
    default = _with_the_eight(
        apps, plan=None, valid_from=DEFAULT_VALID_FROM, note="Tám chỉ tiêu của Kế hoạch 246/KH-UBND."
    )
    for plan in Plan.objects.filter(number_symbol=PLAN_246).order_by("pk"):
        indicator_set = _with_the_eight(
            apps, plan=plan, valid_from=plan.issued_on.replace(day=1), note="Tám chỉ tiêu của Kế hoạch."
        )
        TeamReport.objects.filter(period__commune_id=plan.commune_id, indicator_set__isnull=True).update(
            indicator_set=indicator_set
        )
    TeamReport.objects.filter(indicator_set__isnull=True).update(indicator_set=default)


def backwards(apps, schema_editor):
    apps.get_model("reports", "TeamReport").objects.update(indicator_set=None)
    apps.get_model("reports", "IndicatorDefinition").objects.all().delete()
    apps.get_model("reports", "IndicatorSet").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0009_indicator_sets"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
