"""The commune report's returned comment (and its drafting and issuance) become events."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("reports", "0003_pdf_to_document_storage"), ("teams", "0004_allowed_values")]
AT = timezone.make_aware(datetime.datetime(2022, 11, 3, 9, 30))


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_a_returned_report_keeps_its_comment_as_an_event():
    old = migrate(BEFORE)
    try:
        user_model = old.get_model("auth", "User")
        clerk = user_model.objects.create(username="vanthu")
        chairman = user_model.objects.create(username="chutich")
        province = old.get_model("teams", "Province").objects.create(code=42, name="Hà Tĩnh", type_word="tỉnh")
        district = old.get_model("teams", "District").objects.create(
            code=440, name="Đức Thọ", type_word="huyện", province=province
        )
        commune = old.get_model("teams", "Commune").objects.create(
            code=18259, name="Tùng Ảnh", type_word="xã", district=district, province=province
        )
        period = old.get_model("reports", "ReportingPeriod").objects.create(
            commune=commune, year=2022, month=10, due_on=datetime.date(2022, 11, 5), opened_by=clerk
        )
        report = old.get_model("reports", "CommuneReport").objects.create(
            commune=commune,
            period=period,
            subject="Báo cáo tháng 10",
            intro="Mở đầu",
            recipients="- Như trên;",
            created_by=clerk,
            return_comment="Bổ sung số liệu.",
            returned_by=chairman,
            returned_at=AT,
        )
        migrate(latest())
        from reports.models import CommuneReport

        events = list(CommuneReport.objects.get(pk=report.pk).events.order_by("id"))
        assert [(e.action, e.by_id) for e in events] == [("created", clerk.pk), ("returned", chairman.pk)]
        assert (events[1].comment, events[1].at) == ("Bổ sung số liệu.", AT)
    finally:
        migrate(latest())
