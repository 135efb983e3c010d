"""Issuing signs with keys on a PKCS#11 token: Debian's SoftHSM2 stands in for a USB token or an HSM."""

import shutil
import subprocess
from pathlib import Path

import pytest

from decisions.models import Decision
from documents import storage
from tests import mutation
from tests.decisions.helpers import issued, submitted
from tests.signing.conftest import CHAIRMAN, SEAL
from tests.signing.signatures import signatures
from tests.signing.test_pkcs12 import refused

MODULES = ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"]
MODULE = next((path for path in MODULES if Path(path).exists()), None)
TOKEN, PIN, SO_PIN = "tungAnh-thu", "123456", "654321"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("softhsm2-util") is None or MODULE is None,
        reason="SoftHSM2 is not installed (Debian's softhsm2; deploy/system-packages.sh test installs it)",
    ),
    # mutmut runs its stats and clean sessions in one process, and a process loads a PKCS#11
    # module once, with the first session's token: a second session's token is not seen.
    # The PKCS#12 tests cover the same signing path of documents.lifecycle.
    pytest.mark.skipif(mutation.active(), reason="one PKCS#11 token per process; mutmut runs several sessions in one"),
]


@pytest.fixture(scope="session")
def token(tmp_path_factory, chairman_certificate, seal_certificate):
    """A SoftHSM2 token holding the chairman's and the seal's keys and certificates.

    SoftHSM2 reads its configuration when the module is first loaded, and a process loads
    a PKCS#11 module once: one token serves the whole session."""
    import os

    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    config = folder / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(config)
    util = ["softhsm2-util"]
    subprocess.run(
        [*util, "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", SO_PIN],
        check=True,
        capture_output=True,
    )
    for index, (label, issued_) in enumerate([("signer", chairman_certificate), ("seal", seal_certificate)], 1):
        key = folder / f"{label}.pem"
        key.write_bytes(issued_.key_pem())
        subprocess.run(
            [*util, "--import", str(key), "--token", TOKEN, "--label", label, "--id", f"{index:02x}", "--pin", PIN],
            check=True,
            capture_output=True,
        )
        key.unlink()
    from cryptography.hazmat.primitives.serialization import Encoding

    with pkcs11.lib(MODULE).get_token(token_label=TOKEN).open(rw=True, user_pin=PIN) as session:
        for index, (label, issued_) in enumerate([("signer", chairman_certificate), ("seal", seal_certificate)], 1):
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.LABEL: label,
                    Attribute.ID: bytes([index]),
                    Attribute.SUBJECT: issued_.certificate.subject.public_bytes(),
                    Attribute.VALUE: issued_.certificate.public_bytes(Encoding.DER),
                }
            )
    return TOKEN


@pytest.fixture
def pkcs11_signing(trust, token, monkeypatch):
    trust.DOCUMENT_SIGNING_BACKEND = "pkcs11"
    trust.DOCUMENT_SIGNING_PKCS11_MODULE = MODULE
    trust.DOCUMENT_SIGNING_PKCS11_TOKEN = token
    trust.DOCUMENT_SIGNING_PKCS11_SIGNER_KEY = "signer"
    trust.DOCUMENT_SIGNING_PKCS11_SEAL_KEY = "seal"
    monkeypatch.setenv("DOCUMENT_SIGNING_PKCS11_PIN", PIN)
    return trust


def test_an_issued_decision_is_signed_on_the_token(pkcs11_signing, ca, village_team, village_people, clerk, chairman):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    assert decision.status == Decision.Status.ISSUED
    found = signatures(storage.read(decision.pdf_sha256), ca)
    assert [s.signing_cert.subject.native["common_name"] for s in found] == [CHAIRMAN, SEAL]
    assert all(s.intact and s.valid and s.trusted for s in found)


@pytest.fixture
def decision(village_team, village_people, clerk):
    return submitted(team=village_team, people=village_people, clerk=clerk)


def test_a_wrong_pin_is_refused(pkcs11_signing, monkeypatch, decision, chairman):
    monkeypatch.setenv("DOCUMENT_SIGNING_PKCS11_PIN", "000000")
    refused(decision, chairman, "refused its PIN")


def test_a_missing_token_is_refused(pkcs11_signing, decision, chairman):
    pkcs11_signing.DOCUMENT_SIGNING_PKCS11_TOKEN = "not-plugged-in"
    refused(decision, chairman, "token not-plugged-in is not there")


def test_a_missing_key_is_refused(pkcs11_signing, decision, chairman):
    pkcs11_signing.DOCUMENT_SIGNING_PKCS11_SEAL_KEY = "absent"
    refused(decision, chairman, "no key and certificate labelled absent")


def test_a_missing_module_is_refused(pkcs11_signing, decision, chairman, tmp_path):
    pkcs11_signing.DOCUMENT_SIGNING_PKCS11_MODULE = str(tmp_path / "absent.so")
    refused(decision, chairman, "is not there")
