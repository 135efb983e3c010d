"""Issued PDFs in Django's file storage, each named by its SHA-256.

The database keeps a document's SHA-256; the bytes live in the ``documents`` storage
(``settings.STORAGES``): files under MEDIA_ROOT by default, an S3-compatible object store
in production if configured. A name is the content's hash, so writing the same PDF twice
is harmless, a file written by an issuance that then rolled back is an orphan that
``manage.py stored_documents`` finds, and every read is checked against the hash.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils.translation import gettext_lazy as _

STORAGE = "documents"
FOLDER = "documents"


class StoredDocumentError(ValidationError):
    pass


class DocumentMissing(StoredDocumentError):
    pass


class DocumentAltered(StoredDocumentError):
    pass


def document_storage():
    return storages[STORAGE]


def name_for(sha256: str) -> str:
    """ "documents/3f/3f0c….pdf": a two-character fan-out keeps folders small."""
    return f"{FOLDER}/{sha256[:2]}/{sha256}.pdf"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store(data: bytes) -> str:
    """Write ``data`` (before the issuing transaction commits) and return its SHA-256."""
    sha256 = sha256_of(data)
    storage = document_storage()
    name = name_for(sha256)
    if storage.exists(name) and _read_name(storage, name) == data:
        return sha256
    saved = storage.save(name, ContentFile(data))
    if saved != name:
        raise StoredDocumentError(_("The document store renamed the file it was given: check its settings."))
    return sha256


def _read_name(storage, name: str) -> bytes:
    with storage.open(name, "rb") as file:
        return file.read()


def read(sha256: str) -> bytes:
    """The stored bytes of the document with this SHA-256, refused if missing or altered."""
    if not sha256:
        raise DocumentMissing(_("This document has no stored PDF."))
    storage = document_storage()
    name = name_for(sha256)
    try:
        data = _read_name(storage, name)
    except FileNotFoundError:
        raise DocumentMissing(_("The stored PDF is missing from the document store.")) from None
    if sha256_of(data) != sha256:
        raise DocumentAltered(_("The stored PDF does not match its SHA-256: it has been altered."))
    return data


def stored_names() -> set[str]:
    """Every stored document's name (for the orphan check and the backup)."""
    storage = document_storage()
    names = set()
    try:
        folders, _files = storage.listdir(FOLDER)
    except FileNotFoundError:
        return names
    for folder in folders:
        _subfolders, files = storage.listdir(f"{FOLDER}/{folder}")
        names.update(f"{FOLDER}/{folder}/{file}" for file in files)
    return names
