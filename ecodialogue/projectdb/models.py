"""The project database: one row per project holding its whole record, and small tables the search filters on.

`Project.record` is the project as plain data (`records.py`): the page, the
exports and the history read it whole. Every other column and every facet
table below is derived from it by `services.project_save`, for filtering,
counting and sorting with indexes; nothing else writes them.
"""

import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ecodialogue.organizations.models import private_storage


class RecordEncoder(json.JSONEncoder):
    """JSON with letters as they are: a Cyrillic record escaped as \\uXXXX is 2.5 times as long to write and store."""

    def __init__(self, *args, **kwargs):
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class RecordField(models.JSONField):
    """JSON that PostgreSQL bulk-inserts as plain VALUES rows, written unescaped.

    Django's UNNEST bulk insert sends each column as an array literal, and
    quoting every JSON string into one took a third of an import's time.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("encoder", RecordEncoder)
        super().__init__(*args, **kwargs)

    def get_placeholder(self, value, compiler, connection):
        return "%s"

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        if kwargs.get("encoder") is RecordEncoder:
            del kwargs["encoder"]
        return name, "django.db.models.JSONField", args, kwargs


class Project(models.Model):
    class Source(models.TextChoices):
        IATI = "iati", _("IATI file")
        TABLE = "table", _("spreadsheet")
        MANUAL = "manual", _("entered by staff")
        DEMO = "demo", _("demo data")

    identifier = models.CharField(_("identifier"), max_length=150, unique=True)
    record = RecordField(_("record"))
    # SHA-256 of the record without `last_updated`: an import of an unchanged activity writes nothing.
    record_hash = models.CharField(max_length=64)

    # Denormalised from the record for sorting and list rows (the list never reads `record`).
    title = models.CharField(max_length=300, blank=True, editable=False)
    title_kk = models.CharField(max_length=300, blank=True, editable=False)
    title_ru = models.CharField(max_length=300, blank=True, editable=False)
    title_en = models.CharField(max_length=300, blank=True, editable=False)
    status = models.CharField(max_length=2, blank=True, db_index=True, editable=False)
    start_date = models.DateField(null=True, blank=True, db_index=True, editable=False)
    end_date = models.DateField(null=True, blank=True, editable=False)
    # The largest currency's budget total, for "sort by budget": amounts in different currencies are not converted.
    budget_value = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True, db_index=True)
    budget_currency = models.CharField(max_length=3, blank=True)
    countries = models.CharField(max_length=200, blank=True, editable=False)  # "KZ KG", for list rows
    # @last-updated-datetime of the imported activity: an older version never replaces a newer one.
    last_updated = models.DateTimeField(null=True, blank=True)

    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    # The file or publisher it came from, as the provenance box shows it.
    source_name = models.CharField(_("source file"), max_length=300, blank=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Not a version for caches: a transaction may commit after a later one (`changes.py` numbers the changes).
    # The index stays from when it was one: dropping it would rebuild the table on SQLite and lose its triggers.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start_date", "id"]
        # Newest first, undated projects last: the order of browsing and of "newest". SQLite puts NULLs last in
        # a descending index by itself; PostgreSQL needs NULLS LAST, which SQLite refuses in an index
        # (migration 0003 adds that index on PostgreSQL only).
        indexes = [models.Index(fields=["-start_date", "id"], name="projectdb_newest")]

    def __str__(self):
        return self.title or self.identifier

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("projectdb:detail", args=[self.pk])


class ProjectCountry(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="country_rows")
    code = models.CharField(max_length=2)
    # The share of the project's money for this country: 100 when the record gives none and it is the only one.
    share = models.DecimalField(max_digits=7, decimal_places=4)

    class Meta:
        indexes = [models.Index(fields=["code", "project"])]

    def __str__(self):
        return f"{self.code} {self.share}%"


class ProjectRegion(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="region_rows")
    code = models.CharField(max_length=10)
    share = models.DecimalField(max_digits=7, decimal_places=4)

    class Meta:
        indexes = [models.Index(fields=["code", "project"])]

    def __str__(self):
        return f"{self.code} {self.share}%"


class ProjectSector(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sector_rows")
    # DAC 5-digit code (vocabulary 1) or a DAC 3-digit category (vocabulary 2); other vocabularies are not faceted.
    code = models.CharField(max_length=10)
    category = models.CharField(max_length=3)
    share = models.DecimalField(max_digits=7, decimal_places=4)

    class Meta:
        indexes = [models.Index(fields=["category", "project"]), models.Index(fields=["code", "project"])]

    def __str__(self):
        return f"{self.code} {self.share}%"


class ProjectOrganisation(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="organisation_rows")
    role = models.CharField(max_length=1)  # OrganisationRole: 1 funding, 2 accountable, 3 extending, 4 implementing
    # records.org_key: the IATI ref, else "name:" and the case-folded name. Facets group on it.
    key = models.CharField(max_length=200)
    name = models.CharField(max_length=300)
    # The platform's organisation, when the ref is its BIN (KZ-BIN-…) or its name is the same.
    organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # An EU institution funding the project: what the grants' screening looks for.
    is_eu = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["role", "key", "project"]), models.Index(fields=["is_eu", "role"])]

    def __str__(self):
        return f"{self.role} {self.name}"


class ProjectMarker(models.Model):
    """A Rio marker (policy markers 5–8, vocabulary 1) with significance ≥ 1; others are in the record only."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="marker_rows")
    code = models.CharField(max_length=2)
    significance = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["code", "project"])]

    def __str__(self):
        return f"{self.code}: {self.significance}"


class ProjectYear(models.Model):
    """A year the project is active (start to end, or start alone): the "years" facet."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="year_rows")
    year = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["year", "project"])]

    def __str__(self):
        return str(self.year)


class ProjectAmount(models.Model):
    """A project's total per kind and currency, summed from its budgets and transactions: the money totals."""

    class Kind(models.TextChoices):
        BUDGET = "budget", _("budget")
        COMMITMENT = "commitment", _("committed")
        DISBURSEMENT = "disbursement", _("disbursed and spent")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="amount_rows")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    currency = models.CharField(max_length=3)
    value = models.DecimalField(max_digits=20, decimal_places=2)

    class Meta:
        indexes = [models.Index(fields=["project", "kind"])]

    def __str__(self):
        return f"{self.kind} {self.value} {self.currency}"


class ProjectChange(models.Model):
    """The last change of each project, numbered in commit order: what the search's in-memory copy reads again.

    No foreign key: a deleted project's row stays, so that every process
    learns of the deletion. `ProjectsVersion.number` is the latest number
    given; see `changes.py` for why the numbers follow the commits.
    """

    project_id = models.BigIntegerField(primary_key=True)
    number = models.BigIntegerField(db_index=True)

    def __str__(self):
        return f"{self.project_id} @ {self.number}"


class ProjectsVersion(models.Model):
    """One row: the number of the latest committed change of any project (0 before the first)."""

    number = models.BigIntegerField(default=0)

    def __str__(self):
        return str(self.number)


class ProjectRevision(models.Model):
    """One change of a project: the record before and after, who made it and how. Append-only."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="revisions")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(max_length=8, choices=Project.Source.choices)
    source_name = models.CharField(max_length=300, blank=True)
    # None for the first revision (the project was created).
    before = RecordField(null=True, blank=True)
    after = RecordField()
    # Top-level record fields that differ, for the history list.
    changed = models.JSONField(default=list)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.project_id} {self.at:%Y-%m-%d %H:%M}"


def import_upload_to(instance, filename):
    from ecodialogue.core.files import random_name

    return random_name("projectdb/imports", filename)


class ImportRun(models.Model):
    """One import of a file, from the command line or the staff upload page, and its outcome."""

    class Kind(models.TextChoices):
        IATI = "iati", _("IATI XML")
        TABLE = "table", _("CSV or XLSX")

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("importing")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    filename = models.CharField(_("file"), max_length=300)
    # The uploaded file, until the background task has read it (private storage).
    file = models.FileField(upload_to=import_upload_to, storage=private_storage, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Activities read so far, for the progress bar; `total` is known only for spreadsheets and after a run.
    processed = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    invalid = models.PositiveIntegerField(default=0)
    # Why the whole file was refused (not XML, not IATI, an entity declaration …); "" when it was read.
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.filename


class ImportItem(models.Model):
    """What happened to one activity (or spreadsheet row) of an import."""

    class Outcome(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        UNCHANGED = "unchanged", _("unchanged")
        # A newer version of the activity is already in the database.
        SKIPPED = "skipped", _("skipped: older version")
        INVALID = "invalid", _("invalid")

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()  # the activity's number in the file, or the row's number
    identifier = models.CharField(max_length=300, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # [{"code", "message", "line"?}] in the language of whoever ran the import.
    messages = RecordField(default=list)

    class Meta:
        ordering = ["run", "position"]

    def __str__(self):
        return f"{self.position} {self.identifier} {self.outcome}"
