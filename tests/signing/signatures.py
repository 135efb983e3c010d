"""Reading the signatures of a PDF back with pyHanko, against the test CA."""

from io import BytesIO

from asn1crypto import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def signatures(pdf: bytes, ca) -> list:
    """Each embedded signature's pyHanko status, in signing order."""
    root = x509.Certificate.load(ca.certificate.public_bytes(Encoding.DER))
    reader = PdfFileReader(BytesIO(pdf))
    return [
        validate_pdf_signature(embedded, ValidationContext(trust_roots=[root]))
        for embedded in reader.embedded_signatures
    ]
