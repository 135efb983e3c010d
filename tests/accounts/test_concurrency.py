"""Two clerks' tabs at once: one person still gets one login (PostgreSQL row locks)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from accounts import services
from accounts.models import Official
from tests.accounts import GOOD_PASSWORD, villager

WRITERS = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_logins_for_one_person_leave_one(commune, clerk):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent writers need PostgreSQL (CI runs this on PostgreSQL)")
    person = villager(commune)
    barrier = threading.Barrier(WRITERS)
    created, refused, errors = [], [], []

    def create(n: int) -> None:
        try:
            barrier.wait()
            services.login_create(
                commune=commune,
                person=person,
                role=Official.Role.TEAM_LEADER,
                username=f"totruong{n}",
                password=GOOD_PASSWORD,
                by=clerk,
            )
            created.append(n)
        except ValidationError as exc:
            refused.append(exc.message_dict)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(created) == 1 and len(refused) == WRITERS - 1
    assert {tuple(refusal) for refusal in refused} == {("person",)}
    assert Official.objects.filter(person=person).count() == 1
