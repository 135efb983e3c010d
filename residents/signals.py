"""Any change to what a public page shows invalidates the pages of its commune (``cache``).

Invalidated at once and again on commit: at once so that the same request (and a test)
reads the change; on commit so that a page rendered by another request between the write
and the commit, from the old data, is not kept.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from decisions.models import Decision
from teams.models import Commune, Membership, Person, Team, Village

from . import cache
from .models import CommunePublishing, ConsentRecord, PublicPage


def _commune_id(instance) -> int | None:
    if isinstance(instance, Commune):
        return instance.pk
    if isinstance(instance, Membership | PublicPage):
        return Team.objects.filter(pk=instance.team_id).values_list("commune_id", flat=True).first()
    if isinstance(instance, ConsentRecord):
        return Person.objects.filter(pk=instance.person_id).values_list("commune_id", flat=True).first()
    return instance.commune_id


WATCHED = (Commune, Village, Person, Team, Membership, Decision, ConsentRecord, PublicPage, CommunePublishing)


def invalidate_public_pages(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    commune_id = _commune_id(instance)
    cache.invalidate(commune_id)
    transaction.on_commit(lambda: cache.invalidate(commune_id))


for model in WATCHED:
    post_save.connect(invalidate_public_pages, sender=model, dispatch_uid=f"residents-saved-{model.__name__}")
    post_delete.connect(invalidate_public_pages, sender=model, dispatch_uid=f"residents-deleted-{model.__name__}")
