"""Reports of a consortium: one per reporting period, a part per pilot, spending, outputs and reviews."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecodialogue.core.files import random_name
from ecodialogue.organizations.models import private_storage

from .agreements import MONEY, Agreement
from .plans import PilotPlan, PlanActivity, PlanBudgetLine, PlanIndicator


def report_upload_to(instance, filename):
    return random_name("reports", filename)


class Report(models.Model):
    """The consolidated report of a period: the lead NGO's summary over every member's part."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("interim report")
        FINAL = "final", _("final report")

    class Status(models.TextChoices):
        DRAFT = "draft", _("being written")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for changes")
        APPROVED = "approved", _("approved")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="reports", verbose_name=_("grant agreement")
    )
    sequence = models.PositiveSmallIntegerField()
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.INTERIM)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    # The lead NGO's consolidated summary over the pilots.
    summary = models.TextField(_("summary of the consortium"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Times returned: the comments of each round carry it, so the history reads round by round.
    round = models.PositiveSmallIntegerField(default=1)
    # Frozen at approval: every part, line and file hash as approved, and the SHA-256 of its canonical JSON.
    snapshot = models.JSONField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["agreement", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "sequence"], name="report_sequence_unique"),
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")), name="report_period_in_order"
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return _("%(kind)s no. %(number)d") % {"kind": self.get_kind_display(), "number": self.sequence}

    def get_absolute_url(self) -> str:
        return reverse("implementation:report-detail", args=[self.pk])

    @property
    def is_writable(self) -> bool:
        """Members write while a draft or returned; a submitted report waits for staff, an approved one is frozen."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class ReportTransition(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=Report.Status.choices)
    to_status = models.CharField(max_length=16, choices=Report.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.from_status} → {self.to_status}"


class PilotReport(models.Model):
    """One member's part of a report: its pilot's progress in the period."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="parts")
    plan = models.ForeignKey(PilotPlan, on_delete=models.PROTECT, related_name="reports")
    narrative = models.TextField(_("what was done in the period"), blank=True)
    # The call's standard indicators, counted over the period (null: not reported yet).
    participants = models.PositiveIntegerField(_("people involved, in total"), null=True, blank=True)
    women = models.PositiveIntegerField(_("of them women"), null=True, blank=True)
    youth = models.PositiveIntegerField(_("of them young people"), null=True, blank=True)
    events_held = models.PositiveIntegerField(_("events held"), null=True, blank=True)
    materials_produced = models.PositiveIntegerField(_("information materials produced"), null=True, blank=True)
    infrastructure_installed = models.PositiveIntegerField(
        _("infrastructure installed (containers, bins, …)"), null=True, blank=True
    )
    infrastructure_note = models.CharField(_("what was installed and where"), max_length=500, blank=True)
    # The member says its part is complete; the lead submits only when every part is.
    ready = models.BooleanField(_("this part is complete"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("report on a pilot project")
        verbose_name_plural = _("reports on pilot projects")
        ordering = ["report", "plan__position", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "plan"], name="pilot_report_unique")]

    def __str__(self) -> str:
        return f"{self.report} — {self.plan}"

    def get_absolute_url(self) -> str:
        return reverse("implementation:pilot-report", args=[self.report_id, self.pk])


class IndicatorActual(models.Model):
    """The value reached in the period for one of the plan's own indicators."""

    part = models.ForeignKey(PilotReport, on_delete=models.CASCADE, related_name="indicator_actuals")
    indicator = models.ForeignKey(PlanIndicator, on_delete=models.PROTECT, related_name="actuals")
    value = models.DecimalField(_("value reached"), max_digits=12, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["part", "indicator"], name="indicator_actual_unique")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class ActivityProgress(models.Model):
    """An activity carried out in the period, with its dates (inside the pilot's implementation period)."""

    part = models.ForeignKey(PilotReport, on_delete=models.CASCADE, related_name="activities")
    # The planned activity it belongs to; empty for something done that the plan did not foresee.
    activity = models.ForeignKey(
        PlanActivity,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("planned activity"),
    )
    title = models.CharField(_("what was done"), max_length=300)
    done_from = models.DateField(_("from"))
    done_to = models.DateField(_("until"))
    note = models.TextField(_("results"), blank=True)

    class Meta:
        verbose_name = _("activity carried out")
        verbose_name_plural = _("activities carried out")
        ordering = ["done_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done_from__lte=models.F("done_to")), name="activity_progress_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.title


class AuthorityDecision(models.Model):
    """A decision of the akimat or maslikhat adopted with the NGO's participation, with the document."""

    class Authority(models.TextChoices):
        AKIMAT = "akimat", _("akimat")
        MASLIKHAT = "maslikhat", _("maslikhat")

    part = models.ForeignKey(PilotReport, on_delete=models.CASCADE, related_name="decisions")
    authority = models.CharField(_("adopted by"), max_length=16, choices=Authority.choices)
    title = models.CharField(_("decision"), max_length=500)
    number = models.CharField(_("number"), max_length=64, blank=True)
    adopted_on = models.DateField(_("adopted on"))
    document = models.FileField(upload_to=report_upload_to, storage=private_storage, blank=True)
    document_name = models.CharField(max_length=255, blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("decision of a local authority")
        verbose_name_plural = _("decisions of local authorities")
        ordering = ["adopted_on", "id"]

    def __str__(self) -> str:
        return self.title


class Expenditure(models.Model):
    """Money spent against one approved budget line, with its receipt.

    Paid in the call's currency, or in tenge with the exchange rate used; the
    amount in the call's currency is what every sum and comparison reads.
    """

    part = models.ForeignKey(PilotReport, on_delete=models.CASCADE, related_name="expenditures")
    # Only a line of the approved budget: PROTECT keeps a line with spending from being removed by a change.
    line = models.ForeignKey(
        PlanBudgetLine, on_delete=models.PROTECT, related_name="expenditures", verbose_name=_("budget line")
    )
    spent_on = models.DateField(_("paid on"))
    description = models.CharField(_("what was paid for"), max_length=300)
    paid_currency = models.CharField(_("paid in"), max_length=3)
    paid_amount = models.DecimalField(_("amount paid"), **MONEY)
    # Tenge per one unit of the call's currency; empty when paid in the call's currency.
    exchange_rate = models.DecimalField(_("exchange rate"), max_digits=12, decimal_places=4, null=True, blank=True)
    amount = models.DecimalField(_("amount in the grant's currency"), **MONEY)
    receipt = models.FileField(upload_to=report_upload_to, storage=private_storage)
    receipt_name = models.CharField(max_length=255)
    receipt_type = models.CharField(max_length=8)
    receipt_sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditures")
        ordering = ["spent_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(paid_amount__gt=0), name="expenditure_paid_positive"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="expenditure_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(exchange_rate__isnull=True) | models.Q(exchange_rate__gt=0),
                name="expenditure_rate_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


class Output(models.Model):
    """A material or photo produced by the pilot; materials are checked for the EU funding statement."""

    class Kind(models.TextChoices):
        MATERIAL = "material", _("information material")
        PHOTO = "photo", _("photo")

    class Visibility(models.TextChoices):
        PENDING = "pending", _("being checked")
        FOUND = "found", _("the EU funding statement is there")
        MISSING = "missing", _("the EU funding statement was not found")
        # Images and files without a text layer: a person has to look.
        MANUAL = "manual", _("to be confirmed by staff")
        UNREADABLE = "unreadable", _("the text could not be read; to be confirmed by staff")
        CONFIRMED = "confirmed", _("confirmed by staff")
        REFUSED = "refused", _("staff found no EU funding statement")

    # Visibility states that count as showing the statement (public pages list only these materials).
    VISIBLE = (Visibility.FOUND, Visibility.CONFIRMED)

    part = models.ForeignKey(PilotReport, on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.MATERIAL)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(upload_to=report_upload_to, storage=private_storage)
    original_name = models.CharField(max_length=255)
    file_type = models.CharField(_("file type"), max_length=8)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    visibility = models.CharField(
        _("EU visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PENDING
    )
    # The configured phrase found in the text (as configured, in its language).
    visibility_phrase = models.CharField(max_length=500, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def shows_statement(self) -> bool:
        return self.visibility in self.VISIBLE


class ReportComment(models.Model):
    """Staff's comment on one section of a report when they return it."""

    class Section(models.TextChoices):
        SUMMARY = "summary", _("summary of the consortium")
        NARRATIVE = "narrative", _("what was done")
        ACTIVITIES = "activities", _("activities")
        INDICATORS = "indicators", _("indicators")
        EXPENDITURE = "expenditure", _("expenditure")
        OUTPUTS = "outputs", _("materials and photos")
        DECISIONS = "decisions", _("decisions of local authorities")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    # The member's part the comment is about; empty for the consortium's summary.
    part = models.ForeignKey(PilotReport, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(_("section"), max_length=16, choices=Section.choices)
    text = models.TextField(_("comment"))
    # The report's round when the comment was made (1 for the first return).
    round = models.PositiveSmallIntegerField(default=1)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment on a report")
        verbose_name_plural = _("comments on reports")
        ordering = ["round", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class ReminderSent(models.Model):
    """A reminder e-mail about a report, recorded so a repeated run of the schedule never sends it twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("report due soon")
        OVERDUE = "overdue", _("report overdue")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # The day the reminder was scheduled for (overdue reminders repeat weekly).
    for_date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["for_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "kind", "for_date"], name="reminder_sent_once"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.kind} {self.for_date}"
