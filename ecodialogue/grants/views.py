"""Pages of grant calls. Thin: check access, validate, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecodialogue.core.errors import ServiceError
from ecodialogue.core.i18n import current_language
from ecodialogue.organizations.models import Organization

from . import consortia, selectors, services
from . import permissions as perms
from .application_forms import StartApplicationForm
from .forms import (
    AnnouncementForm,
    AnswerForm,
    CloneForm,
    ConsortiumCreateForm,
    ConsortiumInviteForm,
    EmailInvitationForm,
    QuestionForm,
    TransitionForm,
)
from .models import Application, CallFollower, ConsortiumEmailInvitation, ConsortiumMember, Question
from .rules import call_configuration_findings


def call_list(request):
    calls = selectors.public_calls(request.user)
    return render(request, "grants/call_list.html", {"calls": calls, "can_create": request.user.is_staff})


def call_detail(request, code: str):
    call = perms.get_call_for_user(request.user, code)
    user = request.user
    context = {
        "call": call,
        "body": selectors.call_body(call),
        "can_manage": perms.can_manage_call.test(user, call),
        "questions_open": call.status in services.QUESTION_STATES,
        "question_form": QuestionForm(),
        "following": user.is_authenticated and CallFollower.objects.filter(call=call, user=user).exists(),
        "headed": selectors.organizations_headed_by(user) if call.status == call.Status.OPEN else [],
        "my_consortia": selectors.consortia_of_user_in_call(user, call),
    }
    return render(request, "grants/call_detail.html", context)


@require_POST
@login_required
def call_follow(request, code: str):
    call = perms.get_call_for_user(request.user, code)
    if request.POST.get("follow") == "0":
        services.call_unfollow(call=call, user=request.user)
        messages.info(request, _("You will no longer receive e-mails about this call."))
    else:
        services.call_follow(call=call, user=request.user)
        messages.success(request, _("You will receive an e-mail when announcements or answers are published."))
    return redirect(call)


@login_required
def question_ask(request, code: str):
    call = perms.get_call_for_user(request.user, code)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_ask(
                call=call, user=request.user, text=form.cleaned_data["text"], language=current_language()
            )
        except ServiceError as error:
            form.add_error("text", str(error.message))
        else:
            messages.success(request, _("Your question is sent. The answer will be published on this page."))
            return redirect(call)
    context = {
        "call": call,
        "body": selectors.call_body(call),
        "question_form": form,
        "questions_open": call.status in services.QUESTION_STATES,
    }
    return render(request, "grants/call_detail.html", context, status=200 if request.method == "GET" else 400)


@login_required
def call_manage(request, code: str):
    call = perms.get_call_for_user(request.user, code, perms.can_manage_call)
    context = {
        "call": call,
        "findings": call_configuration_findings(selectors.call_config(call)),
        "transitions": [(to, dict(call.Status.choices)[to]) for to in services.allowed_transitions(call)],
        "history": call.transitions.select_related("actor"),
        "announcement_form": AnnouncementForm(),
        "questions": [(q, AnswerForm(question=q, prefix=f"q{q.pk}")) for q in selectors.open_questions(call)],
        "clone_form": CloneForm(),
        "consortia": selectors.consortia_of_call(call),
        "application_counts": selectors.application_counts(call),
    }
    return render(request, "grants/call_manage.html", context)


def _refusal(request, error: ServiceError) -> None:
    messages.error(request, str(error.message))
    for detail in error.details or []:
        if isinstance(detail, dict) and detail.get("message") and detail["message"] != str(error.message):
            messages.error(request, detail["message"])


@require_POST
@login_required
def call_transition(request, code: str):
    call = perms.get_call_for_user(request.user, code, perms.can_manage_call)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.call_transition(
                call=call, actor=request.user, to=form.cleaned_data["to"], note=form.cleaned_data["note"]
            )
        except ServiceError as error:
            _refusal(request, error)
        else:
            messages.success(request, _("The call's state is changed."))
    return redirect("grants:call-manage", code=code)


@require_POST
@login_required
def announcement_publish(request, code: str):
    call = perms.get_call_for_user(request.user, code, perms.can_manage_call)
    form = AnnouncementForm(request.POST)
    if form.is_valid():
        try:
            services.announcement_publish(call=call, actor=request.user, texts=form.texts())
        except ServiceError as error:
            _refusal(request, error)
        else:
            messages.success(request, _("The announcement is published and followers are notified."))
    return redirect("grants:call-manage", code=code)


@require_POST
@login_required
def question_answer(request, code: str, question_pk: int):
    call = perms.get_call_for_user(request.user, code, perms.can_manage_call)
    question = get_object_or_404(Question, pk=question_pk, call=call)
    form = AnswerForm(request.POST, question=question, prefix=f"q{question.pk}")
    if form.is_valid():
        try:
            services.question_answer(question=question, actor=request.user, answers=form.answers(), texts=form.texts())
        except ServiceError as error:
            _refusal(request, error)
        else:
            messages.success(request, _("The answer is published."))
    return redirect("grants:call-manage", code=code)


@require_POST
@login_required
def call_clone(request, code: str):
    call = perms.get_call_for_user(request.user, code, perms.can_manage_call)
    form = CloneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new call a code of Latin letters, digits and hyphens."))
        return redirect("grants:call-manage", code=code)
    try:
        clone = services.call_clone(call=call, actor=request.user, code=form.cleaned_data["code"])
    except ServiceError as error:
        _refusal(request, error)
        return redirect("grants:call-manage", code=code)
    messages.success(request, _("The copy is created as a draft. Set its dates and texts, then announce it."))
    return redirect("grants:call-manage", code=clone.code)


@require_POST
@login_required
def consortium_create(request, code: str):
    call = perms.get_call_for_user(request.user, code)
    form = ConsortiumCreateForm(request.POST, organizations=selectors.organizations_headed_by(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose one of the organisations you head."))
        return redirect(call)
    try:
        consortium = consortia.consortium_create(call=call, lead=form.cleaned_data["lead"], actor=request.user)
    except ServiceError as error:
        _refusal(request, error)
        return redirect(call)
    messages.success(request, _("The consortium is formed. Now invite the partner NGOs."))
    return redirect(consortium)


def consortium_detail(request, pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    consortium = perms.get_consortium_for_user(request.user, pk)
    form = ConsortiumInviteForm(request.GET or None)
    candidates = []
    if perms.can_lead_consortium.test(request.user, consortium) and form.is_valid():
        candidates = selectors.consortium_invitation_candidates(consortium.call, form.cleaned_data["query"])
    headed = set(selectors.organizations_headed_by(request.user).values_list("pk", flat=True))
    members = consortium.members.all()
    application = Application.objects.filter(consortium=consortium).first()
    is_member_person = perms.is_consortium_participant.test(request.user, consortium)
    context = {
        "consortium": consortium,
        "call": consortium.call,
        "members": members,
        "active_count": sum(1 for m in members if m.status in consortia.ACTIVE),
        "accepted_count": sum(1 for m in members if m.status == "accepted"),
        "can_lead": perms.can_lead_consortium.test(request.user, consortium),
        "headed": headed,
        "invite_form": form,
        "candidates": candidates,
        "application": application,
        "email_form": EmailInvitationForm(initial={"language": current_language()}),
        "email_invitations": consortium.email_invitations.filter(status="pending")
        if perms.can_lead_consortium.test(request.user, consortium)
        else [],
        "can_open_application": application is not None
        and (perms.can_view_application.test(request.user, application)),
        "start_form": StartApplicationForm(call=consortium.call)
        if application is None and is_member_person and consortium.lead_id in perms.organizations_of(request.user)
        else None,
    }
    return render(request, "grants/consortium_detail.html", context)


@require_POST
@login_required
def consortium_invite(request, pk: int):
    consortium = perms.get_consortium_for_user(request.user, pk, perms.can_lead_consortium)
    organization = get_object_or_404(Organization, pk=request.POST.get("organization"))
    try:
        consortia.consortium_invite(consortium=consortium, organization=organization, actor=request.user)
    except ServiceError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("%(name)s is invited; its heads receive an e-mail.") % {"name": organization})
    return redirect(consortium)


@require_POST
@login_required
def consortium_respond(request, pk: int, member_pk: int):
    consortium = perms.get_consortium_for_user(request.user, pk)
    member = get_object_or_404(ConsortiumMember, pk=member_pk, consortium=consortium)
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline", "withdraw"):
        messages.error(request, _("The decision must be accept, decline or withdraw."))
        return redirect(consortium)
    try:
        if decision == "withdraw":
            consortia.consortium_withdraw(member=member, actor=request.user)
        else:
            consortia.consortium_respond(member=member, actor=request.user, accept=decision == "accept")
    except ServiceError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect(consortium)


@login_required
def my_consortia(request):
    places = selectors.consortium_places_of_user(request.user)
    return render(request, "grants/my_consortia.html", {"places": places})


@require_POST
@login_required
def consortium_invite_by_email(request, pk: int):
    consortium = perms.get_consortium_for_user(request.user, pk, perms.can_lead_consortium)
    form = EmailInvitationForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect(consortium)
    try:
        consortia.consortium_invite_by_email(
            consortium=consortium,
            email=form.cleaned_data["email"],
            organization_name=form.cleaned_data["organization_name"],
            language=form.cleaned_data["language"],
            actor=request.user,
        )
    except ServiceError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("The invitation is sent by e-mail."))
    return redirect(consortium)


@require_POST
@login_required
def consortium_email_invitation_revoke(request, pk: int, invitation_pk: int):
    consortium = perms.get_consortium_for_user(request.user, pk, perms.can_lead_consortium)
    invitation = get_object_or_404(ConsortiumEmailInvitation, pk=invitation_pk, consortium=consortium)
    try:
        consortia.consortium_email_invitation_revoke(invitation=invitation, actor=request.user)
    except ServiceError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("The invitation is revoked."))
    return redirect(consortium)


def consortium_email_invitation(request, token: str):
    """The page behind an invitation link: sign in, register the NGO if needed, and join."""
    try:
        invitation = consortia.email_invitation_by_token(token)
    except ServiceError as error:
        return render(request, "grants/email_invitation.html", {"error": error.message}, status=404)
    context = {"invitation": invitation, "consortium": invitation.consortium, "call": invitation.consortium.call}
    if not request.user.is_authenticated:
        return render(request, "grants/email_invitation.html", context)
    headed = selectors.organizations_headed_by(request.user)
    if request.method == "POST":
        organization = headed.filter(pk=request.POST.get("organization") or 0).first()
        if organization is None:
            messages.error(request, _("Choose one of the organisations you head."))
        else:
            try:
                consortia.consortium_email_invitation_claim(token=token, organization=organization, actor=request.user)
            except ServiceError as error:
                _refusal(request, error)
            else:
                messages.success(request, _("%(name)s is now a member of the consortium.") % {"name": organization})
                return redirect(invitation.consortium)
    context["headed"] = headed
    return render(request, "grants/email_invitation.html", context)
