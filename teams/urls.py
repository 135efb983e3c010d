from django.urls import path

from . import views

app_name = "teams"

urlpatterns = [
    path("villages/", views.village_list, name="village_list"),
    path("villages/add/", views.village_create, name="village_create"),
    path("villages/<int:pk>/edit/", views.village_update, name="village_update"),
    path("villages/<int:pk>/rename/", views.village_rename, name="village_rename"),
    path("villages/<int:pk>/merge/", views.village_merge, name="village_merge"),
    path("people/", views.person_list, name="person_list"),
    path("people/add/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_update, name="person_update"),
    path("teams/add/", views.team_create, name="team_create"),
    path("teams/<int:pk>/", views.team_detail, name="team_detail"),
    path("teams/<int:pk>/edit/", views.team_update, name="team_update"),
    path("teams/<int:pk>/collaborators/add/", views.collaborator_add, name="collaborator_add"),
    path(
        "teams/<int:pk>/collaborators/<int:collaborator_pk>/end/",
        views.collaborator_end,
        name="collaborator_end",
    ),
]
