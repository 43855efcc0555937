from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecodialogue.organizations.models import Organization

from .calls import Call


class Consortium(models.Model):
    """NGOs applying together to a call, led by one of them (the lead NGO)."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="consortia")
    lead = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="led_consortia", verbose_name=_("lead NGO")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consortium")
        verbose_name_plural = _("consortia")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return _("Consortium led by %(lead)s") % {"lead": self.lead}

    def get_absolute_url(self) -> str:
        return reverse("grants:consortium-detail", args=[self.pk])


class ConsortiumMember(models.Model):
    """An organisation's place in a consortium, from invitation to acceptance.

    `call` repeats the consortium's call so the database itself can hold the
    rule of the call: an NGO is an accepted member of at most one consortium
    per call, even when two acceptances race.
    """

    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="members")
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="consortium_memberships")
    is_lead = models.BooleanField(default=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.INVITED)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("consortium member")
        verbose_name_plural = _("consortium members")
        ordering = ["-is_lead", "invited_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organization"], condition=models.Q(status="accepted"), name="one_consortium_per_call"
            ),
            models.UniqueConstraint(
                fields=["consortium", "organization"],
                condition=models.Q(status__in=["invited", "accepted"]),
                name="consortium_member_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_status_display()})"


class ConsortiumEmailInvitation(models.Model):
    """An invitation by e-mail to an NGO not yet on the platform.

    Whoever follows the link registers the organisation (or picks one they
    head); it then joins the consortium through the same checks as an
    invitation from the directory.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        CLAIMED = "claimed", _("accepted")
        REVOKED = "revoked", _("revoked")

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="email_invitations")
    email = models.EmailField(_("e-mail"))
    # The name the lead knows the NGO by; only a hint in the e-mail.
    organization_name = models.CharField(_("name of the NGO"), max_length=300)
    # Only the hash: the token travels in the e-mail and nowhere else.
    token_hash = models.CharField(max_length=64, unique=True)
    language = models.CharField(max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_for = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation by e-mail")
        verbose_name_plural = _("invitations by e-mail")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "email"], condition=models.Q(status="pending"), name="consortium_email_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.consortium}"
