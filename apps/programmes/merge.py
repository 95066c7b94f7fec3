"""What merging two organisations does to their enrolments (registered in ProgrammesConfig.ready
with `apps.directory.merge.register_combine_rule`)."""

from __future__ import annotations

from apps.programmes.models import Enrolment, SupportFile


def enrolment_combine(source_row: Enrolment, target_row: Enrolment, apply: bool) -> str | None:
    """Both organisations are enrolled in the same programme: one enrolment stays, with the members
    of both and the support file of whichever has one (two support files block the merge)."""
    source_support = SupportFile.objects.filter(enrolment=source_row).first()
    target_support = SupportFile.objects.filter(enrolment=target_row).first()
    if source_support and target_support:
        return (
            f"les deux organisations ont chacune un dossier d'accompagnement dans le parcours "
            f"« {target_row.programme} » : regroupez-les avant de fusionner"
        )
    if apply:
        target_row.members.add(*source_row.members.all())
        if source_support:
            source_support.enrolment = target_row
            source_support.save(update_fields=["enrolment"])
        target_row.label = target_row.label or source_row.label
        target_row.save(update_fields=["label"])
        source_row.delete()
    return None
