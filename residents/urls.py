from django.urls import path

from . import views

app_name = "residents"

urlpatterns = [
    path("", views.index, name="index"),
    path("teams/<int:pk>/publish/", views.page_publish, name="page_publish"),
    path("teams/<int:pk>/regenerate/", views.page_regenerate, name="page_regenerate"),
    path("teams/<int:pk>/poster-<str:size>.pdf", views.poster, name="poster"),
    path("people/<int:pk>/consent/", views.consent_record, name="consent_record"),
    path("consents/<int:pk>/scan/", views.consent_scan, name="consent_scan"),
    path("consents.<str:fmt>", views.consent_export, name="consent_export"),
    path("requests/<int:pk>/handled/", views.help_request_handle, name="help_request_handle"),
]
