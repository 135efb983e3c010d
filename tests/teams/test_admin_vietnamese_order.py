"""The admin's columns of names sort in Vietnamese order when their heading is clicked."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

PLACES = ["Đức Lạng", "Tùng Ảnh", "Tùng Châu", "Yên Hồ"]
TYPED = ["Tùng Châu", "Yên Hồ", "Đức Lạng", "Tùng Ảnh"]


def listed(admin_client, model, attribute, *, descending=False):
    """The rows of ``model``'s list sorted by the ``attribute`` column, as its heading's link asks."""
    address = reverse(f"admin:teams_{model}_changelist")
    column = admin_client.get(address).context["cl"].list_display.index(attribute)
    response = admin_client.get(address, {"o": f"-{column}" if descending else str(column)})
    assert response.status_code == 200
    return [getattr(row, attribute) for row in response.context["cl"].result_list]


def test_the_village_names_sort_in_vietnamese_order_both_ways(admin_client, commune):
    for name in TYPED:
        factories.VillageFactory(commune=commune, name=name)
    assert listed(admin_client, "village", "name") == PLACES
    assert listed(admin_client, "village", "name", descending=True) == PLACES[::-1]


def test_the_people_and_communes_sort_in_vietnamese_order(admin_client, commune):
    for name in TYPED:
        factories.PersonFactory(commune=commune, full_name=name)
    for code, name in enumerate(["Thông Tự", "Yên Hồ", "Đông Thái"], start=1):
        factories.CommuneFactory(code=code, name=name, district=commune.district)
    assert listed(admin_client, "person", "full_name") == PLACES
    assert listed(admin_client, "commune", "name") == ["Đông Thái", "Thông Tự", "Tùng Ảnh", "Yên Hồ"]
