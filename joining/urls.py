from django.urls import path

from . import views

app_name = "joining"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("applications/add/", views.application_create, name="application_create"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/recommend/", views.application_recommend, name="application_recommend"),
    path("applications/<int:pk>/decide/", views.application_decide, name="application_decide"),
    path("applications/<int:pk>/draft/", views.application_draft, name="application_draft"),
    path("leaving/add/", views.leave_request_create, name="leave_request_create"),
    path("leaving/<int:pk>/", views.leave_request_detail, name="leave_request_detail"),
    path("leaving/<int:pk>/propose/", views.leave_request_propose, name="leave_request_propose"),
    path("leaving/<int:pk>/decide/", views.leave_request_decide, name="leave_request_decide"),
    path("leaving/<int:pk>/draft/", views.leave_request_draft, name="leave_request_draft"),
]
