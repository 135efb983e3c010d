from django.urls import path

from . import commune_report_views as views

app_name = "commune_reports"

urlpatterns = [
    path("periods/<int:period_pk>/new/", views.commune_report_create, name="create"),
    path("<int:pk>/", views.commune_report_detail, name="detail"),
    path("<int:pk>/edit/", views.commune_report_edit, name="edit"),
    path("<int:pk>/preview/", views.commune_report_preview, name="preview"),
    path("<int:pk>/preview/<int:number>.png", views.commune_report_page_image, name="page_image"),
    path("<int:pk>/pdf/", views.commune_report_pdf, name="pdf"),
    path("<int:pk>/submit/", views.commune_report_submit, name="submit"),
    path("<int:pk>/return/", views.commune_report_return, name="return"),
    path("<int:pk>/issue/", views.commune_report_issue, name="issue"),
]
