"""The standard wording of a team decision, from decisions 170-172/QĐ-UBND of Tùng Ảnh.

The clerk may edit every text per decision; these are what a new draft starts from.
Typing slips of the reference copies are fixed here ("chuyển đổi số", "cổng dịch vụ
công", "Gapo", "UBND xã" where a town's template said "UBND Thị").
"""

from teams.models import TEAM_NAME_2022, Commune, Team

from . import amendment
from .models import Decision

KIND_VERB = {
    Decision.Kind.ESTABLISH: "thành lập",
    Decision.Kind.AMEND: "kiện toàn",
    Decision.Kind.DISSOLVE: "giải thể",
}

PROPOSER = "Xét đề nghị của Công chức Văn hóa xã hội và các ban ngành liên quan"


def recipients(commune: Commune) -> str:
    """Who receives a team decision, written out in full (nd30-layout: no "PCT", no "TTMTTQ" in
    a new draft). Before the 2025 reform the district's culture office followed the teams;
    since, the province's Department of Science and Technology does."""
    supervisor = (
        f"Phòng Văn hóa và Thông tin {commune.district.full_name}"
        if commune.district_id
        else f"Sở Khoa học và Công nghệ {commune.province.full_name}"
    )
    return "\n".join(
        [
            "Như Điều 3",
            supervisor,
            f"Thường trực Đảng ủy, Thường trực Hội đồng nhân dân {commune.type_word}",
            f"Ủy ban Mặt trận Tổ quốc Việt Nam {commune.type_word}",
            f"Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân {commune.type_word}",
            "Lưu: VT, VHXH",
        ]
    )


def subject(*, kind: str, team: Team) -> str:
    """ "Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Đông Thái"."""
    return f"Về việc {KIND_VERB[kind]} {team.name}"


def article1(*, kind: str, team: Team) -> str:
    """Điều 1 of a new draft. An amendment's starts from the team as it stands (no change
    yet) and cites the decisions that made it; ``amendment.article1_of`` rewrites it as
    its members change."""
    if kind == Decision.Kind.DISSOLVE:
        return f"Giải thể {team.name} kể từ ngày Quyết định này có hiệu lực."
    if kind == Decision.Kind.AMEND:
        return amendment.article1(team=team, found=amendment.Changes(), cited=amendment.amended_decisions(team))
    return f"Thành lập {team.name} gồm các ông (bà) có tên sau:"


def _superiors(commune: Commune) -> str:
    """ "UBND xã, UBND huyện Đức Thọ": the bodies a team reports to and takes orders from."""
    upper = commune.district or commune.province
    return f"UBND {commune.type_word}, UBND {upper.full_name}"


def article2(*, commune: Commune, team_name: str = TEAM_NAME_2022) -> str:
    """The working rules and duties (decisions 170-172, Điều 2), naming a team as its plan does."""
    body = f"UBND {commune.type_word}"
    return "\n".join(
        [
            f"Chế độ làm việc và nhiệm vụ của {team_name}",
            "1. Chế độ làm việc",
            f"a) {team_name} làm việc theo chế độ kiêm nhiệm. Tổ trưởng {team_name} "
            f"điều hành toàn diện các hoạt động của {team_name}; xây dựng kế hoạch, phân công thời "
            "gian và nhiệm vụ cụ thể cho các Tổ viên; chịu trách nhiệm trước "
            f"{body} về kết quả thực hiện nhiệm vụ phân công.",
            f"b) Các Tổ viên {team_name} được tập huấn, hướng dẫn, trang bị các phương tiện cần thiết "
            "để thực hiện các nhiệm vụ được giao; được hưởng các chế độ theo quy định hiện hành.",
            "2. Nhiệm vụ",
            "a) Thông tin, tuyên truyền sâu rộng các chủ trương, chính sách về chuyển đổi số, xây dựng "
            f"{commune.type_word} thông minh đến các hộ gia đình, người dân trong khu dân cư.",
            "b) Hướng dẫn người dân tạo địa chỉ số/điện tử, sử dụng dịch vụ công trực tuyến; sử dụng các dịch vụ số "
            "và tương tác với chính quyền qua các nền tảng số (như ứng dụng Góp ý; ứng dụng cổng dịch vụ công; "
            "ứng dụng khai báo y tế điện tử;...).",
            "c) Hướng dẫn người dân tiếp cận, cài đặt, sử dụng các dịch vụ số phục vụ cho các nhu cầu thiết yếu như "
            "y tế, giáo dục, chính sách xã hội, phòng, chống dịch (Ứng dụng Sổ sức khỏe điện tử, ứng dụng phòng, "
            "chống dịch Covid-19, Ứng dụng Telehealth/TeleCare,...).",
            "d) Thực hiện các nhiệm vụ khác theo chỉ đạo của "
            f"{_superiors(commune)} và các ngành chuyên môn có thẩm quyền cấp trên; thường xuyên đánh giá kết quả "
            f"triển khai thực hiện và báo cáo định kỳ về {body}, Tổ công tác, Ban chỉ đạo chuyển đổi số Thôn.",
            f"e) Tham mưu, giúp {body} tuyên truyền, triển khai thực hiện Đề án phát triển ứng dụng dữ liệu về dân "
            "cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2020 - 2025, tầm nhìn đến "
            "2030 tại khu dân cư.",
            f"f) {team_name} cập nhật và gửi báo cáo định kỳ, thường xuyên qua mạng, sử dụng các nền "
            "tảng số Việt Nam (ví dụ qua nhóm Zalo, Mocha, Gapo hoặc các nền tảng số Việt Nam phổ biến khác) kết "
            "quả thực hiện các chỉ tiêu, nhiệm vụ triển khai việc sử dụng nền tảng số, chuyển đổi số để lãnh đạo "
            f"{body} nắm bắt, chỉ đạo và xử lý kịp thời các khó khăn, vướng mắc.",
        ]
    )


def article2_dissolve(*, team_name: str = TEAM_NAME_2022) -> str:
    return "\n".join(
        [
            f"Các thành viên {team_name} có trách nhiệm bàn giao hồ sơ, tài liệu, phương tiện được "
            "trang bị (nếu có) cho Văn phòng UBND xã trước ngày Quyết định này có hiệu lực.",
        ]
    )


def article3(*, commune: Commune) -> str:
    return "\n".join(
        [
            "Quyết định này có hiệu lực kể từ ngày ký.",
            f"Văn phòng UBND {commune.type_word}, Công chức Văn hóa xã hội, các ông, bà có tên tại Điều 1 và các "
            "ban ngành liên quan chịu trách nhiệm thi hành Quyết định này./.",
        ]
    )
