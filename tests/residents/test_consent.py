"""Consent to publish: recorded by the clerk only, history never rewritten, exported."""

import csv
import datetime
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from openpyxl import load_workbook

from residents import services
from residents.models import ConsentRecord
from residents.selectors import latest_records
from tests import factories

ON = datetime.date(2026, 1, 5)
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def upload(name="form.pdf", data=PDF):
    return SimpleUploadedFile(name, data)


@pytest.fixture
def person(commune, village):
    return factories.PersonFactory(commune=commune, village=village, full_name="Trần Văn Bình", phone="0912345678")


def give(person, by, **fields):
    values = {"subject": "phone", "on": ON, "method": "in_person", "scan": None} | fields
    return services.consent_give(person=person, by=by, **values)


@pytest.mark.parametrize(
    ("name", "data"), [("form.pdf", PDF), ("form.PNG", PNG), ("form.jpg", JPEG)], ids=["pdf", "png", "jpeg"]
)
def test_the_clerk_records_a_consent_on_a_scanned_form(person, clerk, name, data):
    record = give(person, clerk, method="paper", scan=upload(name, data))
    assert record.action == "given" and record.phone == "0912345678" and record.recorded_by == clerk
    assert re.fullmatch(r"consent-scans/\d{4}/[0-9a-f]{32}\.(pdf|png|jpg)", record.scan.name)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("form.exe", PDF),  # a name the clerk cannot open
        ("form.pdf", PNG),  # a PNG named as a PDF
        ("form.png", b"<svg onload=alert(1)>"),
        ("form.pdf", b""),
        ("form.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024)),  # over 5 MB
        ("form", PDF),
    ],
    ids=["exe", "png-named-pdf", "svg-named-png", "empty", "over-5-mb", "no-extension"],
)
def test_a_scan_that_is_not_a_sane_pdf_jpeg_or_png_is_refused(person, clerk, name, data):
    with pytest.raises(ValidationError):
        give(person, clerk, method="paper", scan=upload(name, data))
    assert not ConsentRecord.objects.exists()


def test_a_paper_consent_needs_its_scan_and_an_in_person_one_has_none(person, clerk):
    with pytest.raises(ValidationError):
        give(person, clerk, method="paper", scan=None)
    with pytest.raises(ValidationError):
        give(person, clerk, method="in_person", scan=upload())
    assert not ConsentRecord.objects.exists()


def test_a_5_mb_scan_is_accepted(person, clerk):
    give(person, clerk, method="paper", scan=upload("form.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024 - 5)))


def test_only_the_clerk_of_the_commune_records_consent(person, chairman, commune):
    leader = factories.OfficialFactory(commune=commune, role="team_leader", person=person).user
    other_clerk = factories.OfficialFactory(commune=factories.CommuneFactory(code=18260, name="Tùng Lộc")).user
    for user in (chairman, leader, other_clerk):
        with pytest.raises(PermissionDenied):
            give(person, user)
        with pytest.raises(PermissionDenied):
            services.consent_withdraw(person=person, subject="phone", on=ON, by=user)
    assert not ConsentRecord.objects.exists()


def test_a_withdrawal_is_a_new_record_and_the_history_stays(person, clerk):
    given = give(person, clerk)
    withdrawn = services.consent_withdraw(person=person, subject="phone", on=ON + datetime.timedelta(days=3), by=clerk)
    assert list(ConsentRecord.objects.order_by("pk")) == [given, withdrawn]
    assert latest_records([person.pk])[(person.pk, "phone")] == withdrawn
    again = give(person, clerk, on=ON + datetime.timedelta(days=9))
    assert latest_records([person.pk])[(person.pk, "phone")] == again


def test_nothing_to_withdraw_without_a_standing_consent(person, clerk):
    with pytest.raises(ValidationError):
        services.consent_withdraw(person=person, subject="phone", on=ON, by=clerk)
    give(person, clerk)
    services.consent_withdraw(person=person, subject="phone", on=ON, by=clerk)
    with pytest.raises(ValidationError):
        services.consent_withdraw(person=person, subject="phone", on=ON, by=clerk)


def test_a_withdrawal_cannot_be_dated_before_its_consent(person, clerk):
    give(person, clerk)
    with pytest.raises(ValidationError):
        services.consent_withdraw(person=person, subject="phone", on=ON - datetime.timedelta(days=1), by=clerk)


def test_no_date_in_the_future(person, clerk):
    with pytest.raises(ValidationError):
        give(person, clerk, on=datetime.date.today() + datetime.timedelta(days=2))


def test_a_consent_is_not_given_twice_but_a_new_number_needs_a_new_one(person, clerk):
    give(person, clerk)
    with pytest.raises(ValidationError):
        give(person, clerk)
    person.phone = "0987654321"
    person.save()
    assert give(person, clerk).phone == "0987654321"


def test_a_phone_consent_needs_a_number(person, clerk):
    person.phone = ""
    person.save()
    with pytest.raises(ValidationError, match="no phone number recorded"):
        give(person, clerk)


def test_the_name_and_role_are_consented_separately(person, clerk):
    give(person, clerk, subject="name_role")
    latest = latest_records([person.pk])
    assert latest[(person.pk, "name_role")].phone == ""
    assert (person.pk, "phone") not in latest


def test_a_record_refuses_to_change_or_be_deleted(person, clerk):
    record = give(person, clerk)
    record.on = ON - datetime.timedelta(days=30)
    with pytest.raises(ValidationError):
        record.save()
    with pytest.raises(ValidationError):
        record.delete()


def test_the_database_refuses_an_update_or_delete_of_a_record(person, clerk):
    record = give(person, clerk)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentRecord.objects.filter(pk=record.pk).update(action="withdrawn")
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentRecord.objects.filter(pk=record.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE residents_consentrecord SET phone = '0900000000'")
    record.refresh_from_db()
    assert record.action == "given" and record.phone == "0912345678"


@pytest.mark.parametrize(
    "fields",
    [
        {"action": "given", "method": ""},  # a consent given says how
        {"action": "given", "method": "paper", "scan": ""},  # paper needs its scan
        {"action": "given", "method": "in_person", "phone": ""},  # a phone consent names the number
        {"action": "withdrawn", "method": "in_person", "phone": ""},  # a withdrawal carries no method
        {"subject": "name_role", "action": "given", "method": "in_person", "phone": "0912345678"},
        {"subject": "email"},
    ],
)
def test_the_database_refuses_an_incoherent_record(person, clerk, fields):
    values = {"subject": "phone", "action": "given", "on": ON, "method": "in_person", "phone": "0912345678"}
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentRecord.objects.bulk_create([ConsentRecord(person=person, recorded_by=clerk, **(values | fields))])


# Pages --------------------------------------------------------------------------------------


def test_the_clerk_records_a_consent_through_the_page(client, person, clerk):
    client.force_login(clerk)
    url = reverse("residents:consent_record", args=[person.pk])
    data = {"action": "give", "subject": "phone", "on": "2026-01-05", "method": "paper", "scan": upload()}
    response = client.post(url, data)
    assert response.status_code == 302
    record = ConsentRecord.objects.get()
    assert record.method == "paper"
    page = client.get(reverse("teams:person_detail", args=[person.pk])).content.decode()
    assert "consent given" in page and "05/01/2026" in page
    scan = client.get(reverse("residents:consent_scan", args=[record.pk]))
    assert scan.status_code == 200 and b"".join(scan.streaming_content).startswith(b"%PDF-")
    data = {"action": "withdraw", "withdraw-subject": "phone", "withdraw-on": "2026-01-06"}
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("teams:person_detail", args=[person.pk])).content.decode()
    assert "consent withdrawn" in page and "06/01/2026" in page


def test_a_bad_scan_through_the_page_is_refused_next_to_the_field(client, person, clerk):
    client.force_login(clerk)
    url = reverse("residents:consent_record", args=[person.pk])
    data = {"action": "give", "subject": "phone", "on": "2026-01-05", "method": "paper", "scan": upload("x.pdf", PNG)}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "This file is not the PDF, JPEG or PNG its name says." in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_the_consent_page_and_scan_are_the_clerks_only(client, person, clerk, chairman):
    record = give(person, clerk, method="paper", scan=upload())
    client.force_login(chairman)
    assert client.get(reverse("residents:consent_record", args=[person.pk])).status_code == 403
    assert client.get(reverse("residents:consent_scan", args=[record.pk])).status_code == 404
    page = client.get(reverse("teams:person_detail", args=[person.pk])).content.decode()
    assert "consent given" in page
    assert reverse("residents:consent_scan", args=[record.pk]) not in page
    assert reverse("residents:consent_record", args=[person.pk]) not in page


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_export_lists_who_consented_to_what_with_formulas_neutralised(client, clerk, commune, fmt):
    sly = factories.PersonFactory(commune=commune, full_name='=HYPERLINK("http://x")', phone="0912000077")
    plain = factories.PersonFactory(commune=commune, full_name="Lê Thị Hoa", phone="0912000078")
    factories.PersonFactory(commune=commune, full_name="Không Đồng Ý")
    give(sly, clerk)
    give(plain, clerk, subject="name_role")
    give(plain, clerk)
    services.consent_withdraw(person=plain, subject="phone", on=ON, by=clerk)
    client.force_login(clerk)
    response = client.get(reverse("residents:consent_export", args=[fmt]))
    assert response.status_code == 200
    if fmt == "xlsx":
        rows = [list(r) for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    else:
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [row[0] for row in rows[1:]]
    assert "Không Đồng Ý" not in names
    assert '\'=HYPERLINK("http://x")' in names
    hoa = rows[1 + names.index("Lê Thị Hoa")]
    assert hoa[3] == "Đã rút lại" and hoa[7] == "Đồng ý"


def test_the_export_is_the_clerks_only(client, chairman):
    client.force_login(chairman)
    assert client.get(reverse("residents:consent_export", args=["csv"])).status_code == 403
