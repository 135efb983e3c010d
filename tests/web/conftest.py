import pytest


@pytest.fixture(autouse=True)
def english_pages(settings):
    """Page tests assert on the English msgids; tests/test_catalogue.py covers Vietnamese."""
    settings.LANGUAGE_CODE = "en"
