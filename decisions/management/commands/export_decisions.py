"""Write the stored PDF of every issued decision to a directory, for archiving or handover.

Files are named ``YYYY-NNN-QD-UBND.pdf`` (year, number on three digits, symbol without
diacritics). Numbers repeat from one commune to another, so when the export is not
limited to one commune (``--commune``) and more than one commune has issued decisions,
every name is prefixed with the commune's official code: ``18259-2022-171-QD-UBND.pdf``.
The rule depends on the database, not on ``--year``, so a decision keeps its file name
from one export to the next.

Every PDF is checked against its SHA-256 before anything is written: if one has been
altered, the command names it, writes nothing and fails.
"""

import hashlib
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from decisions import register, workflow
from decisions.models import Decision
from teams.models import Commune


class Command(BaseCommand):
    help = "Write the stored PDF of every issued decision to DIR, checked against its SHA-256."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="Directory to write (created).")
        parser.add_argument("--year", type=int, help="Only the decisions issued in this year.")
        parser.add_argument(
            "--commune",
            type=int,
            metavar="CODE",
            help="Only this commune (its official code, in the list in force today or else the latest that has it).",
        )

    def handle(self, *args, out: Path, year: int | None, commune: int | None, **options):
        decisions = Decision.objects.filter(status=Decision.Status.ISSUED).select_related("commune")
        if commune is not None:
            place = Commune.objects.by_code(commune)
            if place is None:
                raise CommandError(f"No commune has the code {commune}.")
            decisions = decisions.filter(commune=place)
        with_commune = (
            commune is None
            and Decision.objects.filter(status=Decision.Status.ISSUED).values("commune").distinct().count() > 1
        )
        if year is not None:
            decisions = decisions.filter(year=year)
        decisions = decisions.order_by("commune__code", "year", "number")

        self._check(decisions)
        out.mkdir(parents=True, exist_ok=True)
        for decision in decisions.iterator(chunk_size=50):
            data = self._pdf(decision)
            target = out / register.issued_pdf_filename(decision, with_commune=with_commune)
            partial = target.with_name(f"{target.name}.part")
            partial.write_bytes(data)
            partial.replace(target)
            self.stdout.write(f"{target}\t{len(data)}\t{hashlib.sha256(data).hexdigest()}")

    def _check(self, decisions) -> None:
        """Refuse the whole export if one stored PDF no longer matches its SHA-256."""
        altered = []
        for decision in decisions.iterator(chunk_size=50):
            try:
                workflow.pdf_bytes(decision)
            except ValidationError as exc:
                altered.append(
                    f"{decision.commune} {decision.number_symbol} ({decision.year}): {' '.join(exc.messages)}"
                )
        if altered:
            raise CommandError("Nothing was written. Stored PDF check failed for:\n" + "\n".join(altered))

    @staticmethod
    def _pdf(decision) -> bytes:
        try:
            return workflow.pdf_bytes(decision)
        except ValidationError as exc:
            # Altered between the check and the write.
            raise CommandError(f"{decision.number_symbol} ({decision.year}): {' '.join(exc.messages)}") from exc
