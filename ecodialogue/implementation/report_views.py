"""Pages of a report: members write their pilot's part, the lead its summary and submits, staff review.

Thin: check access, validate, call one service, then redirect back to the
section with a message, or show the page again with what was typed and the
service's words at the form. Everything works without JavaScript.

Who: the consortium's people and the call's staff read (anyone else gets a
404); a part is written by its pilot's NGO or the lead NGO, the summary by the
lead NGO, the report submitted by the lead's head, reviewed by staff (403 for
the others). Whether the report can still change (draft or returned, the
agreement in force) is the services' to say: their refusal is shown.
"""

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import DecimalField, Prefetch, Sum, Value
from django.db.models.functions import Coalesce
from django.db.models.query import prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecodialogue.core.errors import ServiceError
from ecodialogue.core.files import detect_file_type
from ecodialogue.core.findings import Severity

from . import permissions as perms
from . import reports as services
from . import rules
from .models import (
    ActivityProgress,
    AuthorityDecision,
    Expenditure,
    Output,
    PilotReport,
    PlanBudgetLine,
    Report,
    ReportComment,
)
from .report_forms import (
    PART_SECTIONS,
    ActivityForm,
    DecisionForm,
    ExpenditureForm,
    OutputConfirmForm,
    OutputForm,
    PartForm,
    ReviewForm,
    SummaryForm,
    part_initial,
)

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "png": "image/png",
    "jpeg": "image/jpeg",
}
# Shown in the browser; anything else (DOCX) is downloaded.
INLINE_TYPES = ("pdf", "png", "jpeg")
# Outputs the check could not decide (or found without the statement): a person of staff looks.
NEEDS_A_PERSON = (Output.Visibility.MANUAL, Output.Visibility.UNREADABLE, Output.Visibility.MISSING)
ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=14, decimal_places=2))

# The same rule as permissions.can_view_agreement, asked in the cheapest order: staff is known from
# the user row, the lead's people from their memberships; only the partners need the consortium.
can_read = perms.is_agreement_staff | perms.is_agreement_lead | perms.is_agreement_member


# --- Loading a page -------------------------------------------------------------
#
# The pages load exactly what they show, so each stays within a fixed number of
# queries whatever the number of parts and rows (selectors.report_for_page loads
# every part's rows and would cost several queries more on each page).


def _lines_with_spending():
    """A plan's approved lines with what was spent on each in all reports (one query for every plan)."""
    return PlanBudgetLine.objects.select_related("category").annotate(spent=Coalesce(Sum("expenditures__amount"), ZERO))


def _report_for_page(user, pk: int) -> tuple[Report, list[PilotReport]]:
    """The report and its parts (with what was spent in the period), or 404 for anyone who may not read it."""
    report = (
        Report.objects.select_related("agreement__call__grant_maker", "agreement__consortium__lead")
        .filter(pk=pk)
        .first()
    )
    if report is None or not can_read.test(user, report.agreement):
        raise Http404
    parts = list(
        PilotReport.objects.filter(report=report)
        .select_related("plan__organization")
        .annotate(spent=Coalesce(Sum("expenditures__amount"), ZERO))
        .prefetch_related(Prefetch("plan__budget_lines", queryset=_lines_with_spending()), "outputs")
    )
    for part in parts:
        part.report, part.plan.agreement = report, report.agreement
    # A report never returned has no comments, and a draft of the first round no history: no query for them.
    returned = report.round > 1
    report.review_comments = list(report.comments.select_related("author")) if returned else []
    started = returned or report.status != Report.Status.DRAFT
    report.history = list(report.transitions.select_related("actor")) if started else []
    return report, parts


def _part_for_page(user, pk: int, part_pk: int) -> tuple[Report, PilotReport]:
    """A member's part with every row its page lists, or 404 for anyone who may not read the report."""
    part = (
        PilotReport.objects.select_related(
            "report__agreement__call__grant_maker",
            "report__agreement__consortium__lead",
            "plan__organization",
            "plan__settlement",
        )
        .filter(pk=part_pk, report_id=pk)
        .first()
    )
    if part is None or not can_read.test(user, part.report.agreement):
        raise Http404
    report = part.report
    part.plan.agreement = report.agreement
    lookups = [
        "plan__indicators",
        "plan__activities",
        Prefetch("plan__budget_lines", queryset=_lines_with_spending()),
        "indicator_actuals",
        Prefetch("activities", queryset=ActivityProgress.objects.select_related("activity")),
        "decisions",
        Prefetch("expenditures", queryset=Expenditure.objects.select_related("line__category")),
        "outputs",
    ]
    prefetch_related_objects([part], *lookups)
    part.section_comments = defaultdict(list)
    for comment in part.comments.select_related("author") if report.round > 1 else ():
        part.section_comments[comment.section].append(comment)
    return report, part


def _editable(user, report: Report, part: PilotReport) -> bool:
    """The form is shown while the report can change, to the pilot's NGO and the lead NGO."""
    return report.is_writable and report.agreement.is_running and perms.can_edit_plan_part(user, part.plan)


def _part_for_editor(request, pk: int, part_pk: int) -> tuple[Report, PilotReport]:
    """The part for a write: 403 for readers who may not write it; the service says if it can still change."""
    report, part = _part_for_page(request.user, pk, part_pk)
    if not perms.can_edit_plan_part(request.user, part.plan):
        raise PermissionDenied
    return report, part


def _problem(error: ServiceError) -> dict:
    """The service's refusal as the page shows it: the message, and each finding when there are several."""
    details = [d["message"] for d in error.details or [] if isinstance(d, dict) and d.get("message")]
    return {"message": str(error.message), "details": details if len(details) > 1 else []}


# --- The report ---------------------------------------------------------------


def _subject_url(report: Report, subject: str) -> str:
    """Where a finding of the checklist is fixed: a member's part, the summary, a pilot's plan."""
    kind, _sep, ident = subject.partition(":")
    if kind == "part" and ident.isdigit():
        return reverse("implementation:pilot-report", args=[report.pk, int(ident)])
    if kind == "plan" and ident.isdigit():
        return reverse("implementation:plan-detail", args=[int(ident)])
    if kind == "summary":
        return f"{report.get_absolute_url()}#summary"
    return f"{report.get_absolute_url()}#parts"


def _checklist(report: Report) -> dict:
    findings = services.submit_findings(report)
    items = [
        {"text": f.text, "url": _subject_url(report, f.subject), "warning": f.severity is Severity.WARNING}
        for f in findings
        if f.severity in (Severity.ERROR, Severity.WARNING)
    ]
    return {"items": items, "ready": not any(f.is_error for f in findings)}


def _spending(report: Report, parts: list[PilotReport]) -> list[dict]:
    """Per pilot and category: approved, spent in all reports, remaining, and what the threshold says."""
    threshold = report.agreement.call.reallocation_threshold_percent
    pilots = []
    for part in parts:
        lines = list(part.plan.budget_lines.all())
        names = {line.category_id: line.category.name for line in lines}
        rows = rules.spending_by_category(
            ((line.pk, line.category_id, line.amount) for line in lines), {line.pk: line.spent for line in lines}
        )
        categories = []
        for row in rows:
            finding = next(iter(rules.spending_findings([row], threshold_percent=threshold, names=names)), None)
            categories.append(
                {"name": names[row.category_id], "row": row, "over": max(-row.remaining, 0), "finding": finding}
            )
        pilots.append({"part": part, "categories": categories})
    return pilots


def _comment_rounds(report: Report, parts: list[PilotReport]) -> list[dict]:
    """Staff's comments of earlier rounds: round by round, the summary first, then each part's sections."""
    position = {part.pk: n for n, part in enumerate(parts, start=1)}
    titles = {part.pk: part.plan.title for part in parts}
    order = {section: n for n, section in enumerate((ReportComment.Section.SUMMARY, *PART_SECTIONS))}
    rounds: dict[int, list] = defaultdict(list)
    for comment in report.review_comments:
        comment.part_title = titles.get(comment.part_id, "")
        rounds[comment.round].append(comment)
    return [
        {
            "round": number,
            "comments": sorted(
                rounds[number], key=lambda c: (position.get(c.part_id, 0), order.get(c.section, 99), c.pk)
            ),
        }
        for number in sorted(rounds)
    ]


def _render_report(request, report, parts, *, summary_form=None, review_form=None, problem=None, status=200):
    user = request.user
    agreement = report.agreement
    writable = report.is_writable and agreement.is_running
    is_staff = perms.can_manage_agreement.test(user, agreement)
    can_summary = writable and perms.can_write_summary.test(user, agreement)
    outputs = [(part, output) for part in parts for output in part.outputs.all()]
    context = {
        "report": report,
        "agreement": agreement,
        "call": agreement.call,
        "currency": agreement.currency,
        "parts": parts,
        "today": timezone.localdate(),
        "overdue": report.is_writable and report.due_on < timezone.localdate(),
        "writable": writable,
        "history": report.history,
        # What stops the submission, with links to where it is fixed: for the consortium, who fix it
        # (staff see each part's state in the table); once submitted, it has been met.
        "checklist": _checklist(report) if writable and not is_staff else None,
        "can_summary": can_summary,
        "summary_form": summary_form or (SummaryForm(initial={"summary": report.summary}) if can_summary else None),
        "can_submit": writable and perms.can_submit_report.test(user, agreement),
        "rounds": _comment_rounds(report, parts),
        "is_staff": is_staff,
        "review_form": review_form
        or (ReviewForm(parts=parts) if is_staff and report.status == Report.Status.SUBMITTED else None),
        "outputs": outputs,
        "needs_a_person": NEEDS_A_PERSON,
        "spending": _spending(report, parts),
        "threshold": agreement.call.reallocation_threshold_percent,
        "problem": problem,
    }
    return render(request, "implementation/report_detail.html", context, status=status)


@login_required
def report_detail(request, pk: int):
    report, parts = _report_for_page(request.user, pk)
    return _render_report(request, report, parts)


@require_POST
@login_required
def report_summary(request, pk: int):
    report = perms.get_report_for_user(request.user, pk, perms.can_write_summary)
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            services.report_summary_save(report=report, actor=request.user, summary=form.cleaned_data["summary"])
        except ServiceError as error:
            report, parts = _report_for_page(request.user, pk)
            return _render_report(request, report, parts, summary_form=form, problem=_problem(error),
                                  status=error.status)  # fmt: skip
        messages.success(request, _("The summary is saved."))
        return redirect(f"{report.get_absolute_url()}#summary")
    report, parts = _report_for_page(request.user, pk)
    return _render_report(request, report, parts, summary_form=form, status=422)


@require_POST
@login_required
def report_submit(request, pk: int):
    report = perms.get_report_for_user(request.user, pk, perms.can_submit_report)
    try:
        services.report_submit(report=report, actor=request.user)
    except ServiceError as error:
        messages.error(request, str(error.message))
        return redirect(f"{report.get_absolute_url()}#checklist")
    messages.success(request, _("The report is submitted. The call's staff are told by e-mail."))
    return redirect(report)


@require_POST
@login_required
def report_review(request, pk: int):
    report = perms.get_report_for_user(request.user, pk, perms.can_manage_agreement)
    form = ReviewForm(request.POST, parts=report.parts.all())
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == ReviewForm.APPROVE:
                services.report_approve(report=report, actor=request.user, note=form.cleaned_data["note"])
                messages.success(request, _("The report is approved and frozen. The consortium is told by e-mail."))
            else:
                services.report_return(report=report, actor=request.user, comments=form.comments())
                messages.success(request, _("The report is returned with your comments. The consortium is told."))
            return redirect(report)
        except ServiceError as error:
            problem, status = _problem(error), error.status
    else:
        problem, status = {"message": _("Choose to return the report or to approve it.")}, 422
    report, parts = _report_for_page(request.user, pk)
    # The boxes as typed, while there is still something to review.
    form = ReviewForm(request.POST, parts=parts) if report.status == Report.Status.SUBMITTED else None
    return _render_report(request, report, parts, review_form=form, problem=problem, status=status)


@require_POST
@login_required
def output_confirm(request, pk: int, output_pk: int):
    report = perms.get_report_for_user(request.user, pk, perms.can_manage_agreement)
    output = get_object_or_404(Output, pk=output_pk, part__report=report)
    form = OutputConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether the material shows the EU funding statement."))
    else:
        try:
            services.output_visibility_confirm(
                output=output, actor=request.user, shows_statement=form.cleaned_data["shows_statement"]
            )
        except ServiceError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Recorded: %(status)s.") % {"status": _visibility_label(form)})
    return redirect(f"{report.get_absolute_url()}#outputs")


def _visibility_label(form: OutputConfirmForm) -> str:
    shows = form.cleaned_data["shows_statement"]
    return str(Output.Visibility.CONFIRMED.label if shows else Output.Visibility.REFUSED.label)


# --- A member's part --------------------------------------------------------


def _render_part(request, report, part, *, status=200, problems=None, **posted):
    """The part's page. A form that was posted is shown again with what was typed, even when the write
    was refused because the report changed meanwhile (submitted, approved): nothing typed is lost."""
    user = request.user
    agreement = report.agreement
    editable = _editable(user, report, part)
    plan = part.plan
    lines = list(plan.budget_lines.all())
    for line in lines:
        line.remaining, line.over = line.amount - line.spent, max(line.spent - line.amount, 0)
    approved, spent = sum((ln.amount for ln in lines), Decimal("0")), sum((ln.spent for ln in lines), Decimal("0"))
    if editable:
        posted.setdefault("part_form", PartForm(initial=part_initial(part), part=part))
        posted.setdefault("activity_form", ActivityForm(plan=plan))
        posted.setdefault("expenditure_form", ExpenditureForm(plan=plan, currency=agreement.currency))
        posted.setdefault("output_form", OutputForm())
        posted.setdefault("decision_form", DecisionForm())
    actuals = {a.indicator_id: a.value for a in part.indicator_actuals.all()}
    context = {
        "report": report,
        "agreement": agreement,
        "call": agreement.call,
        "currency": agreement.currency,
        "part": part,
        "plan": plan,
        "editable": editable,
        "indicators": [{"indicator": i, "value": actuals.get(i.pk)} for i in plan.indicators.all()],
        "lines": lines,
        "lines_total": {
            "approved": approved,
            "spent": spent,
            "remaining": approved - spent,
            "over": max(spent - approved, 0),
        },
        "spent_in_period": sum((e.amount for e in part.expenditures.all()), Decimal("0")),
        "comments": dict(part.section_comments),
        "problems": problems or {},
        **posted,
    }
    return render(request, "implementation/pilot_report.html", context, status=status)


# Where a finding of the service belongs in a form (its code → the field); others are shown above the form.
PART_FIELDS = {
    "narrative_missing": "narrative",
    "participants_missing": "participants",
    "women_exceed_total": "women",
    "youth_exceed_total": "youth",
}
EXPENDITURE_FIELDS = {
    "line_not_approved": "line",
    "amount_not_positive": "paid_amount",
    "currency_not_allowed": "paid_currency",
    "rate_missing": "exchange_rate",
    "date_missing": "spent_on",
    "date_outside_period": "spent_on",
    "description_missing": "description",
    "receipt_missing": "receipt",
}
ACTIVITY_FIELDS = {"dates_missing": "done_from", "dates_order": "done_to", "dates_outside_period": "done_from"}


def _mark_fields(form, error: ServiceError, fields: dict[str, str]) -> None:
    """Put each finding of a refusal beside its field, so a person sees what to correct where."""
    for detail in error.details or []:
        if isinstance(detail, dict) and detail.get("code") in fields and fields[detail["code"]] in form.fields:
            form.add_error(fields[detail["code"]], detail["message"])


@login_required
def pilot_report(request, pk: int, part_pk: int):
    report, part = _part_for_page(request.user, pk, part_pk)
    if request.method != "POST":
        return _render_part(request, report, part)
    if not perms.can_edit_plan_part(request.user, part.plan):
        raise PermissionDenied
    form = PartForm(request.POST, part=part)
    if not form.is_valid():
        message = _("The form has errors; correct the fields marked below.")
        return _render_part(request, report, part, part_form=form, status=422, problems={"part": {"message": message}})
    data, unparsed = form.part_data()
    try:
        services.part_save(part=part, actor=request.user, data=data)
    except ServiceError as error:
        _mark_fields(form, error, PART_FIELDS)
        problems = {"part": _problem(error)}
        return _render_part(request, report, part, part_form=form, status=error.status, problems=problems)
    if unparsed:
        report, part = _part_for_page(request.user, pk, part_pk)
        message = _("Saved, except the values marked below: they keep their saved value until corrected.")
        if form.cleaned_data.get("ready"):
            message = _("Saved as not complete, except the values marked below: correct them, then mark it complete.")
        return _render_part(request, report, part, part_form=form, status=422, problems={"part": {"message": message}})
    messages.success(request, _("The part is saved."))
    return redirect(f"{part.get_absolute_url()}#part")


def _added(request, part, section: str, message: str):
    messages.success(request, message)
    return redirect(f"{part.get_absolute_url()}#{section}")


def _refused(request, report, part, section: str, form_name: str, form, error: ServiceError, fields=None):
    if fields:
        _mark_fields(form, error, fields)
    return _render_part(
        request, report, part, status=error.status, problems={section: _problem(error)}, **{form_name: form}
    )


def _invalid(request, report, part, section: str, form_name: str, form):
    message = _("The form has errors; correct the fields marked below.")
    return _render_part(
        request, report, part, status=422, problems={section: {"message": message}}, **{form_name: form}
    )


@require_POST
@login_required
def activity_add(request, pk: int, part_pk: int):
    report, part = _part_for_editor(request, pk, part_pk)
    form = ActivityForm(request.POST, plan=part.plan)
    if not form.is_valid():
        return _invalid(request, report, part, "activities", "activity_form", form)
    values = form.cleaned_data
    try:
        services.activity_progress_add(
            part=part,
            actor=request.user,
            title=values["title"],
            done_from=values["done_from"],
            done_to=values["done_to"],
            activity_id=values["activity"],
            note=values["note"],
        )
    except ServiceError as error:
        return _refused(request, report, part, "activities", "activity_form", form, error, ACTIVITY_FIELDS)
    return _added(request, part, "activities", _("The activity is added."))


@require_POST
@login_required
def expenditure_add(request, pk: int, part_pk: int):
    report, part = _part_for_editor(request, pk, part_pk)
    form = ExpenditureForm(request.POST, request.FILES, plan=part.plan, currency=report.agreement.currency)
    values = form.service_values() if form.is_valid() else None
    if values is None:
        return _invalid(request, report, part, "expenditures", "expenditure_form", form)
    try:
        services.expenditure_add(part=part, actor=request.user, **values)
    except ServiceError as error:
        if error.code.startswith("expenditure.") and not error.details:
            form.add_error("receipt", str(error.message))  # the receipt's kind or size
        return _refused(request, report, part, "expenditures", "expenditure_form", form, error, EXPENDITURE_FIELDS)
    return _added(request, part, "expenditures", _("The expenditure is added."))


@require_POST
@login_required
def output_add(request, pk: int, part_pk: int):
    report, part = _part_for_editor(request, pk, part_pk)
    form = OutputForm(request.POST, request.FILES)
    if not form.is_valid():
        return _invalid(request, report, part, "outputs", "output_form", form)
    try:
        services.output_add(
            part=part,
            actor=request.user,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )
    except ServiceError as error:
        return _refused(request, report, part, "outputs", "output_form", form, error)
    if form.cleaned_data["kind"] == Output.Kind.MATERIAL:
        return _added(request, part, "outputs", _("The material is uploaded; it is checked for the EU statement."))
    return _added(request, part, "outputs", _("The photo is uploaded."))


@require_POST
@login_required
def decision_add(request, pk: int, part_pk: int):
    report, part = _part_for_editor(request, pk, part_pk)
    form = DecisionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _invalid(request, report, part, "decisions", "decision_form", form)
    values = form.cleaned_data
    try:
        services.decision_add(
            part=part,
            actor=request.user,
            authority=values["authority"],
            title=values["title"],
            adopted_on=values["adopted_on"],
            number=values["number"],
            upload=values["document"],
        )
    except ServiceError as error:
        return _refused(request, report, part, "decisions", "decision_form", form, error)
    return _added(request, part, "decisions", _("The decision is added."))


def _remove(request, pk: int, part_pk: int, row_pk: int, model, section: str, remove, message: str):
    """Remove one row of a part (the service checks the report is still writable)."""
    _report, part = perms.get_part_for_user(request.user, pk, part_pk, edit=True)
    row = get_object_or_404(model, pk=row_pk, part=part)
    try:
        remove(row)
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, message)
    return redirect(f"{part.get_absolute_url()}#{section}")


@require_POST
@login_required
def activity_remove(request, pk: int, part_pk: int, row_pk: int):
    def remove(row):
        services.activity_progress_remove(row=row, actor=request.user)

    return _remove(request, pk, part_pk, row_pk, ActivityProgress, "activities", remove, _("The activity is removed."))


@require_POST
@login_required
def expenditure_remove(request, pk: int, part_pk: int, row_pk: int):
    def remove(row):
        services.expenditure_remove(expenditure=row, actor=request.user)

    return _remove(request, pk, part_pk, row_pk, Expenditure, "expenditures", remove, _("The expenditure is removed."))


@require_POST
@login_required
def output_remove(request, pk: int, part_pk: int, row_pk: int):
    def remove(row):
        services.output_remove(output=row, actor=request.user)

    return _remove(request, pk, part_pk, row_pk, Output, "outputs", remove, _("The material is removed."))


@require_POST
@login_required
def decision_remove(request, pk: int, part_pk: int, row_pk: int):
    def remove(row):
        services.decision_remove(decision=row, actor=request.user)

    return _remove(request, pk, part_pk, row_pk, AuthorityDecision, "decisions", remove, _("The decision is removed."))


# --- Files: only through here, to the consortium's people and the call's staff ----


def _file_response(field, name: str, file_type: str | None) -> FileResponse:
    handle = field.open("rb")
    if not file_type:
        file_type = detect_file_type(handle)
    response = FileResponse(
        handle,
        as_attachment=file_type not in INLINE_TYPES,
        filename=name,
        content_type=CONTENT_TYPES.get(file_type or "", "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def expenditure_receipt(request, pk: int, part_pk: int, row_pk: int):
    _report, part = perms.get_part_for_user(request.user, pk, part_pk)
    row = get_object_or_404(Expenditure, pk=row_pk, part=part)
    return _file_response(row.receipt, row.receipt_name, row.receipt_type)


@login_required
def output_file(request, pk: int, part_pk: int, row_pk: int):
    _report, part = perms.get_part_for_user(request.user, pk, part_pk)
    row = get_object_or_404(Output, pk=row_pk, part=part)
    return _file_response(row.file, row.original_name, row.file_type)


@login_required
def decision_document(request, pk: int, part_pk: int, row_pk: int):
    _report, part = perms.get_part_for_user(request.user, pk, part_pk)
    row = get_object_or_404(AuthorityDecision, pk=row_pk, part=part)
    if not row.document:
        raise Http404
    # The decision does not keep its file's kind: it is read from the content, as at the upload.
    return _file_response(row.document, row.document_name or "decision", None)
