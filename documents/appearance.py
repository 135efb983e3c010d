"""Where the signature and seal images go on a signed document, and how they are drawn.

Decree 30 ("Electronic copies", ``../shared/nd30-layout.md``): the signer's image between
the signing title and the name, the seal's at its real size over the left third of the
signature. The room between title and name is the template's ``.signature__space``,
found in the laid-out page (``rendering.render_pdf_with_places``); each image is the
appearance of its signature's widget, so it is placed with the signature, after the
rendering, and the text of the page stays as WeasyPrint wrote it.
"""

from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.stamp import StaticStampStyle

from . import images
from .rendering import Place

MM = 72 / 25.4
# The signature image is never wider than this, whatever room the column leaves.
SIGNATURE_MAX_WIDTH = 60 * MM


def signature_place(space: Place, image) -> Place:
    """The signature image, as large as the room allows, centred in it, its proportions kept."""
    ratio = image.width / image.height
    height = space.height
    width = height * ratio
    limit = min(space.width, SIGNATURE_MAX_WIDTH)
    if width > limit:
        width, height = limit, limit / ratio
    return Place(
        page=space.page,
        x=space.x + (space.width - width) / 2,
        y=space.y + (space.height - height) / 2,
        width=width,
        height=height,
    )


def seal_place(signature: Place, seal) -> Place:
    """The seal at its real diameter, centred on the left third of the signature.

    Decree 30/2020/NĐ-CP, Appendix I, on the issuing body's digital signature on an
    electronic document: the seal's image is red, "kích thước bằng kích thước thực tế của
    con dấu" (the seal's real size), a transparent PNG, over about a third of the signer's
    signature image, on its left (``../shared/nd30-layout.md``, "Electronic copies", which
    gives no figure). The real size is the commune's own seal's, entered with its image
    (``SealImage.diameter_mm``): 35 mm by default, the diameter of a commune People's
    Committee's round seal in the seal specimens the Ministry of Public Security sets under
    Decree 99/2016/NĐ-CP on the management and use of seals.
    """
    width = seal.diameter_mm * MM
    height = width * seal.height / seal.width
    centre_x = signature.x + signature.width / 6
    centre_y = signature.y + signature.height / 2
    return Place(page=signature.page, x=centre_x - width / 2, y=centre_y - height / 2, width=width, height=height)


def stamp_style(image) -> StaticStampStyle:
    """The image alone, filling the widget (whose box has the image's proportions), no border."""
    return StaticStampStyle(
        background=PdfImage(images.pil(image)),
        background_opacity=1.0,
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(),
            inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
        ),
    )
