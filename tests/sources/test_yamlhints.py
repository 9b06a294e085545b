"""YAML syntax errors: a plain sentence, at the line to change."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrkpi.core.errors import InputError
from hrkpi.sources.yamldoc import load_document

HEAD = "source: 测试\nregion: 测试市\nas_of: 2020-06-30\nfigures:\n"


@pytest.mark.parametrize(
    ("body", "where", "says"),
    [
        # unit: % unquoted: % starts a YAML directive.
        ("  rate:\n    unit: %\n", "6:11", "a value cannot start with '%' (a YAML directive)"),
        ("  rate:\n    label: @x\n", "6:12", "a value cannot start with '@'"),
        ("  rate:\n\tvalue: 3.56\n", "6:1", "a tab character; YAML indents with spaces only"),
        # The parser stops at line 7; the key off the file's indentation is line 6.
        (
            "  rate:\n     value: 3.56\n    quote: x\n",
            "6:6",
            "this line is indented 5 spaces, the next one (line 7) 4: keys of one mapping line "
            "up; indent this line by 4 spaces, as its parent (line 5) is indented 2 and the "
            "file steps by 2",
        ),
        (
            "  rate:\n    value: 3.56\n   quote: x\n",
            "7:4",
            "this line is indented 3 spaces, between the 4 of line 6 and the 2 of line 5",
        ),
        (
            "  rate:\n    value: 3.56\n      quote: x\n",
            "7:7",
            "this line is indented more than line 6, so YAML reads it as part of that line's value",
        ),
        # The parser stops at line 7; the colon is missing on line 6.
        ("  rate:\n    value 3.56\n    quote: x\n", "6:5", "this line has no ': ' between its key"),
        (
            "  rate:\n    value: 3.56\n    changes:\n      - base: 2020-02-10\n      pp: 1\n",
            "9:7",
            "this line lines up with the list items ('- ') of line 8 but is not one: to belong "
            "to the item above, indent it by 8 spaces",
        ),
        # Reported where the quote or bracket opens, not at the end of the file.
        ('  rate:\n    quote: "abc\n  jobs:\n    value: 1\n', "6:12", "the quote opened here"),
        ("  rate:\n    value: [3.56\n  jobs:\n    value: 1\n", "6:12", "the [ opened here"),
        ('  rate:\n    quote: "C:\\path"\n', "6:15", "a backslash in double quotes"),
        ("  rate: - 3\n", "5:9", "a list item ('- ') cannot stand after a key"),
        ("  rate:\n    value: 1\n---\nx: 1\n", "7:1", "more than one YAML document"),
        ("  rate:\n    value: 1\x1b\n", "6:13", "a control character (U+001B)"),
    ],
)
def test_syntax_errors_in_plain_words(tmp_path: Path, body: str, where: str, says: str) -> None:
    file = tmp_path / "d.yaml"
    file.write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_document(file)
    [problem] = info.value.problems
    assert f"{problem.line}:{problem.column}" == where, problem
    assert str(problem.message).startswith("malformed YAML: ")
    assert says in str(problem.message), problem.message


@pytest.mark.parametrize(
    ("body", "where", "key"),
    [
        # A Chinese input method's colon: YAML takes "jobs：" for text, and the indented
        # line after it fails; the hint stands at the colon.
        ("  jobs：\n    value: 4.22\n", "5:7", "jobs"),
        ("  jobs:\n    value：4.22\n    completion: 105.5\n", "6:10", "value"),
    ],
)
def test_a_full_width_colon_is_named(tmp_path: Path, body: str, where: str, key: str) -> None:
    file = tmp_path / "d.yaml"
    file.write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_document(file)
    [problem] = info.value.problems
    assert f"{problem.line}:{problem.column}" == where, problem
    assert str(problem.message) == (
        f"malformed YAML: {key}：uses a full-width colon '：'; a key takes a half-width "
        f"colon ':' and a space ({key}: ...)"
    )


def test_a_full_width_colon_at_the_top_is_named(tmp_path: Path) -> None:
    file = tmp_path / "d.yaml"
    file.write_text("as_of：2020-06-30\nsource: x\nfigures:\n  jobs:\n    value: 1\n", "utf-8")
    with pytest.raises(InputError) as info:
        load_document(file)
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (1, 6)
    assert "as_of：uses a full-width colon" in str(problem.message)


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        # An indicators file quotes its targets: the next quote (target: "4") closes the
        # one left open, and the parser failed at line 6 with words about indentation.
        (
            'indicators:\n  - id: jobs\n    name: "失业人员再就业\n    unit: 万人\n'
            '    measure: flow\n    target: "4"\n',
            "3:11",
            "the quote opened here is not closed on its line: YAML reads on to the next "
            "quote, on line 6, and takes lines 4 to 6 for text; close the quote on this line",
        ),
        (
            HEAD + "  rate:\n    quote: '截至6月末\n    value: 1\n  jobs:\n    quote: '全市'\n",
            "6:12",
            "the quote opened here is not closed on its line: YAML reads on to the next "
            "quote, on line 9, and takes lines 7 to 9 for text; close the quote on this line",
        ),
        # Columns count characters: the quote after a Chinese key.
        (
            'headers:\n  失业人员再就业: "reemployment\n  其他: "x"\n',
            "2:12",
            "the quote opened here is not closed on its line: YAML reads on to the next "
            "quote, on line 3, and takes that line for text; close the quote on this line",
        ),
        # A quote wrapped on purpose (its next line indented further) is not blamed for
        # a slip after it.
        (
            HEAD
            + '  rate:\n    quote: "第一行\n      说明: 第二行"\n    value 3.56\n    unit: x\n',
            "8:5",
            "a key needs a colon and a space after it (value: 4.22); add them",
        ),
    ],
)
def test_a_quote_closed_only_by_a_later_quote(
    tmp_path: Path, text: str, where: str, says: str
) -> None:
    file = tmp_path / "a.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_document(file)
    [problem] = info.value.problems
    assert f"{problem.line}:{problem.column}" == where, problem
    assert str(problem.message) == f"malformed YAML: {says}"
