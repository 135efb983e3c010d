import datetime

import pytest

from documents import rendering
from reports import commune_reports
from teams import services
from teams.models import Role
from tests import factories
from tests.decisions.helpers import draft, issued


@pytest.fixture(autouse=True)
def no_pdf_engine(monkeypatch):
    """Issuance is here for the rows it writes; the PDF engine (a second or more a document)
    is tested with the documents."""
    monkeypatch.setattr(rendering, "document_pdf", lambda template, document: b"%PDF-1.7 integrity")


@pytest.fixture
def law(db):
    """A national legal basis cited by default: every new decision cites it."""
    return factories.LegalBasisFactory()


@pytest.fixture
def issued_decision(law, village_team, village_people, clerk, chairman, day):
    """Establishes the village team: its three members are seated by the decision."""
    return issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)


@pytest.fixture
def draft_decision(law, village_team, village_people, clerk):
    return draft(team=village_team, people=village_people, by=clerk)


@pytest.fixture
def issued_report(commune, clerk, chairman):
    period = factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)
    report = commune_reports.commune_report_create(period=period, by=clerk)
    report = commune_reports.commune_report_submit(report=report, by=clerk)
    return commune_reports.commune_report_issue(report=report, by=chairman, on=datetime.date(2022, 11, 7))


@pytest.fixture
def open_membership(village_team, village_people, day):
    return services.membership_add(team=village_team, person=village_people[0], role=Role.LEADER, start_date=day)


@pytest.fixture
def ended_membership(open_membership, day):
    return services.membership_end(membership=open_membership, end_date=day + datetime.timedelta(days=30))


@pytest.fixture
def stranger(db):
    """A person kept by another commune."""
    return factories.PersonFactory(commune=factories.CommuneFactory(code=18260, name="Tùng Lộc"))
