"""With a timestamp server configured, each signature is timestamped (PAdES B-T).

The server is a local RFC 3161 responder (pyHanko's DummyTimeStamper behind http.server),
its certificate issued by the test CA."""

import http.server
import threading

import pytest
from asn1crypto import keys, tsp, x509
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from decisions.models import Decision
from documents import storage, verification
from tests.decisions.helpers import issued, submitted
from tests.signing import pki
from tests.signing.test_pkcs12 import refused

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def tsa_url(ca):
    tsa = pki.make_tsa(ca)
    stamper = DummyTimeStamper(
        tsa_cert=x509.Certificate.load(tsa.certificate.public_bytes(Encoding.DER)),
        tsa_key=keys.PrivateKeyInfo.load(tsa.key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())),
    )

    class Responder(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Responder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_each_signature_is_timestamped(pkcs12_signing, tsa_url, village_team, village_people, clerk, chairman):
    pkcs12_signing.DOCUMENT_SIGNING_TIMESTAMP_URL = tsa_url
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    assert decision.status == Decision.Status.ISSUED
    verdict = verification.verify_pdf(storage.read(decision.pdf_sha256))
    assert [(s.timestamped, s.ok) for s in verdict.signatures] == [(True, True), (True, True)]


def test_a_timestamp_server_that_does_not_answer_stops_the_issuance(
    pkcs12_signing, village_team, village_people, clerk, chairman
):
    pkcs12_signing.DOCUMENT_SIGNING_TIMESTAMP_URL = "http://127.0.0.1:9/"
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    refused(decision, chairman, "did not answer")
