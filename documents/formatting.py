"""How Decree 30/2020/NĐ-CP writes numbers, symbols and dates. Pure functions."""

import datetime

DRAFT_NUMBER_BLANK = "      "


def format_number(number: int) -> str:
    """Numbers below 10 take a leading zero: 5 -> "05", 171 -> "171"."""
    return f"{number:02d}"


def number_symbol(*, number: int | None, symbol: str) -> str:
    """ "171/QĐ-UBND"; a draft (no number yet) gets a blank: "      /QĐ-UBND"."""
    shown = format_number(number) if number else DRAFT_NUMBER_BLANK
    return f"{shown}/{symbol}"


def number_line(*, number: int | None, symbol: str) -> str:
    return f"Số: {number_symbol(number=number, symbol=symbol)}"


def vietnamese_date(day: datetime.date) -> str:
    """ "ngày 04 tháng 10 năm 2022": days below 10 and months 1-2 take a leading zero."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date_line(*, place: str, day: datetime.date | None, year: int | None = None) -> str:
    """ "Tùng Ảnh, ngày 04 tháng 10 năm 2022"; undated (a draft): blanks for day and month."""
    if day is None:
        return f"{place}, ngày      tháng      năm {year or datetime.date.today().year}"
    return f"{place}, {vietnamese_date(day)}"
