"""The people page refuses a name nobody can read, next to the field, and keeps real names.

The rule is ``lib.text.validate_readable`` (``tests/teams/test_readable_text.py``).
"""

import pytest

from teams.models import Person
from tests.web import url

pytestmark = pytest.mark.django_db

ADD = url("teams:person_create")
INVISIBLE = "Type letters a person can read: this text has only invisible characters, spaces or accent marks"


def person_data(**changes):
    return {"full_name": "Trần Thị Lan", "gender": "female", "office": "teacher", "position": "Giáo viên", **changes}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("\u200b\u200b", INVISIBLE),
        ("\u00ad", INVISIBLE),
        ("\u0301", INVISIBLE),
        ("A\u202eB", "Remove the invisible text-direction character (U+202E)"),
    ],
)
def test_a_name_nobody_can_read_is_refused_next_to_the_field(client, clerk, name, message):
    client.force_login(clerk)
    response = client.post(ADD, person_data(full_name=name))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["full_name"])
    html = response.content.decode()
    error = html[html.index('id="error_1_id_full_name"') :]
    assert message in error[: error.index("</")]
    assert not Person.objects.exists()


def test_a_position_with_a_direction_control_is_refused_too(client, clerk):
    client.force_login(clerk)
    response = client.post(ADD, person_data(position="Giáo\u2066 viên"))
    assert "position" in response.context["form"].errors
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Phan Tiến Du\u0303ng", "Phan Tiến Dũng"),
        ("Nguye\u0302\u0303n Thi\u0323 A\u0301nh", "Nguyễn Thị Ánh"),
        ("Đỗ Thị Hằng", "Đỗ Thị Hằng"),
    ],
)
def test_a_vietnamese_name_typed_with_combining_marks_is_kept_composed(client, clerk, typed, stored):
    client.force_login(clerk)
    response = client.post(ADD, person_data(full_name=typed))
    assert response.status_code == 302
    assert Person.objects.get().full_name == stored
