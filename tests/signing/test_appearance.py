"""The signed PDF shows the signer's image between the title and the name, and the seal at its
real size over the image's left third: positions read back from the PDF."""

import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from documents import images, storage
from documents.signing import SEAL_FIELD, SIGNER_FIELD
from tests import pdfs
from tests.decisions.helpers import issued
from tests.signing.images import seal_png, signature_png, upload

pytestmark = pytest.mark.django_db
MM = 72 / 25.4


def widgets(pdf: bytes) -> dict[str, tuple[int, tuple[float, float, float, float], object]]:
    """Each signature field's page (from 1), box (points, top-left origin like tests.pdfs) and appearance."""
    reader = PdfFileReader(io.BytesIO(pdf))
    pages = [page.idnum for page in (reader.root["/Pages"]["/Kids"])]
    heights = [float(reader.root["/Pages"]["/Kids"][i]["/MediaBox"][3]) for i in range(len(pages))]
    found = {}
    for field in reader.root["/AcroForm"]["/Fields"]:
        field = field.get_object()
        x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
        page = pages.index(field.raw_get("/P").idnum)
        height = heights[page]
        found[str(field["/T"])] = (page + 1, (x1, height - y2, x2, height - y1), field.get("/AP"))
    return found


@pytest.fixture
def signed_with_images(pkcs12_signing, village_team, village_people, clerk, chairman, commune):
    images.signature_image_upload(official=chairman.official, upload=upload(signature_png()), by=clerk)
    images.seal_image_upload(commune=commune, upload=upload(seal_png()), diameter_mm=35, by=clerk)
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    return storage.read(decision.pdf_sha256)


def test_the_signature_image_sits_between_the_title_and_the_name(signed_with_images):
    pdf = signed_with_images
    page, (x_min, y_min, x_max, y_max), appearance = widgets(pdf)[SIGNER_FIELD]
    words = [w for w in pdfs.words(pdf) if w.page == page]
    title = [w for w in words if w.text == "TỊCH"][-1]
    name = next(w for w in words if w.text == "Dũng")
    name_line = [w for w in words if abs(w.y_min - name.y_min) < 1]
    assert title.y_max <= y_min < y_max <= name.y_min
    # Centred over the name, as wide as its proportions (400 × 160) allow in the room.
    centre = (min(w.x_min for w in name_line) + max(w.x_max for w in name_line)) / 2
    assert abs((x_min + x_max) / 2 - centre) < 3
    assert (x_max - x_min) / (y_max - y_min) == pytest.approx(400 / 160, rel=0.01)
    assert appearance is not None


def test_the_seal_is_at_its_real_size_over_the_left_third(signed_with_images):
    found = widgets(signed_with_images)
    _page, (sx_min, sy_min, sx_max, sy_max), _ = found[SIGNER_FIELD]
    page, (x_min, y_min, x_max, y_max), appearance = found[SEAL_FIELD]
    assert (x_max - x_min) == pytest.approx(35 * MM, abs=0.1)
    assert (y_max - y_min) == pytest.approx(35 * MM, abs=0.1)
    centre_x, centre_y = (x_min + x_max) / 2, (y_min + y_max) / 2
    assert sx_min < centre_x < sx_min + (sx_max - sx_min) / 3
    assert sy_min < centre_y < sy_max
    assert appearance is not None


def test_the_images_keep_their_transparency_and_the_text_stays_extractable(signed_with_images):
    pdf = signed_with_images
    assert pdf.count(b"/SMask") >= 2
    text = pdfs.text(pdf)
    assert "Phan Tiến Dũng" in text and "CHỦ TỊCH" in text and "QUYẾT ĐỊNH" in text


def test_without_images_the_signatures_are_invisible(pkcs12_signing, village_team, village_people, clerk, chairman):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    for _page, (x_min, y_min, x_max, y_max), _ in widgets(storage.read(decision.pdf_sha256)).values():
        assert x_max - x_min == 0 and y_max - y_min == 0
