"""factory-boy factories for every model the tests build."""

import datetime

import factory
from django.contrib.auth import get_user_model

from accounts.models import Official
from decisions.models import LegalBasis
from teams.models import Commune, District, Person, PlaceList, Province, Team, Village


class PlaceListFactory(factory.django.DjangoModelFactory):
    """The three-tier list, in force until the 2025 reform: the world the 2022 tests live in."""

    class Meta:
        model = PlaceList
        django_get_or_create = ("key",)

    key = "2025-01-04"
    name = "Danh mục đơn vị hành chính ba cấp (bản ngày 04/01/2025)"
    in_force_until = datetime.date(2025, 7, 1)
    has_districts = True


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("place_list", "code")

    place_list = factory.SubFactory(PlaceListFactory)
    code = 42
    name = "Hà Tĩnh"
    type_word = "tỉnh"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("place_list", "code")

    place_list = factory.SubFactory(PlaceListFactory)
    code = 440
    name = "Đức Thọ"
    type_word = "huyện"
    province = factory.SubFactory(ProvinceFactory, place_list=factory.SelfAttribute("..place_list"))


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("place_list", "code")

    place_list = factory.SubFactory(PlaceListFactory)
    code = 18259
    name = "Tùng Ảnh"
    type_word = "xã"
    district = factory.SubFactory(DistrictFactory, place_list=factory.SelfAttribute("..place_list"))
    province = factory.SelfAttribute("district.province")


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Thôn số {n}")
    type_word = "thôn"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    commune = factory.SubFactory(CommuneFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {chr(65 + n % 26)}{n}")
    gender = Person.Gender.MALE
    position = "Người dân"
    office = Person.Office.RESIDENT


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    commune = factory.SubFactory(CommuneFactory)
    village = factory.SubFactory(VillageFactory, commune=factory.SelfAttribute("..commune"))
    level = Team.Level.VILLAGE


class CommuneTeamFactory(TeamFactory):
    village = None
    level = Team.Level.COMMUNE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("mat-khau-thu-nghiem")


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    user = factory.SubFactory(UserFactory)
    role = Official.Role.CLERK
    commune = factory.SubFactory(CommuneFactory)


class LegalBasisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalBasis

    rank = LegalBasis.Rank.LAW
    citation = "Luật Tổ chức chính quyền địa phương ngày 19/6/2015"
    # The 2015 law gave way to the Law of 16 June 2025 (decisions 0007 ships it) on 1 July 2025.
    in_force_until = factory.LazyAttribute(
        lambda basis: datetime.date(2025, 7, 1) if "2015" in basis.citation else None
    )


DAY = datetime.date(2022, 10, 4)


# Reports (plans, periods) -------------------------------------------------------------


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "teams.Plan"

    commune = factory.SubFactory(CommuneFactory)
    number_symbol = "246/KH-UBND"
    issued_on = datetime.date(2022, 10, 3)
    subject = "Triển khai Tổ chuyển đổi số cộng đồng trên địa bàn xã Tùng Ảnh"


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "teams.Phase"

    plan = factory.SubFactory(PlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    label = factory.LazyAttribute(lambda phase: f"Giai đoạn {phase.order}")
    starts_on = datetime.date(2022, 10, 1)
    ends_on = datetime.date(2022, 11, 30)


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reports.ReportingPeriod"

    commune = factory.SubFactory(CommuneFactory)
    year = 2022
    month = 10


def tamper_stored_pdf(document, data: bytes = b"%PDF-1.7 forged") -> None:
    """Overwrite an issued document's stored PDF behind the application's back."""
    from django.core.files.base import ContentFile

    from documents import storage

    store = storage.document_storage()
    name = storage.name_for(document.pdf_sha256)
    store.delete(name)
    store.save(name, ContentFile(data))
