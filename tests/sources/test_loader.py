"""Bad input: every problem named at file:line:column with what to do, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import write

from hrkpi.api import load
from hrkpi.core.errors import InputError, UsageError

DATA = """
source: 测试
region: 测试市
as_of: 2020-06-30
figures:
  jobs:
    value: 4.22
"""

GOOD_INDICATOR = """
indicators:
  - id: jobs
    name: 再就业
    unit: 万人
    measure: flow
    target: "4"
"""


def _problems(tmp_path: Path, indicators: str, data: str = DATA) -> list[str]:
    ind = write(tmp_path / "ind" / "a.yaml", indicators)
    dat = write(tmp_path / "data" / "d.yaml", data)
    with pytest.raises(InputError) as info:
        load(ind.parent, dat.parent)
    return [str(p).replace(str(tmp_path) + "/", "") for p in info.value.problems]


def test_misspelt_key_points_at_the_key_and_suggests(tmp_path: Path) -> None:
    text = GOOD_INDICATOR.replace("    target:", "    targte:")
    assert _problems(tmp_path, text) == [
        "ind/a.yaml:6:5: indicators.1.targte: unknown key 'targte'; did you mean 'target'?"
    ]


def test_wrong_type(tmp_path: Path) -> None:
    text = GOOD_INDICATOR + "    decimals: two\n"
    [problem] = _problems(tmp_path, text)
    assert problem.startswith(
        "ind/a.yaml:7:15: indicators.1.decimals: expected a whole number such as 2, not 'two'"
    )


def test_unknown_unit(tmp_path: Path) -> None:
    text = GOOD_INDICATOR.replace("unit: 万人", "unit: 万元元")
    [problem] = _problems(tmp_path, text)
    assert problem.startswith(
        "ind/a.yaml:4:11: indicators.1.unit: unknown unit '万元元' (did you mean '万元'"
    )


def test_zero_target(tmp_path: Path) -> None:
    text = GOOD_INDICATOR.replace('target: "4"', 'target: "0"')
    [problem] = _problems(tmp_path, text)
    assert problem == (
        "ind/a.yaml:2:5: indicators.1: target '0' must be greater than zero: "
        "a completion rate divides by it"
    )


def test_malformed_yaml(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path, "indicators:\n  - id: jobs\n    name: [再就业\n")
    # At the bracket left open, not where the parser gave up (the end of the file).
    assert problem == (
        "ind/a.yaml:3:11: malformed YAML: the [ opened here is not closed where line 4 goes "
        "on; close it with ], or write one item per line"
    )


def test_alias_bomb_is_refused_before_expansion(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    [problem] = _problems(tmp_path, bomb)
    # Reported at the anchor (line 1) with the place it is used again.
    assert problem == (
        "ind/a.yaml:1:4: malformed YAML: aliases (*name) are not allowed in hrkpi files: "
        "the value anchored here is used again at b.1; write it out in full"
    )


def test_unknown_indicator_in_data(tmp_path: Path) -> None:
    data = DATA.replace("  jobs:", "  jobz:")
    assert _problems(tmp_path, GOOD_INDICATOR, data) == [
        "data/d.yaml:5:3: figures.jobz: no indicator 'jobz' is defined; did you mean 'jobs'?"
    ]


def test_not_utf8(tmp_path: Path) -> None:
    ind = write(tmp_path / "ind" / "a.yaml", GOOD_INDICATOR)
    dat = tmp_path / "data" / "d.yaml"
    dat.parent.mkdir()
    dat.write_bytes(DATA.replace("测试市", "厦门").encode("gbk"))
    with pytest.raises(InputError) as info:
        load(ind.parent, dat.parent)
    [problem] = [str(p).replace(str(tmp_path) + "/", "") for p in info.value.problems]
    # A YAML file in GBK (as Notepad or WPS save it) is told to be saved as UTF-8 in
    # its editor, not given the advice for a CSV from Excel.
    assert problem == (
        "data/d.yaml:2:9: the file is GBK-encoded (byte 0xb2), hrkpi reads YAML files in "
        "UTF-8: save it as UTF-8 in the editor (另存为, 编码: UTF-8)"
    )
    assert "CSV" not in problem
    dat.write_bytes(b"as_of: 2020-06-30\nsource: \xff\xfe\n")  # neither UTF-8 nor GBK
    with pytest.raises(InputError) as info:
        load(ind.parent, dat.parent)
    [problem] = [str(p).replace(str(tmp_path) + "/", "") for p in info.value.problems]
    assert problem.startswith("data/d.yaml:2:9: the file is not UTF-8 (byte 0xff); save it")
    assert "CSV" not in problem


def test_every_problem_in_every_file_at_once(tmp_path: Path) -> None:
    text = GOOD_INDICATOR.replace("unit: 万人", "unit: 万万").replace(
        "measure: flow", "measure: flw"
    )
    text += "  - id: Bad-Id\n    name: x\n    unit: 人\n    measure: stock\n"
    problems = _problems(tmp_path, text)
    assert len(problems) == 4, problems
    assert [p.split(":")[1] for p in problems] == ["4", "5", "7", "8"]


def test_duplicate_keys_and_ids(tmp_path: Path) -> None:
    text = GOOD_INDICATOR + GOOD_INDICATOR.replace("indicators:\n", "").replace(
        "unit: 万人", "unit: 万人\n    unit: 人"
    )
    problems = _problems(tmp_path, text)
    assert any("duplicate key 'unit'" in p and p.startswith("ind/a.yaml:11:5") for p in problems)


def test_float_lost_precision_never_happens(tmp_path: Path) -> None:
    # 236.60 unquoted keeps its trailing zero: the loader reads scalar text.
    data = DATA.replace("value: 4.22", "value: 236.60")
    ind = write(tmp_path / "ind" / "a.yaml", GOOD_INDICATOR)
    dat = write(tmp_path / "data" / "d.yaml", data)
    _, dataset = load(ind.parent, dat.parent)
    figure = dataset.observations[0].stated.value
    assert figure is not None and figure.literal == "236.60" and figure.decimals == 2


def test_csv_long_form(tmp_path: Path) -> None:
    ind = write(tmp_path / "ind" / "a.yaml", GOOD_INDICATOR)
    dat = write(
        tmp_path / "data" / "d.csv",
        """
        indicator,region,as_of,value,completion
        jobs,测试市,2020-06-30,4.22,105.5
        """,
    )
    _, dataset = load(ind.parent, dat.parent)
    [obs] = dataset.observations
    assert (obs.region, obs.line, obs.stated.completion.literal) == ("测试市", 2, "105.5")


def test_csv_errors_name_row_and_column(tmp_path: Path) -> None:
    ind = write(tmp_path / "ind" / "a.yaml", GOOD_INDICATOR)
    write(
        tmp_path / "data" / "d.csv",
        """
        indicator,region,as_of,value
        jobs,测试市,2020-06-30,4.2x
        jbos,测试市,2020-06-30,4.22
        """,
    )
    with pytest.raises(InputError) as info:
        load(ind.parent, tmp_path / "data")
    shown = [str(p).replace(str(tmp_path) + "/", "") for p in info.value.problems]
    assert shown[0].startswith("data/d.csv:2:4: value: '4.2x' is not a stated figure")
    assert (
        shown[1]
        == "data/d.csv:3:1: indicator: no indicator 'jbos' is defined; did you mean 'jobs'?"
    )


def test_empty_data_file_says_so(tmp_path: Path) -> None:
    assert _problems(tmp_path, GOOD_INDICATOR, "# nothing yet\n") == [
        "data/d.yaml:1:1: the file is empty; a data file needs source, region, as_of and "
        "figures (see https://github.com/hrkpi/hrkpi/blob/main/docs/format.md#data-files)"
    ]


def test_a_list_is_not_a_definitions_file(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path, "- id: jobs\n")
    assert problem.startswith("ind/a.yaml:1:1: the file must be a mapping of keys")


def test_yaml_nulls_are_null(tmp_path: Path) -> None:
    text = GOOD_INDICATOR + "    name_en: ~\n    decimals:\n"
    ind = write(tmp_path / "ind" / "a.yaml", text)
    dat = write(tmp_path / "data" / "d.yaml", DATA)
    catalog, _ = load(ind.parent, dat.parent)
    assert catalog.indicators["jobs"].name_en is None
    assert catalog.indicators["jobs"].decimals is None


def test_the_same_figure_stated_twice_differently_loads(tmp_path: Path) -> None:
    # A real revision between two publications is a check finding (restatement),
    # not a load error: both figures are kept (tests/checks/ checks the finding).
    ind = write(tmp_path / "ind" / "a.yaml", GOOD_INDICATOR)
    write(tmp_path / "data" / "a.yaml", DATA)
    write(tmp_path / "data" / "b.yaml", DATA.replace("4.22", "3.00"))
    _, dataset = load(ind.parent, tmp_path / "data")
    assert [o.stated.value.literal for o in dataset if o.stated.value] == ["4.22", "3.00"]


def test_list_items_are_counted_from_one(tmp_path: Path) -> None:
    # A user counts from 1: the second share is shares.2 (it was shares.1), the first
    # section sections.1 (it was sections.0).
    shares = "    shares:\n      - of: jobs\n        pct: 50\n      - of: jbos\n        pct: 3\n"
    data = DATA + shares
    [problem] = _problems(tmp_path, GOOD_INDICATOR, data)
    assert problem == (
        "data/d.yaml:10:13: figures.jobs.shares.2.of: unknown indicator 'jbos' in of; "
        "did you mean 'jobs'?"
    )
    indicators = "sections:\n  - id: s1\n    title: 就业\n" + GOOD_INDICATOR
    [problem] = _problems(tmp_path, indicators)
    assert problem == "ind/a.yaml:2:5: sections.1.code: missing required key 'code'; add it"


def test_abs_unit_must_convert(tmp_path: Path) -> None:
    data = (
        DATA
        + "    changes:\n      - base: end_of_last_year\n        abs: 3\n        abs_unit: 家\n"
    )
    [problem] = _problems(tmp_path, GOOD_INDICATOR, data)
    assert problem.startswith("data/d.yaml:10:19: figures.jobs.changes.1.abs_unit: abs_unit '家'")


def test_deep_nesting_is_bad_input_not_a_crash(tmp_path: Path) -> None:
    # Deeper than Python's recursion, shallower than libyaml's own limit (1000).
    [problem] = _problems(tmp_path, "source: " + "[" * 990 + "]" * 990 + "\n")
    assert "nested too deeply" in problem


def test_a_list_as_a_value(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path, GOOD_INDICATOR, DATA.replace("value: 4.22", "value: [1, 2]"))
    assert problem.endswith('expected one number, such as "4.22", not a list')


def test_a_csv_column_twice(tmp_path: Path) -> None:
    ind = write(tmp_path / "ind" / "a.yaml", GOOD_INDICATOR)
    write(tmp_path / "data" / "d.csv", "indicator,as_of,value,value\njobs,2020-06-30,1,9\n")
    with pytest.raises(InputError) as info:
        load(ind.parent, tmp_path / "data")
    assert "d.csv:1:4: value: column 'value' appears twice; keep one" in str(info.value)


def test_an_unterminated_quote_is_named_where_its_row_starts(tmp_path: Path) -> None:
    ind = write(tmp_path / "ind" / "a.yaml", GOOD_INDICATOR)
    rows = 'indicator,as_of,value\njobs,2020-06-30,"4.22\njobs,2020-06-30,4.22\n'
    write(tmp_path / "data" / "d.csv", rows)
    with pytest.raises(InputError) as info:
        load(ind.parent, tmp_path / "data")
    assert "d.csv:2:1: a quote opened on this line is never closed" in str(info.value)


def test_no_figures_at_all_is_bad_input(tmp_path: Path) -> None:
    ind = write(tmp_path / "ind" / "a.yaml", GOOD_INDICATOR)
    write(tmp_path / "data" / "d.csv", "indicator,as_of,value\n")
    with pytest.raises(InputError, match=r"d\.csv:1:1: no stated figures in the data"):
        load(ind.parent, tmp_path / "data")


def test_definition_errors_do_not_hide_data_errors(tmp_path: Path) -> None:
    text = GOOD_INDICATOR.replace("    target:", "    targte:")
    data = DATA.replace("as_of:", "asof:")
    problems = _problems(tmp_path, text, data)
    where = [p.split(": ", 1)[0] for p in problems]
    assert where == [
        "data/d.yaml:1:1",
        "data/d.yaml:3:1",
        "ind/a.yaml:6:5",
    ]  # missing as_of, unknown asof


def test_a_quote_running_over_rows_is_named_where_it_opens(tmp_path: Path) -> None:
    # The quote opened on line 3 closes on line 12, swallowing nine rows: the row is
    # named at line 3, where the mistake is, not at line 12.
    ind = write(tmp_path / "ind" / "a.yaml", GOOD_INDICATOR)
    rows = "indicator,as_of,value\njobs,2020-06-30,4.22\n" + 'jobs,"2020-06-30,4.22\n'
    rows += "jobs,2020-06-30,4.22\n" * 8 + 'jobs,2020-06-30",4.22,x\n'
    write(tmp_path / "data" / "d.csv", rows)
    with pytest.raises(InputError) as info:
        load(ind.parent, tmp_path / "data")
    [problem] = info.value.problems
    assert (problem.line, str(problem.message)) == (
        3,
        "4 cells where the header has 3; a quoted cell opened on this line runs to line 12: "
        "check its quotes",
    )


def test_a_fifo_or_a_device_is_said_what_it_is(tmp_path: Path) -> None:
    import os

    ind = write(tmp_path / "ind" / "a.yaml", GOOD_INDICATOR)
    os.mkfifo(tmp_path / "d.csv")
    with pytest.raises(UsageError, match=r"d.csv: this is a named pipe \(FIFO\), not a regular"):
        load(ind.parent, tmp_path / "d.csv")
    with pytest.raises(UsageError, match="this is a character device, not a regular file"):
        load(ind.parent, Path("/dev/zero"))


def test_text_fields_refuse_control_characters(tmp_path: Path) -> None:
    data = DATA.replace("region: 测试市", 'region: "测试市\\e]0;x\\a"')
    assert _problems(tmp_path, GOOD_INDICATOR, data) == [
        "data/d.yaml:2:9: region: the text holds a terminal escape (ESC) at character 4; "
        "remove it: text fields hold printable characters only"
    ]


def test_chinese_forms_an_analyst_types(tmp_path: Path) -> None:
    data = (
        "source: 测试\nregion: 测试市\nas_of: 2023年6月30日\nfigures:\n"
        "  jobs:\n    value: 2.268万人\n    completion: 56.7%\n"
    )
    ind = write(tmp_path / "ind" / "a.yaml", GOOD_INDICATOR)
    dat = write(tmp_path / "data" / "d.yaml", data)
    _, dataset = load(ind.parent, dat.parent)
    [obs] = dataset.observations
    assert obs.as_of.isoformat() == "2023-06-30"
    assert obs.stated.value is not None and obs.stated.value.literal == "2.268"
    assert obs.stated.completion is not None and obs.stated.completion.decimals == 1


def test_a_key_and_value_joined_by_a_full_width_colon(tmp_path: Path) -> None:
    # Alone under its indicator, "value：4.22" is a valid YAML text, where keys belong.
    data = DATA.replace("value: 4.22", "value：4.22")
    assert _problems(tmp_path, GOOD_INDICATOR, data) == [
        "data/d.yaml:6:5: figures.jobs: 'value：4.22' joins a key and its value with a "
        "full-width colon '：'; use a half-width colon ':' and a space: value: 4.22"
    ]


@pytest.mark.parametrize(
    ("target", "says"),
    [
        # 1.2万 in an indicator counted in 人: the figure to write is 12000.
        (
            "1.2万",
            "'1.2万' ends in a multiplier without its unit; write the number alone in the "
            'indicator\'s unit (or the figure\'s unit:): "12000" if that is 人 or 元, "1.2" '
            "if it is 万人 or 万元",
        ),
        (
            "1.2万人",
            "1.2万人 is in 万人, but the indicator's unit is 人: write the number in 人: 12000",
        ),
    ],
)
def test_a_target_in_wan_says_what_to_write(tmp_path: Path, target: str, says: str) -> None:
    text = GOOD_INDICATOR.replace("unit: 万人", "unit: 人").replace(
        'target: "4"', f"target: {target}"
    )
    data = DATA.replace("4.22", "42200")
    [problem] = _problems(tmp_path, text, data)
    assert problem == f"ind/a.yaml:6:13: indicators.1.target: {says}"
