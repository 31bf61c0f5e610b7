"""Official statistics: datasets, their series and observations, and the code lists' labels.

A series is one Eurostat breakdown (every dimension but time, geo included) of one dataset; an
observation is its value for one period, with the status flags and confidentiality exactly as
published. Different indicator codes (DII versions E_DI3_*, E_DI4_*, ...) are different series
and are never joined into one line.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Dataset(models.Model):
    """A Eurostat (or Commission) dataset, as last imported."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=200, default="Eurostat")
    licence = models.CharField(_("licence"), max_length=200, default="CC BY 4.0")
    last_update = models.CharField(_("last update at the source"), max_length=40, blank=True)
    dimensions = models.JSONField(_("dimensions"), default=list)
    display_scale = models.FloatField(_("display scale"), default=1.0)
    # Units whose values are shown at another scale than `display_scale` (DESI's scores).
    unit_display_scales = models.JSONField(_("display scale by unit"), default=dict)
    updated_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    def scale_for(self, dimensions: dict[str, str]) -> float:
        """The factor that shows a series' values in its unit's usual scale (0.147 -> 14.7 %)."""
        for dimension in ("unit", "unit_measure"):
            unit = dimensions.get(dimension)
            if unit in self.unit_display_scales:
                return float(self.unit_display_scales[unit])
        return self.display_scale


class ImportRun(models.Model):
    """One successful import of one file (failed imports change nothing, so leave no row)."""

    dataset = models.ForeignKey(
        Dataset, verbose_name=_("dataset"), on_delete=models.CASCADE, related_name="imports"
    )
    file_name = models.CharField(_("file"), max_length=255)
    file_format = models.CharField(_("format"), max_length=20)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), auto_now_add=True)
    observations = models.PositiveIntegerField(_("observations read"), default=0)
    created = models.PositiveIntegerField(_("new"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-finished_at"]

    def __str__(self) -> str:
        return f"{self.dataset} {self.file_name}"


class Series(models.Model):
    """One breakdown of a dataset for one geo: its dimension codes, e.g. E_ESELL/PC_ENT/GE10/PL."""

    dataset = models.ForeignKey(
        Dataset, verbose_name=_("dataset"), on_delete=models.CASCADE, related_name="series"
    )
    # Canonical key: "dim=code,dim=code,...,geo=XX" with dimensions sorted by name.
    key = models.CharField(_("series key"), max_length=400)
    dimensions = models.JSONField(_("dimensions"), default=dict)
    geo = models.CharField(_("geo"), max_length=20, db_index=True)

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        constraints = [models.UniqueConstraint(fields=["dataset", "key"], name="series_unique_key")]

    def __str__(self) -> str:
        return f"{self.dataset.code}:{self.key}"


class Observation(models.Model):
    """The value of one series in one period, with Eurostat's status flags as published."""

    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="observations"
    )
    period = models.CharField(_("period"), max_length=10)
    value = models.FloatField(_("value"), null=True, blank=True)
    flags = models.CharField(_("flags"), max_length=12, blank=True)
    confidentiality = models.CharField(_("confidentiality"), max_length=2, blank=True)
    # The import that last wrote this row: finds a key repeated within one file.
    import_run = models.BigIntegerField(default=0, db_index=False)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(fields=["series", "period"], name="observation_unique_period")
        ]

    def __str__(self) -> str:
        return f"{self.series_id} {self.period} {self.value}"


class CodeLabel(models.Model):
    """The label of one code of one dimension (from Eurostat's SDMX code lists), per language."""

    dimension = models.CharField(_("dimension"), max_length=40)
    code = models.CharField(_("code"), max_length=60)
    labels = models.JSONField(_("labels"), default=dict)  # {"en": "...", "de": ..., "el": ...}

    class Meta:
        verbose_name = _("code label")
        verbose_name_plural = _("code labels")
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="code_label_unique")
        ]

    def __str__(self) -> str:
        return f"{self.dimension}={self.code}"

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels.get("en") or self.code


class PendingUpload(models.Model):
    """A statistics file uploaded in the browser, kept until its background import has run.

    The bytes live in the database so that any worker machine can import them.
    """

    job = models.OneToOneField(
        "jobs.Job", verbose_name=_("job"), on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=255)
    dataset = models.CharField(_("dataset"), max_length=60, blank=True)
    content = models.BinaryField()

    class Meta:
        verbose_name = _("pending upload")
        verbose_name_plural = _("pending uploads")

    def __str__(self) -> str:
        return self.file_name
