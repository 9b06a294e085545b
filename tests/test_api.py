"""The public Python surface: `hrkpi.__all__` stays importable, typed, and takes
paths as str or os.PathLike everywhere."""

from __future__ import annotations

import inspect
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from tests.conftest import DATA, INDICATORS

import hrkpi
from hrkpi.core.errors import UsageError

# The library's messages as the code writes them (English); Chinese is the CLI's default.
pytestmark = pytest.mark.usefixtures("english")


class Spelled:
    """An os.PathLike that is not a pathlib.Path (as a user's own path class may be)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return self.path


def test_every_public_name_is_importable_and_documented() -> None:
    for name in hrkpi.__all__:
        value = getattr(hrkpi, name)
        if name != "__version__":
            assert inspect.getdoc(value), f"hrkpi.{name} has no docstring"


def test_every_public_function_is_fully_annotated() -> None:
    for name in hrkpi.__all__:
        value = getattr(hrkpi, name)
        if inspect.isfunction(value):
            signature = inspect.signature(value)
            missing = [p for p in signature.parameters.values() if p.annotation is p.empty]
            assert not missing, f"hrkpi.{name}: {missing} not annotated"
            assert signature.return_annotation is not signature.empty, name


@pytest.mark.parametrize("kind", [str, Path, Spelled])
def test_paths_as_str_or_pathlike(kind: type, tmp_path: Path) -> None:
    ind, data = kind(str(INDICATORS)), kind(str(DATA))
    report = hrkpi.compute(ind, data)
    rows = {r.indicator.id: r for r in report.results}
    assert rows["reemployment"].completion == Fraction(211, 2)  # 4.22 / 4 = 105.5%
    assert hrkpi.validate(ind, data).indicators == len(report.catalog.indicators)
    assert hrkpi.check(ind, data).failed() is False
    catalog, _ = hrkpi.load(ind, data)
    assert "reemployment" in catalog.indicators
    written = hrkpi.export_report(report, kind(str(tmp_path / "t.csv")))
    assert written == tmp_path / "t.csv" and "105.50%" in written.read_text(encoding="utf-8")


def test_options_by_name_and_tolerance_as_text() -> None:
    by_enum = hrkpi.compute(pace_method=hrkpi.PaceMethod.MONTHS, tolerance=Fraction(1, 2))
    by_name = hrkpi.compute(pace_method="months", tolerance="0.5", engine="exact")
    assert by_enum.pace == by_name.pace == 50
    assert by_name.tolerance == Fraction(1, 2)
    assert hrkpi.compute(tolerance=Decimal("0.5")).tolerance == Fraction(1, 2)
    with pytest.raises(UsageError, match="'sideways' is not one of 'days', 'months'"):
        hrkpi.compute(pace_method="sideways")
    with pytest.raises(UsageError, match="pace tolerance 'Infinity'"):
        hrkpi.check(tolerance="Infinity")
    with pytest.raises(UsageError, match=r"a path must be a str or os\.PathLike, not int"):
        hrkpi.compute(3)  # type: ignore[arg-type]


SNIPPET = """
from pathlib import Path

import hrkpi
from hrkpi import CheckReport, Lang, Report

report: Report = hrkpi.compute("indicators", Path("data"), pace_method="days", tolerance="1")
findings: CheckReport = hrkpi.check("indicators", "data", engine=hrkpi.Engine.EXACT)
table = hrkpi.build_table(report, lang=Lang.EN)
written: Path = hrkpi.export_report(report, "t.xlsx", findings=findings)
names: list[str] = [row.cells["name"].text for row in table.indicator_rows()]
version: str = hrkpi.__version__
"""


def test_the_public_surface_passes_mypy_strict(tmp_path: Path) -> None:
    snippet = tmp_path / "use_hrkpi.py"
    snippet.write_text(SNIPPET, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(snippet)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
