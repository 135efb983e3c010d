"""The signature and seal images the clerk uploads, checked before they are kept.

Only a PNG with transparency is accepted (the image is drawn over the page, and the seal
over the signature), at most ``MAX_BYTES`` and ``MAX_PIXELS`` a side, and it must decode
completely: a file that only claims to be a PNG is refused. The size is checked before
the file is read, so a 20 MB upload costs nothing.
"""

import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image

from accounts import scoping

from .models import SealImage, SignatureImage

MAX_BYTES = 1024 * 1024
MIN_PIXELS = 60
MAX_PIXELS = 3000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def checked_png(upload) -> tuple[bytes, int, int]:
    """The upload's bytes and size in pixels, or a ValidationError saying what is wrong."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The image is %(size)s KB: at most %(limit)s KB is accepted.")
            % {"size": upload.size // 1024, "limit": MAX_BYTES // 1024}
        )
    data = upload.read(MAX_BYTES + 1)
    if not data.startswith(PNG_SIGNATURE):
        raise ValidationError(_("Only PNG images are accepted."))
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "PNG":
                raise ValidationError(_("Only PNG images are accepted."))
            width, height = image.size
            if not (MIN_PIXELS <= width <= MAX_PIXELS and MIN_PIXELS <= height <= MAX_PIXELS):
                raise ValidationError(
                    _("The image is %(width)d × %(height)d pixels: each side must be %(min)d to %(max)d pixels.")
                    % {"width": width, "height": height, "min": MIN_PIXELS, "max": MAX_PIXELS}
                )
            image.load()
            transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    except (OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(_("The PNG image is damaged and cannot be read.")) from None
    if not transparent:
        raise ValidationError(_("The image has no transparent background: save it as a PNG with transparency."))
    return data, width, height


@transaction.atomic
def signature_image_upload(*, official, upload, by) -> SignatureImage:
    """The clerk keeps a signer's signature image (replacing the previous one)."""
    scoping.require_clerk(by, official.commune)
    if official.role not in (official.Role.CHAIRMAN, official.Role.VICE_CHAIRMAN):
        raise ValidationError(_("Only the chairman and the vice-chairmen sign documents."))
    data, width, height = checked_png(upload)
    image, _created = SignatureImage.objects.update_or_create(
        official=official, defaults={"png": data, "width": width, "height": height, "uploaded_by": by}
    )
    return image


@transaction.atomic
def seal_image_upload(*, commune, upload, diameter_mm: int, by) -> SealImage:
    """The clerk keeps the commune's seal image and its real diameter (replacing the previous one)."""
    scoping.require_clerk(by, commune)
    data, width, height = checked_png(upload)
    image = SealImage(commune=commune, png=data, width=width, height=height, diameter_mm=diameter_mm, uploaded_by=by)
    image.full_clean(exclude=["commune"], validate_unique=False)
    image, _created = SealImage.objects.update_or_create(
        commune=commune,
        defaults={"png": data, "width": width, "height": height, "diameter_mm": diameter_mm, "uploaded_by": by},
    )
    return image


def pil(image) -> Image.Image:
    """A stored image as Pillow's, for drawing into the PDF."""
    picture = Image.open(io.BytesIO(bytes(image.png)))
    picture.load()
    return picture
