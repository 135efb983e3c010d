"""The application as a province runs it: collectstatic, DEBUG off, gunicorn behind nginx.

One server for the module (its own database with the demo, its own static and document
folders); every request goes over loopback HTTP as nginx forwards it. This is what
answered 500 on every page before: the static manifest was never built.
"""

import hashlib
import json
import re

import pytest

from demo import content as demo

from .server import ProductionSite


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = ProductionSite(tmp_path_factory.mktemp("production"))
    try:
        site.prepare()
        site.start()
        yield site
    finally:
        site.stop()


@pytest.fixture(scope="module")
def clerk(site):
    client = site.client()
    client.log_in("vanthu.tunganh", demo.PASSWORD)
    return client


def test_healthz_answers_without_a_login_and_without_data(site):
    response, body = site.client(https=False).get("/healthz")
    assert response.status == 200
    assert json.loads(body) == {"status": "ok"}
    assert "no-cache" in response.getheader("Cache-Control")


def test_the_login_page_is_served_in_vietnamese_with_hashed_static_files(site):
    response, page = site.client().get("/login/")
    assert response.status == 200
    html = page.decode()
    assert '<html lang="vi">' in html and "Đăng nhập" in html
    stylesheet = re.search(r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', html)
    assert stylesheet, "the page links the manifest's hashed name"
    static, css = site.client().get(stylesheet.group(1))
    assert static.status == 200 and static.getheader("Content-Type").startswith("text/css")
    assert b"Bootstrap" in css[:200] and len(css) > 100_000
    assert "immutable" in static.getheader("Cache-Control")


def test_plain_http_is_redirected_to_https_but_healthz_is_not(site):
    response, _ = site.client(https=False).get("/login/")
    assert response.status == 301
    assert response.getheader("Location") == f"https://127.0.0.1:{site.port}/login/"


def test_a_clerk_works_and_downloads_an_issued_pdf(site, clerk):
    response, page = clerk.get("/decisions/?year=2022")
    assert response.status == 200
    html = page.decode()
    assert "171/QĐ-UBND" in html
    first = re.search(r'href="/decisions/(\d+)/"', html).group(1)
    response, pdf = clerk.get(f"/decisions/{first}/pdf/")
    assert response.status == 200 and response.getheader("Content-Type") == "application/pdf"
    assert re.search(r'filename="2022-17\d-QD-UBND\.pdf"', response.getheader("Content-Disposition"))
    assert pdf.startswith(b"%PDF") and b"%%EOF" in pdf[-32:]
    stored = site.folder / "media" / "documents" / hashlib.sha256(pdf).hexdigest()[:2]
    assert (stored / f"{hashlib.sha256(pdf).hexdigest()}.pdf").read_bytes() == pdf, "served from the document store"


def test_a_missing_page_is_a_vietnamese_404_in_the_apps_layout(site, clerk):
    response, page = clerk.get("/khong-co-trang-nay/")
    assert response.status == 404
    html = page.decode()
    assert "Không tìm thấy trang" in html
    assert 'href="/static/css/app.' in html, "the error page uses the app's stylesheet"
    assert "Not Found" not in html


def test_someone_elses_page_is_a_vietnamese_404_too(site, clerk):
    response, page = clerk.get("/decisions/999999/")
    assert response.status == 404 and "Không tìm thấy trang" in page.decode()


def test_a_browser_in_english_still_gets_vietnamese_until_the_user_chooses(site):
    visitor = site.client(language="en-US,en;q=0.9")
    _, page = visitor.get("/login/")
    assert "Đăng nhập" in page.decode()
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    response, _ = visitor.post("/i18n/setlang/", {"csrfmiddlewaretoken": token, "language": "en", "next": "/login/"})
    assert response.status == 302
    _, page = visitor.get("/login/")
    assert '<html lang="en">' in page.decode()


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"DATABASE_URL": "mysqlx://nowhere/x"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgres://nobody@127.0.0.1:9/tunganh"}, "does not answer"),
    ],
)
def test_a_wrong_setting_stops_the_server_with_one_line(site, environment, expected):
    process = site.launch(env=environment)
    try:
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    stderr = process.stderr.read()
    assert process.returncode == 1
    assert "Traceback" not in stderr
    ours = [line for line in stderr.splitlines() if line.startswith("tungAnh: ")]
    assert len(ours) == 1 and expected in ours[0], stderr


# Kept pages (lib/page_cache.py): Redis shared by the two workers ----------------------------


def test_a_page_seen_again_is_the_kept_page_and_a_change_shows_at_once(site):
    clerk = site.client()
    clerk.log_in("vanthu.tunganh", demo.PASSWORD)
    clerk.get("/villages/")  # the CSRF cookie comes with the first page
    _, first = clerk.get("/villages/")
    again = [clerk.get("/villages/")[1] for _ in range(8)]
    assert all(page == first for page in again), "served from the cache: the very same bytes"
    assert site.cached_keys("*page:*"), "the page is kept in Redis"

    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', first).group(1).decode()
    form = {"csrfmiddlewaretoken": token, "type_word": "thôn", "name": "Bãi Sậy", "households": "40"}
    response, _ = clerk.post("/villages/add/", form)
    assert response.status == 302
    _, shown = clerk.get(response.getheader("Location"))
    assert "Bãi Sậy".encode() in shown
    for _ in range(8):
        _, page = clerk.get("/villages/")
        assert "Bãi Sậy".encode() in page, "every worker shows the new village at once"


def test_logging_out_ends_the_kept_pages_of_the_session(site):
    clerk = site.client()
    clerk.log_in("vanthu.tunganh", demo.PASSWORD)
    clerk.get("/people/")
    _, page = clerk.get("/people/")
    clerk.get("/people/")
    old_session = clerk.cookies["sessionid"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    clerk.post("/logout/", {"csrfmiddlewaretoken": token})
    clerk.cookies["sessionid"] = old_session
    response, _ = clerk.get("/people/")
    assert response.status == 302 and "/login/" in response.getheader("Location")
