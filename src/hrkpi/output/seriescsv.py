"""The series table (`hrkpi compute --series`) as CSV in the language of the run.

English keeps the columns' keys and the status keys (on_pace, pass) that scripts
read; Chinese has the completion table's words (地区, 完成率, 达进度, 达标). The
figures, ids, periods and dates are the same in both.
"""

from __future__ import annotations

import csv
import io
from typing import IO

from hrkpi.core.cellguard import neutralise
from hrkpi.engine.series import SERIES_COLUMNS, SeriesTable
from hrkpi.output.words import SERIES_HEADERS, SERIES_VALUES, Lang

BOM = "\ufeff"


def write_series_csv(
    table: SeriesTable, out: IO[bytes], *, lang: Lang = Lang.ZH, bom: bool = False
) -> None:
    """Write the series table as UTF-8 CSV (LF line ends; a BOM first if asked, so
    Excel reads the Chinese) to a binary stream."""
    if bom:
        out.write(BOM.encode("utf-8"))
    if lang is Lang.EN:
        table.write_csv(out)
        return
    headers = [SERIES_HEADERS[c] for c in SERIES_COLUMNS]
    if table.frame is not None:
        # (large data's table comes a group of indicators at a time: hrkpi.fast.partseries)
        pieces = table.frame.frames() if hasattr(table.frame, "frames") else [table.frame]
        for i, frame in enumerate(pieces):
            frame = frame.with_columns(
                *(frame[c].replace(values) for c, values in SERIES_VALUES.items())
            ).rename(dict(zip(SERIES_COLUMNS, headers, strict=True)))
            frame.write_csv(out, line_terminator="\n", null_value="", include_header=i == 0)
        return
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(headers)
    at = {SERIES_COLUMNS.index(c): values for c, values in SERIES_VALUES.items()}
    for row in table.rows or []:
        writer.writerow(
            [
                neutralise(at[i].get(cell, cell) if i in at else cell)
                for i, cell in enumerate(row.cells)
            ]
        )
    out.write(text.getvalue().encode("utf-8"))
