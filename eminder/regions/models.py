from django.db import models
from django.utils.translation import gettext_lazy as _

CURRENT_NUTS_VERSION = 2021


class RegionQuerySet(models.QuerySet["Region"]):
    def current(self) -> "RegionQuerySet":
        return self.filter(nuts_version=CURRENT_NUTS_VERSION)


class Region(models.Model):
    """A NUTS territorial unit in one NUTS version; older codes point to their 2021 successor."""

    class Level(models.IntegerChoices):
        COUNTRY = 0, _("Country")
        NUTS1 = 1, _("NUTS 1")
        NUTS2 = 2, _("NUTS 2")
        NUTS3 = 3, _("NUTS 3")

    code = models.CharField(_("code"), max_length=12)
    nuts_version = models.PositiveSmallIntegerField(_("NUTS version"))
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    country_code = models.CharField(_("country"), max_length=2)
    name = models.CharField(_("name"), max_length=200, blank=True)
    name_latin = models.CharField(_("name in Latin script"), max_length=200, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("2021 successor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("The NUTS 2021 region this code maps to, where the change tables say so."),
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code", "-nuts_version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "nuts_version"], name="region_code_version")
        ]

    def __str__(self) -> str:
        label = self.display_name
        return f"{self.code} {label}" if label else self.code

    @property
    def display_name(self) -> str:
        """The national name, with its Latin transliteration where the script differs."""
        if self.name_latin and self.name_latin != self.name:
            return f"{self.name} ({self.name_latin})"
        return self.name
