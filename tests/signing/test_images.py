"""The clerk uploads the signer's signature image and the commune's seal image; bad files are refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from documents import images
from documents.models import SealImage, SignatureImage
from tests.signing.images import png, seal_png, signature_png, upload

pytestmark = pytest.mark.django_db


def test_the_clerk_keeps_a_signature_image_and_replaces_it(clerk, chairman):
    official = chairman.official
    first = images.signature_image_upload(official=official, upload=upload(signature_png()), by=clerk)
    assert (first.width, first.height) == (400, 160)
    images.signature_image_upload(official=official, upload=upload(png(size=(300, 100))), by=clerk)
    assert SignatureImage.objects.get().width == 300


def test_the_clerk_keeps_the_seal_at_its_diameter(clerk, commune):
    seal = images.seal_image_upload(commune=commune, upload=upload(seal_png()), diameter_mm=36, by=clerk)
    assert (seal.diameter_mm, seal.width) == (36, 500)


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (png(kind="JPEG", mode="RGB"), "Only PNG images are accepted"),
        (b"GIF89a" + b"\0" * 100, "Only PNG images are accepted"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "damaged"),
        (png(mode="RGB"), "no transparent background"),
        (png(size=(4000, 100)), "each side must be 60 to 3000 pixels"),
        (png(size=(40, 40)), "each side must be 60 to 3000 pixels"),
    ],
    ids=["jpeg", "gif", "damaged", "opaque", "too-wide", "too-small"],
)
def test_a_bad_image_is_refused_and_nothing_kept(clerk, chairman, settings, data, match):
    with translation.override("en"), pytest.raises(ValidationError, match=match):
        images.signature_image_upload(official=chairman.official, upload=upload(data), by=clerk)
    assert not SignatureImage.objects.exists()


def test_a_20_mb_file_is_refused_before_it_is_read(clerk, commune):
    class Huge:
        size = 20 * 1024 * 1024

        def read(self, *args):
            raise AssertionError("a file over the limit is not read")

    with translation.override("en"), pytest.raises(ValidationError, match="20480 KB: at most 1024 KB"):
        images.seal_image_upload(commune=commune, upload=Huge(), diameter_mm=35, by=clerk)
    assert not SealImage.objects.exists()


def test_a_seal_of_an_unreal_size_is_refused(clerk, commune):
    with pytest.raises(ValidationError):
        images.seal_image_upload(commune=commune, upload=upload(seal_png()), diameter_mm=200, by=clerk)
    assert not SealImage.objects.exists()


def test_only_the_clerk_uploads(chairman, commune):
    with pytest.raises(PermissionDenied):
        images.seal_image_upload(commune=commune, upload=upload(seal_png()), diameter_mm=35, by=chairman)


def test_only_signers_have_a_signature_image(clerk):
    with translation.override("en"), pytest.raises(ValidationError, match="Only the chairman and the vice-chairmen"):
        images.signature_image_upload(official=clerk.official, upload=upload(signature_png()), by=clerk)
