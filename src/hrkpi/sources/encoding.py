"""Text encodings of tables analysts save: UTF-8, or GBK / GB18030.

Excel and WPS on a Chinese Windows save "CSV (逗号分隔)" in the system's code
page, GBK; only "CSV UTF-8" is UTF-8. A file that is not UTF-8 is read as
GB18030 (which contains GBK), and the encoding found is named so a user knows
what was assumed.
"""

from __future__ import annotations

from pathlib import Path

from hrkpi.core.errors import InputError, os_reason, problem
from hrkpi.core.messages import Msg

UTF8 = "UTF-8"
GB18030 = "GB18030"  # contains GBK and GB2312


def read_table_text(path: Path) -> tuple[str, str]:
    """The file's text and its encoding (UTF-8, or GB18030 for a GBK file)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        said = Msg("file not found; check the path")
        raise InputError([problem(path, 1, 1, "", said)]) from None
    except OSError as exc:
        said = Msg("cannot read the file: {why}", why=os_reason(exc))
        raise InputError([problem(path, 1, 1, "", said)]) from None
    try:
        return raw.decode("utf-8-sig"), UTF8
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return raw.decode("gb18030"), GB18030
    except UnicodeDecodeError:
        pass
    start = utf8_error.start
    line = raw.count(b"\n", 0, start) + 1
    column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
    raise InputError(
        [
            problem(
                path,
                line,
                column,
                "",
                Msg(
                    "the file is neither UTF-8 nor GBK/GB18030 (byte 0x{byte:02x}); "
                    "save it as CSV UTF-8 (Excel/WPS: 另存为 CSV UTF-8)",
                    byte=raw[start],
                ),
            )
        ]
    )


def is_utf8(path: Path, limit: int = 1 << 20) -> bool:
    """True when the file's first `limit` bytes are UTF-8 (a cut character at the end allowed)."""
    with open(path, "rb") as fh:
        head = fh.read(limit)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(head) - 4 and len(head) == limit
    return True
