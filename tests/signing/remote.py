"""A remote signing service as a deployment would plug it in (``DOCUMENT_SIGNING_BACKEND``).

The "service" here is a function in the same process holding the test keys; a real one
sends the digest over HTTPS to the province's signing server and returns its signature.
"""

import contextlib
from collections.abc import Callable

from asn1crypto import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.sign.signers import Signer

from documents.signing import Keys

# Set by the test: the two keys the "service" holds, as tests.signing.pki.Issued.
SERVICE = {}


class RemoteSigner(Signer):
    """Sends the data to sign to ``sign_remotely`` and returns its signature (DER ECDSA)."""

    def __init__(self, certificate: x509.Certificate, sign_remotely: Callable[[bytes, str], bytes]):
        super().__init__(signing_cert=certificate)
        self.sign_remotely = sign_remotely

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run=False) -> bytes:
        return self.sign_remotely(data, digest_algorithm)


def _service(name: str) -> tuple[x509.Certificate, Callable[[bytes, str], bytes]]:
    issued = SERVICE[name]

    def sign(data: bytes, digest_algorithm: str) -> bytes:
        return issued.key.sign(data, ec.ECDSA(getattr(hashes, digest_algorithm.upper())()))

    return x509.Certificate.load(issued.certificate.public_bytes(Encoding.DER)), sign


class RemoteBackend:
    def keys(self, *, person, commune):
        return contextlib.nullcontext(
            Keys(signer=RemoteSigner(*_service("signer")), seal=RemoteSigner(*_service("seal")))
        )
