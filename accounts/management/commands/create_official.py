"""manage.py create_official: the superuser's way to make a clerk, a chairman, or a district,
province or national officer.

    manage.py create_official --username vanthu.tunganh --role clerk --commune 18259
    manage.py create_official --username chutich.tunganh --role chairman --commune 18259 --person-id 12
    manage.py create_official --username phongvhtt.ductho --role district_officer --district 440
    manage.py create_official --username sokhcn.hatinh --role province_officer --province 42
    manage.py create_official --username bokhcn --role national_officer

The password is read from the environment variable TUNGANH_PASSWORD, or asked twice at the
terminal; never from the command line, where ``ps`` and the shell's history would keep it.
Team leaders' and vice-chairmen's logins are the clerk's, in the web pages (menu "Logins").
"""

import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from accounts import services
from accounts.models import Official
from teams.models import Commune, District, Person, Province

PASSWORD_VARIABLE = "TUNGANH_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a login with its role: a commune clerk, chairman, vice-chairman or team leader (--commune CODE), "
        "a district officer (--district CODE), a province officer (--province CODE) or a national officer "
        f"(no place). The password comes from {PASSWORD_VARIABLE} or is asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--role", required=True, choices=Official.Role.values)
        parser.add_argument("--commune", type=int, metavar="CODE", help="the commune's official code (18259)")
        parser.add_argument("--district", type=int, metavar="CODE", help="the district's official code (440)")
        parser.add_argument(
            "--province", type=int, metavar="CODE", help="the province's official code (42), in the list in force today"
        )
        parser.add_argument(
            "--person-id",
            type=int,
            metavar="ID",
            help="the person of the commune the login belongs to (for a chairman: the name printed when signing)",
        )

    def handle(self, *args, **options):
        # In English, like the other commands, whatever the site's language.
        with translation.override("en"):
            self._create(**options)

    def _create(self, *, username, role, commune, district, province, person_id, **options):
        commune_row = self._place(Commune, commune, "commune")
        district_row = self._place(District, district, "district")
        province_row = self._place(Province, province, "province")
        person = self._person(person_id)
        password = self._password()
        try:
            official = services.official_create(
                username=username,
                role=role,
                password=password,
                commune=commune_row,
                district=district_row,
                province=province_row,
                person=person,
            )
        except ValidationError as exc:
            raise CommandError(_refusal(exc)) from exc
        place = official.place
        reach = f"of {place.full_name}" if place else "of every province"
        self.stdout.write(f"Created {official.user.get_username()}: {official.get_role_display()} {reach}.")

    def _place(self, model, code: int | None, what: str):
        if code is None:
            return None
        place = model.objects.by_code(code)
        if place is None:
            raise CommandError(
                f"No {what} has the code {code}. Load the places first "
                f"(manage.py load_places --province <code>, or --list 2025-01-04 --district <code>)."
            )
        return place

    def _person(self, person_id: int | None) -> Person | None:
        if person_id is None:
            return None
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            raise CommandError(f"No person has the id {person_id}.")
        return person

    def _password(self) -> str:
        password = os.environ.get(PASSWORD_VARIABLE)
        if password is not None:
            return password
        if not sys.stdin.isatty():
            raise CommandError(f"Set {PASSWORD_VARIABLE}, or run the command at a terminal to type the password.")
        first = getpass.getpass("Password: ")
        if getpass.getpass("Password (again): ") != first:
            raise CommandError("The two passwords differ: nothing was created.")
        return first


def _refusal(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    return " ".join(error.messages)
