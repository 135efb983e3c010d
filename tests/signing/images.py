"""PNG files for the tests: a blue signature and a red seal on a transparent background."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw


def png(size=(400, 160), colour=(0, 51, 204, 255), mode="RGBA", kind="PNG") -> bytes:
    image = Image.new(mode, size, (255, 255, 255, 0) if mode == "RGBA" else (255, 255, 255))
    draw = ImageDraw.Draw(image)
    width, height = size
    if mode == "RGBA":
        draw.line([(10, height - 20), (width // 2, 20), (width - 10, height // 2)], fill=colour, width=6)
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return buffer.getvalue()


def signature_png() -> bytes:
    return png()


def seal_png() -> bytes:
    image = Image.new("RGBA", (500, 500), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([5, 5, 495, 495], outline=(220, 20, 20, 255), width=14)
    draw.ellipse([70, 70, 430, 430], outline=(220, 20, 20, 255), width=6)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def upload(data: bytes, name: str = "image.png", content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
