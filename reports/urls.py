from django.urls import path

from . import approval_views, stipend_views, views

app_name = "reports"

urlpatterns = [
    path("", views.period_list, name="period_list"),
    path("open/", views.period_open, name="period_open"),
    path("mine/", views.my_report, name="my_report"),
    path("<int:pk>/", views.period_detail, name="period_detail"),
    path("<int:pk>/close/", views.period_close, name="period_close"),
    path("<int:period_pk>/teams/<int:team_pk>/file/", views.report_file, name="report_file"),
    path("<int:period_pk>/teams/<int:team_pk>/accept/", approval_views.report_accept, name="report_accept"),
    path("<int:period_pk>/teams/<int:team_pk>/return/", approval_views.report_return, name="report_return"),
    path("<int:pk>/approve/", approval_views.period_approve, name="period_approve"),
    path("<int:pk>/accept/", approval_views.period_accept, name="period_accept"),
    path("<int:pk>/send-back/", approval_views.period_send_back, name="period_send_back"),
    path("<int:pk>/reopen/", approval_views.period_reopen, name="period_reopen"),
    path("<int:pk>/stipends/", stipend_views.stipend_list, name="stipend_list"),
    path("<int:pk>/stipends.xlsx", stipend_views.stipend_xlsx, name="stipend_xlsx"),
    path("<int:pk>/stipends.pdf", stipend_views.stipend_pdf, name="stipend_pdf"),
    path("waiting/", approval_views.waiting, name="waiting"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
]
