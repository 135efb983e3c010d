import pytest

# The browser fixtures (one headless Chromium per module, one context per user), for
# test_browser_path.py: shared with tests/browser rather than copied.
from tests.browser.conftest import browse, browser  # noqa: F401


@pytest.fixture(autouse=True)
def english_messages(request, settings):
    """Rules and pages are asserted on the English msgids (tests/test_catalogue.py covers
    Vietnamese); the browser path reads the pages in Vietnamese, as a clerk does."""
    if request.node.get_closest_marker("browser") is None:
        settings.LANGUAGE_CODE = "en"
