from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.period_list, name="period_list"),
    path("open/", views.period_open, name="period_open"),
    path("mine/", views.my_report, name="my_report"),
    path("<int:pk>/", views.period_detail, name="period_detail"),
    path("<int:pk>/close/", views.period_close, name="period_close"),
    path("<int:period_pk>/teams/<int:team_pk>/file/", views.report_file, name="report_file"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
]
