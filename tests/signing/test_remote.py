"""A remote signing service plugs in as a class named by DOCUMENT_SIGNING_BACKEND."""

import pytest

from documents import storage
from tests.decisions.helpers import issued
from tests.signing import remote
from tests.signing.conftest import CHAIRMAN, SEAL
from tests.signing.signatures import signatures

pytestmark = pytest.mark.django_db


def test_a_backend_class_of_ones_own_signs(
    trust, monkeypatch, ca, chairman_certificate, seal_certificate, village_team, village_people, clerk, chairman
):
    trust.DOCUMENT_SIGNING_BACKEND = "tests.signing.remote.RemoteBackend"
    monkeypatch.setattr(remote, "SERVICE", {"signer": chairman_certificate, "seal": seal_certificate})
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    found = signatures(storage.read(decision.pdf_sha256), ca)
    assert [s.signing_cert.subject.native["common_name"] for s in found] == [CHAIRMAN, SEAL]
    assert all(s.intact and s.valid and s.trusted for s in found)
