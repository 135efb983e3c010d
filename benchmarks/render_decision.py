"""Time the decision PDF: 2 warm-up renders, then 20 timed ones; print median, p95 and memory.

Run from the project root: ``.venv/bin/python benchmarks/render_decision.py``. Target: a
median of 100 ms or less for decision 171 (two A4 pages).
"""

import math
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tungAnh.settings")
django.setup()

from decisions import rendering  # noqa: E402  (needs django.setup())

TEMPLATE = "documents/decision.html"
WARM_UP = 2
RUNS = 20


def sample_document() -> dict:
    """Decision 171/QĐ-UBND of Tùng Ảnh (4 October 2022), the typing slips of its paper copy fixed.

    Built inline for now; swap for the demo's decision 171 loaded from the database
    (``decisions.documents.decision_document(decision)``) once the demo data is in.
    """
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


# ----------------------------------------------------------------------------------------------
# The measurement: independent of where the document comes from.


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 20 runs is the 19th fastest)."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(len(ordered) * fraction)) - 1]


def main() -> None:
    document = sample_document()
    first = time.perf_counter()
    pdf = rendering.document_pdf(TEMPLATE, document)
    first_ms = (time.perf_counter() - first) * 1000
    for _ in range(WARM_UP - 1):
        rendering.document_pdf(TEMPLATE, document)

    timings, cpu_timings = [], []
    for _ in range(RUNS):
        start, cpu_start = time.perf_counter(), time.process_time()
        rendering.document_pdf(TEMPLATE, document)
        timings.append((time.perf_counter() - start) * 1000)
        cpu_timings.append((time.process_time() - cpu_start) * 1000)

    # Measured apart from the timings: tracemalloc slows every allocation down several times.
    tracemalloc.start()
    rendering.document_pdf(TEMPLATE, document)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux

    print(f"decision PDF, {len(pdf) / 1024:.1f} KiB; {RUNS} warm renders after {WARM_UP} warm-up renders")
    print(f"first render (cold: stylesheet and fonts): {first_ms:.1f} ms")
    print(f"median:  {statistics.median(timings):.1f} ms")
    print(f"p95:     {percentile(timings, 0.95):.1f} ms")
    print(f"min/max: {min(timings):.1f} / {max(timings):.1f} ms")
    print(f"CPU time median: {statistics.median(cpu_timings):.1f} ms (less sensitive to other load on the machine)")
    print(f"tracemalloc peak of one render (Python allocations): {traced_peak / 2**20:.1f} MiB")
    print(f"ru_maxrss (whole process): {max_rss_kib / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
