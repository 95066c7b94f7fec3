"""An annual activity report: a period and the coordinator's texts. Its figures are computed from
the data at each render (apps/reports/figures.py), so regenerating never loses the texts."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format

from apps.core import files
from apps.core.models import optional_fk


class AnnualReport(models.Model):
    start = models.DateField("du")
    end = models.DateField("au")
    title = models.CharField("titre", max_length=200)
    introduction = models.TextField("introduction", blank=True, help_text="Markdown simple accepté.")
    highlights = models.TextField("faits marquants", blank=True, help_text="Markdown simple accepté.")
    proposals = models.TextField(
        "propositions d'évolution pour l'année suivante", blank=True, help_text="Markdown simple accepté."
    )
    created_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    updated_by = optional_fk(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    texts_updated_at = models.DateTimeField("textes modifiés le", null=True, blank=True)
    documents_requested_at = models.DateTimeField("fichiers demandés le", null=True, blank=True)
    documents_error = models.TextField("erreur de production des fichiers", blank=True)

    class Meta:
        verbose_name = "bilan annuel"
        verbose_name_plural = "bilans annuels"
        ordering = ["-start", "-end"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="report_end_after_start"),
            models.UniqueConstraint(fields=["start", "end"], name="report_unique_period"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:detail", kwargs={"pk": self.pk})

    @property
    def is_calendar_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31) and (
            self.start.year == self.end.year
        )

    @property
    def period_label(self) -> str:
        if self.is_calendar_year:
            return f"année {self.start.year}"
        return f"du {date_format(self.start, 'j F Y')} au {date_format(self.end, 'j F Y')}"


# Files the platform produces itself; the policy documents what the field holds.
DOCUMENT_POLICY = files.UploadPolicy(extensions=("pdf", "odt", "docx"), max_bytes=50 * files.MB)


class DocumentFormat(models.TextChoices):
    PDF = "pdf", "PDF (balisé, accessible)"
    ODT = "odt", "ODT (LibreOffice)"
    DOCX = "docx", "DOCX (Word)"


class ReportFile(models.Model):
    """A file of the report produced by the worker (apps/reports/tasks.py). `fingerprint` says what
    it was made from (texts and figures): when the page's differs, the file is outdated."""

    report = models.ForeignKey(AnnualReport, models.CASCADE, related_name="files", verbose_name="bilan")
    format = models.CharField("format", max_length=5, choices=DocumentFormat.choices)
    file = files.PrivateFileField(
        "fichier", upload_to=files.RandomName("reports"), validators=[DOCUMENT_POLICY]
    )
    size = models.PositiveIntegerField("taille (octets)", default=0)
    fingerprint = models.CharField(max_length=64)
    figures_at = models.DateTimeField("chiffres calculés le")
    generated_at = models.DateTimeField("produit le")
    duration_ms = models.PositiveIntegerField("durée de production (ms)", default=0)

    class Meta:
        verbose_name = "fichier de bilan"
        verbose_name_plural = "fichiers de bilan"
        ordering = ["report", "format"]
        constraints = [models.UniqueConstraint(fields=["report", "format"], name="report_file_unique_format")]

    def __str__(self):
        return f"{self.report} ({self.format})"
