"""What accounts does when teams tells it something (teams.signals)."""

from collections import defaultdict

from django.dispatch import receiver

from teams.signals import commune_passed

from .models import Official


@receiver(commune_passed, dispatch_uid="accounts.logins_follow_their_commune")
def logins_follow_their_commune(sender, *, passes, reform, by, **kwargs) -> tuple[str, int]:
    """The logins of an old commune's officials now work for its new commune."""
    by_successor: dict[int, list[int]] = defaultdict(list)
    for old_pk, successor in passes.items():
        by_successor[successor.pk].append(old_pk)
    moved = 0
    for successor_pk, old_pks in by_successor.items():
        moved += Official.objects.filter(commune__in=old_pks).update(commune=successor_pk)
    return "logins", moved
