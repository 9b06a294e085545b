"""Opening analysts' workbooks and reading a figure's literal from a cell.

openpyxl is the reader: it is the one maintained Python reader that gives each
cell's number format, and a figure's decimals live there (a cell showing 4.20
holds the double 4.2 with the format 0.00). python-calamine and fastexcel are
faster but hand over values only (calamine's issue #424: formats are not
exposed), so 4.20 would arrive as 4.2 and lose its stated precision.

A problem is located as `file:sheet!B7`, the way Excel users name a cell.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from hrkpi.core.errors import InputError, Problem, display_path, os_reason
from hrkpi.core.messages import Msg, reason

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .xls, or an encrypted .xlsx
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_DATE_CODES = re.compile(r"[yYdDhHsS]|(?<![0#?])[mM]")
_FIXED = re.compile(r"\.(?P<places>[0#?]+)")


def cell_name(column: int, row: int) -> str:
    """Excel's name of a cell: cell_name(2, 7) == "B7"."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def cell_problem(file: Path | str, sheet: str, column: int, row: int, message: Msg) -> Problem:
    """A problem at `file:sheet!B7` (line and column 0: the cell name says where)."""
    return Problem(display_path(file), 0, 0, "", message, sheet=sheet, cell=cell_name(column, row))


def open_workbook(file: Path) -> Any:
    """The workbook, read-only with cached values; InputError saying what to do when
    it is an .xls, password-protected, or not a workbook at all."""
    try:
        with open(file, "rb") as fh:
            head = fh.read(8)
            rest = fh.read(1 << 16) if head == _CFB else b""
    except OSError as exc:
        said = Msg("cannot read the workbook: {why}", why=os_reason(exc))
        raise InputError([_whole(file, said)]) from None
    if head == _CFB:
        if _ENCRYPTED in rest:
            raise InputError(
                [
                    _whole(
                        file,
                        Msg(
                            "the workbook is password-protected (加密), so it cannot be read; "
                            "remove the password (Excel: 文件 > 信息 > 保护工作簿 > "
                            "用密码进行加密, clear it) and save it again"
                        ),
                    )
                ]
            )
        raise InputError(
            [
                _whole(
                    file,
                    Msg(
                        "this is an old Excel 97-2003 workbook (.xls), whatever its name says; "
                        "open it in Excel or WPS and save it as Excel 工作簿 (.xlsx)"
                    ),
                )
            ]
        )
    from openpyxl import load_workbook

    try:
        return load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
        raise InputError(
            [
                _whole(
                    file,
                    Msg(
                        "not an Excel workbook, or a damaged one ({kind}); open it in Excel or "
                        "WPS and save it as .xlsx again",
                        kind=type(exc).__name__,
                    ),
                )
            ]
        ) from None
    except Exception as exc:  # openpyxl's InvalidFileException and XML errors
        raise InputError(
            [
                _whole(
                    file,
                    Msg(
                        "the workbook cannot be read ({kind}: {why}); open it in "
                        "Excel or WPS and save it as .xlsx again",
                        kind=type(exc).__name__,
                        why=reason(exc),
                    ),
                )
            ]
        ) from None


def _whole(file: Path, message: Msg) -> Problem:
    return Problem(display_path(file), 1, 1, "", message)


def format_places(number_format: str | None) -> tuple[int, int] | None:
    """(fixed, optional) decimals a number format shows: "0.00" is (2, 0), "0.0#" (1, 1),
    "#,##0" (0, 0); None for General (Excel shows the number as short as it can)."""
    if not number_format or number_format in ("General", "@"):
        return None
    section = _QUOTED.sub("", number_format.split(";", 1)[0])
    if "E" in section.upper():
        return None
    match = _FIXED.search(section)
    if match is None:
        return (0, 0)
    places = match["places"]
    return places.count("0"), len(places) - places.count("0")


def is_percent_format(number_format: str | None) -> bool:
    """True when the format shows the number as a percent (0.0356 as 3.56%)."""
    return bool(number_format) and "%" in _QUOTED.sub("", (number_format or "").split(";", 1)[0])


def is_date_format(number_format: str | None) -> bool:
    """True for a date or time format (yyyy-mm-dd, m月d日)."""
    if not number_format or number_format in ("General", "@"):
        return False
    return bool(_DATE_CODES.search(_QUOTED.sub("", number_format)))


def number_literal(value: int | float, number_format: str | None) -> str:
    """The figure a numeric cell shows, as text: its number format's decimals
    (4.2 with 0.00 is "4.20"), percent formats in % (0.0356 with 0.00% is "3.56").

    A double is read at Excel's 15 significant digits, as Excel shows it (a formula's
    105.50000000000001 is 105.5); an integer as it is. Exact past Decimal's 28 digits.
    """
    exact = Fraction(Decimal(f"{value:.15g}")) if isinstance(value, float) else Fraction(value)
    if is_percent_format(number_format):
        exact *= 100
    own = _places(exact)
    places = format_places(number_format)
    if places is None:
        decimals = own
    else:
        fixed, optional = places
        decimals = min(max(own, fixed), fixed + optional)
    return _half_up(exact, decimals)


def _places(value: Fraction) -> int:
    """The decimals a terminating decimal needs: 1 for 4.2, 0 for 4200."""
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    return places


def _half_up(value: Fraction, places: int) -> str:
    """`value` at `places` decimals, halves away from zero (how Excel displays)."""
    scaled = abs(value) * 10**places
    whole = scaled.numerator // scaled.denominator
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    digits = str(whole).rjust(places + 1, "0")
    text = f"{digits[:-places]}.{digits[-places:]}" if places else digits
    return f"-{text}" if value < 0 and whole else text


def text_problem(text: str) -> Msg | None:
    """Why a number stored as text cannot be taken as written, or None when it can."""
    if text != text.strip() or "\u3000" in text or "\xa0" in text:
        return Msg(
            "the number {text!r} is stored as text with spaces around it; "
            "remove the spaces (or store the cell as a number)",
            text=text,
        )
    if "," in text or "，" in text:
        return Msg(
            "the number {text!r} is stored as text with thousands separators (千分位); "
            "store it as a number (Excel: 转换为数字) or remove the commas",
            text=text,
        )
    return None


def cell_text(value: Any) -> str:
    """A header or label cell as text (numbers without a trailing .0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()
