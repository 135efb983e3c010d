"""Issuing signs the stored PDF twice (the chairman, then the commune's seal) with PKCS#12 keys."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from decisions import workflow
from decisions.models import Decision
from documents import storage
from documents.models import NumberSequence, RegisterEntry
from tests.decisions.helpers import issued, submitted
from tests.signing import pki
from tests.signing.conftest import CHAIRMAN, SEAL, use_pkcs12
from tests.signing.signatures import signatures

pytestmark = pytest.mark.django_db


def test_an_issued_decision_is_signed_by_the_chairman_then_the_seal(
    pkcs12_signing, ca, village_team, village_people, clerk, chairman
):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    pdf = storage.read(decision.pdf_sha256)
    found = signatures(pdf, ca)
    assert [s.signing_cert.subject.native["common_name"] for s in found] == [CHAIRMAN, SEAL]
    assert all(s.intact and s.valid and s.trusted for s in found)
    assert all(s.bottom_line for s in found)
    # PAdES (ETSI.CAdES.detached), SHA-256; the first signature covers the rendered file,
    # the second everything up to it: both are incremental updates.
    assert all(s.md_algorithm == "sha256" for s in found)
    assert found[0].coverage.name == "ENTIRE_REVISION" and found[1].coverage.name == "ENTIRE_FILE"


def test_the_register_keeps_the_signed_files_hash(pkcs12_signing, village_team, village_people, clerk, chairman):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    pdf = storage.read(decision.pdf_sha256)
    assert b"/ByteRange" in pdf
    assert storage.sha256_of(pdf) == decision.pdf_sha256


def test_a_one_byte_change_breaks_the_signature(pkcs12_signing, ca, village_team, village_people, clerk, chairman):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    pdf = bytearray(storage.read(decision.pdf_sha256))
    at = pdf.index(b"stream") + 20  # a byte of the first page's content, under both signatures
    pdf[at] ^= 0x01
    assert not all(s.intact for s in signatures(bytes(pdf), ca))


def test_signing_off_leaves_the_pdf_unsigned(village_team, village_people, clerk, chairman, settings):
    settings.DOCUMENT_SIGNING_BACKEND = "none"
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    assert b"/ByteRange" not in storage.read(decision.pdf_sha256)


def test_a_decision_recorded_from_paper_is_not_signed(pkcs12_signing, village_team, village_people, clerk, chairman):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    person = chairman.official.person
    recorded = workflow.decision_record_issued(decision=decision, number=170, on=datetime.date.today(), signer=person)
    assert b"/ByteRange" not in storage.read(recorded.pdf_sha256)


def refused(decision, chairman, match):
    """The issuance is refused with ``match`` and leaves nothing behind: no number, no line, no file."""
    files = storage.stored_names()
    with translation.override("en"), pytest.raises(ValidationError, match=match):
        workflow.decision_issue(decision=decision, by=chairman)
    decision.refresh_from_db()
    assert (decision.status, decision.number, decision.pdf_sha256) == (Decision.Status.SUBMITTED, None, "")
    assert not RegisterEntry.objects.exists()
    assert not NumberSequence.objects.filter(last_number__gt=0).exists()
    assert storage.stored_names() == files


@pytest.fixture
def decision(village_team, village_people, clerk):
    return submitted(team=village_team, people=village_people, clerk=clerk)


def test_a_wrong_passphrase_is_refused(pkcs12_signing, monkeypatch, decision, chairman):
    monkeypatch.setenv("DOCUMENT_SIGNING_PKCS12_PASSPHRASE", "sai")
    refused(decision, chairman, "the passphrase is wrong")


def test_a_missing_passphrase_is_refused(pkcs12_signing, monkeypatch, decision, chairman):
    monkeypatch.delenv("DOCUMENT_SIGNING_PKCS12_PASSPHRASE")
    refused(decision, chairman, "DOCUMENT_SIGNING_PKCS12_PASSPHRASE")


def test_a_missing_key_file_is_refused(pkcs12_signing, tmp_path, decision, chairman):
    pkcs12_signing.DOCUMENT_SIGNING_PKCS12_SIGNER = str(tmp_path / "absent.p12")
    refused(decision, chairman, "key file cannot be read")


@pytest.mark.parametrize(
    ("days", "match"),
    [((-400, -10), "expired on"), ((10, 400), "not valid before")],
    ids=["expired", "not-yet-valid"],
)
def test_a_certificate_out_of_its_validity_is_refused(
    trust, monkeypatch, tmp_path, ca, seal_certificate, decision, chairman, days, match
):
    start, end = (pki.NOW + datetime.timedelta(days=d) for d in days)
    signer = pki.make_certificate(ca, CHAIRMAN, not_before=start, not_after=end)
    use_pkcs12(trust, monkeypatch, tmp_path, ca=ca, signer=signer, seal=seal_certificate)
    refused(decision, chairman, match)


def test_a_certificate_in_another_name_is_refused(
    trust, monkeypatch, tmp_path, ca, seal_certificate, decision, chairman
):
    signer = pki.make_certificate(ca, "Nguyễn Văn Khác")
    use_pkcs12(trust, monkeypatch, tmp_path, ca=ca, signer=signer, seal=seal_certificate)
    refused(decision, chairman, "in the name of Nguyễn Văn Khác, not of Phan Tiến Dũng")


def test_a_seal_of_another_commune_is_refused(
    trust, monkeypatch, tmp_path, ca, chairman_certificate, decision, chairman
):
    seal = pki.make_certificate(ca, "UBND xã Khác", organization="UBND xã Khác")
    use_pkcs12(trust, monkeypatch, tmp_path, ca=ca, signer=chairman_certificate, seal=seal)
    refused(decision, chairman, "in the name of UBND xã Khác, not of Xã Tùng Ảnh")


def test_a_revoked_certificate_is_refused(pkcs12_signing, tmp_path, ca, chairman_certificate, decision, chairman):
    crl = pki.write(tmp_path, "ca.crl", pki.make_crl(ca, [chairman_certificate]))
    pkcs12_signing.DOCUMENT_SIGNING_CRLS = [crl]
    refused(decision, chairman, "has been revoked")


def test_a_certificate_of_an_unknown_ca_is_refused(
    trust, monkeypatch, tmp_path, seal_certificate, ca, decision, chairman
):
    other = pki.make_ca("Another CA")
    signer = pki.make_certificate(other, CHAIRMAN)
    use_pkcs12(trust, monkeypatch, tmp_path, ca=other, signer=signer, seal=seal_certificate)
    refused(decision, chairman, "not issued by a trusted certification authority")


def test_revocation_data_is_embedded_when_the_ca_publishes_a_crl(
    pkcs12_signing, tmp_path, ca, village_team, village_people, clerk, chairman
):
    pkcs12_signing.DOCUMENT_SIGNING_CRLS = [pki.write(tmp_path, "ca.crl", pki.make_crl(ca, []))]
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    pdf = storage.read(decision.pdf_sha256)
    assert b"/DSS" in pdf  # PAdES B-LT: the CRL in the document security store
    assert all(s.intact and s.valid for s in signatures(pdf, ca))


def test_no_trusted_ca_configured_is_refused(pkcs12_signing, decision, chairman):
    pkcs12_signing.DOCUMENT_SIGNING_TRUST_ROOTS = []
    refused(decision, chairman, "No trusted certification authority is configured")


def test_an_unreadable_ca_file_is_refused(pkcs12_signing, tmp_path, decision, chairman):
    pkcs12_signing.DOCUMENT_SIGNING_TRUST_ROOTS = [str(tmp_path / "absent.pem")]
    refused(decision, chairman, "trusted CA certificates or CRLs cannot be read")


def test_a_certificate_under_an_intermediate_ca_signs(
    trust, monkeypatch, tmp_path, ca, village_team, village_people, clerk, chairman
):
    """Only the root is trusted; the PKCS#12 files carry the intermediate CA, as a provider's do."""
    intermediate = pki.make_intermediate(ca)
    signer = pki.make_certificate(intermediate, CHAIRMAN)
    seal = pki.make_certificate(intermediate, SEAL, organization=SEAL)
    use_pkcs12(trust, monkeypatch, tmp_path, ca=intermediate, signer=signer, seal=seal)
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    found = signatures(storage.read(decision.pdf_sha256), ca)
    assert all(s.intact and s.valid and s.trusted for s in found)
