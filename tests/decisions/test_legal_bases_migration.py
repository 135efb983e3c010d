"""decisions 0007: the Law of 16 June 2025 arrives, and the bases it replaced stop being cited by default."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("decisions", "0006_legal_bases_by_date")]
AFTER = [("decisions", "0007_local_government_law_2025")]
DAY = datetime.date(2025, 7, 1)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_2015_law_and_the_districts_plans_end_on_1_july_2025():
    old = migrate(BEFORE)
    LegalBasis = old.get_model("decisions", "LegalBasis")
    LegalBasis.objects.filter(citation__contains="16/6/2025").delete()
    law = LegalBasis.objects.create(rank=1, citation="Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi")
    district = LegalBasis.objects.create(rank=3, citation="Kế hoạch số 3672/KH-UBND của huyện Đức Thọ")
    province = LegalBasis.objects.create(rank=2, citation="Kế hoạch số 353/KH-UBND của tỉnh Hà Tĩnh")
    try:
        new = migrate(AFTER)
        LegalBasis = new.get_model("decisions", "LegalBasis")
        until = dict(LegalBasis.objects.values_list("pk", "in_force_until"))
        assert (until[law.pk], until[district.pk], until[province.pk]) == (DAY, DAY, None)
        added = LegalBasis.objects.get(citation="Luật Tổ chức chính quyền địa phương ngày 16/6/2025")
        assert (added.rank, added.commune_id, added.in_force_from, added.is_default) == (1, None, DAY, True)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
