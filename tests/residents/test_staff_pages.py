"""The clerk's pages: publish a team's page, give it a new address, set the commune's contact."""

import pytest
from django.urls import reverse

from residents.models import CommunePublishing, HelpRequest, PublicPage
from tests import factories


def test_the_clerk_publishes_the_page_from_the_team_page(client, clerk, established):
    client.force_login(clerk)
    body = client.get(reverse("teams:team_detail", args=[established.pk])).content.decode()
    assert reverse("residents:page_publish", args=[established.pk]) in body
    response = client.post(reverse("residents:page_publish", args=[established.pk]))
    assert response.status_code == 302
    page = PublicPage.objects.get(team=established)
    body = client.get(reverse("teams:team_detail", args=[established.pk])).content.decode()
    assert reverse("public:page", args=[page.slug]) in body
    assert reverse("residents:poster", args=[established.pk, "a4"]) in body
    assert reverse("residents:poster", args=[established.pk, "a5"]) in body


def test_publishing_twice_is_refused(client, clerk, page):
    client.force_login(clerk)
    client.post(reverse("residents:page_publish", args=[page.team.pk]))
    assert PublicPage.objects.filter(team=page.team).count() == 1


def test_the_clerk_gives_the_page_a_new_address(client, clerk, page):
    client.force_login(clerk)
    response = client.post(reverse("residents:page_regenerate", args=[page.team.pk]))
    assert response.status_code == 302
    assert PublicPage.objects.get(team=page.team).slug != page.slug


@pytest.mark.parametrize("who", ["chairman", "leader"])
def test_only_the_clerk_publishes_or_regenerates(client, request, page, established, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.post(reverse("residents:page_regenerate", args=[established.pk])).status_code in {403, 404}
    assert PublicPage.objects.get(team=established).slug == page.slug
    body = client.get(reverse("teams:team_detail", args=[established.pk])).content.decode()
    assert reverse("residents:page_regenerate", args=[established.pk]) not in body


def test_the_leader_sees_the_poster_links_but_not_the_clerks_buttons(client, leader, page):
    client.force_login(leader)
    body = client.get(reverse("teams:team_detail", args=[page.team.pk])).content.decode()
    assert reverse("residents:poster", args=[page.team.pk, "a4"]) in body
    assert reverse("residents:page_regenerate", args=[page.team.pk]) not in body


def test_the_clerk_sets_the_commune_contact_and_indexing(client, clerk, commune, page):
    client.force_login(clerk)
    body = client.get(reverse("residents:index")).content.decode()
    assert page.team.name in body and reverse("public:page", args=[page.slug]) in body
    data = {"contact": "Văn phòng UBND xã", "contact_phone": "0239 3888 999", "allow_indexing": "on"}
    assert client.post(reverse("residents:index"), data).status_code == 302
    publishing = CommunePublishing.objects.get(commune=commune)
    assert (publishing.contact_phone, publishing.allow_indexing, publishing.updated_by) == ("02393888999", True, clerk)


def test_a_bad_contact_phone_is_refused(client, clerk, commune):
    client.force_login(clerk)
    response = client.post(reverse("residents:index"), {"contact": "", "contact_phone": "123"})
    assert response.status_code == 200
    assert not CommunePublishing.objects.exists()


def test_the_public_pages_menu_is_the_clerks(client, clerk, chairman):
    client.force_login(clerk)
    assert reverse("residents:index") in client.get(reverse("home")).content.decode()
    client.force_login(chairman)
    assert reverse("residents:index") not in client.get(reverse("home")).content.decode()
    assert client.get(reverse("residents:index")).status_code == 403


def test_the_team_page_costs_the_same_queries_for_one_request_or_many(client, clerk, page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from residents import services

    def send(n):
        for i in range(n):
            services.help_request_send(
                team=page.team, name=f"Người {i}", phone="0912000000", need="vneid", detail="", consent=True
            )

    client.force_login(clerk)
    url = reverse("teams:team_detail", args=[page.team.pk])
    send(1)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    send(5)
    services.help_request_handle(help_request=HelpRequest.objects.first(), by=clerk)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(one)


def test_the_service_refuses_a_regeneration_or_a_setting_by_anyone_but_the_clerk(page, chairman, leader, commune):
    from django.core.exceptions import PermissionDenied

    from residents import services

    for user in (chairman, leader):
        with pytest.raises(PermissionDenied):
            services.public_page_regenerate(page=page, by=user)
        with pytest.raises(PermissionDenied):
            services.publishing_update(commune=commune, contact="", contact_phone="", allow_indexing=True, by=user)
    assert PublicPage.objects.get().slug == page.slug
    assert not CommunePublishing.objects.exists()


def test_only_an_active_team_is_published_and_only_once(clerk, commune, page):
    from django.core.exceptions import ValidationError

    from residents import services

    with pytest.raises(ValidationError, match="Only an active team has a public page."):
        services.public_page_publish(team=factories.CommuneTeamFactory(commune=commune), by=clerk)
    with pytest.raises(ValidationError, match="already published"):
        services.public_page_publish(team=page.team, by=clerk)


def test_a_dissolved_team_has_no_poster(client, clerk, page):
    team = page.team
    team.status = "dissolved"
    team.dissolved_on = team.established_on
    team.save()
    client.force_login(clerk)
    assert client.get(reverse("residents:poster", args=[team.pk, "a4"])).status_code == 404


def test_the_chairman_sees_the_public_address_but_no_poster_or_requests(client, chairman, page):
    client.force_login(chairman)
    body = client.get(reverse("teams:team_detail", args=[page.team.pk])).content.decode()
    assert reverse("public:page", args=[page.slug]) in body
    assert reverse("residents:poster", args=[page.team.pk, "a4"]) not in body
    assert "Requests for help from residents" not in body


def test_the_database_refuses_a_guessable_address(established, clerk):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PublicPage.objects.bulk_create([PublicPage(team=established, slug="dong-thai", created_by=clerk)])
