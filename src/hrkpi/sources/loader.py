"""Loading indicator definitions and stated data, with every problem located.

Schema errors from pydantic are mapped back to the YAML node that caused them
(file:line:column), and every problem in every file is collected before one
`InputError` is raised, so a user fixes them all in one pass.
"""

from __future__ import annotations

import csv
import difflib
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import InputError, Problem, UsageError, display_path, problem
from hrkpi.core.models import (
    Change,
    DataFile,
    Indicator,
    IndicatorFile,
    Section,
    StatedFigure,
    Threshold,
)
from hrkpi.core.observations import Dataset, Observation
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.relations import Margin, Ratio, Restated, Share, UnitDeclaration
from hrkpi.core.targets import AssignedTarget
from hrkpi.core.units import declared_units
from hrkpi.sources.crosscheck import definition_problems, relation_problems
from hrkpi.sources.csvfile import header_problems, load_csv
from hrkpi.sources.declared import read_unit_declarations
from hrkpi.sources.encoding import read_table_text
from hrkpi.sources.messages import (
    abs_unit_problems,
    pydantic_message,
    unit_problem,
    unknown_indicator,
)
from hrkpi.sources.parquetfile import load_parquet
from hrkpi.sources.yamldoc import Document, Path_, dotted, load_document

M = TypeVar("M", bound=BaseModel)

# Every key any input model knows, for "did you mean" hints on a misspelt key.
_KNOWN_KEYS = sorted(
    {
        name
        for model in (
            IndicatorFile,
            Indicator,
            Section,
            Threshold,
            DataFile,
            StatedFigure,
            Change,
            Share,
            Margin,
            Restated,
            Ratio,
            UnitDeclaration,
        )
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
    source = Path(__file__).resolve().parents[3] / name
    if source.is_dir():
        return source
    raise UsageError(
        f"the bundled {name}/ folder is missing; pass --{name} PATH"
    )  # pragma: no cover


DATA_SUFFIXES = (".yaml", ".yml", ".csv", ".parquet", ".xlsx", ".xlsm")
# Files a data folder may hold beside the figures, found by name and never read as
# figures: the region hierarchy and the targets assigned to regions.
REGIONS_NAMES = ("regions.csv",)
TARGETS_NAMES = ("targets.csv", "targets.yaml", "targets.yml", "targets.xlsx")


def data_files(path: Path) -> list[Path]:
    """The data files a data path names (a file, or a folder's data files by name)."""
    files = _files(path, DATA_SUFFIXES, "data")
    if path.is_dir():
        kept = [f for f in files if f.name.lower() not in (*REGIONS_NAMES, *TARGETS_NAMES)]
        if not kept:
            raise UsageError(f"{path}: no data files ({', '.join(DATA_SUFFIXES)}) in this folder")
        return kept
    return files


def beside_data(path: Path, names: tuple[str, ...]) -> Path | None:
    """A file named one of `names` in the data folder (or beside a data file), if any."""
    folder = path if path.is_dir() else path.parent
    return next((folder / n for n in names if (folder / n).is_file()), None)


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
    if doc.data is None and model is DataFile:
        problems.append(
            problem(
                doc.path,
                1,
                1,
                "",
                "the file is empty; a data file needs source, region, "
                "as_of and figures (see docs/format.md)",
            )
        )
        return None
    if doc.data is not None and not isinstance(doc.data, dict):
        line, col = doc.mark(())
        problems.append(
            problem(
                doc.path,
                line,
                col,
                "",
                "the file must be a mapping of keys "
                "(source:, figures: ...), not a list or a single value",
            )
        )
        return None
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
            # pydantic may add union or validator names after the known path;
            # the problem is shown at the deepest node the file has.
            message = pydantic_message(err)
        found.append(
            problem(
                doc.path, line, col, dotted(known if kind != "extra_forbidden" else loc), message
            )
        )
    return found


def load_catalog(path: Path) -> Catalog:
    """Load every `*.yaml` definitions file under `path` into one Catalog."""
    problems: list[Problem] = []
    catalog = Catalog()
    defined: list[tuple[Indicator, Document, int]] = []
    docs: list[Document] = []
    mapped: list[tuple[str, str, Document]] = []
    for file in _files(path, (".yaml", ".yml"), "indicators"):
        try:
            docs.append(load_document(file))
        except InputError as exc:
            problems.extend(exc.problems)
    # Units first: any file's indicators (and the data) may use any file's units.
    catalog.units = read_unit_declarations(docs, problems, _problems)
    with declared_units(catalog.units):
        parsed_files = [(doc, validate_model(IndicatorFile, doc, problems)) for doc in docs]
    for doc, parsed in parsed_files:
        file = doc.path
        if parsed is None:
            continue
        for header, ind_id in parsed.headers.items():
            catalog.headers["".join(header.split())] = ind_id
            mapped.append((header, ind_id, doc))
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
        problems.extend(definition_problems(indicator, doc, i, catalog))
    for header, ind_id, doc in mapped:
        if ind_id not in catalog.indicators:
            where: Path_ = ("headers", header)
            problems.append(
                unknown_indicator(doc.path, doc.mark(where), dotted(where), ind_id, catalog)
            )
    if problems:
        raise InputError(problems)
    return catalog


def data_file_problems(path: Path) -> list[Problem]:
    """Problems a data folder has whatever the definitions say: YAML syntax and
    schema, CSV encoding and header. Used when the definitions themselves fail, so
    one run still lists every problem."""
    problems: list[Problem] = []
    try:
        files = data_files(path)
    except UsageError:
        return problems
    for file in files:
        try:
            if file.suffix.lower() in (".yaml", ".yml"):
                validate_model(DataFile, load_document(file), problems)
            elif file.suffix.lower() == ".csv":
                header = read_table_text(file)[0].splitlines()[:1]
                row = next(csv.reader(header), []) if header else []
                problems.extend(header_problems(file, [h.strip() for h in row]))
        except InputError as exc:
            problems.extend(exc.problems)
    return problems


def load_dataset(path: Path, catalog: Catalog, hierarchy: RegionHierarchy | None = None) -> Dataset:
    """Load stated figures from a data file or folder (YAML, long-format CSV or Parquet,
    or workbooks); `hierarchy` tells whose figures a workbook's 合计 row holds.

    The same figure stated again (in another file, or a later CSV row) is kept:
    `hrkpi check` compares the two (a restatement), so nothing stated is lost.
    """
    problems: list[Problem] = []
    observations: list[Observation] = []
    targets: list[AssignedTarget] = []
    encodings: dict[str, str] = {}
    with declared_units(catalog.units):
        for file in data_files(path):
            try:
                if file.suffix.lower() == ".csv":
                    observations.extend(load_csv(file, catalog, problems, encodings))
                elif file.suffix.lower() in (".xlsx", ".xlsm"):
                    from hrkpi.sources.workbook import load_workbook_data

                    book = load_workbook_data(file, catalog, problems, hierarchy)
                    observations.extend(book.observations)
                    targets.extend(book.targets)
                elif file.suffix.lower() == ".parquet":
                    observations.extend(load_parquet(file, catalog, problems))
                else:
                    observations.extend(_load_yaml_data(file, catalog, problems))
            except InputError as exc:
                problems.extend(exc.problems)
    if not observations and not problems:
        # A CI run on an empty draft must not pass as if every figure agreed.
        where = data_files(path)[0]
        problems.append(
            problem(
                where,
                1,
                1,
                "",
                "no stated figures in the data; add figures "
                "(or point --data at the right file or folder)",
            )
        )
    problems.extend(relation_problems(observations, catalog))
    if problems:
        raise InputError(problems)
    return Dataset(observations, targets, encodings)


def _load_yaml_data(file: Path, catalog: Catalog, problems: list[Problem]) -> list[Observation]:
    doc = load_document(file)
    parsed = validate_model(DataFile, doc, problems)
    if parsed is None:
        # Still name figures no definition has, so one run reports every problem.
        figures = doc.data.get("figures") if isinstance(doc.data, dict) else None
        for ind_id in figures if isinstance(figures, dict) else {}:
            if ind_id not in catalog.indicators:
                key: Path_ = ("figures", ind_id)
                problems.append(
                    unknown_indicator(
                        doc.path, doc.mark(key, key=True), dotted(key), ind_id, catalog
                    )
                )
        return []
    found = []
    for ind_id, stated in parsed.figures.items():
        loc: Path_ = ("figures", ind_id)
        indicator = catalog.indicators.get(ind_id)
        if indicator is None:
            problems.append(
                unknown_indicator(doc.path, doc.mark(loc, key=True), dotted(loc), ind_id, catalog)
            )
            continue
        wrong_unit = unit_problem(indicator, stated)
        if wrong_unit:
            problems.append(
                problem(doc.path, *doc.mark((*loc, "unit")), dotted((*loc, "unit")), wrong_unit)
            )
            continue
        wrong_abs = abs_unit_problems(indicator, stated)
        for i, message in wrong_abs:
            where = (*loc, "changes", i, "abs_unit")
            problems.append(problem(doc.path, *doc.mark(where), dotted(where), message))
        if wrong_abs:
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
                as_of=stated.date or parsed.date,
                stated=stated,
                rounding=parsed.rounding,
                source=parsed.source,
                file=display_path(doc.path),
                line=doc.mark(loc, key=True)[0],
                marks=marks,
                period=stated.period or (parsed.period if stated.as_of is None else None),
                document_date=parsed.date,
            )
        )
    return found
