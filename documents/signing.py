"""Digital signatures on issued documents: PAdES, the signer's then the issuing body's seal.

When a document is issued (``documents.lifecycle.issue``), its PDF is signed twice with
pyHanko before it is stored: first by the signer (the chairman or a vice-chairman), then
by the commune's seal, each signature an incremental update that leaves the signed bytes
and the PDF/A identification untouched. Both happen inside the issuing transaction: a
refusal here (``SigningError``) rolls the issuance back, so nothing is stored and no
number is used. A document recorded as issued on paper is never signed.

Where the keys are is the deployment's choice (``settings.DOCUMENT_SIGNING_BACKEND``):

- ``"none"``: documents are not signed (they are printed, signed and stamped by hand);
- ``"pkcs12"``: two PKCS#12 files, the signer's and the seal's
  (``DOCUMENT_SIGNING_PKCS12_SIGNER``, ``DOCUMENT_SIGNING_PKCS12_SEAL``), their passphrase
  in the environment variable ``DOCUMENT_SIGNING_PKCS12_PASSPHRASE``; for the demo and tests;
- ``"pkcs11"``: a token or HSM through its PKCS#11 module (``DOCUMENT_SIGNING_PKCS11_MODULE``,
  the token's label ``DOCUMENT_SIGNING_PKCS11_TOKEN``, the labels of the two keys and their
  certificates ``DOCUMENT_SIGNING_PKCS11_SIGNER_KEY`` and ``DOCUMENT_SIGNING_PKCS11_SEAL_KEY``),
  its PIN in the environment variable ``DOCUMENT_SIGNING_PKCS11_PIN``;
- a dotted path to a class of your own: the extension point for a remote signing service.
  The class is made without arguments and implements ``SigningBackend``: ``keys`` is a
  context manager that yields the two pyHanko ``Signer`` objects for one issuance (a
  remote service's signer subclasses ``pyhanko.sign.signers.Signer`` and implements
  ``async_sign_raw`` by calling the service).

Passphrases and PINs are read from the environment when a document is signed, never
kept in the settings, the database or the logs. Before signing, each certificate is
checked here so that a refusal names its cause: in force today (not expired, not yet
valid), issued by a trusted CA (``DOCUMENT_SIGNING_TRUST_ROOTS``), not revoked (the CRLs in
``DOCUMENT_SIGNING_CRLS``, and OCSP or CRLs fetched online with
``DOCUMENT_SIGNING_FETCH_REVOCATION``), and in the right name (the signer's certificate
names the person who signs, the seal's names the commune). With
``DOCUMENT_SIGNING_TIMESTAMP_URL`` each signature gets a timestamp (PAdES B-T); with
revocation data at hand it is embedded (B-LT).
"""

import asyncio
import concurrent.futures
import contextlib
import contextvars
import datetime
import os
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Protocol

from asn1crypto import crl, pem, x509
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator import errors as cert_errors

from lib.text import fold

from . import appearance, rendering
from .models import SealImage, SignatureImage

# The two signature fields, named as the decree names the two signatures.
SIGNER_FIELD = "ChuKyNguoiKy"
SEAL_FIELD = "ChuKyCoQuan"
# A signed document is made for the archive: PDF/A-2b, which the signatures (incremental
# updates) keep, and which allows the images' transparency.
PDF_VARIANT = "pdf/a-2b"
# The room the template leaves between the signing title and the name (_signature.html).
SIGNATURE_SPACE = "signature__space"
# Where ``load_demo`` keeps the demo CA and keys, under MEDIA_ROOT (``demo.signing``). With
# DEBUG on, the demo CA is trusted as well, so that the demo's signed decision checks out.
DEMO_FOLDER = "demo-signing"
DEMO_CA = "ca.pem"


class SigningError(ValidationError):
    """The document could not be signed; the message says why, in the user's language."""


@dataclass(frozen=True)
class Keys:
    """The two pyHanko signers of one issuance: the person's and the issuing body's seal."""

    signer: signers.Signer
    seal: signers.Signer


class SigningBackend(Protocol):
    """Where the keys are. ``keys`` opens them for one issuance and closes them after."""

    def keys(self, *, person, commune) -> contextlib.AbstractContextManager[Keys]: ...


def outside_event_loop(function, *args, **kwargs):
    """``function(*args, **kwargs)``, in a worker thread when this thread runs an event loop.

    pyHanko's synchronous calls (signing, validating) run their coroutines with
    ``asyncio.run``, which refuses to start inside a running loop: under ASGI, or in code
    an async view or task calls without ``sync_to_async``. There they run in a thread of
    their own, which has no loop; elsewhere they run here, as they are. Nothing called
    this way touches the database.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(function, *args, **kwargs).result()


@dataclass(frozen=True)
class Configuration:
    """Keys and trusted CAs given in code, not in the settings: the demo signs with its own."""

    backend: SigningBackend
    trust_roots: tuple[str, ...]


_configured: contextvars.ContextVar[Configuration | None] = contextvars.ContextVar("signing_config", default=None)


@contextlib.contextmanager
def configured(*, backend: SigningBackend, trust_roots: list[str]) -> Iterator[None]:
    """Within the block, documents issued are signed with ``backend``'s keys, and the CAs of
    ``trust_roots`` are trusted beside those of the settings (``load_demo``'s signed decision)."""
    token = _configured.set(Configuration(backend=backend, trust_roots=tuple(trust_roots)))
    try:
        yield
    finally:
        _configured.reset(token)


def signing_enabled() -> bool:
    return _configured.get() is not None or settings.DOCUMENT_SIGNING_BACKEND != "none"


def trust_root_files() -> list[str]:
    """The trusted CA certificates: the settings', those of ``configured``, and with DEBUG on the demo CA."""
    files = list(settings.DOCUMENT_SIGNING_TRUST_ROOTS)
    if (config := _configured.get()) is not None:
        files += config.trust_roots
    demo_ca = Path(settings.MEDIA_ROOT) / DEMO_FOLDER / DEMO_CA
    if settings.DEBUG and demo_ca.is_file():
        files.append(str(demo_ca))
    return list(dict.fromkeys(files))


def backend() -> SigningBackend:
    if (config := _configured.get()) is not None:
        return config.backend
    name = settings.DOCUMENT_SIGNING_BACKEND
    if name == "pkcs12":
        return Pkcs12Backend()
    if name == "pkcs11":
        return Pkcs11Backend()
    return import_string(name)()


def _secret(variable: str) -> str:
    value = os.environ.get(variable)
    if not value:
        raise SigningError(
            _("The signing key's secret is not set: the server needs the environment variable %(name)s.")
            % {"name": variable}
        )
    return value


class Pkcs12Backend:
    """Two PKCS#12 files and their passphrase: from the settings and the environment, or given
    (the demo's keys, whose passphrase is as public as the demo's passwords)."""

    def __init__(self, *, signer: str = "", seal: str = "", passphrase: str = ""):
        self.signer, self.seal, self.passphrase = signer, seal, passphrase

    def keys(self, *, person, commune) -> contextlib.AbstractContextManager[Keys]:
        passphrase = (self.passphrase or _secret("DOCUMENT_SIGNING_PKCS12_PASSPHRASE")).encode()
        return contextlib.nullcontext(
            Keys(
                signer=self._load(self.signer or settings.DOCUMENT_SIGNING_PKCS12_SIGNER, passphrase),
                seal=self._load(self.seal or settings.DOCUMENT_SIGNING_PKCS12_SEAL, passphrase),
            )
        )

    @staticmethod
    def _load(path: str, passphrase: bytes) -> signers.SimpleSigner:
        try:
            data = Path(path).read_bytes()
        except OSError:
            raise SigningError(_("The signing key file cannot be read: check the server's settings.")) from None
        try:
            return signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=passphrase)
        except ValueError:
            raise SigningError(_("The signing key cannot be opened: the passphrase is wrong.")) from None


class Pkcs11Backend:
    """A token or an HSM through its PKCS#11 module; the PIN from the environment."""

    @contextlib.contextmanager
    def keys(self, *, person, commune) -> Iterator[Keys]:
        import pkcs11
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign import pkcs11 as hanko_pkcs11

        pin = _secret("DOCUMENT_SIGNING_PKCS11_PIN")
        try:
            session = hanko_pkcs11.open_pkcs11_session(
                settings.DOCUMENT_SIGNING_PKCS11_MODULE,
                token_criteria=TokenCriteria(label=settings.DOCUMENT_SIGNING_PKCS11_TOKEN),
                user_pin=pin,
            )
        except pkcs11.PinIncorrect:
            raise SigningError(_("The signing token refused its PIN.")) from None
        except (pkcs11.PKCS11Error, OSError, RuntimeError):  # no such token, or no such module
            raise SigningError(
                _("The signing token %(label)s is not there: plug it in or check the server's settings.")
                % {"label": settings.DOCUMENT_SIGNING_PKCS11_TOKEN}
            ) from None
        try:
            yield Keys(
                signer=self._signer(session, settings.DOCUMENT_SIGNING_PKCS11_SIGNER_KEY),
                seal=self._signer(session, settings.DOCUMENT_SIGNING_PKCS11_SEAL_KEY),
            )
        finally:
            session.close()

    @staticmethod
    def _signer(session, label: str) -> signers.Signer:
        from pyhanko.sign import pkcs11 as hanko_pkcs11

        try:
            # The server hashes and the token signs the digest ("raw" mechanisms): every token
            # has those, not every one the combined hash-and-sign ones (SoftHSM2 has no ECDSA-SHA256).
            signer = hanko_pkcs11.PKCS11Signer(session, cert_label=label, key_label=label, use_raw_mechanism=True)
            signer.signing_cert  # noqa: B018 (loads the certificate now, to refuse a missing one here)
        except Exception:
            raise SigningError(
                _("The signing token has no key and certificate labelled %(label)s.") % {"label": label}
            ) from None
        return signer


def _certificates(paths: list[str]) -> list[x509.Certificate]:
    certificates = []
    for path in paths:
        data = Path(path).read_bytes()
        blocks = [der for _type, _headers, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
        certificates.extend(x509.Certificate.load(der) for der in blocks)
    return certificates


def _crls(paths: list[str]) -> list[crl.CertificateList]:
    lists = []
    for path in paths:
        data = Path(path).read_bytes()
        der = pem.unarmor(data)[2] if pem.detect(data) else data
        lists.append(crl.CertificateList.load(der))
    return lists


def validation_context(*, moment: datetime.datetime | None = None) -> ValidationContext:
    """The trusted CAs and revocation data that signing and verification both use."""
    try:
        roots = _certificates(trust_root_files())
        crls = _crls(settings.DOCUMENT_SIGNING_CRLS)
    except (OSError, ValueError):
        raise SigningError(
            _("The trusted CA certificates or CRLs cannot be read: check the server's signing settings.")
        ) from None
    return ValidationContext(
        trust_roots=roots,
        crls=crls,
        allow_fetching=settings.DOCUMENT_SIGNING_FETCH_REVOCATION,
        revocation_mode="hard-fail" if settings.DOCUMENT_SIGNING_FETCH_REVOCATION else "soft-fail",
        moment=moment,
    )


def common_name(certificate: x509.Certificate) -> str:
    return certificate.subject.native.get("common_name", "")


def _names(certificate: x509.Certificate) -> set[str]:
    subject = certificate.subject.native
    return {fold(str(subject.get(key, ""))) for key in ("common_name", "organization_name")} - {""}


def check_certificate(
    certificate: x509.Certificate, *, owner: str, names_ok, context: ValidationContext, chain=()
) -> None:
    """Refuse a certificate that cannot sign for ``owner`` now, saying why (``chain``: the
    intermediate CA certificates the key came with, as a PKCS#12 file or a token holds them)."""
    now = timezone.now()
    validity = certificate["tbs_certificate"]["validity"]
    not_before, not_after = validity["not_before"].native, validity["not_after"].native
    subject = common_name(certificate)
    if now < not_before:
        raise SigningError(
            _("The certificate of %(owner)s is not valid before %(date)s.")
            % {"owner": owner, "date": timezone.localtime(not_before).strftime("%d/%m/%Y %H:%M")}
        )
    if now > not_after:
        raise SigningError(
            _("The certificate of %(owner)s expired on %(date)s.")
            % {"owner": owner, "date": timezone.localtime(not_after).strftime("%d/%m/%Y %H:%M")}
        )
    if not names_ok(_names(certificate)):
        raise SigningError(
            _("The certificate is in the name of %(subject)s, not of %(owner)s.") % {"subject": subject, "owner": owner}
        )
    validator = CertificateValidator(certificate, intermediate_certs=list(chain), validation_context=context)
    try:
        outside_event_loop(asyncio.run, validator.async_validate_usage({"digital_signature"}))
    except cert_errors.RevokedError:
        raise SigningError(_("The certificate of %(owner)s has been revoked.") % {"owner": owner}) from None
    except (cert_errors.PathBuildingError, cert_errors.PathValidationError, cert_errors.InvalidCertificateError):
        raise SigningError(
            _("The certificate of %(owner)s is not issued by a trusted certification authority, or cannot be checked.")
            % {"owner": owner}
        ) from None


def signed_pdf(template_name: str, printed: dict, *, official, commune) -> bytes:
    """The document rendered as PDF/A-2b and signed by ``official`` then ``commune``'s seal, or ``SigningError``.

    The signer's image (if uploaded) is drawn in the room between the signing title and the
    name, the seal's (if uploaded) at its real size over the signature's left third; each
    is its signature's appearance, so a reader shows the signature when it is clicked.
    """
    person = official.person
    if not trust_root_files():
        raise SigningError(_("No trusted certification authority is configured: the server cannot sign."))
    html = rendering.render_html(template_name, printed, link_stylesheet=False)
    pdf, places = rendering.render_pdf_with_places(html, classes=(SIGNATURE_SPACE,), pdf_variant=PDF_VARIANT)
    space = places.get(SIGNATURE_SPACE)
    signature = SignatureImage.objects.filter(official=official).first()
    seal = SealImage.objects.filter(commune=commune).first()
    signature_place = appearance.signature_place(space, signature) if space and signature else None
    seal_place = appearance.seal_place(signature_place or space, seal) if space and seal else None
    context = validation_context()
    with backend().keys(person=person, commune=commune) as keys:
        check_certificate(
            keys.signer.signing_cert,
            owner=person.full_name,
            names_ok=lambda names: fold(person.full_name) in names,
            context=context,
            chain=keys.signer.cert_registry,
        )
        _check_seal(keys, commune, context)
        signed = _sign(
            pdf,
            keys.signer,
            field=SIGNER_FIELD,
            name=person.full_name,
            location=commune.name,
            place=signature_place,
            image=signature,
        )
        return _sign(
            signed,
            keys.seal,
            field=SEAL_FIELD,
            name=commune.title_name,
            location=commune.name,
            place=seal_place,
            image=seal,
        )


def _check_seal(keys: Keys, commune, context: ValidationContext) -> None:
    commune_name = fold(commune.full_name)
    check_certificate(
        keys.seal.signing_cert,
        owner=commune.title_name,
        names_ok=lambda names: any(commune_name in name for name in names),
        context=context,
        chain=keys.seal.cert_registry,
    )


def sign_attachment(pdf: bytes, *, official, commune) -> bytes:
    """An attachment filed separately, signed by the issuing body's seal alone and showing no
    image (Decree 30, Appendix I: its mark, number/symbol and signing time, is text on the
    page: ``documents.attachments``); or ``SigningError``."""
    if not trust_root_files():
        raise SigningError(_("No trusted certification authority is configured: the server cannot sign."))
    context = validation_context()
    with backend().keys(person=official.person, commune=commune) as keys:
        _check_seal(keys, commune, context)
        return _sign(
            pdf, keys.seal, field=SEAL_FIELD, name=commune.title_name, location=commune.name, place=None, image=None
        )


def _sign(pdf: bytes, signer: signers.Signer, *, field: str, name: str, location: str, place, image) -> bytes:
    url = settings.DOCUMENT_SIGNING_TIMESTAMP_URL
    revocation = bool(settings.DOCUMENT_SIGNING_CRLS) or settings.DOCUMENT_SIGNING_FETCH_REVOCATION
    metadata = signers.PdfSignatureMetadata(
        field_name=field,
        name=name,
        location=location,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        validation_context=validation_context() if revocation else None,
        embed_validation_info=revocation,
    )
    if place is None:  # an invisible signature: no image to show
        spec, style = fields.SigFieldSpec(sig_field_name=field), None
    else:
        box = (place.x, place.y, place.x + place.width, place.y + place.height)
        spec = fields.SigFieldSpec(sig_field_name=field, on_page=place.page, box=box)
        style = appearance.stamp_style(image)
    pdf_signer = signers.PdfSigner(
        metadata,
        signer=signer,
        timestamper=HTTPTimeStamper(url) if url else None,
        new_field_spec=spec,
        stamp_style=style,
    )
    try:
        output = outside_event_loop(pdf_signer.sign_pdf, IncrementalPdfFileWriter(BytesIO(pdf)), in_place=False)
    except SigningError:
        raise
    except TimestampRequestError:
        raise SigningError(
            _("The timestamp server %(url)s did not answer: the document cannot be signed now.") % {"url": url}
        ) from None
    except Exception as error:
        raise SigningError(
            _("The document could not be signed (%(reason)s).") % {"reason": type(error).__name__}
        ) from error
    return output.getvalue()
