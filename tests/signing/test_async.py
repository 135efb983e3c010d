"""Signing and checking work where an event loop runs (ASGI, an async task).

pyHanko's synchronous calls start their own loop with ``asyncio.run``, which refuses to
start inside a running one; ``documents.signing.outside_event_loop`` moves them to a
thread of their own there. Here the issuance and the check run inside ``asyncio.run``,
as synchronous code called from an async view without ``sync_to_async`` would (Django's
guard against the ORM in a loop is lifted for that, as such code must do).
"""

import asyncio

import pytest
from asgiref.sync import async_to_sync, sync_to_async

from documents import storage, verification
from tests.decisions.helpers import issued
from tests.signing.conftest import CHAIRMAN, SEAL

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_decision_is_signed_and_checked_inside_a_running_event_loop(
    pkcs12_signing, monkeypatch, village_team, village_people, clerk, chairman
):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    async def issue_and_check():
        asyncio.get_running_loop()  # the loop runs while the service signs
        decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
        return decision, verification.verify_pdf(storage.read(decision.pdf_sha256))

    decision, verdict = asyncio.run(issue_and_check())
    assert decision.number == 1 and verdict.in_register
    assert [(s.signer, s.ok) for s in verdict.signatures] == [(CHAIRMAN, True), (SEAL, True)]


def test_a_decision_is_signed_from_async_code_through_sync_to_async(
    pkcs12_signing, village_team, village_people, clerk, chairman
):
    async def issue():
        return await sync_to_async(issued)(team=village_team, people=village_people, clerk=clerk, chairman=chairman)

    decision = async_to_sync(issue)()
    verdict = verification.verify_pdf(storage.read(decision.pdf_sha256))
    assert verdict.signatures_ok and len(verdict.signatures) == 2
