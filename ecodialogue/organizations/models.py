from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ecodialogue.core.files import random_name

models.CharField.register_lookup(Length)


class Settlement(models.Model):
    """An entry of KATO, the state classifier of administrative-territorial objects."""

    class Level(models.TextChoices):
        OBLAST = "oblast", _("region")
        DISTRICT = "district", _("district or city")
        SUB_DISTRICT = "sub_district", _("rural district or town")
        SETTLEMENT = "settlement", _("settlement")

    # The 9-digit code, always a string: leading structure matters and some start with 1.
    code = models.CharField(_("KATO code"), max_length=9, primary_key=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    # KATO's "type of locality" digit, kept verbatim (1 urban, 2 rural, ...).
    type_code = models.PositiveSmallIntegerField(default=0)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    # The region (oblast or city of republican significance) at the top of the
    # hierarchy; denormalised so region filters and priorities need no recursion.
    region = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    # "village, district, region" in each language, built by load_kato so the
    # picker shows a full place name with one query.
    label_kk = models.CharField(max_length=400, blank=True)
    label_ru = models.CharField(max_length=400, blank=True)
    # The place's centre for maps. KATO has no coordinates: staff (or the demo) fill them from a gazetteer.
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    # Case-folded kk + ru names for type-ahead search (SQLite cannot fold Cyrillic case).
    search_text = models.CharField(max_length=400, blank=True, db_index=True)

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        ordering = ["code"]
        constraints = [models.CheckConstraint(condition=models.Q(code__length=9), name="settlement_code_9_chars")]

    def __str__(self) -> str:
        return self.label or self.name

    @property
    def name(self) -> str:
        # KATO has no English names; English readers get the Russian one.
        return self.name_kk if get_language() == "kk" else self.name_ru

    @property
    def label(self) -> str:
        return self.label_kk if get_language() == "kk" else self.label_ru


class LegalForm(models.Model):
    """Legal form of a non-commercial organisation (public association, public fund, ...)."""

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=16, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("legal form")
        verbose_name_plural = _("legal forms")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """A field of work (waste management, climate change, ...): a list staff manage."""

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name


def logo_upload_to(instance, filename):
    return random_name("logos", filename)


def certificate_upload_to(instance, filename):
    return random_name("certificates", filename)


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class Organization(models.Model):
    class Kind(models.TextChoices):
        NGO = "ngo", _("NGO")
        INITIATIVE_GROUP = "initiative_group", _("initiative group")
        AKIMAT = "akimat", _("akimat")
        MASLIKHAT = "maslikhat", _("maslikhat")
        GRANT_MAKER = "grant_maker", _("grant-maker")
        DONOR = "donor", _("donor or international organisation")
        OTHER = "other", _("other")

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("not verified")
        VERIFIED = "verified", _("verified")
        REJECTED = "rejected", _("verification rejected")

    class NetworkStatus(models.TextChoices):
        NONE = "none", _("not a member")
        MEMBER = "member", _("member")
        SUSPENDED = "suspended", _("membership suspended")

    # Kinds that exist without state registration in Kazakhstan, hence without a BIN.
    KINDS_WITHOUT_BIN = (Kind.INITIATIVE_GROUP,)

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.NGO)
    legal_form = models.ForeignKey(
        LegalForm, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("legal form")
    )
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    # ISO 3166 code; a BIN is required for organisations registered in Kazakhstan.
    country = models.CharField(_("country"), max_length=2, default="KZ")
    # Null, not blank, when absent: several organisations without a BIN must fit the unique index.
    bin = models.CharField(_("BIN"), max_length=12, null=True, blank=True, unique=True)
    registration_date = models.DateField(_("registration date"), null=True, blank=True)
    region = models.ForeignKey(
        Settlement, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    settlement = models.ForeignKey(
        Settlement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
        verbose_name=_("settlement"),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="organizations", verbose_name=_("themes"))
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(_("public e-mail"), blank=True)
    public_phone = models.CharField(_("public phone"), max_length=32, blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_upload_to, blank=True)

    verification_status = models.CharField(
        _("verification"), max_length=16, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    # The reason staff give when they reject; shown to the organisation's people.
    verification_note = models.TextField(_("verification note"), blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Evidence for verification: the egov.kz registration certificate (private storage).
    certificate = models.FileField(
        _("registration certificate"), upload_to=certificate_upload_to, storage=private_storage, blank=True
    )
    certificate_uploaded_at = models.DateTimeField(null=True, blank=True)

    network_status = models.CharField(
        _("EcoDialogue network"), max_length=16, choices=NetworkStatus.choices, default=NetworkStatus.NONE
    )
    network_member_since = models.DateField(_("network member since"), null=True, blank=True)

    # Case-folded names (all languages), short names, BIN and place, kept by the
    # services: one column to search, the same on SQLite and PostgreSQL.
    search_text = models.TextField(blank=True)
    # Alphabetical keys of the name as shown in each language (core/collation.py):
    # databases would put Kazakh letters after я. Kept by the services.
    sort_kk = models.CharField(max_length=200, blank=True, editable=False)
    sort_ru = models.CharField(max_length=200, blank=True, editable=False)
    sort_en = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Indexed: its maximum versions the directory's cached result pages.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(bin__isnull=True) | models.Q(bin__length=12), name="org_bin_12"),
            models.CheckConstraint(
                condition=models.Q(bin__isnull=False) | models.Q(kind="initiative_group") | ~models.Q(country="KZ"),
                name="org_bin_required_in_kz",
            ),
        ]
        permissions = [
            # Granted to the platform's operators (directly or through a group): being staff of a
            # grant-maker is not enough to verify or edit other organisations.
            ("act_as_platform_staff", _("Can verify organisations and manage the EcoDialogue network")),
        ]
        indexes = [
            models.Index(fields=["kind", "verification_status"]),
            # The directory is read in alphabetical order, a page at a time.
            models.Index(fields=["sort_kk", "id"], name="org_sort_kk"),
            models.Index(fields=["sort_ru", "id"], name="org_sort_ru"),
            models.Index(fields=["sort_en", "id"], name="org_sort_en"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("organizations:detail", args=[self.pk])

    @property
    def requires_bin(self) -> bool:
        return self.country == "KZ" and self.kind not in self.KINDS_WITHOUT_BIN

    @property
    def is_verified(self) -> bool:
        return self.verification_status == self.Verification.VERIFIED

    @property
    def is_network_member(self) -> bool:
        return self.network_status == self.NetworkStatus.MEMBER


class Membership(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("head")
        MEMBER = "member", _("member")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    # Free text: "director", "project coordinator"; shown to colleagues.
    position = models.CharField(_("position"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["role", "created_at"]
        constraints = [models.UniqueConstraint(fields=["organization", "user"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.organization} ({self.get_role_display()})"


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        REVOKED = "revoked", _("revoked")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=16, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    # Only the hash is stored: the token travels in the e-mail and nowhere else.
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # The language the invitation e-mail was written in (the inviter's choice).
    language = models.CharField(max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=models.Q(status="pending"),
                name="invitation_one_pending_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class JoinRequest(models.Model):
    """A person asks to join an organisation that is already registered."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests")
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"], condition=models.Q(status="pending"), name="join_request_one_pending"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organization}"
