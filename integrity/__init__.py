"""The rules of issued documents and memberships, kept by the database itself.

The models refuse to change an issued decision, to delete a register line or to reopen an
ended membership, but only on the paths that go through them: ``_base_manager.update()``,
``bulk_update()``, ``bulk_create()``, raw SQL or a script never call ``save()``. This app
has no models; its migrations install triggers (and, on PostgreSQL, CHECK constraints)
that refuse those writes whatever the code path:

- ``0001_issued_documents``: an issued decision or commune report is never updated or
  deleted; the members and legal bases of an issued decision freeze with it; its events
  are never rewritten (new ones are still added: the issuing transaction records its
  event after the status has changed).
- ``0002_outgoing_register``: a register line is never deleted; only its note and its
  cancelled mark change.
- ``0003_memberships``: an ended membership never changes and is never deleted, nor is a
  membership a decision started; a team seats only people of its own commune.
- ``0004_allowed_values``: the status, kind and role columns of the decisions and reports
  apps hold one of their choices (the teams app declares its own as ``CheckConstraint``).
- later ones, each with its reason in its docstring: reforms and successions (0006), village
  changes (0008), the register's chain (0009), attachments (0010), the figures of an
  accepted report (0011), a plan's stipend rules (0012).

Each rule exists twice, in PostgreSQL's dialect (production) and in SQLite's (development,
tests); ``operations.RunSQLPerVendor`` runs the one the database speaks. A refusal names
its rule in English, starting with "tungAnh:". On PostgreSQL a trigger's refusal surfaces
in Django as ``django.db.InternalError`` (``RAISE EXCEPTION``, SQLSTATE P0001) and a CHECK
constraint's as ``django.db.IntegrityError``; on SQLite both are ``django.db.IntegrityError``
(``RAISE(ABORT, ...)``).

Two things to know when writing a migration of the guarded tables:

- On SQLite, a migration that rebuilds a table (most ``AlterField``, ``AddConstraint``,
  ``AddField`` with a default) drops the table's triggers with the old table. Depend the
  next integrity migration on it and re-create them there; ``tests/integrity/
  test_installed.py`` fails until then.
- A data migration that must rewrite an issued document drops the trigger, writes, and
  re-creates it, in its own migration, with the reason written down.

``manage.py flush`` (and so every test that commits, ``transaction=True``) empties the
tables: PostgreSQL's TRUNCATE fires no row trigger; on SQLite, which flushes with DELETE,
``management/commands/flush.py`` sets the triggers aside for the flush.
"""
