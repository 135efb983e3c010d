"""The clerk's page for the images a signed document shows: each signer's signature and the
commune's seal (``documents.images`` checks and keeps them; ``documents.appearance`` draws them)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import scoping
from accounts.models import Official
from lib import responses
from lib.collation import vietnamese

from . import images
from .models import SealImage, SignatureImage


class SignatureImageForm(forms.Form):
    image = forms.FileField(
        label=gettext_lazy("Signature image (PNG)"),
        help_text=gettext_lazy("Blue ink on a transparent background, at most 1 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png"}),
    )


class SealImageForm(SignatureImageForm):
    image = forms.FileField(
        label=gettext_lazy("Seal image (PNG)"),
        help_text=gettext_lazy("The red seal on a transparent background, cropped to the seal, at most 1 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png"}),
    )
    diameter_mm = forms.IntegerField(
        label=gettext_lazy("Seal diameter (mm)"),
        min_value=20,
        max_value=60,
        initial=35,
        help_text=gettext_lazy("Its real size: the image is drawn this wide."),
    )


def _clerks_commune(request):
    commune = scoping.commune_of(request.user)
    if commune is None or not scoping.is_clerk_of(request.user, commune):
        raise PermissionDenied(_("Only the commune's clerk manages the signature and seal images."))
    return commune


def _signers(commune):
    return (
        Official.objects.filter(commune=commune, role__in=[Official.Role.CHAIRMAN, Official.Role.VICE_CHAIRMAN])
        .select_related("person", "user")
        .order_by("role", vietnamese("person__full_name"))
    )


@login_required
def signing_images(request):
    commune = _clerks_commune(request)
    signers = list(_signers(commune))
    with_image = set(SignatureImage.objects.filter(official__in=signers).values_list("official_id", flat=True))
    return render(
        request,
        "documents/signing_images.html",
        {
            "commune": commune,
            "signers": [(official, official.pk in with_image) for official in signers],
            "seal": SealImage.objects.filter(commune=commune).defer("png").first(),
            "signature_form": SignatureImageForm(),
            "seal_form": SealImageForm(),
        },
    )


@login_required
@require_POST
def signature_image_upload(request, official_pk: int):
    commune = _clerks_commune(request)
    official = get_object_or_404(_signers(commune), pk=official_pk)
    form = SignatureImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            images.signature_image_upload(official=official, upload=form.cleaned_data["image"], by=request.user)
        except ValidationError as error:
            responses.refused(request, error)
        else:
            name = official.person.full_name if official.person else official.user.get_username()
            messages.success(request, _("The signature image of %(name)s is saved.") % {"name": name})
    else:
        responses.refused(request, ValidationError([e for errors in form.errors.values() for e in errors]))
    return redirect("documents:signing_images")


@login_required
@require_POST
def seal_image_upload(request):
    commune = _clerks_commune(request)
    form = SealImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            images.seal_image_upload(
                commune=commune,
                upload=form.cleaned_data["image"],
                diameter_mm=form.cleaned_data["diameter_mm"],
                by=request.user,
            )
        except ValidationError as error:
            responses.refused(request, error)
        else:
            messages.success(request, _("The seal image of %(commune)s is saved.") % {"commune": commune.full_name})
    else:
        responses.refused(request, ValidationError([e for errors in form.errors.values() for e in errors]))
    return redirect("documents:signing_images")


def _png(image) -> HttpResponse:
    response = HttpResponse(bytes(image.png), content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def signature_image_png(request, official_pk: int):
    commune = _clerks_commune(request)
    # Looked up by the official's own key: an id beyond any database integer finds nothing.
    official = get_object_or_404(Official.objects.filter(commune=commune), pk=official_pk)
    image = SignatureImage.objects.filter(official=official).first()
    if image is None:
        raise Http404
    return _png(image)


@login_required
def seal_image_png(request):
    image = SealImage.objects.filter(commune=_clerks_commune(request)).first()
    if image is None:
        raise Http404
    return _png(image)
