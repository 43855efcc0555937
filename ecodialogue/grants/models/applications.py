"""An application of a consortium: the lead form (Annex 2), pilot projects (Annex 3), documents, submissions."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecodialogue.core.files import random_name
from ecodialogue.organizations.models import Organization, Settlement, Theme, private_storage

from .calls import BudgetCategory, Call, RequiredDocument
from .consortia import Consortium

MONEY = {"max_digits": 14, "decimal_places": 2}


class Application(models.Model):
    """One consortium's application to a call; the lead NGO's form lives on it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")

    # One application per consortium, held by the database.
    consortium = models.OneToOneField(Consortium, on_delete=models.PROTECT, related_name="application")
    # Repeats the consortium's call: staff list a call's applications without a join.
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    # The language the forms are written in and the PDFs are rendered in (one of the call's).
    language = models.CharField(_("language of the application"), max_length=2, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)

    # The lead form (Annex 2). Blank while a draft: the checklist says what is missing.
    summary = models.TextField(_("summary of the consortium and its application"), blank=True)
    coherence = models.TextField(_("how the pilot projects fit together"), blank=True)
    coordination = models.TextField(_("coordination and reporting arrangements"), blank=True)
    team_experience = models.TextField(_("team and experience"), blank=True)
    sustainability = models.TextField(_("sustainability of the results"), blank=True)
    # Optimistic concurrency of the lead form: a save names the version it was made from.
    version = models.PositiveIntegerField(default=1)

    # Given at the first submission and kept when the application is re-submitted.
    number = models.CharField(_("application number"), max_length=64, unique=True, null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Set by staff when they re-open an application after the call's deadline: its own last moment.
    reopened_until = models.DateTimeField(_("re-opened until"), null=True, blank=True)
    # Denormalised by the services after every write, so the staff list of a call needs no
    # per-row computation: errors of the checklist (deadline aside) and the budget total.
    checklist_errors = models.PositiveSmallIntegerField(default=0)
    total_amount = models.DecimalField(_("requested amount"), default=Decimal("0"), **MONEY)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self) -> str:
        if self.number:
            return _("Application %(number)s") % {"number": self.number}
        return _("Application of the consortium led by %(lead)s") % {"lead": self.consortium.lead}

    def get_absolute_url(self) -> str:
        return reverse("grants:application-detail", args=[self.pk])

    @property
    def is_frozen(self) -> bool:
        return self.status != self.Status.DRAFT


class Pilot(models.Model):
    """A pilot project of the application, implemented by one member of the consortium (Annex 3)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="pilots")
    # The member NGO that implements it and fills its form.
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="pilots", verbose_name=_("implementing NGO")
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title of the pilot project"), max_length=300, blank=True)
    settlement = models.ForeignKey(
        Settlement, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("settlement")
    )
    problem = models.TextField(_("the environmental problem and why it matters"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    # Target numbers of people involved; nullable while the form is a draft.
    participants = models.PositiveIntegerField(_("people involved, in total"), null=True, blank=True)
    women = models.PositiveIntegerField(_("of them women"), null=True, blank=True)
    youth = models.PositiveIntegerField(_("of them young people"), null=True, blank=True)
    cooperation = models.TextField(_("cooperation with the akimat or maslikhat"), blank=True)
    team = models.TextField(_("team"), blank=True)
    risks = models.TextField(_("risks and how they are handled"), blank=True)
    sustainability = models.TextField(_("sustainability"), blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="+", verbose_name=_("themes"))
    eu_declaration = models.BooleanField(
        _("the pilot project is not and was not funded by another programme of the European Union"), default=False
    )
    # Sum of the budget lines, kept by the services (the lead's consolidated budget adds these up).
    budget_total = models.DecimalField(default=Decimal("0"), **MONEY)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("pilot project")
        verbose_name_plural = _("pilot projects")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title or str(_("Pilot project %(number)d") % {"number": self.position + 1})

    def get_absolute_url(self) -> str:
        return reverse("grants:pilot-edit", args=[self.application_id, self.pk])


class Indicator(models.Model):
    """An expected result measured by a number with a target."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=64, blank=True)
    target = models.DecimalField(_("target value"), max_digits=12, decimal_places=2, null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    """A step of the pilot, in months counted from its start (month 1 is the first)."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("activity"), max_length=300, blank=True)
    start_month = models.PositiveSmallIntegerField(_("start month"), null=True, blank=True)
    end_month = models.PositiveSmallIntegerField(_("end month"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name_plural = _("activities")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class BudgetLine(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="budget_lines")
    # Nullable while a draft: a line typed before its category is chosen still saves.
    category = models.ForeignKey(
        BudgetCategory, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    item = models.CharField(_("item"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=64, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit_cost = models.DecimalField(_("unit cost"), max_digits=12, decimal_places=2, null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.item

    @property
    def total(self) -> Decimal:
        if self.quantity is None or self.unit_cost is None:
            return Decimal("0.00")
        return (self.quantity * self.unit_cost).quantize(Decimal("0.01"))


def document_upload_to(instance, filename):
    return random_name("applications", filename)


class ApplicationDocument(models.Model):
    """A file uploaded against one of the call's document slots, for a member or the consortium.

    A replaced file keeps its row (replaced_at set) until the application is
    submitted, so a mistaken replacement can be undone.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    requirement = models.ForeignKey(
        RequiredDocument, on_delete=models.PROTECT, related_name="+", verbose_name=_("document")
    )
    # Whose document: the member it is for; the lead NGO for documents of the whole consortium.
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to=document_upload_to, storage=private_storage)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    # What the content turned out to be (pdf, docx, xlsx, jpeg, png), whatever the name said.
    file_type = models.CharField(max_length=8)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "requirement", "organization"],
                condition=models.Q(replaced_at__isnull=True),
                name="application_document_one_current",
            )
        ]

    def __str__(self) -> str:
        return self.original_name


class SubmissionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("A submission is never changed.")

    def delete(self):
        raise PermissionDenied("A submission is never deleted.")


class Submission(models.Model):
    """A frozen snapshot of a submitted application and its receipt hash. Never changed."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="submissions")
    # 1 for the first submission, 2 after a re-opening, ...
    sequence = models.PositiveSmallIntegerField()
    number = models.CharField(max_length=64)
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Every field, pilot, line and document hash as submitted (grants/snapshot.py).
    snapshot = models.JSONField()
    # SHA-256 of the snapshot's canonical JSON: what the receipt carries.
    sha256 = models.CharField(max_length=64, db_index=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["application", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["application", "sequence"], name="submission_sequence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number} #{self.sequence}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("A submission is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("A submission is never deleted.")


class ApplicationTransition(models.Model):
    """One change of an application's state (submitted, re-opened): its history, never edited."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=Application.Status.choices)
    to_status = models.CharField(max_length=16, choices=Application.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"
