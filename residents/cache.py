"""The public pages' cache: each page rendered once, kept until anything it shows changes.

An entry holds the page's body with the version of its commune it was rendered under; any
change of a team, membership, person, decision, place, consent or public page of the
commune gives the commune a new version (``signals``), and every entry rendered under the
old one stops being served. A page costs two cache reads and no query. The version is read
*before* the data, so a page rendered from data read before a change never passes for
current after it. Entries also expire after ``PAGE_TIMEOUT``: a reform of administrative
units moves rows with queryset updates, which send no signal.
"""

import uuid
from dataclasses import dataclass

from django.core.cache import cache

PAGE_TIMEOUT = 600  # seconds


@dataclass(frozen=True)
class CachedPage:
    commune_id: int
    version: str
    body: str
    indexable: bool


def _version_key(commune_id: int) -> str:
    return f"residents:commune:{commune_id}:version"


def _page_key(slug: str) -> str:
    return f"residents:page:{slug}"


def commune_version(commune_id: int) -> str:
    version = cache.get(_version_key(commune_id))
    if version is None:
        cache.add(_version_key(commune_id), uuid.uuid4().hex, None)
        version = cache.get(_version_key(commune_id))
    return version


def invalidate(commune_id: int | None) -> None:
    """Every public page of the commune is rendered again on its next visit."""
    if commune_id is not None:
        cache.set(_version_key(commune_id), uuid.uuid4().hex, None)


def cached_page(slug: str) -> CachedPage | None:
    entry = cache.get(_page_key(slug))
    if entry is None or cache.get(_version_key(entry.commune_id)) != entry.version:
        return None
    return entry


def store_page(slug: str, page: CachedPage) -> None:
    cache.set(_page_key(slug), page, PAGE_TIMEOUT)
