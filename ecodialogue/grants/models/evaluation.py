"""Evaluation of a call's applications: screening, the commission, scores, the decision and its awards."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .applications import MONEY, Application
from .calls import Call, Criterion


class Screening(models.Model):
    """Staff's check of administrative eligibility (documents legible, certificate current, …)."""

    class Result(models.TextChoices):
        PASSED = "passed", _("passed the screening")
        FAILED = "failed", _("did not pass the screening")

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="screening")
    result = models.CharField(_("result"), max_length=16, choices=Result.choices)
    # Shown to the applicant: required when the application fails.
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(result="passed") | ~models.Q(reason=""), name="screening_failure_has_reason"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.result}"


class CommissionMember(models.Model):
    """An evaluator appointed to a call's commission: an account, or an e-mail address not yet signed up."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="commission")
    # Null until the person signs up with `email` (the invitation's address).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="commission_seats"
    )
    email = models.EmailField(_("e-mail"))
    active = models.BooleanField(default=True)
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    appointed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commission member")
        verbose_name_plural = _("commission members")
        ordering = ["appointed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "email"], name="commission_member_once"),
            # One person, one seat: two addresses of one account must not count as two evaluators.
            models.UniqueConstraint(
                fields=["call", "user"], condition=models.Q(user__isnull=False), name="commission_seat_per_person"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user) if self.user_id else self.email


class Assignment(models.Model):
    """One evaluator's work on one application: the conflict-of-interest declaration, then the scores."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("assigned")
        IN_PROGRESS = "in_progress", _("in progress")
        SUBMITTED = "submitted", _("submitted")
        CONFLICT = "conflict", _("conflict of interest declared")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    member = models.ForeignKey(CommissionMember, on_delete=models.CASCADE, related_name="assignments")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ASSIGNED)
    # None until the evaluator declares: the application opens only after "no conflict".
    conflict = models.BooleanField(_("conflict of interest"), null=True, blank=True)
    conflict_note = models.TextField(_("about the conflict"), blank=True)
    declared_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["application", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "member"], name="assignment_once")]

    def __str__(self) -> str:
        return f"{self.member} → {self.application_id}"


class Score(models.Model):
    """An evaluator's score on one criterion, with the comment that justifies it."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    # Null while a draft: a comment may be written before the number.
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["criterion__position", "criterion_id"]
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="score_once")]

    def __str__(self) -> str:
        return f"{self.assignment_id}/{self.criterion_id}: {self.score}"


class SelectionOverride(models.Model):
    """The commission's change to the proposed selection, with its written justification."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="overrides")
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="override")
    # True: selected although the proposal skipped it; False: not selected although proposed.
    selected = models.BooleanField(_("selected"))
    justification = models.TextField(_("justification"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("change of the proposed selection")
        verbose_name_plural = _("changes of the proposed selection")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.selected}"


class Decision(models.Model):
    """The commission's decision on a call: one per call, held by the database.

    `ranking` freezes the whole computation as decided (scores, bonuses,
    flags, outcomes and reasons), so the protocol and the results read the
    same numbers later, whatever happens to the rows they came from.
    """

    call = models.OneToOneField(Call, on_delete=models.PROTECT, related_name="decision")
    decided_on = models.DateField(_("date of the decision"))
    members_present = models.TextField(_("commission members present"))
    ranking = models.JSONField(default=list)
    total_awarded = models.DecimalField(_("total awarded"), **MONEY)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    # When the results become public: the call's results date unless staff publish at once.
    publish_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.call}: {self.decided_on}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Award(models.Model):
    """A grant the decision gives to one application."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="awards")
    # One award per application, ever.
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="award")
    amount = models.DecimalField(_("amount awarded"), **MONEY)
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["rank"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="award_positive")]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.amount}"
