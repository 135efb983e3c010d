"""The demo signs: a demo CA, the chairman's and the commune's demo certificates, images,
and a signed decision.

Called by ``load_demo`` (DEBUG only). ``prepare`` writes, under ``MEDIA_ROOT/demo-signing/``,
a demo CA's certificate, two PKCS#12 files (the chairman's key, the commune's seal) and
``demo.env``, the settings that switch signing on with them. Every certificate says
``MARK`` ("DEMO - không có giá trị pháp lý") in its organisational unit, and the check
page shows it. It also gives the chairman a signature image and the commune a seal image
(drawn here, marked DEMO). ``issue_signed_decision`` then issues, with those keys, the new
commune's first decision of the current year: 01/QĐ-UBND of Xã Đức Thọ, which sets up its
commune team (the members of Tùng Ảnh's commune team of 2022, which ended with the reform),
signed by the chairman and the seal, with both images; the newcomer opens it and checks it
on the public page (with DEBUG on, the demo CA is trusted: ``documents.signing.trust_root_files``).
Nothing already issued is signed: the historic 170-172 stay as they were recorded, signed on paper.

Run again, it keeps the keys it made (documents signed with them stay verifiable), and
issues nothing once the new commune's team has been set up.
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
from decisions import workflow
from decisions.models import Decision
from documents import signing
from documents.models import SealImage, SignatureImage
from teams import services
from teams.models import Person, Role, Team

MARK = "DEMO - không có giá trị pháp lý"
PASSPHRASE = "demo-tunganh"  # a demo key's passphrase, as public as the demo passwords
FOLDER = signing.DEMO_FOLDER


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
    (folder / signing.DEMO_CA).write_bytes(ca.public_bytes(serialization.Encoding.PEM))
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


# The commune team of Xã Đức Thọ: the members of Tùng Ảnh's commune team (170/QĐ-UBND of 2022),
# by name, in the order of their roles.
COMMUNE_TEAM = (("Lê Doãn Lợi", Role.LEADER), ("Võ Thị Thanh Cảnh", Role.DEPUTY), ("Nguyễn Đắc Thắng", Role.MEMBER))
DEPARTURE_REASON = (
    "Kế thừa thành phần Tổ chuyển đổi số cộng đồng xã Tùng Ảnh (Quyết định số 170/QĐ-UBND) sau khi sắp xếp "
    "đơn vị hành chính; xã chưa có cán bộ chuyên trách công nghệ thông tin."
)


def issue_signed_decision(*, commune) -> list[str]:
    """``commune``'s first decision of the year, setting up its commune team, issued by its chairman
    and signed with the demo keys (``prepare`` first); the lines that say where to see and check it."""
    if not settings.DEBUG:
        return []
    if Team.objects.filter(commune=commune, level=Team.Level.COMMUNE).exists():
        return []  # set up already (by this demo, or by hand): nothing to issue
    officials = Official.objects.filter(commune=commune).select_related("user", "person")
    chairman = officials.filter(role=Official.Role.CHAIRMAN, person__isnull=False).first()
    clerk_official = officials.filter(role=Official.Role.CLERK).first()
    people = {person.full_name: person for person in Person.objects.filter(commune=commune)}
    if chairman is None or clerk_official is None or any(name not in people for name, _role in COMMUNE_TEAM):
        return [f"Demo signing: {commune.title_name} lacks its chairman, clerk or team's people; nothing issued."]
    folder = Path(settings.MEDIA_ROOT) / FOLDER
    keys = signing.Pkcs12Backend(
        signer=str(folder / "signer.p12"), seal=str(folder / "seal.p12"), passphrase=PASSPHRASE
    )
    clerk = clerk_official.user
    team = services.team_create(commune=commune)
    decision = workflow.decision_create(
        team=team, kind=Decision.Kind.ESTABLISH, by=clerk, departure_reason=DEPARTURE_REASON
    )
    members = [
        services.ProposedMember(person=people[name], role=role, position=people[name].position)
        for name, role in COMMUNE_TEAM
    ]
    workflow.decision_set_members(decision=decision, members=members, by=clerk)
    workflow.decision_submit(decision=decision, by=clerk)
    with signing.configured(backend=keys, trust_roots=[str(folder / signing.DEMO_CA)]):
        decision = workflow.decision_issue(decision=decision, by=chairman.user)
    return [
        f"Demo signing: {decision.number_symbol} of {decision.issued_on:%d/%m/%Y}, {commune.title_name}, "
        f"signed by {chairman.person.full_name} and the seal ({MARK}).",
        f"  See it as the chairman (Decisions), or check it without a login at /documents/check/: "
        f"{commune.title_name}, {decision.number_symbol}, {decision.year}.",
    ]
