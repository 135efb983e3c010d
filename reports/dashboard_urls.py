"""The rollout dashboard's addresses, included by the project under ``rollout/``."""

from django.urls import path

from . import dashboard_views

app_name = "dashboard"

urlpatterns = [
    path("", dashboard_views.district, name="district"),
    path("export.xlsx", dashboard_views.district_xlsx, name="district_xlsx"),
    path("export.csv", dashboard_views.district_csv, name="district_csv"),
    path("communes/<int:pk>/", dashboard_views.commune, name="commune"),
]
