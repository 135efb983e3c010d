import datetime

from django.db import migrations

CITATION = "Luật Tổ chức chính quyền địa phương ngày 16/6/2025"
IN_FORCE_FROM = datetime.date(2025, 7, 1)


def add_the_2025_law(apps, schema_editor):
    """The law every commune's decision cites from 1 July 2025, offered to every commune.

    Reference data, as the places are: the clerk adds the province's and the commune's own
    documents beside it."""
    LegalBasis = apps.get_model("decisions", "LegalBasis")
    LegalBasis.objects.get_or_create(
        rank=1,
        citation=CITATION,
        commune=None,
        defaults={"is_default": True, "in_force_from": IN_FORCE_FROM},
    )


def end_what_it_replaced(apps, schema_editor):
    """The 2015 law (and its 2019 amendment) gave way to it on 1 July 2025, when districts ceased
    to exist: bases kept before are no longer cited by default from that day."""
    LegalBasis = apps.get_model("decisions", "LegalBasis")
    still_open = LegalBasis.objects.filter(in_force_until__isnull=True)
    still_open.filter(rank=1, citation__startswith="Luật Tổ chức chính quyền địa phương ngày 19/6/2015").update(
        in_force_until=IN_FORCE_FROM
    )
    still_open.filter(rank=3).update(in_force_until=IN_FORCE_FROM)  # a district's plan


def remove_the_2025_law(apps, schema_editor):
    LegalBasis = apps.get_model("decisions", "LegalBasis")
    cited = apps.get_model("decisions", "DecisionBasis").objects.values("basis_id")
    LegalBasis.objects.filter(rank=1, citation=CITATION, commune=None).exclude(pk__in=cited).delete()


class Migration(migrations.Migration):
    dependencies = [("decisions", "0006_legal_bases_by_date")]

    operations = [
        migrations.RunPython(add_the_2025_law, remove_the_2025_law),
        migrations.RunPython(end_what_it_replaced, migrations.RunPython.noop),
    ]
