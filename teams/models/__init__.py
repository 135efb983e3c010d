"""Places, people, teams and memberships (the officials who keep them are in ``accounts``).

One module per concept (``places``, ``reforms``, ``people``, ``teams``), all
re-exported here: ``from teams.models import Team`` keeps working, and the migrations,
which name ``teams.models.PhoneField``, are unchanged.
"""

from .people import Person, PhoneField, phone_validator
from .places import VILLAGE_HOUSEHOLDS_MAX, CodedPlace, Commune, District, Place, PlaceList, Province, Village
from .reforms import Reform, Succession, VillageMove
from .teams import ROLE_ORDER, ROLE_PRINTED, SEATS, Collaborator, Membership, Role, Team

__all__ = [
    "ROLE_ORDER",
    "ROLE_PRINTED",
    "SEATS",
    "VILLAGE_HOUSEHOLDS_MAX",
    "CodedPlace",
    "Collaborator",
    "Commune",
    "District",
    "Membership",
    "Person",
    "PhoneField",
    "Place",
    "PlaceList",
    "Province",
    "Reform",
    "Role",
    "Succession",
    "Team",
    "Village",
    "VillageMove",
    "phone_validator",
]
