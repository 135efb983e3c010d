from django.urls import path

from . import attachment_views, check_views, image_views

app_name = "documents"

urlpatterns = [
    path("check/", check_views.check, name="check"),
    path("attachments/<int:pk>.pdf", attachment_views.attachment_pdf, name="attachment_pdf"),
    path("signing-images/", image_views.signing_images, name="signing_images"),
    path("signing-images/signature/<int:official_pk>/", image_views.signature_image_upload, name="signature_upload"),
    path("signing-images/signature/<int:official_pk>.png", image_views.signature_image_png, name="signature_png"),
    path("signing-images/seal/", image_views.seal_image_upload, name="seal_upload"),
    path("signing-images/seal.png", image_views.seal_image_png, name="seal_png"),
]
