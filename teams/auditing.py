"""Which teams models django-auditlog records, and how.

Imported once from ``TeamsConfig.ready()`` so that every write (pages, admin, services,
scripts) leaves a log entry; ``AuditlogMiddleware`` supplies the actor for web requests.
Registering twice is harmless (auditlog keys its signal receivers by model).
"""

from auditlog.registry import auditlog

from .models import Collaborator, Membership, Person, Phase, Plan, Team, TeamComposition, Village

# ``search_name`` is derived from ``full_name``: logging it would repeat every rename.
auditlog.register(Person, exclude_fields=["search_name"])
auditlog.register(Village)
auditlog.register(Team)
auditlog.register(Membership)
auditlog.register(Collaborator)
auditlog.register(Plan)
auditlog.register(Phase)
auditlog.register(TeamComposition)
