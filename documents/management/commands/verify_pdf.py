"""Check a PDF someone holds against the register and its signatures (documents/verification.py).

    manage.py verify_pdf FILE

Prints what the public check page shows: whether the file is exactly one the register
recorded, each signature (by whom, when, intact, trusted) and what the register says of
it since. Exits 1 unless the file is in the register and every signature in it holds.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents import verification


class Command(BaseCommand):
    help = "Check a PDF against the outgoing register (SHA-256) and validate its signatures."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the PDF to check")

    def handle(self, *args, file, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        verdict = verification.verify_pdf(data)
        for line in verification.describe(verdict):
            self.stdout.write(line)
        signed_and_intact = not verdict.signatures or verdict.signatures_ok
        if verdict.problem or not verdict.in_register or not signed_and_intact:
            raise CommandError("The file is not exactly an issued document with intact signatures.", returncode=1)
