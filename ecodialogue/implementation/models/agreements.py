"""The grant agreement of a selected consortium, its payment tranches and the payments made."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecodialogue.core.files import random_name
from ecodialogue.grants.models import Award, Call, Consortium
from ecodialogue.organizations.models import private_storage

MONEY = {"max_digits": 14, "decimal_places": 2}


def agreement_upload_to(instance, filename):
    return random_name("agreements", filename)


class Agreement(models.Model):
    """The contract between the grant-maker and a selected consortium (its lead NGO signs for it)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SIGNED = "signed", _("signed")
        ACTIVE = "active", _("in implementation")
        CLOSED = "closed", _("closed")
        TERMINATED = "terminated", _("terminated")

    # One agreement per award, held by the database.
    award = models.OneToOneField(Award, on_delete=models.PROTECT, related_name="agreement", verbose_name=_("award"))
    # Repeat the award's call and consortium: every page and permission of the
    # agreement needs them, and a call's dashboard lists agreements without joins.
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("call"))
    consortium = models.ForeignKey(
        Consortium, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("consortium")
    )
    number = models.CharField(_("agreement number"), max_length=64, unique=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    amount = models.DecimalField(_("grant amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    # The whole agreement's period: from the earliest pilot start to the latest pilot end.
    starts_on = models.DateField(_("implementation from"), null=True, blank=True)
    ends_on = models.DateField(_("implementation until"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    # The scan of the signed agreement (private storage, served through a permission check).
    signed_file = models.FileField(upload_to=agreement_upload_to, storage=private_storage, blank=True)
    signed_file_name = models.CharField(max_length=255, blank=True)
    signed_file_sha256 = models.CharField(max_length=64, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("grant agreement")
        verbose_name_plural = _("grant agreements")
        ordering = ["call", "number"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="agreement_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(starts_on__lte=models.F("ends_on")),
                name="agreement_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("implementation:agreement-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        """Terms (amount, tranches, periods, schedule) change only while a draft."""
        return self.status == self.Status.DRAFT

    @property
    def is_running(self) -> bool:
        """Reports are written and tranches paid once signed, until closed or terminated."""
        return self.status in (self.Status.SIGNED, self.Status.ACTIVE)


class AgreementTransition(models.Model):
    """One change of an agreement's state: its history, never edited."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=Agreement.Status.choices)
    to_status = models.CharField(max_length=16, choices=Agreement.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.from_status} → {self.to_status}"


class Tranche(models.Model):
    """A part of the grant paid on a condition: signature of the agreement, or the approval of a report."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="tranches")
    position = models.PositiveSmallIntegerField(_("number"))
    percent = models.DecimalField(_("share of the grant, %"), max_digits=5, decimal_places=2)
    amount = models.DecimalField(_("amount"), **MONEY)
    # The report whose approval releases the tranche; empty for the one paid on signature.
    report = models.OneToOneField(
        "implementation.Report",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tranche",
        verbose_name=_("released by the approval of"),
    )

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["agreement", "position"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "position"], name="tranche_position_unique"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="tranche_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(percent__gt=0) & models.Q(percent__lte=100), name="tranche_percent_range"
            ),
        ]

    def __str__(self) -> str:
        return _("Tranche %(number)d") % {"number": self.position}


class Payment(models.Model):
    """The payment of a tranche. One per tranche, held by the database: a tranche is never paid twice."""

    tranche = models.OneToOneField(Tranche, on_delete=models.PROTECT, related_name="payment")
    paid_on = models.DateField(_("paid on"))
    amount = models.DecimalField(_("amount paid"), **MONEY)
    reference = models.CharField(_("payment reference"), max_length=120, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["paid_on", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_positive")]

    def __str__(self) -> str:
        return f"{self.tranche_id}: {self.amount} ({self.paid_on})"
