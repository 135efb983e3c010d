"""Put a backup's stored documents back into the document store.

    manage.py restore_documents --from /var/backups/tunganh/2026-11-30

Each file is stored again under the SHA-256 of its bytes; a file whose bytes do not hash to
its name is refused and named. Run it after pg_restore, then ``verify_archive --manifest``.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents import storage


class Command(BaseCommand):
    help = "Store again every PDF of a backup folder (written by manage.py backup)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", required=True, help="the backup folder")

    def handle(self, *args, source, **options):
        folder = Path(source) / storage.FOLDER
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder: is {source} a backup written by manage.py backup?")
        restored, refused = 0, []
        for path in sorted(folder.glob("*/*.pdf")):
            data = path.read_bytes()
            if storage.sha256_of(data) != path.stem:
                refused.append(path)
                continue
            storage.store(data)
            restored += 1
        for path in refused:
            self.stderr.write(f"REFUSED {path}: its bytes do not hash to its name")
        if refused:
            raise CommandError(f"{restored} documents restored, {len(refused)} refused.")
        self.stdout.write(f"{restored} documents restored.")
