"""Pages of the organisations directory. Thin: check access, validate, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecodialogue.core.errors import ServiceError
from ecodialogue.core.models import ActivityEntry

from . import permissions as perms
from . import selectors, services
from .forms import (
    CertificateForm,
    DirectoryFilterForm,
    InvitationForm,
    JoinRequestForm,
    NetworkForm,
    OrganizationForm,
    RoleForm,
    VerificationForm,
)
from .models import Invitation, JoinRequest, Membership, Organization

PAGE_SIZE = 20


def _form_error(form, error: ServiceError) -> None:
    """Show a service's refusal next to the field it concerns, or above the form."""
    field = error.code.split(".")[0]
    form.add_error(field if field in form.fields else None, str(error.message))


def organization_list(request):
    regions, themes = selectors.region_choices(), selectors.theme_choices()
    form = DirectoryFilterForm(request.GET or None, regions=regions, themes=themes)
    filters = form.filters()
    # The results are the same for every visitor: rendered once per filter,
    # page and language until an organisation changes.
    key = selectors.directory_results_key(filters, request.GET.get("page"))
    results = cache.get(key)
    if results is None:
        page = selectors.paginate(selectors.organization_list(**filters), request.GET.get("page"), PAGE_SIZE)
        results = render_to_string("organizations/_results.html", {"page": page, "query": form.query_string()})
        cache.set(key, results, selectors.RESULTS_TIMEOUT)
    if request.headers.get("HX-Request"):
        response = HttpResponse(results)
        patch_vary_headers(response, ["HX-Request"])  # the same address also serves the whole page
        return response
    context = {
        "form": form,
        "results": results,
        # The filter lists are rendered by a plain loop: widget templates cost more than the results.
        "regions": regions,
        "themes": themes,
        "kinds": Organization.Kind.choices,
        "chosen": {
            "kinds": request.GET.getlist("kind"),
            "region": request.GET.get("region", ""),
            "theme": request.GET.get("theme", ""),
            "network": request.GET.get("network", ""),
            "verified": request.GET.get("verified", ""),
        },
    }
    response = render(request, "organizations/list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def organization_detail(request, pk: int):
    organization = perms.get_organization_for_user(request.user, pk)
    user = request.user
    context = {
        "organization": organization,
        "themes": organization.themes.all(),
        "can_view_people": perms.can_view_people.test(user, organization),
        "can_edit": perms.can_edit_organization.test(user, organization),
        "can_manage_people": perms.can_manage_people.test(user, organization),
        "can_verify": perms.can_verify_organization.test(user),
        "is_member": perms.is_member.test(user, organization),
    }
    if context["can_view_people"]:
        context["people"] = selectors.member_people(organization)
        context["activity"] = ActivityEntry.objects.for_object(organization).select_related("actor")[:20]
        context["can_view_certificate"] = True
    if context["can_verify"]:
        context["verification_form"] = VerificationForm()
        context["network_form"] = NetworkForm(
            initial={"status": organization.network_status, "since": organization.network_member_since}
        )
    if user.is_authenticated and not context["is_member"]:
        context["join_form"] = JoinRequestForm()
        context["join_pending"] = organization.join_requests.filter(
            user=user, status=JoinRequest.Status.PENDING
        ).exists()
    return render(request, "organizations/detail.html", context)


@login_required
def organization_register(request):
    form = OrganizationForm(request.POST or None, request.FILES or None, initial={"country": "KZ"})
    duplicate = None
    if request.method == "POST" and not form.is_valid():
        duplicate = form.duplicate
    elif request.method == "POST":
        try:
            organization = services.organization_register(
                user=request.user, data=form.profile_data(), themes=form.cleaned_data["themes"]
            )
        except ServiceError as error:
            _form_error(form, error)
            if error.code == "bin.duplicate" and error.details:
                duplicate = Organization.objects.filter(pk=error.details["organization_id"]).first()
        else:
            messages.success(
                request,
                _("The organisation is registered. Upload its registration certificate so staff can verify it."),
            )
            # Registering on the way somewhere (an invitation to a consortium): go back there.
            next_url = request.POST.get("next", "")
            if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
                return redirect(next_url)
            return redirect("organizations:detail", pk=organization.pk)
    context = {"form": form, "duplicate": duplicate, "registering": True, "next": request.GET.get("next", "")}
    if request.method == "POST":
        context["next"] = request.POST.get("next", "")
    return render(request, "organizations/form.html", context)


@login_required
def organization_edit(request, pk: int):
    organization = perms.get_organization_for_user(request.user, pk, perms.can_edit_organization)
    form = OrganizationForm(request.POST or None, request.FILES or None, instance=organization)
    if not perms.is_platform_staff.test(request.user):
        # An NGO does not become a grant-maker or an akimat by editing its profile.
        form.fields["kind"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(
                organization=Organization.objects.get(pk=pk),
                actor=request.user,
                data=form.profile_data(),
                themes=form.cleaned_data["themes"],
            )
        except ServiceError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The profile is saved."))
            if organization.is_verified and not Organization.objects.get(pk=pk).is_verified:
                messages.warning(
                    request, _("The name or registration data changed, so staff will verify the organisation again.")
                )
            return redirect("organizations:detail", pk=pk)
    return render(request, "organizations/form.html", {"form": form, "organization": organization})


@login_required
def organization_certificate(request, pk: int):
    """Upload (heads) or download (members and staff) the registration certificate."""
    organization = perms.get_organization_for_user(request.user, pk, perms.can_view_certificate)
    if request.method == "POST":
        if not perms.can_upload_certificate.test(request.user, organization):
            raise PermissionDenied
        form = CertificateForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.organization_upload_certificate(
                    organization=organization, actor=request.user, upload=form.cleaned_data["certificate"]
                )
            except ServiceError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("The certificate is uploaded."))
                return redirect("organizations:people", pk=pk)
        return render(request, "organizations/certificate.html", {"organization": organization, "form": form})
    if request.GET.get("download") and organization.certificate:
        return FileResponse(
            organization.certificate.open("rb"),
            as_attachment=True,
            filename=f"certificate-{organization.bin or organization.pk}.pdf",
            content_type="application/pdf",
        )
    if not perms.can_upload_certificate.test(request.user, organization):
        if organization.certificate:
            return redirect(f"{request.path}?download=1")
        raise Http404
    return render(request, "organizations/certificate.html", {"organization": organization, "form": CertificateForm()})


@login_required
def organization_people(request, pk: int):
    organization = perms.get_organization_for_user(request.user, pk, perms.can_view_people)
    can_manage = perms.can_manage_people.test(request.user, organization)
    form = InvitationForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.invitation_create(organization=organization, actor=request.user, **form.cleaned_data)
            except ServiceError as error:
                _form_error(form, error)
            else:
                messages.success(
                    request, _("The invitation is sent to %(email)s.") % {"email": form.cleaned_data["email"]}
                )
                return redirect("organizations:people", pk=pk)
    context = {
        "organization": organization,
        "people": selectors.member_people(organization),
        "can_manage": can_manage,
        "form": form,
        "certificate_form": CertificateForm(),
        "role_choices": Membership.Role.choices,
    }
    if can_manage:
        context["invitations"] = organization.invitations.filter(status=Invitation.Status.PENDING).select_related(
            "invited_by"
        )
        context["join_requests"] = organization.join_requests.filter(status=JoinRequest.Status.PENDING).select_related(
            "user"
        )
    return render(request, "organizations/people.html", context)


def _membership_for_head(request, pk: int, membership_pk: int) -> Membership:
    organization = perms.get_organization_for_user(request.user, pk, perms.can_manage_people)
    return get_object_or_404(
        Membership.objects.select_related("user", "organization"), pk=membership_pk, organization=organization
    )


@require_POST
@login_required
def membership_remove(request, pk: int, membership_pk: int):
    membership = _membership_for_head(request, pk, membership_pk)
    try:
        services.membership_remove(membership=membership, actor=request.user)
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("%(name)s is removed from the organisation.") % {"name": membership.user})
    return redirect("organizations:people", pk=pk)


@require_POST
@login_required
def membership_role(request, pk: int, membership_pk: int):
    membership = _membership_for_head(request, pk, membership_pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_set_role(membership=membership, actor=request.user, role=form.cleaned_data["role"])
        except ServiceError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The role is changed."))
    return redirect("organizations:people", pk=pk)


@require_POST
@login_required
def organization_leave(request, pk: int):
    organization = perms.get_organization_for_user(request.user, pk, perms.can_leave_organization)
    membership = Membership.objects.select_related("organization", "user").get(
        organization=organization, user=request.user
    )
    try:
        services.membership_remove(membership=membership, actor=request.user)
    except ServiceError as error:
        messages.error(request, str(error.message))
        return redirect("organizations:people", pk=pk)
    messages.success(request, _("You have left %(name)s.") % {"name": organization})
    return redirect("organizations:mine")


@require_POST
@login_required
def invitation_revoke(request, pk: int, invitation_pk: int):
    organization = perms.get_organization_for_user(request.user, pk, perms.can_manage_people)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, organization=organization)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.user)
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The invitation is withdrawn."))
    return redirect("organizations:people", pk=pk)


def invitation_respond(request, token: str):
    """The page an invitation e-mail links to: accept or decline, after signing in or up."""
    try:
        invitation = services.invitation_by_token(token)
    except ServiceError as error:
        return render(request, "organizations/invitation.html", {"error": error}, status=error.status)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            if request.POST.get("decision") == "accept":
                services.invitation_accept(token=token, user=request.user)
                messages.success(request, _("Welcome to %(name)s.") % {"name": invitation.organization})
                return redirect("organizations:detail", pk=invitation.organization_id)
            services.invitation_decline(token=token, user=request.user)
            messages.info(request, _("You declined the invitation."))
            return redirect("core:home")
        except ServiceError as error:
            return render(
                request,
                "organizations/invitation.html",
                {"invitation": invitation, "error": error},
                status=error.status,
            )
    error = None
    if invitation.status != Invitation.Status.PENDING:
        error = _("This invitation has already been answered or withdrawn.")
    elif invitation.is_expired:
        error = _("This invitation has expired. Ask the organisation to invite you again.")
    return render(
        request,
        "organizations/invitation.html",
        {"invitation": invitation, "error": error, "token": token},
        status=410 if error else 200,
    )


@require_POST
@login_required
def join_request_create(request, pk: int):
    organization = perms.get_organization_for_user(request.user, pk)
    form = JoinRequestForm(request.POST)
    if form.is_valid():
        try:
            services.join_request_create(
                organization=organization, user=request.user, message=form.cleaned_data["message"]
            )
        except ServiceError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Your request is sent to the organisation's heads."))
    return redirect("organizations:detail", pk=pk)


@require_POST
@login_required
def join_request_decide(request, pk: int, request_pk: int):
    organization = perms.get_organization_for_user(request.user, pk, perms.can_manage_people)
    join_request = get_object_or_404(JoinRequest, pk=request_pk, organization=organization)
    try:
        services.join_request_decide(
            join_request=join_request, actor=request.user, approve=request.POST.get("decision") == "approve"
        )
    except ServiceError as error:
        messages.error(request, str(error.message))
    return redirect("organizations:people", pk=pk)


@require_POST
@login_required
def organization_verify(request, pk: int):
    organization = perms.get_organization_for_user(request.user, pk, perms.can_verify_organization)
    form = VerificationForm(request.POST)
    if form.is_valid():
        try:
            services.organization_verify(organization=organization, actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The decision is saved and the organisation's heads are notified."))
    else:
        messages.error(request, _("Choose to verify or to reject."))
    return redirect("organizations:detail", pk=pk)


@require_POST
@login_required
def organization_network(request, pk: int):
    organization = perms.get_organization_for_user(request.user, pk, perms.can_set_network)
    form = NetworkForm(request.POST)
    if form.is_valid():
        services.organization_set_network(organization=organization, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The network membership is saved."))
    else:
        messages.error(request, _("Check the network membership fields."))
    return redirect("organizations:detail", pk=pk)


@login_required
def my_organizations(request):
    return render(request, "organizations/mine.html", {"memberships": selectors.organizations_of_user(request.user)})


def settlement_search(request):
    """Type-ahead results for the settlement picker (an htmx fragment)."""
    query = request.GET.get("q") or request.GET.get("settlement_search", "")
    settlements = selectors.settlement_search(query, limit=15)
    return render(
        request,
        "organizations/_settlement_options.html",
        {"settlements": settlements, "target": request.GET.get("target", "")},
    )
