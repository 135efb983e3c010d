"""The outgoing register as a hash chain per issuing body: written at issuance, recomputed by
verify_archive and the public check, its head on the register page."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from documents import archive, chain, storage, verification
from documents.models import RegisterEntry
from tests.decisions.helpers import issued

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(village_team, village_people, clerk, chairman):
    first = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    second = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, kind="amend")
    return first, second


def lines(commune):
    return list(RegisterEntry.objects.filter(commune=commune).order_by("position"))


def test_each_line_names_the_hash_of_the_line_before_it(two, commune):
    first, second = lines(commune)
    assert (first.position, first.previous_hash) == (1, "")
    assert (second.position, second.previous_hash) == (2, first.line_hash)
    assert first.pdf_sha256 == two[0].pdf_sha256 and second.pdf_sha256 == two[1].pdf_sha256
    assert chain.head(commune) == (2, second.line_hash)
    assert chain.problems() == []


def test_each_commune_has_its_own_chain(two, commune):
    from tests import factories

    other = factories.CommuneFactory(code=18260, name="Khác")
    entry = RegisterEntry.objects.create(
        commune=other,
        doc_type="KH",
        year=2025,
        number=1,
        symbol="KH-UBND",
        issued_on="2025-01-02",
        subject="Kế hoạch",
        signer_name="A",
        signer_position="B",
        recipients="C",
    )
    assert (entry.position, entry.previous_hash) == (1, "")
    assert chain.problems() == []


def rewrite(entry, **values):
    """What someone with write access to the database could do (the guards set aside: on
    PostgreSQL as a superuser replicating, on SQLite by dropping the trigger in this transaction)."""
    table = RegisterEntry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER integrity_registerentry_frozen_update")
        else:
            cursor.execute("SET LOCAL session_replication_role = replica")
        sets = ", ".join(f"{name} = %s" for name in values)
        cursor.execute(f"UPDATE {table} SET {sets} WHERE id = %s", [*values.values(), entry.pk])
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")


def test_a_rewritten_line_breaks_the_chain_and_verify_archive_says_so(two, commune):
    first, _second = lines(commune)
    rewrite(first, subject="Một nội dung khác")
    assert [(b.position, "does not match its hash" in b.what) for b in chain.problems()] == [(1, True)]
    with pytest.raises(CommandError):
        call_command("verify_archive")


def test_a_replaced_pdf_hash_shows_even_with_a_recomputed_line(two, commune):
    """Rewriting a line and its own hash still breaks the link from the next line."""
    first, _second = lines(commune)
    values = {name: getattr(first, name) for name in chain.COVERED}
    values["pdf_sha256"] = "0" * 64
    rewrite(first, pdf_sha256="0" * 64, line_hash=chain.line_hash(values))
    assert [b.position for b in chain.problems()] == [2]
    assert any("register chain" in problem.where for problem in archive.problems())


def test_the_public_check_recomputes_the_chain(two, commune):
    first_decision, _ = two
    pdf = storage.read(first_decision.pdf_sha256)
    assert verification.verify_pdf(pdf).chain_holds
    rewrite(lines(commune)[1], signer_name="Người khác")
    assert not verification.verify_pdf(pdf).chain_holds


def test_the_register_page_shows_the_chain_head(two, commune, clerk, settings, client):
    settings.LANGUAGE_CODE = "en"
    _first, second = lines(commune)
    client.force_login(clerk)
    page = client.get(reverse("decisions:register")).content.decode()
    assert "Head of the register's chain (2 lines)" in page and second.line_hash in page
