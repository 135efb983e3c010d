"""The demo signs: a demo CA, the chairman's and the commune's demo certificates, and images.

Called by ``load_demo`` (DEBUG only). It writes, under ``MEDIA_ROOT/demo-signing/``, a demo
CA's certificate, two PKCS#12 files (the chairman's key, the commune's seal) and
``demo.env``, the settings that switch signing on with them. Every certificate says
``MARK`` ("DEMO - không có giá trị pháp lý") in its organisational unit, and the check
page shows it. It also gives the chairman a signature image and the commune a seal image
(drawn here, marked DEMO), so that a decision the newcomer issues with ``demo.env``
loaded shows both, and can be checked on the public page. Nothing already issued is
signed: the historic decisions stay as they were recorded, signed on paper.

Run again, it keeps the keys it made (documents signed with them stay verifiable).
"""

import datetime
import io
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image, ImageDraw, ImageFont

from accounts.models import Official
from documents.models import SealImage, SignatureImage

MARK = "DEMO - không có giá trị pháp lý"
PASSPHRASE = "demo-tunganh"  # a demo key's passphrase, as public as the demo passwords
FOLDER = "demo-signing"


def _name(common_name: str, organization: str | None = None) -> x509.Name:
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, MARK),
    ]
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(attributes)


def _certificate(*, subject, issuer, public_key, signing_key, ca: bool) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    usage = {
        "digital_signature": True,
        "content_commitment": not ca,
        "key_encipherment": False,
        "data_encipherment": False,
        "key_agreement": False,
        "key_cert_sign": ca,
        "crl_sign": ca,
        "encipher_only": False,
        "decipher_only": False,
    }
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650 if ca else 730))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(**usage), critical=True)
        .sign(signing_key, hashes.SHA256())
    )


def _new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)  # as the CA's tokens hold


def _write_keys(folder: Path, *, signer_name: str, seal_name: str) -> None:
    ca_key = _new_key()
    ca_name = _name("CA DEMO tungAnh")
    ca = _certificate(subject=ca_name, issuer=ca_name, public_key=ca_key.public_key(), signing_key=ca_key, ca=True)
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    for file, name, organization in (("signer.p12", signer_name, None), ("seal.p12", seal_name, seal_name)):
        key = _new_key()
        certificate = _certificate(
            subject=_name(name, organization), issuer=ca_name, public_key=key.public_key(), signing_key=ca_key, ca=False
        )
        bundle = pkcs12.serialize_key_and_certificates(
            b"demo", key, certificate, [ca], serialization.BestAvailableEncryption(PASSPHRASE.encode())
        )
        (folder / file).write_bytes(bundle)


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(finders.find("fonts/LiberationSerif-Bold.ttf"), size)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def signature_png() -> bytes:
    """A blue stroke on a transparent background, and the word DEMO under it."""
    image = Image.new("RGBA", (480, 200), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    blue = (20, 50, 190, 255)
    draw.line([(30, 150), (110, 40), (150, 130), (230, 50), (280, 120), (450, 70)], fill=blue, width=7, joint="curve")
    draw.text((240, 175), "DEMO", fill=blue, font=_font(26), anchor="mm")
    return _png(image)


def seal_png(committee: str) -> bytes:
    """A red round seal, the committee's name across it and DEMO under it."""
    image = Image.new("RGBA", (600, 600), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    red = (210, 20, 30, 255)
    draw.ellipse([8, 8, 592, 592], outline=red, width=16)
    draw.ellipse([70, 70, 530, 530], outline=red, width=6)
    draw.text((300, 260), committee.upper(), fill=red, font=_font(40), anchor="mm")
    draw.text((300, 340), "DEMO", fill=red, font=_font(56), anchor="mm")
    return _png(image)


def prepare(*, commune) -> list[str]:
    """Demo keys and images for ``commune``'s chairman and seal; the lines that say how to use them."""
    if not settings.DEBUG:
        return []
    chairman = (
        Official.objects.filter(commune=commune, role=Official.Role.CHAIRMAN, person__isnull=False)
        .select_related("person")
        .first()
    )
    if chairman is None:
        return [f"Demo signing: {commune.title_name} has no chairman login, nothing prepared."]
    committee = f"UBND {commune.full_name}"
    folder = Path(settings.MEDIA_ROOT) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    if not all((folder / name).exists() for name in ("ca.pem", "signer.p12", "seal.p12")):
        _write_keys(folder, signer_name=chairman.person.full_name, seal_name=committee)
    signature = signature_png()
    SignatureImage.objects.update_or_create(official=chairman, defaults={"png": signature, "width": 480, "height": 200})
    SealImage.objects.update_or_create(
        commune=commune, defaults={"png": seal_png(committee), "width": 600, "height": 600, "diameter_mm": 35}
    )
    env = folder / "demo.env"
    env.write_text(
        "\n".join(
            [
                f"# Demo signing ({MARK}): load before make run, e.g. set -a; . {env}; set +a",
                "DOCUMENT_SIGNING_BACKEND=pkcs12",
                f"DOCUMENT_SIGNING_PKCS12_SIGNER={folder / 'signer.p12'}",
                f"DOCUMENT_SIGNING_PKCS12_SEAL={folder / 'seal.p12'}",
                f"DOCUMENT_SIGNING_PKCS12_PASSPHRASE={PASSPHRASE}",
                f"DOCUMENT_SIGNING_TRUST_ROOTS={folder / 'ca.pem'}",
                "",
            ]
        ),
        encoding="utf-8",
    )
    return [
        f"Demo signing ({MARK}): keys for {chairman.person.full_name} and {committee}, with their images.",
        f"  To sign what you issue: set -a; . {env}; set +a; then make run, issue a decision as the chairman,",
        "  and check its PDF at /documents/check/.",
    ]
