"""Write the illustrative regional example's figures: long.csv and data/2021.xlsx.

    python examples/regional/make_example.py

海湾市 and its districts are invented, and so is every figure (示例数据，数字为虚构).
The figures are built from each district's January-June totals: a flow's 累计
1-N月 is its June total x N / 6 rounded half up, a stock moves by 0.05万人 a
month, and the city's figures are its districts' sums. The workbook holds the
same figures as long.csv in the wide layout analysts keep (a sheet per month,
merged indicator headers, units in the headers, a 合计 row), so reading either
gives the same figures (tests/sources/test_workbook.py).
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
YEAR = 2021
CITY = "海湾市"
DISTRICTS = ("临江区", "云山区", "青湖区", "新港区")
# 1-6月 totals (persons) and the 2021 provincial (省下达) target of new jobs.
JUNE = {
    "new_jobs": (2150, 1480, 1530, 880),
    "reemployment": (1050, 790, 700, 470),
    "hard_to_employ": (260, 180, 170, 130),
}
NEW_JOBS_TARGET = (4000, 3200, 3000, 1800)
PENSION_JUNE = ("12.30", "8.45", "15.06", "6.19")  # 万人, at the end of June
HEADERS = {
    "new_jobs": "城镇新增就业（人）",
    "reemployment": "再就业人数（人）",
    "hard_to_employ": "就业困难人员就业（人）",
    "pension_insured": "企业职工基本养老保险参保人数（万人）",
}


def figures() -> list[dict[str, str]]:
    """Every stated figure, in long layout."""
    rows: list[dict[str, str]] = []
    for last in range(2, 13):  # 1-2月 (the combined first release), 1-3月 ... 1-12月
        period = f"{YEAR}-01/{last:02d}"
        for ind, june in JUNE.items():
            values = [(v * last * 2 + 6) // 12 for v in june]  # June x N / 6, half up
            for region, value in zip((*DISTRICTS, CITY), (*values, sum(values)), strict=True):
                row = {"indicator": ind, "region": region, "period": period, "value": str(value)}
                if ind == "new_jobs" and region != CITY:
                    target = NEW_JOBS_TARGET[DISTRICTS.index(region)]
                    rate = (Decimal(value) / target * 100).quantize(
                        Decimal("0.01"), ROUND_HALF_EVEN
                    )
                    row["completion"] = str(rate)
                rows.append(row)
        stock = [Decimal(v) + Decimal("0.05") * (last - 6) for v in PENSION_JUNE]
        for region, value in zip((*DISTRICTS, CITY), (*stock, sum(stock)), strict=True):
            rows.append(
                {
                    "indicator": "pension_insured",
                    "region": region,
                    "period": f"{YEAR}-{last:02d}",
                    "value": f"{value:.2f}",
                }
            )
    return rows


def write_long(rows: list[dict[str, str]], path: Path) -> None:
    """The figures as long CSV (the layout of docs/scale.md)."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(
            f, ["indicator", "region", "period", "value", "completion"], lineterminator="\n"
        )
        w.writeheader()
        w.writerows(rows)


def write_workbook(rows: list[dict[str, str]], path: Path) -> None:
    """The figures as an analyst's workbook: one sheet per cumulative period."""
    wb = Workbook()
    wb.remove(wb.active)
    for last in range(2, 13):
        ws = wb.create_sheet(f"1-{last}月")
        ws["A1"] = f"{CITY}{YEAR}年1-{last}月就业和社会保险主要指标完成情况（示例数据，数字为虚构）"
        ws["A1"].font = Font(bold=True, size=14)
        ws.merge_cells("A1:F1")
        ws["A2"], ws["A3"] = "地区", None
        ws.merge_cells("A2:A3")
        ws["B2"] = HEADERS["new_jobs"]
        ws.merge_cells("B2:C2")
        ws["B3"], ws["C3"] = "累计完成", "完成率"
        for col, ind in zip(
            "DEF", ("reemployment", "hard_to_employ", "pension_insured"), strict=True
        ):
            ws[f"{col}2"] = HEADERS[ind]
            ws[f"{col}3"] = "期末数" if ind == "pension_insured" else "累计完成"
        for cell in (*ws[2], *ws[3]):
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        month = f"{YEAR}-{last:02d}"
        cumulative = f"{YEAR}-01/{last:02d}"
        found = {
            (r["indicator"], r["region"]): r for r in rows if r["period"] in (month, cumulative)
        }
        for i, region in enumerate((*DISTRICTS, CITY), start=4):
            ws.cell(i, 1, "合计" if region == CITY else region)
            for col, ind in zip(
                range(2, 7),
                ("new_jobs", None, "reemployment", "hard_to_employ", "pension_insured"),
                strict=True,
            ):
                if ind is None:  # 完成率 of new jobs, stored as a percent
                    rate = found[("new_jobs", region)].get("completion")
                    if rate:
                        c = ws.cell(i, col, float(Decimal(rate) / 100))
                        c.number_format = "0.00%"
                    continue
                text = found[(ind, region)]["value"]
                if ind == "pension_insured":
                    c = ws.cell(i, col, float(text))
                    c.number_format = "0.00"  # 42.00 keeps its zeros
                else:
                    c = ws.cell(i, col, int(text))
                    c.number_format = "#,##0"
        for col in "ABCDEF":
            ws.column_dimensions[col].width = 16
    wb.save(path)


def main() -> None:
    """Write long.csv and data/2021.xlsx beside this script."""
    rows = figures()
    write_long(rows, HERE / "long.csv")
    write_workbook(rows, HERE / "data" / "2021.xlsx")


if __name__ == "__main__":
    main()
