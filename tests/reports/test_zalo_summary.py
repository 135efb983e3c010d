"""The plain-text summaries a leader or the clerk pastes into Zalo: always Vietnamese."""

import datetime

import pytest
from django.utils import translation

from reports import selectors
from teams.models import Team
from tests import factories
from tests.reports import active_team, file

pytestmark = pytest.mark.django_db


@pytest.fixture
def october(commune):
    return factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)


def test_a_team_summary_lists_every_indicator_with_its_unit(commune, october, clerk):
    team = active_team(commune, name="Đông Thái")
    report = file(
        team,
        october,
        clerk,
        digital_addresses=1234,
        public_service_accounts=56,
        vneid_activations=78,
        health_apps=9,
        trainings_attended=1,
        outreach_sessions=4,
        initiatives_proposed=0,
        commendations_proposed=2,
        note="Cần thêm điện thoại hỗ trợ người cao tuổi.",
    )
    with translation.override("en"):
        text = selectors.zalo_summary(report)
    assert text == (
        "Báo cáo tháng 10/2022 - Tổ chuyển đổi số cộng đồng thôn Đông Thái:\n"
        "- Hộ gia đình được hướng dẫn tạo địa chỉ số: 1.234 hộ\n"
        "- Người dân được hướng dẫn tạo tài khoản dịch vụ công trực tuyến: 56 người\n"
        "- Tài khoản định danh điện tử (VNeID) được hỗ trợ kích hoạt: 78 tài khoản\n"
        "- Lượt cài đặt ứng dụng Sổ sức khỏe điện tử: 9 lượt\n"
        "- Lớp đào tạo, tập huấn Tổ đã tham gia: 1 lớp\n"
        "- Buổi tuyên truyền, hướng dẫn đã tổ chức: 4 buổi\n"
        "- Sáng kiến, cách làm hay được đề xuất: 0 sáng kiến\n"
        "- Cá nhân được đề xuất khen thưởng: 2 người\n"
        "Ghi chú: Cần thêm điện thoại hỗ trợ người cao tuổi."
    )


def test_a_team_summary_without_a_note_has_no_note_line(commune, october, clerk):
    report = file(active_team(commune), october, clerk, outreach_sessions=2)
    assert "Ghi chú" not in selectors.zalo_summary(report)


def test_the_commune_summary_sums_and_names_late_and_missing_teams(commune, october, clerk):
    dong_thai = active_team(commune, name="Đông Thái")
    thong_tu = active_team(commune, name="Thông Tự")
    active_team(commune, name="Yên Hồ")
    commune_team = active_team(commune, level=Team.Level.COMMUNE)
    file(dong_thai, october, clerk, at=datetime.datetime(2022, 11, 3, 9, 0), digital_addresses=1000, health_apps=5)
    file(thong_tu, october, clerk, at=datetime.datetime(2022, 11, 7, 9, 0), digital_addresses=250)
    file(commune_team, october, clerk, at=datetime.datetime(2022, 11, 1, 9, 0), trainings_attended=2)
    text = selectors.commune_zalo_summary(october)
    lines = text.splitlines()
    assert lines[0] == (
        "Báo cáo tháng 10/2022 - Tổng hợp các Tổ chuyển đổi số cộng đồng xã Tùng Ảnh (3/4 tổ đã báo cáo):"
    )
    assert "- Hộ gia đình được hướng dẫn tạo địa chỉ số: 1.250 hộ" in lines
    assert "- Lượt cài đặt ứng dụng Sổ sức khỏe điện tử: 5 lượt" in lines
    assert "- Lớp đào tạo, tập huấn Tổ đã tham gia: 2 lớp" in lines
    assert lines[-2:] == ["Báo cáo muộn: Tổ thôn Thông Tự.", "Chưa báo cáo: Tổ thôn Yên Hồ."]


def test_a_complete_month_has_no_late_or_missing_line(commune, october, clerk):
    file(active_team(commune), october, clerk, at=datetime.datetime(2022, 10, 31, 9, 0))
    text = selectors.commune_zalo_summary(october)
    assert "(1/1 tổ đã báo cáo)" in text
    assert "muộn" not in text and "Chưa báo cáo" not in text
