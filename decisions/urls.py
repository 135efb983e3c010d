from django.urls import path

from . import views

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("new/", views.decision_create, name="create"),
    path("inbox/", views.inbox, name="inbox"),
    path("register/", views.register_page, name="register"),
    path("bases/", views.basis_list, name="bases"),
    path("register.xlsx", views.register_xlsx, name="register_xlsx"),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/edit/", views.decision_edit, name="edit"),
    path("<int:pk>/compose/", views.decision_compose, name="compose"),
    path("<int:pk>/rules/", views.rule_check, name="rule_check"),
    path("<int:pk>/preview/", views.decision_preview, name="preview"),
    path("<int:pk>/preview/<int:number>.png", views.decision_page_image, name="page_image"),
    path("<int:pk>/draft.pdf", views.decision_draft_pdf, name="draft_pdf"),
    path("<int:pk>/pdf/", views.decision_pdf, name="pdf"),
    path("<int:pk>/submit/", views.decision_submit, name="submit"),
    path("<int:pk>/return/", views.decision_return, name="return"),
    path("<int:pk>/issue/", views.decision_issue, name="issue"),
]
