"""/healthz: whether the server can serve, for load balancers; no login, no data."""

import json

import pytest
from django.db import DatabaseError
from django.test import Client

from lib import health


@pytest.fixture(autouse=True)
def fresh_check(monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)


@pytest.mark.django_db
def test_healthy(django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = Client().get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_unapplied_migrations_make_it_unhealthy(monkeypatch):
    monkeypatch.setattr(health.MigrationExecutor, "migration_plan", lambda self, targets: [("app", False)])
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "migrations": "not applied"}


@pytest.mark.django_db
def test_a_database_that_does_not_answer_makes_it_unhealthy(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "unreachable"}


@pytest.mark.django_db
def test_it_only_reads():
    assert Client().post("/healthz").status_code == 405


@pytest.mark.django_db
def test_a_shared_cache_that_does_not_answer_makes_it_unhealthy(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "cache": "unreachable"}


@pytest.mark.django_db
def test_a_shared_cache_that_answers_is_healthy(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"}
    }
    assert Client().get("/healthz").status_code == 200
