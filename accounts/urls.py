from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.login_list, name="login_list"),
    path("add/", views.login_create, name="login_create"),
    path("<int:pk>/", views.login_detail, name="login_detail"),
    path("<int:pk>/disable/", views.login_disable, name="login_disable"),
    path("<int:pk>/enable/", views.login_enable, name="login_enable"),
    path("<int:pk>/password/", views.login_password, name="login_password"),
]
