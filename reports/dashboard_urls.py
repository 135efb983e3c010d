"""The rollout dashboard's addresses, included by the project under ``rollout/``."""

from django.urls import path

from . import dashboard_views, village_assignment_views

app_name = "dashboard"

urlpatterns = [
    path("", dashboard_views.district, name="district"),
    path("export.xlsx", dashboard_views.district_xlsx, name="district_xlsx"),
    path("export.csv", dashboard_views.district_csv, name="district_csv"),
    path("communes/<int:pk>/", dashboard_views.commune, name="commune"),
    path("provinces/", dashboard_views.provinces, name="provinces"),
    path("provinces/<int:pk>/", dashboard_views.province, name="province"),
    path("provinces/<int:pk>/export.xlsx", dashboard_views.province_xlsx, name="province_xlsx"),
    path("provinces/<int:pk>/export.csv", dashboard_views.province_csv, name="province_csv"),
    path("villages-to-assign/", village_assignment_views.move_list, name="village_moves"),
    path("villages-to-assign/<int:pk>/", village_assignment_views.move_assign, name="village_assign"),
]
