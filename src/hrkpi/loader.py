"""Loading indicator definitions and stated data, with every problem located.

Schema errors from pydantic are mapped back to the YAML node that caused them
(file:line:column), and every problem in every file is collected before one
`InputError` is raised, so a user fixes them all in one pass.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from hrkpi.catalog import Catalog
from hrkpi.errors import InputError, Problem, UsageError, display_path, problem
from hrkpi.models import (
    Change,
    DataFile,
    Indicator,
    IndicatorFile,
    Section,
    StatedFigure,
    Threshold,
)
from hrkpi.numbers import RoundingMode
from hrkpi.observations import Dataset, Observation
from hrkpi.yamlsource import Document, Path_, dotted, load_document, read_text

M = TypeVar("M", bound=BaseModel)

# Every key any input model knows, for "did you mean" hints on a misspelt key.
_KNOWN_KEYS = sorted(
    {
        name
        for model in (IndicatorFile, Indicator, Section, Threshold, DataFile, StatedFigure, Change)
        for name in model.model_fields
    }
)


def bundled_path(name: str) -> Path:
    """The bundled report's `indicators` or `data` folder.

    Inside an installed wheel they live in `hrkpi/bundled/`; in a source
    checkout (or editable install) they are the repository's top-level folders.
    """
    packaged = resources.files("hrkpi").joinpath("bundled", name)
    if packaged.is_dir():
        return Path(str(packaged))
    source = Path(__file__).resolve().parents[2] / name
    if source.is_dir():
        return source
    raise UsageError(
        f"the bundled {name}/ folder is missing; pass --{name} PATH"
    )  # pragma: no cover


def _files(path: Path, suffixes: tuple[str, ...], what: str) -> list[Path]:
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.suffix.lower() in suffixes and p.is_file())
        if not found:
            raise UsageError(f"{path}: no {what} files ({', '.join(suffixes)}) in this folder")
        return found
    if path.is_file():
        return [path]
    raise UsageError(f"{path}: no such file or folder; check the --{what} path")


def validate_model(model: type[M], doc: Document, problems: list[Problem]) -> M | None:
    """Validate a document against a model; append every error as a located Problem."""
    try:
        return model.model_validate(doc.data if doc.data is not None else {})
    except ValidationError as exc:
        problems.extend(_problems(exc, doc))
        return None


def _problems(exc: ValidationError, doc: Document, prefix: Path_ = ()) -> list[Problem]:
    found = []
    for err in exc.errors():
        loc = (*prefix, *err["loc"])
        known = doc.known_prefix(loc)
        kind = err["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            line, col = doc.mark(loc, key=True)
            close = difflib.get_close_matches(key, _KNOWN_KEYS, n=1, cutoff=0.6)
            hint = (
                f"; did you mean {close[0]!r}?" if close else "; remove it or check docs/format.md"
            )
            message = f"unknown key {key!r}{hint}"
        elif kind == "missing":
            line, col = doc.mark(known)
            message = f"missing required key {str(loc[-1])!r}; add it"
            known = loc
        else:
            line, col = doc.mark(known)
            message = _message(err)
            if len(loc) > len(known) and not isinstance(loc[len(known)], int):
                # pydantic adds union/validator names to the path; they mean nothing to a user.
                pass
        found.append(
            problem(
                doc.path, line, col, dotted(known if kind != "extra_forbidden" else loc), message
            )
        )
    return found


def _message(err: Any) -> str:
    msg = str(err["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    if err["type"] in ("enum", "literal_error"):
        msg += f" (got {err.get('input')!r})"
    return msg


def load_catalog(path: Path) -> Catalog:
    """Load every `*.yaml` definitions file under `path` into one Catalog."""
    problems: list[Problem] = []
    catalog = Catalog()
    defined: list[tuple[Indicator, Document, int]] = []
    for file in _files(path, (".yaml", ".yml"), "indicators"):
        try:
            doc = load_document(file)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        parsed = validate_model(IndicatorFile, doc, problems)
        if parsed is None:
            continue
        for i, section in enumerate(parsed.sections):
            if section.id in catalog.sections:
                problems.append(
                    problem(
                        file,
                        *doc.mark(("sections", i, "id")),
                        f"sections.{i}.id",
                        f"section {section.id!r} is defined twice; give it one definition",
                    )
                )
            catalog.sections[section.id] = section
        for i, indicator in enumerate(parsed.indicators):
            loc = ("indicators", i, "id")
            if indicator.id in catalog.indicators:
                first = catalog.origins[indicator.id]
                problems.append(
                    problem(
                        file,
                        *doc.mark(loc),
                        f"indicators.{i}.id",
                        f"indicator {indicator.id!r} is already defined at "
                        f"{first[0]}:{first[1]}; ids must be unique",
                    )
                )
                continue
            catalog.indicators[indicator.id] = indicator
            line, col = doc.mark(("indicators", i))
            catalog.origins[indicator.id] = (display_path(file), line, col)
            defined.append((indicator, doc, i))
    for indicator, doc, i in defined:
        problems.extend(_cross_check(indicator, doc, i, catalog))
    if problems:
        raise InputError(problems)
    return catalog


def _cross_check(indicator: Indicator, doc: Document, i: int, catalog: Catalog) -> list[Problem]:
    found = []
    if indicator.section is not None and indicator.section not in catalog.sections:
        close = difflib.get_close_matches(indicator.section, catalog.sections, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else "; define it under sections:"
        found.append(
            problem(
                doc.path,
                *doc.mark(("indicators", i, "section")),
                f"indicators.{i}.section",
                f"unknown section {indicator.section!r}{hint}",
            )
        )
    for j, part in enumerate(indicator.parts):
        loc = ("indicators", i, "parts", j)
        other = catalog.indicators.get(part)
        if other is None:
            found.append(
                problem(
                    doc.path,
                    *doc.mark(loc),
                    dotted(loc),
                    f"unknown indicator {part!r} in parts; define it or fix the id",
                )
            )
        elif other.unit.base != indicator.unit.base:
            found.append(
                problem(
                    doc.path,
                    *doc.mark(loc),
                    dotted(loc),
                    f"part {part!r} is in {other.unit.symbol}, which cannot add up to "
                    f"{indicator.unit.symbol}; parts need the same kind of unit",
                )
            )
    return found


def load_dataset(path: Path, catalog: Catalog) -> Dataset:
    """Load stated figures from a data file or folder (YAML, or long-format CSV)."""
    problems: list[Problem] = []
    observations: list[Observation] = []
    for file in _files(path, (".yaml", ".yml", ".csv"), "data"):
        try:
            if file.suffix.lower() == ".csv":
                observations.extend(_load_csv(file, catalog, problems))
            else:
                observations.extend(_load_yaml_data(file, catalog, problems))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return Dataset(observations)


def _load_yaml_data(file: Path, catalog: Catalog, problems: list[Problem]) -> list[Observation]:
    doc = load_document(file)
    parsed = validate_model(DataFile, doc, problems)
    if parsed is None:
        return []
    found = []
    for ind_id, stated in parsed.figures.items():
        loc: Path_ = ("figures", ind_id)
        indicator = catalog.indicators.get(ind_id)
        if indicator is None:
            problems.append(
                _unknown_indicator(doc.path, doc.mark(loc, key=True), dotted(loc), ind_id, catalog)
            )
            continue
        unit_problem = _unit_problem(indicator, stated)
        if unit_problem:
            problems.append(
                problem(doc.path, *doc.mark((*loc, "unit")), dotted((*loc, "unit")), unit_problem)
            )
            continue
        marks = {
            dotted(key[2:]): mark
            for key, mark in doc.marks.items()
            if key[:2] == loc and len(key) > 2
        }
        found.append(
            Observation(
                indicator=ind_id,
                region=parsed.region,
                as_of=stated.as_of or parsed.as_of,
                stated=stated,
                rounding=parsed.rounding,
                source=parsed.source,
                file=display_path(doc.path),
                line=doc.mark(loc, key=True)[0],
                marks=marks,
            )
        )
    return found


def _unknown_indicator(
    path: Path, mark: tuple[int, int], field_: str, ind_id: str, catalog: Catalog
) -> Problem:
    close = difflib.get_close_matches(ind_id, catalog.indicators, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else "; define it in indicators/ first"
    return problem(path, *mark, field_, f"no indicator {ind_id!r} is defined{hint}")


def _unit_problem(indicator: Indicator, stated: StatedFigure) -> str | None:
    if stated.unit is not None and stated.unit.base != indicator.unit.base:
        return (
            f"unit {stated.unit.symbol!r} cannot be converted to the indicator's "
            f"{indicator.unit.symbol!r}; use a unit of the same kind"
        )
    return None


CSV_COLUMNS = {
    "indicator": "indicator id (required)",
    "value": "the stated value (required)",
    "region": "region name",
    "as_of": "as-of date, YYYY-MM-DD (required)",
    "unit": "unit of value if not the indicator's",
    "completion": "stated completion rate in %",
    "base": "base of the stated change: same_period_last_year, end_of_last_year or a date",
    "change_abs": "stated absolute change",
    "change_pct": "stated relative change in %",
    "change_pp": "stated change in percentage points",
    "previous": "stated base value",
    "rounding": "half_even, half_up, truncate or either",
    "source": "the report or table the figure comes from",
    "quote": "the sentence of the report",
    "location": "where it stands in the report",
}


def _load_csv(file: Path, catalog: Catalog, problems: list[Problem]) -> list[Observation]:
    text = read_text(file)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        problems.append(problem(file, 1, 1, "", "the CSV file is empty; it needs a header row"))
        return []
    header = [h.strip() for h in header]
    for j, name in enumerate(header):
        if name not in CSV_COLUMNS:
            close = difflib.get_close_matches(name, CSV_COLUMNS, n=1)
            hint = (
                f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(CSV_COLUMNS)}"
            )
            problems.append(problem(file, 1, j + 1, name, f"unknown column {name!r}{hint}"))
    for required in ("indicator", "value", "as_of"):
        if required not in header:
            problems.append(
                problem(file, 1, 1, required, f"missing column {required!r}; add it to the header")
            )
    if any(p.file == display_path(file) and p.line == 1 for p in problems):
        return []  # without a usable header no row can be read
    found = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                problem(file, line, 1, "", f"{len(row)} cells where the header has {len(header)}")
            )
            continue
        cells = {name: cell.strip() for name, cell in zip(header, row, strict=True) if cell.strip()}
        col = {name: j + 1 for j, name in enumerate(header)}
        obs = _csv_observation(file, line, cells, col, catalog, problems)
        if obs is not None:
            found.append(obs)
    return found


def _csv_observation(
    file: Path,
    line: int,
    cells: dict[str, str],
    col: dict[str, int],
    catalog: Catalog,
    problems: list[Problem],
) -> Observation | None:
    if "as_of" not in cells:
        problems.append(
            problem(file, line, col["as_of"], "as_of", "as_of is empty; give the date, YYYY-MM-DD")
        )
        return None
    ind_id = cells.get("indicator", "")
    indicator = catalog.indicators.get(ind_id)
    if indicator is None:
        problems.append(
            _unknown_indicator(file, (line, col["indicator"]), "indicator", ind_id, catalog)
        )
        return None
    change = {
        k: cells[c]
        for k, c in (
            ("abs", "change_abs"),
            ("pct", "change_pct"),
            ("pp", "change_pp"),
            ("previous", "previous"),
        )
        if c in cells
    }
    raw: dict[str, Any] = {"value": cells.get("value"), "as_of": cells.get("as_of")}
    for key in ("unit", "completion", "quote", "location"):
        if key in cells:
            raw[key] = cells[key]
    if change:
        raw["changes"] = [{"base": cells.get("base"), **change}]
    try:
        stated = StatedFigure.model_validate(raw)
        rounding = RoundingMode(cells.get("rounding", RoundingMode.HALF_EVEN.value))
    except ValidationError as exc:
        for err in exc.errors():
            name = _csv_column(err["loc"])
            problems.append(problem(file, line, col.get(name, 1), name, _message(err)))
        return None
    except ValueError:
        problems.append(
            problem(
                file,
                line,
                col["rounding"],
                "rounding",
                "rounding is one of half_even, half_up, truncate, either",
            )
        )
        return None
    unit_problem = _unit_problem(indicator, stated)
    if unit_problem:
        problems.append(problem(file, line, col.get("unit", 1), "unit", unit_problem))
        return None
    marks = {name: (line, j) for name, j in col.items()}
    return Observation(
        indicator=ind_id,
        region=cells.get("region", ""),
        as_of=stated.as_of,  # type: ignore[arg-type]  # as_of is required in CSV
        stated=stated,
        rounding=rounding,
        source=cells.get("source", file.name),
        file=display_path(file),
        line=line,
        marks=marks,
    )


def _csv_column(loc: Iterable[str | int]) -> str:
    parts = list(loc)
    if parts[:1] == ["changes"]:
        key = str(parts[2]) if len(parts) > 2 else "base"
        return {"abs": "change_abs", "pct": "change_pct", "pp": "change_pp"}.get(key, key)
    return str(parts[0]) if parts else ""
