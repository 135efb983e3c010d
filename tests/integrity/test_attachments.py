"""A filed attachment (a report's "phụ lục") is written once, at issuance: the database refuses
any change to it and its deletion, whatever goes around the model."""

import datetime

import pytest

from documents.models import Attachment
from reports import commune_reports
from tests import factories
from tests.integrity import execute, refused
from tests.reports import active_team, file

pytestmark = pytest.mark.django_db

KEPT = "tungAnh: a filed attachment never changes and is never deleted."


@pytest.fixture
def attachment(commune, clerk, chairman):
    """The appendix of a commune report whose month one team reported."""
    period = factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)
    file(active_team(commune, name="Đông Thái"), period, clerk, digital_addresses=12)
    report = commune_reports.commune_report_create(period=period, by=clerk)
    report = commune_reports.commune_report_submit(report=report, by=clerk)
    report = commune_reports.commune_report_issue(report=report, by=chairman, on=datetime.date(2022, 11, 7))
    return Attachment.objects.get(entry__commune=commune, entry__number=report.number, entry__doc_type="BC")


def test_the_base_manager_cannot_change_an_attachment(attachment):
    with refused(KEPT):
        Attachment._base_manager.filter(pk=attachment.pk).update(pdf_sha256="0" * 64)
    with refused(KEPT):
        Attachment._base_manager.filter(pk=attachment.pk).update(title="Phụ lục khác")
    attachment.refresh_from_db()
    assert attachment.title != "Phụ lục khác"


def test_raw_sql_cannot_change_or_delete_an_attachment(attachment):
    with refused(KEPT):
        execute("UPDATE documents_attachment SET snapshot = %s WHERE id = %s", ['{"forged": true}', attachment.pk])
    with refused(KEPT):
        execute("DELETE FROM documents_attachment WHERE id = %s", [attachment.pk])
    assert Attachment.objects.filter(pk=attachment.pk, snapshot=attachment.snapshot).exists()


def test_a_new_attachment_is_filed(attachment):
    """Inserting stays allowed: issuance files the attachment after the register line."""
    assert attachment.pdf_sha256 and attachment.entry.doc_type == "BC"
