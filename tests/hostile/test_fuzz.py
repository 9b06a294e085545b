"""A fuzzer over the YAML and CSV readers: whatever the file holds, the promise holds.

The promise: exit 0 (ok), 1 (a check failed) or 2 (bad input, with a located
message), never 3 (an internal error) and never a traceback. Files are built
from a valid report by hostile edits (values from a pool of known traps, random
text, lines dropped, doubled or shifted) and run through validate, compute and
check on both engines. Derandomized and bounded in number, so CI runs the same
examples every time (hypothesis' deadline is off: no example is timed).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from tests.hostile.harness import INDICATORS, write
from typer.testing import CliRunner

from hrkpi.cli import app

FUZZ = settings(
    derandomize=True,
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Values that have broken readers before, or would if the rules slipped.
TRAPS = [
    "0",
    "1593475200",
    "20200630",
    "2020-W22-7",
    "2020-02-30",
    "0000-06-30",
    "2023年6月30日",
    "2020-06-30T10:00:00",
    "-4.22",
    "近-3.13",
    "超0",
    "1400多人",
    "0.68万人",
    "56.7%",
    "56.7％",
    "4.22万",
    "17.123,456",
    "2,503.1,234",
    "421,749",
    "1e999999999",
    "Infinity",
    "NaN",
    "9" * 45,
    "1" + "0" * 39,
    "是",
    "否",
    "true",
    "~",
    "null",
    "",
    '"',
    "'",
    "[",
    "{a: 1}",
    "- x",
    "&a x",
    "*a",
    "!!python/object:os.system",
    "%",
    "@x",
    "\x1b]0;title\x07\x1b[2J",
    "a\rb",
    "\u202e厦门",
    "\t",
    "same_period_last_year",
    "2020-01/06",
    "0000-06",
    "2020-13",
    "万人",
    "个百分点",
    "厦门市",
]
text = st.one_of(st.sampled_from(TRAPS), st.text(max_size=12))
# Traps by the field they are aimed at (a CSV column, a YAML key).
DATES = [
    "0",
    "1593475200",
    "20200630",
    "2020-W22-7",
    "2020-02-30",
    "0000-06-30",
    "2023年6月30日",
    "2020-06-30T10:00:00",
    "9999-12-31",
    "2020-06-31",
    "",
]
PERIODS = [
    "0000-06",
    "2020-13",
    "2020-00",
    "2020-01/13",
    "2020-03/06",
    "2019-01/2020-06",
    "2020-Q5",
    "2020-H3",
    "2020年13月",
    "0000",
    "9999-12",
    "2020-01/06",
]
FIGURES = [
    "-4.22",
    "近-3.13",
    "超0",
    "1400多人",
    "0.68万人",
    "56.7%",
    "4.22万",
    "17.123,456",
    "2,503.1,234",
    "1e999999999",
    "NaN",
    "9" * 45,
    "-0",
    "+1",
    ".5",
    "0.",
    "-100",
]
POOLS = {
    "as_of": DATES,
    "base": [*DATES, "same_period_last_year", "end_of_last_year"],
    "period": PERIODS,
    "value": FIGURES,
    "completion": FIGURES,
    "change_pct": FIGURES,
    "unit": ["万人", "人次", "%", "个百分点", "万万", "", "万元"],
    "region": ["\x1b[2J", "a\rb", "\u202e厦门", "", "甲"],
    "meets_threshold": ["是", "否", "对", "1", "yes", "maybe"],
    "pct": FIGURES,
}


YAML = """\
source: 测试报告
region: 测试市
as_of: 2020-06-30
figures:
  jobs:
    value: 4.22
    completion: 105.5
    changes:
      - base: same_period_last_year
        pct: 3.2
  rate:
    value: 3.56
    meets_threshold: true
  persons:
    value: 1400多
    quote: 就业困难人员1400多人
"""
CSV = """\
indicator,region,period,as_of,value,unit,completion,base,change_pct
jobs,甲,2020-01/06,,4.22,,105.5,,
jobs,甲,2021-01/06,2021-06-30,4.4,,110.0,same_period_last_year,4.27
rate,甲,2021-06,,3.56,,,,
persons,乙,2021-06,,1400,人,,,
"""


def _fields(template: str, separator: str) -> list[str]:
    """The fields of `template` that a trap may be aimed at."""
    if separator == ",":
        return template.splitlines()[0].split(",")
    return [*POOLS, "source", "region", "quote"]


@st.composite
def edited(draw: st.DrawFn, template: str, separator: str) -> str:
    """`template` with one field set to a trap aimed at it (every pair is reached in a
    few hundred examples), then up to three more edits: any trap or text in any field,
    a line dropped, doubled or shifted, or characters inserted."""
    lines = template.splitlines()
    # The field first, then a trap from its pool: every pair is reached often.
    name = draw(st.sampled_from(_fields(template, separator)))
    trap = draw(st.sampled_from(POOLS.get(name, TRAPS)))
    lines = _set(lines, separator, name, trap, draw(st.integers(0, 3)), draw(st.booleans()))
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(1, len(lines) - 1))
        edit = draw(st.sampled_from(["value", "drop", "double", "shift", "insert"]))
        line = lines[i]
        if edit == "value":
            fields = lines[0].split(",") if separator == "," else list(POOLS)
            lines = _set(lines, separator, draw(st.sampled_from(fields)), draw(text), i, False)
        elif edit == "drop" and len(lines) > 2:
            del lines[i]
        elif edit == "double":
            lines.insert(i, line)
        elif edit == "shift":
            lines[i] = draw(st.sampled_from([" ", "  ", "\t"])) + line
        else:
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(text) + line[at:]
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n"]))


def _set(
    lines: list[str], separator: str, name: str, value: str, nth: int, quote: bool
) -> list[str]:
    """`lines` with the `nth` occurrence (wrapping) of field `name` set to `value`."""
    lines = list(lines)
    if quote:
        value = '"' + value.replace('"', '""' if separator == "," else '\\"') + '"'
    if separator == ",":
        header = lines[0].split(",")
        if name not in header or len(lines) < 2:
            return lines
        row = 1 + nth % (len(lines) - 1)
        cells = lines[row].split(",")
        j = header.index(name)
        if j < len(cells):
            cells[j] = value
            lines[row] = ",".join(cells)
        return lines
    places = [i for i, line in enumerate(lines) if line.strip().lstrip("- ").startswith(name + ":")]
    if places:
        i = places[nth % len(places)]
        key = lines[i].split(":", 1)[0]
        lines[i] = f"{key}: {value}"
    return lines


def _promise(folder: Path, args: list[str]) -> None:
    result = CliRunner().invoke(app, [*args, "-i", str(folder / "ind"), "-d", str(folder / "data")])
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        repr(result.exception),
    )
    assert "Traceback" not in result.output and "internal error" not in result.output, (
        args,
        result.output,
    )


@FUZZ
@given(edited(YAML, ":"))
def test_yaml_reader_keeps_the_promise(data: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write(folder / "ind" / "a.yaml", INDICATORS)
        (folder / "data").mkdir()
        (folder / "data" / "d.yaml").write_text(data, encoding="utf-8", errors="surrogatepass")
        for command in (["validate"], ["compute", "--format", "csv"], ["check"]):
            _promise(folder, command)


# Inputs that once ended in an internal error run every time, whatever the seed.
YEAR_0000 = CSV.replace("jobs,甲,2020-01/06,", "jobs,甲,0000-06,", 1)


@settings(FUZZ, max_examples=250)
@given(edited(CSV, ","))
@example(YEAR_0000)
def test_csv_reader_keeps_the_promise(data: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = _csv_project(Path(tmp), data)
        _promise(folder, ["compute", "--series", "--engine", "exact"])
        _promise(folder, ["check", "--engine", "exact"])


@settings(FUZZ, max_examples=25)  # polars starts for each run: fewer examples
@given(edited(CSV, ","))
@example(YEAR_0000)
def test_fast_engine_keeps_the_promise(data: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = _csv_project(Path(tmp), data)
        _promise(folder, ["compute", "--series", "--engine", "fast"])
        _promise(folder, ["check", "--engine", "fast"])


def _csv_project(folder: Path, data: str) -> Path:
    write(folder / "ind" / "a.yaml", INDICATORS)
    (folder / "data").mkdir()
    (folder / "data" / "d.csv").write_text(data, encoding="utf-8", errors="surrogatepass")
    return folder
