"""A test CA, the chairman's and the commune's certificates, and signing switched on."""

import pytest

from tests.signing import pki

CHAIRMAN = "Phan Tiến Dũng"  # the ``chairman`` fixture's person
SEAL = "UBND xã Tùng Ảnh"  # the ``commune`` fixture's committee


@pytest.fixture(scope="session")
def ca():
    return pki.make_ca()


@pytest.fixture(scope="session")
def chairman_certificate(ca):
    return pki.make_certificate(ca, CHAIRMAN)


@pytest.fixture(scope="session")
def seal_certificate(ca):
    return pki.make_certificate(ca, SEAL, organization=SEAL)


@pytest.fixture
def trust(ca, settings, tmp_path):
    """The test CA is the one trusted CA; no CRL, no fetching, no timestamp."""
    settings.DOCUMENT_SIGNING_TRUST_ROOTS = [pki.write(tmp_path, "ca.pem", ca.pem())]
    settings.DOCUMENT_SIGNING_CRLS = []
    settings.DOCUMENT_SIGNING_FETCH_REVOCATION = False
    settings.DOCUMENT_SIGNING_TIMESTAMP_URL = ""
    return settings


def use_pkcs12(settings, monkeypatch, folder, *, ca, signer, seal, passphrase=pki.PASSPHRASE):
    settings.DOCUMENT_SIGNING_BACKEND = "pkcs12"
    settings.DOCUMENT_SIGNING_PKCS12_SIGNER = pki.write(folder, "signer.p12", signer.p12(ca))
    settings.DOCUMENT_SIGNING_PKCS12_SEAL = pki.write(folder, "seal.p12", seal.p12(ca))
    monkeypatch.setenv("DOCUMENT_SIGNING_PKCS12_PASSPHRASE", passphrase)


@pytest.fixture
def pkcs12_signing(trust, monkeypatch, tmp_path, ca, chairman_certificate, seal_certificate):
    use_pkcs12(trust, monkeypatch, tmp_path, ca=ca, signer=chairman_certificate, seal=seal_certificate)
    return trust
