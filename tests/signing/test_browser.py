"""In a real browser: the clerk uploads the images, the chairman issues a signed decision, and
anyone checks its PDF on the public page. Elements are found by address, name and class,
which do not change with the language."""

import pytest

from decisions.models import Decision
from documents import storage
from tests.browser import path_of
from tests.browser.conftest import browse, browser, browser_urlconf  # noqa: F401  (the browser tests' fixtures)
from tests.decisions.helpers import submitted
from tests.signing.images import seal_png, signature_png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def upload_images(clerk, chairman, folder) -> None:
    page = clerk.page
    signature, seal = folder / "chu-ky.png", folder / "con-dau.png"
    signature.write_bytes(signature_png())
    seal.write_bytes(seal_png())
    page.goto("/documents/signing-images/")
    form = page.locator(f"form[action='/documents/signing-images/signature/{chairman.official.pk}/']")
    form.locator("input[name=image]").set_input_files(str(signature))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    form = page.locator("form[action='/documents/signing-images/seal/']")
    form.locator("input[name=image]").set_input_files(str(seal))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator(f"img[src='/documents/signing-images/signature/{chairman.official.pk}.png']").count() == 1
    assert page.locator("img[src='/documents/signing-images/seal.png']").count() == 1


def test_a_signed_decision_is_issued_and_checked_on_the_public_page(
    browse,  # noqa: F811  (the fixture imported above)
    pkcs12_signing,
    tmp_path,
    village_team,
    village_people,
    clerk,
    chairman,
):
    upload_images(browse(clerk.username), chairman, tmp_path)
    decision = submitted(team=village_team, people=village_people, clerk=clerk)

    page = browse(chairman.username).page
    page.goto(f"/decisions/{decision.pk}/")
    page.check("input[name=confirm]")
    with page.expect_navigation():
        page.locator(f"form[action='/decisions/{decision.pk}/issue/'] button").click()
    assert path_of(page) == f"/decisions/{decision.pk}/"
    decision.refresh_from_db()
    assert decision.status == Decision.Status.ISSUED
    assert page.locator(".verdict .badge.text-bg-success").count() == 4  # two signatures: intact, trusted

    pdf = tmp_path / "quyet-dinh.pdf"
    pdf.write_bytes(storage.read(decision.pdf_sha256))
    public = browse().page  # no login
    public.goto("/documents/check/")
    public.locator("input[name=file]").set_input_files(str(pdf))
    with public.expect_navigation():
        public.locator("form:has(input[name=file]) button[type=submit]").click()
    assert public.locator(".verdict .alert-success").count() == 1
    assert public.locator(".verdict .alert-danger").count() == 0
    assert public.locator(".verdict .badge.text-bg-success").count() == 4
    assert "Phan Tiến Dũng" in public.locator(".verdict").inner_text()
