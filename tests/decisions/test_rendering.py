"""The decision PDF follows Decree 30's page layout, checked on the PDF read back with PDFium (tests/pdfs.py).

One issued decision (171/QĐ-UBND of Tùng Ảnh, typing slips of the paper copy fixed) and
one draft are rendered once for the module; every test reads those two PDFs.
"""

import copy
import re
import unicodedata
from dataclasses import dataclass

import pytest
import weasyprint
from weasyprint.text.fonts import FontConfiguration

from documents import rendering
from tests import pdfs
from tests.pdfs import MM, Word

TEMPLATE = "documents/decision.html"
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
LEFT_MM, RIGHT_MM, TOP_MM = 30, 195, 20
EPSILON = 0.5  # points a word box may pass a margin by: justified lines end within it of the right one
# A word box (pdfs.Word) is the face's ascent + descent high: 0.891 + 0.216 em for Liberation Serif.
BOX_HEIGHT_EM = 1.107


def decision_171() -> dict:
    return {
        "is_draft": False,
        "governing_body": "",
        "issuing_body": ["ỦY BAN NHÂN DÂN", "XÃ TÙNG ẢNH"],
        "number_line": "Số: 171/QĐ-UBND",
        "nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "motto": "Độc lập - Tự do - Hạnh phúc",
        "place_date_line": "Tùng Ảnh, ngày 04 tháng 10 năm 2022",
        "doc_type_title": "QUYẾT ĐỊNH",
        "subject": "Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Đông Thái",
        "authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÙNG ẢNH",
        "bases": [
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, bổ sung một số điều của "
            "Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019;",
            "Căn cứ Kế hoạch số 353/KH-UBND ngày 16/9/2022 của Ủy ban nhân dân tỉnh Hà Tĩnh về việc triển khai "
            "tổ chuyển đổi số trên địa bàn tỉnh Hà Tĩnh;",
            "Căn cứ Kế hoạch số 3672/KH-UBND ngày 30/9/2022 của Ủy ban nhân dân huyện Đức Thọ về việc thành lập "
            "Tổ chuyển đổi số cộng đồng huyện Đức Thọ;",
            "Căn cứ Kế hoạch số 246/KH-UBND ngày 03/10/2022 của Ủy ban nhân dân xã về việc triển khai tổ chuyển "
            "đổi số trên địa bàn xã;",
            "Xét đề nghị của Công chức Văn hóa xã hội và các ban ngành liên quan.",
        ],
        "decides": "QUYẾT ĐỊNH:",
        "articles": [
            {
                "label": "Điều 1.",
                "text": "Thành lập tổ Chuyển đổi số thôn Đông Thái gồm các ông (bà) có tên sau:",
                "paragraphs": [],
                "members": [
                    {
                        "index": 1,
                        "salutation": "Ông",
                        "name": "Phạm Hồng Chương",
                        "position": "BT chi bộ thôn Đông Thái",
                        "role": "Tổ trưởng",
                    },
                    {
                        "index": 2,
                        "salutation": "Ông",
                        "name": "Nguyễn Xuân Vinh",
                        "position": "Thôn trưởng thôn Đông Thái",
                        "role": "Tổ phó",
                    },
                    {
                        "index": 3,
                        "salutation": "Bà",
                        "name": "Mai Thị Hằng",
                        "position": "Bí thư Chi đoàn TN",
                        "role": "Tổ viên",
                    },
                ],
            },
            {
                "label": "Điều 2.",
                "text": "Chế độ làm việc và nhiệm vụ của Tổ chuyển đổi số cộng đồng",
                "paragraphs": [
                    "1. Chế độ làm việc",
                    "a) Tổ chuyển đổi số cộng đồng làm việc theo chế độ kiêm nhiệm. Tổ trưởng Tổ chuyển đổi số "
                    "cộng đồng điều hành toàn diện các hoạt động của Tổ chuyển đổi số cộng đồng; xây dựng kế hoạch, "
                    "phân công thời gian và nhiệm vụ cụ thể cho các Tổ viên; chịu trách nhiệm trước UBND xã về kết "
                    "quả thực hiện nhiệm vụ phân công.",
                    "b) Các Tổ viên Tổ chuyển đổi số cộng đồng được tập huấn, hướng dẫn, trang bị các phương tiện "
                    "cần thiết để thực hiện các nhiệm vụ được giao; được hưởng các chế độ theo quy định hiện hành.",
                    "2. Nhiệm vụ",
                    "a) Thông tin, tuyên truyền sâu rộng các chủ trương, chính sách về chuyển đổi số, xây dựng xã "
                    "thông minh đến các hộ gia đình, người dân trong khu dân cư.",
                    "b) Hướng dẫn người dân tạo địa chỉ số/điện tử, sử dụng dịch vụ công trực tuyến; sử dụng các "
                    "dịch vụ số và tương tác với chính quyền qua các nền tảng số (như ứng dụng Góp ý; ứng dụng cổng "
                    "dịch vụ công; ứng dụng khai báo y tế điện tử;...).",
                    "c) Hướng dẫn người dân tiếp cận, cài đặt, sử dụng các dịch vụ số phục vụ cho các nhu cầu thiết "
                    "yếu như y tế, giáo dục, chính sách xã hội, phòng, chống dịch (Ứng dụng Sổ sức khỏe điện tử, ứng "
                    "dụng phòng, chống dịch Covid-19, Ứng dụng Telehealth/TeleCare,...).",
                    "d) Thực hiện các nhiệm vụ khác theo chỉ đạo của UBND xã, UBND huyện Đức Thọ và các ngành chuyên "
                    "môn có thẩm quyền cấp trên; thường xuyên đánh giá kết quả triển khai thực hiện và báo cáo định "
                    "kỳ về UBND xã, Tổ công tác, Ban chỉ đạo chuyển đổi số Thôn.",
                    "e) Tham mưu, giúp UBND xã tuyên truyền, triển khai thực hiện Đề án phát triển ứng dụng dữ liệu "
                    "về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2020 - 2025, "
                    "tầm nhìn đến 2030 tại khu dân cư.",
                    "f) Tổ chuyển đổi số cộng đồng cập nhật và gửi báo cáo định kỳ, thường xuyên qua mạng, sử dụng "
                    "các nền tảng số Việt Nam (ví dụ qua nhóm Zalo, Mocha, Gapo hoặc các nền tảng số Việt Nam phổ "
                    "biến khác) kết quả thực hiện các chỉ tiêu, nhiệm vụ triển khai việc sử dụng nền tảng số, chuyển "
                    "đổi số để lãnh đạo UBND xã nắm bắt, chỉ đạo và xử lý kịp thời các khó khăn, vướng mắc.",
                ],
                "members": [],
            },
            {
                "label": "Điều 3.",
                "text": "Quyết định này có hiệu lực kể từ ngày ký.",
                "paragraphs": [
                    "Văn phòng UBND xã, Công chức Văn hóa xã hội, các ông, bà có tên tại Điều 1 và các ban ngành liên "
                    "quan chịu trách nhiệm thi hành Quyết định này./."
                ],
                "members": [],
            },
        ],
        "recipients_label": "Nơi nhận:",
        "recipients": [
            "- Như Điều 3;",
            "- Phòng VH - TT;",
            "- TT Đảng ủy, TT HĐND, TTMTTQ xã;",
            "- Chủ tịch, các PCT UBND xã;",
            "- Lưu: VT/UBND.",
        ],
        "signature": {"lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "name": "Phan Tiến Dũng"},
    }


def draft_with_markup() -> dict:
    """A draft whose team has a member typed with HTML markup in the name."""
    doc = copy.deepcopy(decision_171())
    doc["is_draft"] = True
    doc["number_line"] = "Số:      /QĐ-UBND"
    doc["signature"]["name"] = ""
    doc["articles"][0]["members"][2]["name"] = "<b>X</b>"
    return doc


@dataclass(frozen=True)
class Pdf:
    fonts: frozenset[pdfs.Font]
    text: str  # in the order drawn, whitespace runs collapsed
    words: tuple[Word, ...]
    page_sizes: tuple[tuple[float, float], ...]

    def page_words(self, page: int) -> list[Word]:
        return [word for word in self.words if word.page == page]


def read_pdf(path) -> Pdf:
    return Pdf(
        fonts=frozenset(pdfs.fonts(path)),
        text=" ".join(pdfs.text(path).split()),
        words=tuple(pdfs.words(path)),
        page_sizes=tuple(pdfs.page_sizes(path)),
    )


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "171.pdf"
    path.write_bytes(rendering.document_pdf(TEMPLATE, decision_171()))
    return read_pdf(path)


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "draft.pdf"
    path.write_bytes(rendering.document_pdf(TEMPLATE, draft_with_markup()))
    return read_pdf(path)


def first_word(pdf: Pdf, text: str, page: int = 1) -> Word:
    return next(word for word in pdf.page_words(page) if word.text == text)


def test_the_pdf_is_a4_portrait_on_two_pages(issued):
    assert len(issued.page_sizes) == 2
    for width, height in issued.page_sizes:
        assert width / MM == pytest.approx(PAGE_WIDTH_MM, abs=0.1)
        assert height / MM == pytest.approx(PAGE_HEIGHT_MM, abs=0.1)


def test_every_font_is_an_embedded_liberation_serif_subset(issued):
    assert issued.fonts
    for font in issued.fonts:
        assert re.fullmatch(r"[A-Z]{6}\+Liberation-Serif(-Bold)?(-Italic)?", font.name), font
        assert font.embedded and font.subset, font
    used = {font.name.split("+")[1] for font in issued.fonts}
    assert used == {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
        "Liberation-Serif-Bold-Italic",
    }


@pytest.mark.parametrize(
    "expected",
    [
        "ỦY BAN NHÂN DÂN XÃ TÙNG ẢNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 171/QĐ-UBND",
        "Tùng Ảnh, ngày 04 tháng 10 năm 2022",
        "QUYẾT ĐỊNH Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Đông Thái",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÙNG ẢNH",
        "Điều 1. Thành lập tổ Chuyển đổi số thôn Đông Thái gồm các ông (bà) có tên sau:",
        "1. Ông Phạm Hồng Chương - BT chi bộ thôn Đông Thái - Tổ trưởng",
        "2. Ông Nguyễn Xuân Vinh - Thôn trưởng thôn Đông Thái - Tổ phó",
        "3. Bà Mai Thị Hằng - Bí thư Chi đoàn TN - Tổ viên",
        "ứng dụng cổng dịch vụ công",
        "chịu trách nhiệm thi hành Quyết định này./.",
        "Nơi nhận:",
        "- Lưu: VT/UBND.",
        "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Phan Tiến Dũng",
    ],
)
def test_the_text_reads_as_issued(issued, expected):
    assert expected in issued.text


@pytest.mark.parametrize(("name", "role"), [("Chương", "trưởng"), ("Vinh", "phó"), ("Hằng", "viên")])
def test_each_member_prints_on_one_line_with_the_role(issued, name, role):
    name_word = first_word(issued, name)
    assert any(w.text == role and abs(w.y_min - name_word.y_min) < 1 for w in issued.page_words(1))


def test_the_text_is_nfc_and_carries_no_typing_slip_of_the_paper_copy(issued):
    assert unicodedata.is_normalized("NFC", issued.text)
    for slip in ("chuyên đổi số", "Tùng Anh", "Phan Tiên Dũng", "Gazo", "UBND Thị", "171 /QĐ", "công dịch vụ công"):
        assert slip not in issued.text


def test_no_word_leaves_the_margins(issued):
    for word in issued.words:
        assert word.x_min >= LEFT_MM * MM - EPSILON, word
        assert word.x_max <= RIGHT_MM * MM + EPSILON, word
    assert min(word.y_min for word in issued.page_words(1)) >= TOP_MM * MM - EPSILON


def test_page_two_is_numbered_in_the_centre_of_the_top_margin_and_page_one_is_not(issued):
    in_top_margin = [[w for w in issued.page_words(page) if w.y_max <= TOP_MM * MM] for page in (1, 2)]
    assert in_top_margin[0] == []
    [number] = in_top_margin[1]
    assert number.text == "2"
    centre = (number.x_min + number.x_max) / 2 / MM
    assert centre == pytest.approx((LEFT_MM + RIGHT_MM) / 2, abs=1)


def test_the_number_and_the_place_date_share_a_baseline(issued):
    number, place = first_word(issued, "Số:"), first_word(issued, "Tùng")
    assert abs(number.y_max - place.y_max) <= 1
    assert number.x_max < place.x_min


def test_the_header_columns_are_centred_at_38_and_62_percent(issued):
    text_width = RIGHT_MM - LEFT_MM
    committee = [w for w in issued.page_words(1) if w.text in {"ỦY", "DÂN"}][:2]
    nation = [w for w in issued.page_words(1) if w.text in {"CỘNG", "NAM"}][:2]
    left_centre = (committee[0].x_min + committee[1].x_max) / 2 / MM
    right_centre = (nation[0].x_min + nation[1].x_max) / 2 / MM
    assert left_centre == pytest.approx(LEFT_MM + 0.38 * text_width / 2, abs=1)
    assert right_centre == pytest.approx(LEFT_MM + 0.38 * text_width + 0.62 * text_width / 2, abs=1)


def font_size(word: Word) -> float:
    return (word.y_max - word.y_min) / BOX_HEIGHT_EM


@pytest.mark.parametrize(
    ("text", "page", "points"),
    [
        ("ỦY", 1, 13),  # issuing body
        ("CỘNG", 1, 13),  # national name
        ("Độc", 1, 14),  # motto
        ("Số:", 1, 13),
        ("Tùng", 1, 14),  # place and date
        ("QUYẾT", 1, 14),  # document type
        ("Căn", 1, 14),  # body
        ("2", 2, 13),  # page number
        ("Nơi", 2, 12),
        ("Như", 2, 11),  # recipients
        ("CHỦ", 2, 14),  # signature title
        ("Phan", 2, 14),  # signer
    ],
)
def test_font_sizes_follow_the_decree(issued, text, page, points):
    assert font_size(first_word(issued, text, page)) == pytest.approx(points, abs=0.1)


def test_body_paragraphs_are_indented_spaced_and_justified(issued):
    bases = [w for w in issued.page_words(1) if w.text == "Căn"]
    assert len(bases) == 4
    for word in bases:
        assert word.x_min / MM == pytest.approx(LEFT_MM + 12.7, abs=0.2)
    line_tops = sorted({round(w.y_min, 1) for w in issued.page_words(1) if bases[0].y_min <= w.y_min < bases[1].y_min})
    pitches = [b - a for a, b in zip(line_tops, line_tops[1:], strict=False)]
    assert pitches and all(1.2 * 14 <= pitch <= 1.3 * 14 for pitch in pitches)
    gap = bases[1].y_min - line_tops[-1] - pitches[0]
    assert gap >= 6 - 0.1
    line_ends = [w for w in issued.words if abs(w.x_max - RIGHT_MM * MM) <= EPSILON]
    assert len(line_ends) >= 20  # full lines of justified paragraphs reach the right margin


def test_the_recipients_label_sits_on_the_line_of_the_signature_title(issued):
    page = len(issued.page_sizes)
    label, title = first_word(issued, "Nơi", page), first_word(issued, "TM.", page)
    assert abs(label.y_max - title.y_max) <= 1
    assert label.x_min == pytest.approx(LEFT_MM * MM, abs=1)


def test_a_draft_is_framed_dự_thảo_and_carries_no_number_and_no_name(draft):
    assert "DỰ THẢO" in draft.text
    assert "Số: /QĐ-UBND" in draft.text
    assert "Phan Tiến Dũng" not in draft.text
    mark = first_word(draft, "DỰ")
    assert mark.y_max < first_word(draft, "ỦY").y_min
    assert mark.x_min < 40 * MM


def test_markup_in_a_name_prints_as_text(draft):
    assert "3. Bà <b>X</b> - Bí thư Chi đoàn TN - Tổ viên" in draft.text


def test_the_html_escapes_markup_and_links_the_stylesheet_for_the_preview():
    page = rendering.render_html(TEMPLATE, draft_with_markup())
    assert "&lt;b&gt;X&lt;/b&gt;" in page and "<b>X</b>" not in page
    assert re.search(r'<link rel="stylesheet" href="/static/documents/document[.\w]*\.css">', page)
    assert "document.css" not in rendering.render_html(TEMPLATE, draft_with_markup(), link_stylesheet=False)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/static/fonts/LiberationSerif-Regular.ttf",
        "file:///etc/passwd",
        "data:text/plain,hello",
        "https://tunganh.invalid/settings.py",
        "https://tunganh.invalid/static/../tungAnh/settings.py",
        "https://tunganh.invalid/static/%2e%2e/tungAnh/settings.py",
        "https://tunganh.invalid/static/fonts/..%2f..%2ftungAnh/settings.py",
        "https://tunganh.invalid/static//etc/passwd",
        "https://tunganh.invalid/static/fonts/missing.ttf",
        "https://tunganh.invalid/static/fonts/LiberationSerif-Regular.ttf?x=1",
    ],
)
def test_the_fetcher_refuses_anything_but_a_static_file(url):
    with pytest.raises(rendering.ResourceRefused):
        rendering.URL_FETCHER.fetch(url)


def test_the_fetcher_serves_a_font_from_static():
    response = rendering.URL_FETCHER.fetch("https://tunganh.invalid/static/fonts/LiberationSerif-Bold.ttf")
    try:
        assert response.read(4) == b"\x00\x01\x00\x00"  # a TrueType font
        assert response.content_type == "font/ttf"
    finally:
        response.close()


def test_a_refused_resource_fails_the_render():
    page = '<html><body><img src="file:///etc/passwd"><p>x</p></body></html>'
    with pytest.raises(rendering.RenderingError):
        rendering.render_pdf(page)


def test_the_stylesheet_takes_its_four_fonts_from_static():
    fetched = []

    class Recording(rendering.StaticFilesFetcher):
        def fetch(self, url, headers=None):
            fetched.append(url)
            return super().fetch(url, headers)

    weasyprint.CSS(
        url="https://tunganh.invalid/static/documents/document.css",
        url_fetcher=Recording(),
        font_config=FontConfiguration(),
    )
    fonts = sorted(url.rsplit("/", 1)[1] for url in fetched if url.endswith(".ttf"))
    assert fonts == [
        "LiberationSerif-Bold.ttf",
        "LiberationSerif-BoldItalic.ttf",
        "LiberationSerif-Italic.ttf",
        "LiberationSerif-Regular.ttf",
    ]
