"""Admin list filters by place: province, then district, then commune.

Lists stay light at national scale (10,395 communes): ``place_filters`` lists the
communes of one province or district at a time, never all of them.
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils.translation import gettext_lazy as _

from lib.collation import vietnamese
from lib.text import ascii_int

from .models import Commune, District, Province

# Filters that never list every commune ------------------------------------------------------


class PlaceFilter(admin.SimpleListFilter):
    """One tier of places, reached from the listed rows through ``commune_path``.

    Listing the 10,395 communes at once weighed most of a megabyte per page: the district
    filter appears once a province is chosen, the commune filter once a district is (or,
    where the province has no district tier, once the province is).
    """

    commune_path = "commune"
    field = ""  # the tier's column, seen from a commune

    def lookups(self, request, model_admin):
        chosen = {name: ascii_int(request.GET.get(name)) for name in ("province", "district", "commune")}
        return [(place.pk, place.full_name) for place in self.places(**chosen)]

    def places(self, *, province: int | None, district: int | None, commune: int | None):
        raise NotImplementedError

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        pk = ascii_int(self.value())
        if pk is None:
            raise IncorrectLookupParameters(self.value())
        lookup = f"{self.commune_path}__{self.field}" if self.commune_path else self.field
        return queryset.filter(**{lookup: pk})


class ProvinceFilter(PlaceFilter):
    title = _("province")
    parameter_name = "province"
    field = "province_id"

    def places(self, **chosen):
        return Province.objects.order_by(vietnamese("name"))


class DistrictFilter(PlaceFilter):
    title = _("district")
    parameter_name = "district"
    field = "district_id"

    def places(self, *, province, district, commune):
        if province is not None:
            return District.objects.filter(province_id=province).order_by(vietnamese("name"))
        return District.objects.filter(pk=district)


class CommuneFilter(PlaceFilter):
    title = _("commune")
    parameter_name = "commune"
    field = "id"

    def places(self, *, province, district, commune):
        if district is not None:
            return Commune.objects.filter(district_id=district).order_by(vietnamese("name"))
        if province is not None:
            return Commune.objects.filter(province_id=province, district__isnull=True).order_by(vietnamese("name"))
        return Commune.objects.filter(pk=commune)


def place_filters(commune_path: str = "commune") -> tuple[type[PlaceFilter], ...]:
    """Province, district and commune filters for rows that reach their commune through ``commune_path``."""
    return tuple(
        type(tier.__name__, (tier,), {"commune_path": commune_path})
        for tier in (ProvinceFilter, DistrictFilter, CommuneFilter)
    )
