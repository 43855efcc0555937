"""The implementation plan of each pilot: carried over from the submitted application, changed only by approval."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecodialogue.grants.models import BudgetCategory, Pilot
from ecodialogue.organizations.models import Organization, Settlement

from .agreements import MONEY, Agreement


class PilotPlan(models.Model):
    """What one member NGO implements under the agreement, and when."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="plans")
    # The pilot project of the submitted application this plan came from.
    pilot = models.OneToOneField(Pilot, on_delete=models.PROTECT, related_name="plan")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="pilot_plans", verbose_name=_("implementing NGO")
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title of the pilot project"), max_length=300)
    settlement = models.ForeignKey(
        Settlement, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("settlement")
    )
    # What the public page says the pilot does (the application's goals, editable by a plan change).
    summary = models.TextField(_("what the pilot project does"), blank=True)
    # The implementation period of this pilot, at most the call's longest duration.
    starts_on = models.DateField(_("implementation from"), null=True, blank=True)
    ends_on = models.DateField(_("implementation until"), null=True, blank=True)
    # Approved budget of the pilot: the sum of its lines, kept by the services.
    budget_total = models.DecimalField(_("approved budget"), default=Decimal("0"), **MONEY)
    # Bumped by every approved change, so a proposal made on an older plan is recognised.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("pilot project plan")
        verbose_name_plural = _("pilot project plans")
        ordering = ["agreement", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(starts_on__lte=models.F("ends_on")),
                name="pilot_plan_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("implementation:plan-detail", args=[self.pk])


class PlanActivity(models.Model):
    plan = models.ForeignKey(PilotPlan, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("activity"), max_length=300)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("planned activity")
        verbose_name_plural = _("planned activities")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_on__lte=models.F("ends_on")), name="plan_activity_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.title


class PlanIndicator(models.Model):
    plan = models.ForeignKey(PilotPlan, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=64, blank=True)
    target = models.DecimalField(_("target value"), max_digits=12, decimal_places=2)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("indicator of the plan")
        verbose_name_plural = _("indicators of the plan")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class PlanBudgetLine(models.Model):
    """An approved line of the pilot's budget; spending is reported only against these."""

    plan = models.ForeignKey(PilotPlan, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.ForeignKey(BudgetCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("category"))
    item = models.CharField(_("item"), max_length=300)
    unit = models.CharField(_("unit"), max_length=64, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2)
    unit_cost = models.DecimalField(_("unit cost"), max_digits=12, decimal_places=2)
    # quantity × unit cost, stored so sums per category are one aggregate.
    amount = models.DecimalField(_("approved amount"), **MONEY)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("approved budget line")
        verbose_name_plural = _("approved budget lines")
        ordering = ["position", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gte=0), name="plan_line_amount_not_negative")]

    def __str__(self) -> str:
        return self.item


class PlanChange(models.Model):
    """A change of a pilot's plan proposed by the NGO and decided by staff; the plan's history.

    `proposal` holds the whole plan as proposed and `before` the plan as it
    was, both in the shape of `implementation.plans.plan_data`, so the history
    reads without the rows that have changed since.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    plan = models.ForeignKey(
        PilotPlan, on_delete=models.CASCADE, related_name="changes", verbose_name=_("pilot project plan")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED)
    reason = models.TextField(_("why the plan changes"))
    # The plan version the proposal was made from: approving a proposal on an older plan is refused.
    base_version = models.PositiveIntegerField()
    before = models.JSONField()
    proposal = models.JSONField()
    # Budget categories whose approved amount moves by more than the call's threshold (a reallocation).
    reallocation = models.JSONField(default=list, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("staff's comment"), blank=True)

    class Meta:
        verbose_name = _("change of a plan")
        verbose_name_plural = _("changes of plans")
        ordering = ["-proposed_at", "-id"]
        constraints = [
            # One open proposal per plan: a second one would be decided against a plan that is about to change.
            models.UniqueConstraint(fields=["plan"], condition=models.Q(status="proposed"), name="plan_change_one_open")
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_status_display()}"
