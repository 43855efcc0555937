from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ecodialogue.organizations.models import Organization, Settlement, Theme


class Call(models.Model):
    """A grant competition: its texts, its rules as data, its dates and its state.

    Every number of the seed call (consortium size, pilots, duration, grant
    range, budget, winners) is a field here, so another grant-maker runs a
    different call by configuration, not by code.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ANNOUNCED = "announced", _("announced")
        OPEN = "open", _("open for applications")
        CLOSED = "closed", _("closed")
        UNDER_REVIEW = "under_review", _("under review")
        DECIDED = "decided", _("decided")
        IN_IMPLEMENTATION = "in_implementation", _("in implementation")
        COMPLETED = "completed", _("completed")

    class Currency(models.TextChoices):
        EUR = "EUR", "EUR"
        KZT = "KZT", "KZT"
        USD = "USD", "USD"

    grant_maker = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="calls", verbose_name=_("grant-maker")
    )
    # Stable, readable address of the call's page: /calls/<code>/.
    code = models.SlugField(_("code"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    eligibility = models.TextField(_("who may apply"), blank=True)
    description = models.TextField(_("more about the call"), blank=True)
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.DRAFT)

    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    consortium_min = models.PositiveSmallIntegerField(_("NGOs in a consortium, at least"), default=2)
    consortium_max = models.PositiveSmallIntegerField(_("NGOs in a consortium, at most"), default=4)
    pilots_per_consortium = models.PositiveSmallIntegerField(_("pilot projects per consortium"), default=4)
    pilot_max_months = models.PositiveSmallIntegerField(_("longest pilot project, months"), default=7)
    grant_min = models.DecimalField(_("smallest grant"), max_digits=12, decimal_places=2, default=Decimal("10000"))
    grant_max = models.DecimalField(_("largest grant"), max_digits=12, decimal_places=2, default=Decimal("12000"))
    total_budget = models.DecimalField(_("total budget"), max_digits=14, decimal_places=2, default=Decimal("60000"))
    winners = models.PositiveSmallIntegerField(_("consortia to select"), default=5)
    evaluators_per_application = models.PositiveSmallIntegerField(_("evaluators per application"), default=3)
    # Evaluators whose totals (out of 100) lie further apart than this are flagged for discussion.
    disagreement_spread = models.DecimalField(
        _("disagreement between evaluators flagged from, points of 100"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("20"),
    )
    # After submitting their own scores, may evaluators read the others' scores of the same application?
    evaluators_see_others = models.BooleanField(_("evaluators see the others' scores after submitting"), default=True)
    # Language codes in which applications may be written (the seed call: Kazakh or Russian).
    application_languages = models.JSONField(_("application languages"), default=list)
    network_members_only = models.BooleanField(_("only members of the EcoDialogue network"), default=False)
    initiative_groups_as_partners = models.BooleanField(
        _("initiative groups may join as partners of an NGO"), default=True
    )

    # Instants, stored in UTC and shown in the call's time zone. Nullable: a draft may not have them yet.
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Almaty")
    opens_at = models.DateTimeField(_("applications open"), null=True, blank=True)
    questions_until = models.DateTimeField(_("questions until"), null=True, blank=True)
    info_session_at = models.DateTimeField(_("info session"), null=True, blank=True)
    info_session_url = models.URLField(_("info session link"), blank=True)
    deadline = models.DateTimeField(_("applications until"), null=True, blank=True)
    results_at = models.DateTimeField(_("results"), null=True, blank=True)

    # Implementation: spending in a budget category may differ from its approved amount by this share
    # without an approved reallocation; above it, the plan must be changed first.
    reallocation_threshold_percent = models.DecimalField(
        _("reallocation between budget categories needs approval above, %"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
    )
    # The statement every material must carry (translated columns: each language's phrase is searched).
    funding_statement = models.TextField(_("EU funding statement required on materials"), blank=True)
    report_reminder_days = models.PositiveSmallIntegerField(
        _("remind of a report this many days before it is due"), default=7
    )

    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-deadline", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(grant_min__lte=models.F("grant_max")), name="call_grant_range"),
            models.CheckConstraint(
                condition=models.Q(consortium_min__lte=models.F("consortium_max")), name="call_consortium_range"
            ),
            models.CheckConstraint(condition=models.Q(consortium_min__gte=1), name="call_consortium_min_1"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("grants:call-detail", args=[self.code])

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT


class Criterion(models.Model):
    """A selection criterion the commission scores, with its weight and maximum."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=Decimal("1"))
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=10)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("selection criterion")
        verbose_name_plural = _("selection criteria")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="criterion_weight_positive"),
            models.CheckConstraint(condition=models.Q(max_score__gt=0), name="criterion_max_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class BudgetCategory(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="budget_categories")
    code = models.SlugField(_("code"), max_length=64)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("examples"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("budget category")
        verbose_name_plural = _("budget categories")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["call", "code"], name="budget_category_unique_code")]

    def __str__(self) -> str:
        return self.name


class RequiredDocument(models.Model):
    class Scope(models.TextChoices):
        MEMBER = "member", _("from each consortium member")
        CONSORTIUM = "consortium", _("from the consortium")

    FILE_TYPES = ("pdf", "jpeg", "png", "docx", "xlsx")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="required_documents")
    code = models.SlugField(_("code"), max_length=64)
    name = models.CharField(_("name"), max_length=300)
    scope = models.CharField(_("from whom"), max_length=16, choices=Scope.choices, default=Scope.MEMBER)
    required = models.BooleanField(_("required"), default=True)
    # Kinds of file accepted, checked by content when uploaded (pdf, jpeg, png, docx, xlsx).
    file_types = models.JSONField(_("file types"), default=list)
    max_size_mb = models.PositiveSmallIntegerField(_("largest file, MB"), default=10)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["call", "code"], name="required_document_unique_code")]

    def __str__(self) -> str:
        return self.name


class Priority(models.Model):
    """A priority of the call that earns bonus points (regions, themes, women and youth)."""

    class Kind(models.TextChoices):
        REGION = "region", _("settlements of a region")
        THEME = "theme", _("a theme")
        WOMEN_YOUTH = "women_youth", _("involvement of women and youth")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="priorities")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    region = models.ForeignKey(
        Settlement, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # For women and youth: the share of the target group (per cent) from which the bonus applies.
    min_share_percent = models.PositiveSmallIntegerField(_("from a share of, %"), null=True, blank=True)
    bonus_points = models.DecimalField(_("bonus points"), max_digits=5, decimal_places=2, default=Decimal("0"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="region", region__isnull=False)
                    | models.Q(kind="theme", theme__isnull=False)
                    | models.Q(kind="women_youth", min_share_percent__isnull=False)
                ),
                name="priority_has_its_subject",
            )
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.REGION and self.region_id:
            return str(self.region.name)
        if self.kind == self.Kind.THEME and self.theme_id:
            return str(self.theme.name)
        return str(self.get_kind_display())


class CallTransition(models.Model):
    """One change of a call's state: the call's history, never edited."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=24, choices=Call.Status.choices)
    to_status = models.CharField(max_length=24, choices=Call.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.call}: {self.from_status} → {self.to_status}"


class Announcement(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="announcements")
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A question about a call; published with staff's answer for everyone to read."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="call_questions"
    )
    # The language the question was asked in (the asker is answered in their own language too).
    language = models.CharField(max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    text = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    asked_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["asked_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_published(self) -> bool:
        return self.answered_at is not None


class CallFollower(models.Model):
    """A person who receives an e-mail when the call publishes an announcement or an answer."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="followers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_calls")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="call_follower_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.call}"
