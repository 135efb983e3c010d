import pytest


@pytest.fixture(autouse=True)
def english(settings):
    """Tests assert on the English msgids; tests/test_catalogue.py covers Vietnamese."""
    settings.LANGUAGE_CODE = "en"
