from django.urls import path

from . import public_views

app_name = "public"

urlpatterns = [
    path("<str:slug>/", public_views.public_page, name="page"),
    path("<str:slug>/help/", public_views.help_request, name="help"),
    path("<str:slug>/help/sent/", public_views.help_sent, name="help_sent"),
]
