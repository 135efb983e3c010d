"""Apply the 1 July 2025 reform of administrative units to one province.

``python manage.py apply_reform --province 42`` (Hà Tĩnh, by Resolution 1665/NQ-UBTVQH15)
loads the province's communes from the list in force from 1 July 2025, records each new
commune's predecessors from the official conversion table, ends the old communes' commune
teams, passes each whole old commune's villages, people, village teams and logins to its
new commune, and lists the villages of a split commune to be assigned. A second run
changes nothing and says so. See ``teams.reforms``.
"""

from django.core.management.base import BaseCommand, CommandError

from teams import reforms


class Command(BaseCommand):
    help = "Apply the 1 July 2025 reform of administrative units to a province (--province 42)."

    def add_arguments(self, parser):
        parser.add_argument("--province", type=int, required=True, help="Official code of the province, e.g. 42.")
        parser.add_argument(
            "--legal-basis",
            help="The resolution that arranged the province's communes (known for: "
            + ", ".join(str(code) for code in reforms.LEGAL_BASES)
            + ").",
        )

    def handle(self, *args, province: int, legal_basis: str | None = None, **options):
        try:
            applied = reforms.apply_reform(province=province, legal_basis=legal_basis)
        except reforms.ReformRefused as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(applied.summary())
