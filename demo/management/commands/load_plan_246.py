"""Load plan 246/KH-UBND of Tùng Ảnh (03/10/2022) and its timetable (II.2) for a commune.

``python manage.py load_plan_246`` (Tùng Ảnh, code 18259) or ``--commune CODE``. A second
run finds the plan and creates nothing. The dates read the plan's months as whole months:
"từ tháng 10/2022 đến tháng 11/2022" is 01/10/2022 to 30/11/2022; "cuối tháng 12/2022"
is taken as its last ten days.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from reports.indicator_sets import seed_definitions
from reports.models import IndicatorDefinition, IndicatorSet
from reports.services import PhaseTarget, plan_create
from teams.models import Commune, Plan

NUMBER_SYMBOL = "246/KH-UBND"
ISSUED_ON = datetime.date(2022, 10, 3)
SUBJECT = "Triển khai Tổ chuyển đổi số cộng đồng trên địa bàn xã Tùng Ảnh"
PHASES = (
    PhaseTarget(
        label="Giai đoạn 1",
        starts_on=datetime.date(2022, 10, 1),
        ends_on=datetime.date(2022, 11, 30),
        commune_team_required=True,
        villages_min=2,
        villages_max=2,
        note="Thành lập 01 Tổ chuyển đổi số cấp xã và lựa chọn 02 thôn (KH 246, II.2.1).",
    ),
    PhaseTarget(
        label="Giai đoạn 2",
        starts_on=datetime.date(2022, 11, 1),
        ends_on=datetime.date(2022, 12, 31),
        commune_team_required=True,
        villages_min=4,
        villages_max=7,
        note="Tổng hợp, đánh giá kết quả và nhân rộng thêm 02 - 05 thôn (KH 246, II.2.2).",
    ),
    PhaseTarget(
        label="Đánh giá",
        starts_on=datetime.date(2022, 12, 21),
        ends_on=datetime.date(2022, 12, 31),
        note=(
            "Tổng hợp, đánh giá kết quả và phối hợp với Phòng Văn hóa - Thông tin đề xuất phương án "
            "nhân rộng mô hình trong toàn xã vào năm 2023 (KH 246, II.2.3)."
        ),
    ),
)


class Command(BaseCommand):
    help = "Load plan 246/KH-UBND (rollout of the community digital transformation teams) for a commune."

    def add_arguments(self, parser):
        parser.add_argument("--commune", type=int, default=18259, help="Official code of the commune (18259).")

    def handle(self, *args, commune: int, **options):
        place = Commune.objects.by_code(commune)
        if place is None:
            raise CommandError(f"No commune with code {commune}: load the places first (load_places).")
        plan = Plan.objects.filter(commune=place, number_symbol=NUMBER_SYMBOL, issued_on=ISSUED_ON).first()
        if plan is not None:
            self.stdout.write(f"{plan} is already loaded for {place.full_name}.")
            return
        plan = plan_create(
            commune=place, number_symbol=NUMBER_SYMBOL, issued_on=ISSUED_ON, subject=SUBJECT, phases=PHASES
        )
        # The plan's indicators: the eight, valid from the month it was issued in.
        indicator_set = IndicatorSet.objects.create(
            plan=plan, version=1, valid_from=ISSUED_ON.replace(day=1), note="Tám chỉ tiêu của Kế hoạch."
        )
        IndicatorDefinition.objects.bulk_create(seed_definitions(indicator_set))
        self.stdout.write(f"Loaded {plan} with {plan.phases.count()} phases for {place.full_name}.")
