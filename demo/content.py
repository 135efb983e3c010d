"""The demo's content: Tùng Ảnh commune as it stood on 4 October 2022.

What becomes of it on 1 July 2025 is not content but the official reform (Resolution
1665/NQ-UBTVQH15), which load_demo applies: nothing about Xã Đức Thọ is written here.

Content only; ``python manage.py load_demo`` writes it. The source is the typed copies
of decisions 170, 171 and 172/QĐ-UBND and plan 246/KH-UBND (see the shared reference).
Their typing slips are fixed here, never reproduced: "chuyển đổi số" (not "chuyên"),
"Tùng Ảnh", "Phan Tiến Dũng", "Công chức VHXH", "171/QĐ-UBND" without spaces, and the
salutation taken from each person's recorded gender.
"""

import datetime
from dataclasses import dataclass

from accounts.models import Official
from decisions.models import LegalBasis
from teams.models import Person, Role

ON = datetime.date(2022, 10, 4)
PROVINCE_CODE = 42  # tỉnh Hà Tĩnh
DISTRICT_CODE = 440  # huyện Đức Thọ
COMMUNE_CODE = 18259  # xã Tùng Ảnh, until 30/06/2025
SUCCESSOR_CODE = 18229  # xã Đức Thọ, from 01/07/2025 (two-tier list; the code of the old thị trấn Đức Thọ)
VILLAGES = ("Đông Thái", "Thông Tự")  # thôn; no list carries villages

SITE_URL = "http://127.0.0.1:8000/"
ADMIN_URL = "http://127.0.0.1:8000/admin/"
# Known on purpose: the demo runs only with DEBUG on (load_demo refuses otherwise).
PASSWORD = "tunganh-demo-2022"

MALE, FEMALE = Person.Gender.MALE, Person.Gender.FEMALE


@dataclass(frozen=True)
class DemoPerson:
    full_name: str
    gender: str
    position: str
    office: str
    village: str | None = None  # the thôn they live in; None for commune officials


CHAIRMAN = DemoPerson("Phan Tiến Dũng", MALE, "Chủ tịch UBND", Person.Office.CHAIRMAN)
LOI = DemoPerson("Lê Doãn Lợi", MALE, "Phó Chủ tịch UBND", Person.Office.VICE_CHAIRMAN)
CANH = DemoPerson("Võ Thị Thanh Cảnh", FEMALE, "Công chức VHXH", Person.Office.CULTURE_OFFICER)
THANG = DemoPerson("Nguyễn Đắc Thắng", MALE, "Bí thư Đoàn TN", Person.Office.YOUTH_UNION_SECRETARY)
CHUONG = DemoPerson(
    "Phạm Hồng Chương", MALE, "BT chi bộ thôn Đông Thái", Person.Office.PARTY_CELL_SECRETARY, "Đông Thái"
)
VINH = DemoPerson("Nguyễn Xuân Vinh", MALE, "Thôn trưởng thôn Đông Thái", Person.Office.VILLAGE_HEAD, "Đông Thái")
HANG = DemoPerson("Mai Thị Hằng", FEMALE, "Bí thư Chi đoàn TN", Person.Office.YOUTH_BRANCH_SECRETARY, "Đông Thái")
KHUE = DemoPerson("Nguyễn Bá Khuê", MALE, "BT chi bộ thôn Thông Tự", Person.Office.PARTY_CELL_SECRETARY, "Thông Tự")
SON = DemoPerson("Phan Doãn Sơn", MALE, "Thôn trưởng thôn Thông Tự", Person.Office.VILLAGE_HEAD, "Thông Tự")
# The typed copy of 172 reads "Bà : Phan Doãn Nam"; Nam is a man's name, so he is
# recorded male and documents print "Ông" (the salutation follows the recorded gender).
NAM = DemoPerson("Phan Doãn Nam", MALE, "Bí thư Chi đoàn TN", Person.Office.YOUTH_BRANCH_SECRETARY, "Thông Tự")

# The chairman signs; he is a person of the commune but in none of the teams.
PEOPLE = (CHAIRMAN, LOI, CANH, THANG, CHUONG, VINH, HANG, KHUE, SON, NAM)


@dataclass(frozen=True)
class DemoBasis:
    rank: int
    citation: str
    national: bool = False  # offered to every commune (commune=None)
    in_force_until: datetime.date | None = None


LEGAL_BASES = (
    DemoBasis(
        LegalBasis.Rank.LAW,
        "Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức "
        "Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019",
        national=True,
        # Replaced by the Law of 16 June 2025 when the two-tier local government began.
        in_force_until=datetime.date(2025, 7, 1),
    ),
    DemoBasis(
        LegalBasis.Rank.PROVINCE,
        "Kế hoạch số 353/KH-UBND ngày 16/9/2022 của Ủy ban nhân dân tỉnh Hà Tĩnh về việc triển khai tổ chuyển đổi "
        "số trên địa bàn tỉnh Hà Tĩnh",
    ),
    DemoBasis(
        LegalBasis.Rank.DISTRICT,
        "Kế hoạch số 3672/KH-UBND ngày 30/9/2022 của Ủy ban nhân dân huyện Đức Thọ về việc thành lập Tổ chuyển đổi "
        "số cộng đồng huyện Đức Thọ",
        in_force_until=datetime.date(2025, 7, 1),  # districts ceased to exist
    ),
    DemoBasis(
        LegalBasis.Rank.COMMUNE,
        "Kế hoạch số 246/KH-UBND ngày 03/10/2022 của Ủy ban nhân dân xã về việc triển khai tổ chuyển đổi số trên "
        "địa bàn xã",
    ),
)

PROPOSER = "Xét đề nghị của Công chức Văn hóa xã hội và các ban ngành liên quan"
# Article 2 is the standard text of decisions.defaults.article2.
ARTICLE3 = "\n".join(
    [
        "Quyết định này có hiệu lực kể từ ngày ký.",
        "Văn phòng UBND xã, Công chức Văn hóa xã hội, các ông, bà có tên tại Điều 1 và các ban ngành liên quan "
        "chịu trách nhiệm thi hành Quyết định này./.",
    ]
)
RECIPIENTS = (
    "Như Điều 3",
    "Phòng VH - TT",
    "TT Đảng ủy, TT HĐND, TTMTTQ xã",
    "Chủ tịch, các PCT UBND xã",
    "Lưu: VT/UBND",
)
VILLAGE_REASON = "Theo thực tế tại thôn: Bí thư Chi bộ làm Tổ trưởng, Trưởng thôn làm Tổ phó."


@dataclass(frozen=True)
class DemoDecision:
    number: int
    village: str | None  # None: the commune team
    subject: str
    article1: str
    departure_reason: str
    members: tuple[tuple[DemoPerson, str], ...]


DECISIONS = (
    DemoDecision(
        170,
        None,
        "Về việc thành lập Tổ chuyển đổi số cộng đồng xã Tùng Ảnh",
        "Thành lập tổ Chuyển đổi số cộng đồng xã gồm các ông (bà) có tên sau:",
        "Xã chưa có cán bộ chuyên trách CNTT; công chức Văn hóa - Xã hội kiêm nhiệm.",
        ((LOI, Role.LEADER), (CANH, Role.DEPUTY), (THANG, Role.MEMBER)),
    ),
    DemoDecision(
        171,
        "Đông Thái",
        "Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Đông Thái",
        "Thành lập tổ Chuyển đổi số thôn Đông Thái gồm các ông (bà) có tên sau:",
        VILLAGE_REASON,
        ((CHUONG, Role.LEADER), (VINH, Role.DEPUTY), (HANG, Role.MEMBER)),
    ),
    DemoDecision(
        172,
        "Thông Tự",
        "Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Thông Tự",
        "Thành lập tổ Chuyển đổi số thôn Thông Tự gồm các ông (bà) có tên sau:",
        VILLAGE_REASON,
        ((KHUE, Role.LEADER), (SON, Role.DEPUTY), (NAM, Role.MEMBER)),
    ),
)


@dataclass(frozen=True)
class DemoRegisterEntry:
    """A document issued before the system, kept in the outgoing register only."""

    doc_type: str
    number: int
    symbol: str
    issued_on: datetime.date
    subject: str
    signer: DemoPerson
    signer_position: str
    recipients: str
    note: str


PLAN_246 = DemoRegisterEntry(
    doc_type="KH",
    number=246,
    symbol="KH-UBND",
    issued_on=datetime.date(2022, 10, 3),
    # Register column 3 is "type and subject", as decisions.workflow writes it for decisions.
    subject="Kế hoạch Triển khai Tổ chuyển đổi số cộng đồng trên địa bàn xã Tùng Ảnh",
    signer=CHAIRMAN,
    signer_position="TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
    # The typed copy stops before its "Nơi nhận": the commune's usual list stands in.
    recipients="Phòng VH - TT; TT Đảng ủy, TT HĐND, TTMTTQ xã; Chủ tịch, các PCT UBND xã; Các thôn; Lưu: VT/UBND",
    note="Ghi vào sổ từ bản lưu (ban hành trước khi dùng hệ thống).",
)


# The stipend plan 246's teams are paid from 2024 (reports.StipendRule): 600,000 đồng per team
# per month, as Hà Tĩnh pays in 2024-2025. DEMO: the resolution below is a plausible stand-in,
# not a citation of a real resolution of the provincial council.
STIPEND_FROM = datetime.date(2024, 1, 1)
STIPEND_AMOUNT = 600_000
STIPEND_BASIS = (
    "Nghị quyết số 09/2023/NQ-HĐND ngày 08/12/2023 của HĐND tỉnh Hà Tĩnh quy định mức hỗ trợ "
    "đối với thành viên Tổ công nghệ số cộng đồng trên địa bàn tỉnh"
)


@dataclass(frozen=True)
class DemoLogin:
    label: str
    username: str
    display_name: str
    role: str | None = None  # Official role; None: the administrator, who has no Official row
    person: DemoPerson | None = None
    superuser: bool = False


LOGINS = (
    DemoLogin("administrator (superuser)", "admin", "Quản trị hệ thống", superuser=True),
    # The commune officials' logins follow their commune through the reform (accounts.receivers):
    # since 01/07/2025 they work for Xã Đức Thọ, which Tùng Ảnh became part of.
    DemoLogin("clerk of Tùng Ảnh, then Xã Đức Thọ", "vanthu.tunganh", "Văn thư UBND xã Tùng Ảnh", Official.Role.CLERK),
    DemoLogin(
        "chairman of Tùng Ảnh, then Xã Đức Thọ (signs)",
        "chutich.tunganh",
        CHAIRMAN.full_name,
        Official.Role.CHAIRMAN,
        person=CHAIRMAN,
    ),
    # The leader of Đông Thái's team (decision 171): a team leader's login as the clerk makes
    # one in the pages (menu "Logins").
    DemoLogin(
        "team leader of Đông Thái (Xã Đức Thọ since 2025)",
        "totruong.dongthai",
        CHUONG.full_name,
        Official.Role.TEAM_LEADER,
        person=CHUONG,
    ),
    DemoLogin(
        # Districts ended on 01/07/2025: this login reads the district's communes before the reform.
        "officer of Đức Thọ district (read-only, until 2025)",
        "phongvhtt.ductho",
        "Phòng VH - TT huyện Đức Thọ",
        Official.Role.DISTRICT_OFFICER,
    ),
    DemoLogin(
        # Since 01/07/2025 the province's Department of Science and Technology follows the teams:
        # this login reads Hà Tĩnh's communes, old and new, and assigns the villages of split ones.
        "officer of Hà Tĩnh province (read-only, since 2025)",
        "sokhcn.hatinh",
        "Sở Khoa học và Công nghệ tỉnh Hà Tĩnh",
        Official.Role.PROVINCE_OFFICER,
    ),
)
CLERK_USERNAME = "vanthu.tunganh"
