"""Pages of a call's ranking, decision and results. Thin: check access, validate, call a service, render.

The call's staff read the ranking with every computation, change the proposal with a justification,
record the decision, publish it, and download the protocol and the tables. Nobody else sees any of it
until the results are published; then the results page and its 360Giving exports are public.
"""

import re
import zoneinfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ecodialogue.core import tables
from ecodialogue.core.errors import ServiceError
from ecodialogue.core.i18n import current_language
from ecodialogue.core.pdf import render_pdf

from . import evaluation as services
from . import exports, open_data
from . import permissions as perms
from .models import Application, Call, Decision, SelectionOverride

INCLUDE, EXCLUDE = "include", "exclude"
NOW, ON_DATE = "now", "date"


class OverrideForm(forms.Form):
    selected = forms.ChoiceField(
        label=gettext_lazy("The commission's change"),
        choices=[(INCLUDE, gettext_lazy("Select it")), (EXCLUDE, gettext_lazy("Do not select it"))],
        widget=forms.RadioSelect,
    )
    # Not required here: the service refuses a missing or too short one with the words staff need.
    justification = forms.CharField(
        label=gettext_lazy("Justification"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Written in the protocol of the commission."),
    )


class DecisionForm(forms.Form):
    decided_on = forms.DateField(
        label=gettext_lazy("Date of the decision"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    members_present = forms.CharField(
        label=gettext_lazy("Commission members present"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One name a line: each gets a signature line in the protocol."),
    )
    publish = forms.ChoiceField(
        label=gettext_lazy("Publish the results"),
        choices=[(ON_DATE, gettext_lazy("on the call's results date")), (NOW, gettext_lazy("at once"))],
        initial=ON_DATE,
        widget=forms.RadioSelect,
    )


def _staff_call(request, code: str) -> Call:
    return perms.get_call_for_user(request.user, code, perms.can_manage_call)


def _submitted(call: Call, pk: int) -> Application:
    return get_object_or_404(
        Application.objects.select_related("consortium__lead"), pk=pk, call=call, status=Application.Status.SUBMITTED
    )


def _ranking_url(code: str, application_pk: int | None = None) -> str:
    url = reverse("grants:call-ranking", args=[code])
    return f"{url}#a{application_pk}" if application_pk else url


def _attachment(content: bytes, fmt: str, filename: str, *, public: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=tables.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    # Staff's tables hold every score: never kept by a shared cache.
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response


# --- Staff: the ranking, the proposal and its changes --------------------------


@login_required
def call_ranking(request, code: str):
    call = _staff_call(request, code)
    table = exports.ranking_table(call)
    can_decide = not table.is_decided and call.status == Call.Status.UNDER_REVIEW
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(call.time_zone))
    # The totals are of the whole ranking; the rows come 50 a page (a call may have thousands).
    page = Paginator(table.rows, 50).get_page(request.GET.get("page"))
    context = {
        "call": call,
        "table": table,
        "page": page,
        "decision": table.decision,
        "can_change": can_decide,
        "decision_form": DecisionForm(initial={"decided_on": today, "publish": ON_DATE}) if can_decide else None,
    }
    return render(request, "grants/decision/ranking.html", context)


@login_required
def selection_override(request, code: str, pk: int):
    """GET: the change of the proposal for one application; POST: make it (with its justification)."""
    call = _staff_call(request, code)
    application = _submitted(call, pk)
    form = OverrideForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.selection_override_set(
                    application=application,
                    actor=request.user,
                    selected=form.cleaned_data["selected"] == INCLUDE,
                    justification=form.cleaned_data["justification"],
                )
            except ServiceError as error:
                messages.error(request, str(error.message))
                status = 422
            else:
                messages.success(request, _("The proposal is changed; the ranking shows the new selection."))
                return redirect(_ranking_url(code, application.pk))
        else:
            messages.error(request, _("Choose whether the application is selected or not."))
            status = 422
    table = exports.ranking_table(call)
    context = {
        "call": call,
        "application": application,
        "table": table,
        "row": next((r for r in table.rows if r.application_id == application.pk), None),
        "override": SelectionOverride.objects.filter(application=application).first(),
        "form": form,
        "can_change": not table.is_decided and call.status == Call.Status.UNDER_REVIEW,
    }
    return render(request, "grants/decision/override.html", context, status=status)


@require_POST
@login_required
def selection_override_clear(request, code: str, pk: int):
    call = _staff_call(request, code)
    application = _submitted(call, pk)
    try:
        services.selection_override_clear(application=application, actor=request.user)
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The commission's change is withdrawn: the rules' proposal applies again."))
    return redirect(_ranking_url(code, application.pk))


# --- Staff: the decision and its publication --------------------------------


@require_POST
@login_required
def decision_record(request, code: str):
    call = _staff_call(request, code)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date of the decision and the commission members present."))
        return redirect(_ranking_url(code))
    at_once = form.cleaned_data["publish"] == NOW
    try:
        decision = services.decision_record(
            call=call,
            actor=request.user,
            decided_on=form.cleaned_data["decided_on"],
            members_present=form.cleaned_data["members_present"],
            publish_at=timezone.now() if at_once else None,
        )
    except ServiceError as error:
        messages.error(request, str(error.message))
        return redirect(_ranking_url(code))
    messages.success(request, _("The commission's decision is recorded."))
    if at_once:
        # A second service on purpose: publishing e-mails every applicant, and it must stay possible
        # to retry it alone ("publish now") if it is refused after the decision is safely recorded.
        return _publish(request, call)
    if decision.publish_at is None:
        messages.warning(request, _("The call has no results date: publish the results when they are ready."))
    return redirect(_ranking_url(code))


def _publish(request, call: Call):
    try:
        services.results_publish(call=call, actor=request.user)
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The results are published; every applicant is told by e-mail."))
    return redirect(_ranking_url(call.code))


@require_POST
@login_required
def results_publish(request, code: str):
    return _publish(request, _staff_call(request, code))


def _decision_or_404(call: Call) -> Decision:
    decision = Decision.objects.filter(call=call).first()
    if decision is None:
        raise Http404
    return decision


def protocol_language(call: Call) -> str:
    """Kazakh or Russian: the page's if it is one of them, else the call's first language of applications."""
    language = current_language()
    if language in ("kk", "ru"):
        return language
    first = next((code for code in call.application_languages or () if code in ("kk", "ru")), None)
    return first or "kk"


@login_required
def protocol_pdf(request, code: str):
    call = _staff_call(request, code)
    decision = _decision_or_404(call)
    language = protocol_language(call)
    with translation.override(language):  # criteria, names and explanations in the protocol's language
        table = exports.ranking_table(call)
        # One signature line a member: the names as typed, one a line (or separated by semicolons).
        members = [name.strip() for name in re.split(r"[\n;]+", decision.members_present) if name.strip()]
        context = {
            "call": call,
            "decision": decision,
            "table": table,
            "members": members,
            "generated_at": timezone.now(),
        }
        content = render_pdf("grants/pdf/protocol.html", context, language=language)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="protocol-{call.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def ranking_export(request, code: str, fmt: str):
    call = _staff_call(request, code)
    header, rows = exports.ranking_sheet(exports.ranking_table(call))
    content = tables.write_table(fmt, header, rows, title=_("Ranking"))
    return _attachment(content, fmt, f"{call.code}-ranking")


# --- Public: the results -----------------------------------------------------


def _published(request, code: str) -> tuple[Call, Decision]:
    """A public call with published results, or 404: before publication nothing of them exists outside."""
    call = perms.get_call_for_user(request.user, code)
    decision = Decision.objects.filter(call=call, published_at__isnull=False).first()
    if decision is None:
        raise Http404
    return call, decision


def call_results(request, code: str):
    call, decision = _published(request, code)
    awards = open_data.published_awards(decision)
    context = {
        "call": call,
        "decision": decision,
        "awards": awards,
        "total": sum((a.amount for a in awards), 0),
    }
    return render(request, "grants/decision/results.html", context)


def call_results_export(request, code: str, fmt: str):
    call, decision = _published(request, code)
    records = open_data.grant_records(
        call,
        decision,
        open_data.published_awards(decision),
        absolute=request.build_absolute_uri,
        source=request.build_absolute_uri(),
    )
    if fmt == "json":
        content = tables.write_json({"grants": records})
    else:
        header, rows = open_data.grant_sheet(records)
        content = tables.write_table(fmt, header, rows, title="grants")
    return _attachment(content, fmt, f"{call.code}-grants", public=True)
