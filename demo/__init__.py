"""The demo and the scale data, kept apart from the product.

``load_demo`` reproduces Tùng Ảnh's four 2022 documents (``content``: its people, teams
and legal bases; ``load_plan_246``: its plan and timetable) and prints the demo logins;
``generate_scale_data`` fills a database at national size for ``benchmarks/``. Nothing in
the product imports this app.
"""
