"""Long-format Parquet data: the CSV columns, one stated figure per row.

Figures must be stored as text (or Decimal): a floating-point column has
already lost a figure's stated decimals ("236.60" as 236.6), so it is refused.
Problems are reported at the row (numbered from 1) and column. Reading needs
polars (`pip install 'hrkpi[fast]'`).
"""

from __future__ import annotations

from pathlib import Path

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import Problem, UsageError, display_path, problem
from hrkpi.core.limits import MAX_COLUMNS
from hrkpi.core.messages import Msg, reason
from hrkpi.core.observations import Observation
from hrkpi.sources.csvfile import row_observation
from hrkpi.sources.csvheader import header_problems

FIGURE_COLUMNS = ("value", "completion", "change_abs", "change_pct", "change_pp", "previous")
_NESTED_NAMES = {
    "List": Msg("lists"),
    "Array": Msg("arrays"),
    "Struct": Msg("records"),
    "Object": Msg("objects"),
    "Binary": Msg("bytes"),
}
_NESTED = tuple(_NESTED_NAMES)


def parquet_problems(file: Path, schema: dict[str, str]) -> list[Problem]:
    """Header problems, and figure columns stored as floats (their decimals are lost)."""
    names = list(schema)
    found = header_problems(file, names)
    if len(names) > MAX_COLUMNS:
        return found
    for j, name in enumerate(names):
        if schema[name].startswith(_NESTED):
            found.append(
                problem(
                    file,
                    1,
                    j + 1,
                    name,
                    Msg(
                        "column {name!r} holds {what} in each row; a column holds one text or "
                        "number per row",
                        name=name,
                        what=_NESTED_NAMES[schema[name].split("(")[0]],
                    ),
                )
            )
        elif name in FIGURE_COLUMNS and schema[name].startswith("Float"):
            found.append(
                problem(
                    file,
                    1,
                    j + 1,
                    name,
                    Msg(
                        "column {name!r} holds floating-point numbers, which have lost each "
                        "figure's stated decimals; store figures as text (or Decimal)",
                        name=name,
                    ),
                )
            )
    return found


def load_parquet(file: Path, catalog: Catalog, problems: list[Problem]) -> list[Observation]:
    """Every row of a Parquet file as an Observation (rows numbered from 1)."""
    try:
        import polars as pl
    except ImportError:
        raise UsageError(
            Msg(
                "{file}: reading Parquet needs polars; install it with pip install 'hrkpi[fast]'",
                file=str(file),
            )
        ) from None
    try:
        frame = pl.read_parquet(file)
    except Exception as exc:  # polars raises several kinds for a damaged file
        # polars' own words (English) say what is damaged.
        said = Msg("cannot read the Parquet file: {why}", why=reason(exc))
        problems.append(problem(file, 1, 1, "", said))
        return []
    schema = {name: str(dtype) for name, dtype in frame.schema.items()}
    found_problems = parquet_problems(file, schema)
    if found_problems:
        problems.extend(found_problems)
        return []
    col = {name: j + 1 for j, name in enumerate(frame.columns)}
    text = frame.select(pl.all().cast(pl.String))
    found = []
    shown = display_path(file)
    for i, row in enumerate(text.iter_rows(), start=1):
        cells = {n: v.strip() for n, v in zip(frame.columns, row, strict=True) if v and v.strip()}
        if not cells:
            continue
        obs = row_observation(file, i, cells, col, catalog, problems, shown)
        if obs is not None:
            found.append(obs)
    return found
