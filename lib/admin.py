"""The Django admin's site and the helpers every app's ``admin.py`` builds on.

Only the superuser enters the admin (``superuser_only``): it reads every commune and
skips ``accounts.scoping``; every other login works in the application's pages. The admin
edits reference data (places, legal bases, plans, officials, users); whatever a workflow
writes is shown read-only, for the superuser too, with a link to its page
(``ReadOnlyAdmin``, ``ReadOnlyInline``).

Lists stay light at national scale (10,395 communes, 268,000 people): the place filters
(``teams.admin_filters``) list the communes of one province or district at a time.
"""

from django.contrib import admin
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.contrib.admin.views.main import ChangeList
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lib.collation import vietnamese
from lib.text import normalise_phone, syllable_match

admin.site.site_header = _("tungAnh administration")
admin.site.site_title = _("tungAnh administration")
admin.site.index_title = _("Reference data")


def superuser_only(request) -> bool:
    """The admin reads every commune and skips scoping: only the superuser may enter it."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = superuser_only


# Read-only models ----------------------------------------------------------------------


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that change only in the application's pages: shown here, never added, changed or deleted.

    ``web_page_name`` names the page of a row (its pk as the argument); ``web_page_url``
    says otherwise. Each list row and each change page links to it.
    """

    web_page_name = ""
    actions = None
    show_full_result_count = False

    def web_page_url(self, obj) -> str:
        return reverse(self.web_page_name, args=[obj.pk])

    @admin.display(description=_("in the application"))
    def web_page(self, obj):
        return format_html('<a href="{}">{}</a>', self.web_page_url(obj), gettext("Open in the application"))

    def get_list_display(self, request):
        return (*super().get_list_display(request), "web_page")

    def get_fields(self, request, obj=None):
        return ("web_page", *(name for name in super().get_fields(request, obj) if name != "web_page"))

    def get_readonly_fields(self, request, obj=None):
        return ("web_page", *super().get_readonly_fields(request, obj))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        # Django keeps "<id>/" as a redirect to the change page (addresses older than 1.9).
        # It would also catch any other address under a row, such as the workflow's former
        # "<id>/issue/", and answer with a redirect: without it those are "not found".
        return [url for url in super().get_urls() if str(url.pattern) != "<path:object_id>/"]


class ReadOnlyInline(admin.TabularInline):
    """The parts of a read-only row, shown with it: every one of its ``fields`` is read-only."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Accent-insensitive search --------------------------------------------------------------------


def search_words(search_term: str):
    """The words of an admin search, quoted phrases kept whole, as Django's own search splits them."""
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        if bit:
            yield bit


class FoldedSearchMixin:
    """Accent-insensitive search: "dung" and "Dũng" both find "Phan Tiến Dũng".

    Every word must begin a syllable of one of ``folded_search_fields`` (columns that store
    ``fold()``-ed text: "hanh" finds "Hạnh", not "Thanh", as on the people page, see
    ``lib.text.syllable_match``), or appear as typed in one of ``plain_search_fields``, or
    without its separators in one of ``phone_search_fields`` (if it is a phone number or part
    of one). A word of punctuation only is left out. ``search_fields`` lists them all so that
    the admin shows a search box and offers autocompletion.
    """

    folded_search_fields: tuple[str, ...] = ()
    plain_search_fields: tuple[str, ...] = ()
    phone_search_fields: tuple[str, ...] = ()

    def get_search_results(self, request, queryset, search_term):
        for word in search_words(search_term):
            folded = [syllable_match(name, word) for name in self.folded_search_fields]
            lookups = [match for match in folded if match is not None]
            lookups += [(f"{name}__icontains", word) for name in self.plain_search_fields]
            digits = normalise_phone(word)
            if digits and digits.lstrip("+").isdigit():
                lookups += [(f"{name}__contains", digits) for name in self.phone_search_fields]
            queryset = queryset.filter(Q.create(lookups, connector=Q.OR))
        fields = (*self.folded_search_fields, *self.plain_search_fields, *self.phone_search_fields)
        may_have_duplicates = bool(search_term) and any(lookup_spawns_duplicates(self.opts, f) for f in fields)
        return queryset, may_have_duplicates


# Columns of names in Vietnamese order ---------------------------------------------------------


class VietnameseOrderChangeList(ChangeList):
    """A list whose columns of names sort in Vietnamese order when their heading is clicked."""

    def get_ordering_field(self, field_name):
        order = super().get_ordering_field(field_name)
        if isinstance(order, str) and order in getattr(self.model_admin, "vietnamese_columns", ()):
            return vietnamese(order)
        return order


class VietnameseOrderMixin:
    """``vietnamese_columns`` (fields of ``list_display``) sort as ``lib.collation`` orders
    names ("Đức Lạng" before "Tùng Ảnh"), not byte by byte ("Đ" after "Y")."""

    vietnamese_columns: tuple[str, ...] = ()

    def get_changelist(self, request, **kwargs):
        return VietnameseOrderChangeList
