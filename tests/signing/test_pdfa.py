"""A signed document is PDF/A-2b and stays so after both signatures: what can be checked here."""

import io
import re

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from documents import images, storage
from tests import pdfs
from tests.decisions.helpers import issued
from tests.signing.images import seal_png, signature_png, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(pkcs12_signing, village_team, village_people, clerk, chairman, commune):
    images.signature_image_upload(official=chairman.official, upload=upload(signature_png()), by=clerk)
    images.seal_image_upload(commune=commune, upload=upload(seal_png()), diameter_mm=35, by=clerk)
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    return storage.read(decision.pdf_sha256)


def test_the_signed_file_identifies_itself_as_pdfa_2b(signed):
    reader = PdfFileReader(io.BytesIO(signed))
    xmp = reader.root["/Metadata"].get_object().data.decode()
    assert re.search(r"pdfaid:part(>|=\")2", xmp)
    assert re.search(r"pdfaid:conformance(>|=\")B", xmp)
    intents = reader.root["/OutputIntents"]
    assert [str(intent.get_object()["/S"]) for intent in intents] == ["/GTS_PDFA1"]
    assert intents[0].get_object()["/DestOutputProfile"].get_object().data[36:40] == b"acsp"  # an ICC profile


def test_signing_keeps_the_identification_in_the_last_revision(signed):
    reader = PdfFileReader(io.BytesIO(signed))
    assert len(reader.embedded_signatures) == 2
    # The catalogue of the last revision (after both signatures) still names the XMP and the intent.
    assert "/Metadata" in reader.root and "/OutputIntents" in reader.root


def test_every_font_is_embedded_and_nothing_is_encrypted_or_external(signed):
    assert all(font.embedded for font in pdfs.fonts(signed))
    reader = PdfFileReader(io.BytesIO(signed))
    assert not reader.encrypted
    assert b"/Encrypt" not in signed
    for marker in (b"/URI", b"/Launch", b"/JavaScript", b"/EmbeddedFiles", b"/F (http"):
        assert marker not in signed
