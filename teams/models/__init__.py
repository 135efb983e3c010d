"""Places, people, teams and memberships (the officials who keep them are in ``accounts``).

One module per concept (``places``, ``reforms``, ``people``, ``plans``, ``teams``), all
re-exported here: ``from teams.models import Team`` keeps working, and the migrations,
which name ``teams.models.PhoneField``, are unchanged.
"""

from .people import Person, PhoneField, phone_validator
from .places import VILLAGE_HOUSEHOLDS_MAX, CodedPlace, Commune, District, Place, PlaceList, Province, Village
from .plans import SEATS_MAX, TEAM_NAME_2022, Phase, Plan, TeamComposition
from .reforms import Reform, Succession, VillageChange, VillageMove
from .teams import ROLE_ORDER, ROLE_PRINTED, Collaborator, Membership, Role, Team

__all__ = [
    "ROLE_ORDER",
    "ROLE_PRINTED",
    "SEATS_MAX",
    "TEAM_NAME_2022",
    "VILLAGE_HOUSEHOLDS_MAX",
    "CodedPlace",
    "Collaborator",
    "Commune",
    "District",
    "Membership",
    "Person",
    "Phase",
    "Plan",
    "PhoneField",
    "Place",
    "PlaceList",
    "Province",
    "Reform",
    "Role",
    "Succession",
    "Team",
    "TeamComposition",
    "Village",
    "VillageChange",
    "VillageMove",
    "phone_validator",
]
