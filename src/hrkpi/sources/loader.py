"""Loading indicator definitions and stated data, with every problem located.

Schema errors from pydantic are mapped back to the YAML node that caused them
(file:line:column), and every problem in every file is collected before one
`InputError` is raised, so a user fixes them all in one pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import InputError, Problem, UsageError, display_path, problem
from hrkpi.core.figurerules import indicator_problems
from hrkpi.core.messages import Msg
from hrkpi.core.models import Indicator
from hrkpi.core.observations import Dataset, Observation
from hrkpi.core.targets import AssignedTarget
from hrkpi.core.text import shown
from hrkpi.core.units import declared_units
from hrkpi.sources.inputfiles import (
    DEFINITION_SUFFIXES,
    bundled_path,
    data_files,
    files_in,
    input_files,
)
from hrkpi.sources.messages import unknown_indicator
from hrkpi.sources.yamldata import load_yaml_data

# The schema models (pydantic), YAML, the readers of each kind and the unit
# declarations' validator are imported when a load needs them: the bundled report
# read from the cache (sources.loadcache) needs none of them, and importing them
# costs more than computing the report.
if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from hrkpi.core.regions import RegionHierarchy
    from hrkpi.sources.yamldoc import Document, Path_

T = TypeVar("T")
M = TypeVar("M", bound="BaseModel")


def validate_model(model: type[M], doc: Document, problems: list[Problem]) -> M | None:
    """`doc` validated by `model` (sources.validation); None, with its problems appended,
    when it is not valid."""
    from hrkpi.sources.validation import validate_model as validate

    return validate(model, doc, problems)


def _definition_errors(exc: ValidationError, doc: Document, prefix: Path_) -> list[Problem]:
    """A definitions file's errors below `prefix` (the units: a folder declares), located."""
    from hrkpi.core.indicatorschema import IndicatorFile
    from hrkpi.sources.validation import located

    return located(exc, doc, IndicatorFile, prefix)


def cached_load(
    indicators: Path, data: Path, hierarchy: RegionHierarchy | None, load: Callable[[], T]
) -> T:
    """`load()`; for the bundled report, what it returned before while none of its files
    and nothing of hrkpi has changed (sources.loadcache)."""
    if hierarchy is not None or (indicators, data) != (
        bundled_path("indicators"),
        bundled_path("data"),
    ):
        return load()
    from hrkpi.sources.loadcache import cached

    return cached(lambda: input_files(indicators, data), load)


@dataclass
class Unread:
    """What a definitions folder with problems could not define: the ids and sections of
    its entries that are not valid, and whether a file could not be read at all (its
    syntax, or its top level, is wrong)."""

    ids: set[str] = field(default_factory=set)
    sections: set[str] = field(default_factory=set)
    whole_file: bool = False

    def refers(self, found: Problem) -> bool:
        """Whether `found` only says that an id or section of an unread entry is unknown:
        the entry's own problems are the ones to fix."""
        template = found.message.template
        if template.startswith("unknown section"):
            names = self.sections
        elif template.startswith(("unknown indicator", "no indicator")):
            names = self.ids
        else:
            return False
        said = {v for k, v in found.message.params if k in ("id", "section")}
        return any(n in said or shown(n) in said for n in names)


def load_catalog(path: Path) -> Catalog:
    """Load every `*.yaml` definitions file under `path` into one Catalog."""
    catalog, problems, _ = read_catalog(path)
    if problems:
        raise InputError(problems)
    return catalog


def read_catalog(path: Path) -> tuple[Catalog, list[Problem], Unread]:
    """Every `*.yaml` definitions file under `path` read into one Catalog, with every
    problem of every file (UsageError when `path` names none).

    A file with problems in some entries still defines its valid ones, and they are
    checked as any other (ids, sections, parts), so one run reports every problem;
    the catalog is then partial, and `Unread` says what it lacks."""
    from hrkpi.core.indicatorschema import IndicatorFile
    from hrkpi.sources.compositions import composition_problems
    from hrkpi.sources.crosscheck import definition_problems
    from hrkpi.sources.declared import read_unit_declarations
    from hrkpi.sources.validation import salvage
    from hrkpi.sources.yamldoc import dotted, load_document

    problems: list[Problem] = []
    unread = Unread()
    catalog = Catalog()
    defined: list[tuple[Indicator, Document, int]] = []
    docs: list[Document] = []
    mapped: list[tuple[str, str, Document]] = []
    files = files_in(path, DEFINITION_SUFFIXES, "indicators")
    for file in files:
        try:
            docs.append(load_document(file))
        except InputError as exc:
            problems.extend(exc.problems)
            unread.whole_file = True
    # Units first: any file's indicators (and the data) may use any file's units.
    catalog.units = read_unit_declarations(docs, problems, _definition_errors)
    parsed_files = []
    with declared_units(catalog.units):
        for doc in docs:
            parsed = validate_model(IndicatorFile, doc, problems)
            kept: dict[str, list[int]] = {}
            if parsed is None:
                # Its valid entries still define, and are checked, in this run.
                salvaged = salvage(IndicatorFile, doc)
                if salvaged is None:
                    unread.whole_file = True
                    continue
                parsed, kept = salvaged.model, salvaged.kept
                unread.ids.update(_names(salvaged.dropped.get("indicators", [])))
                unread.sections.update(_names(salvaged.dropped.get("sections", [])))
            parsed_files.append((doc, parsed, kept))
    for doc, parsed, kept in parsed_files:
        file = doc.path
        for header, ind_id in parsed.headers.items():
            catalog.headers["".join(header.split())] = ind_id
            mapped.append((header, ind_id, doc))
        at_sections = kept.get("sections", range(len(parsed.sections)))
        at_indicators = kept.get("indicators", range(len(parsed.indicators)))
        for i, section in zip(at_sections, (m.plain() for m in parsed.sections), strict=True):
            if section.id in catalog.sections:
                problems.append(
                    problem(
                        file,
                        *doc.mark(("sections", i, "id")),
                        dotted(("sections", i, "id")),
                        Msg(
                            "section {id!r} is defined twice; give it one definition",
                            id=section.id,
                        ),
                    )
                )
            catalog.sections[section.id] = section
        for i, indicator in zip(at_indicators, (m.plain() for m in parsed.indicators), strict=True):
            loc = ("indicators", i, "id")
            if indicator.id in catalog.indicators:
                first = catalog.origins[indicator.id]
                problems.append(
                    problem(
                        file,
                        *doc.mark(loc),
                        dotted(loc),
                        Msg(
                            "indicator {id!r} is already defined at {file}:{line}; "
                            "ids must be unique",
                            id=indicator.id,
                            file=first[0],
                            line=first[1],
                        ),
                    )
                )
                continue
            catalog.indicators[indicator.id] = indicator
            line, col = doc.mark(("indicators", i))
            catalog.origins[indicator.id] = (display_path(file), line, col)
            defined.append((indicator, doc, i))
    places: dict[str, tuple[Document, int]] = {}
    for indicator, doc, i in defined:
        places[indicator.id] = (doc, i)
        problems.extend(definition_problems(indicator, doc, i, catalog))
        for rel, message in indicator_problems(indicator):
            at: Path_ = ("indicators", i, *rel)
            problems.append(problem(doc.path, *doc.mark(at), dotted(at), message))
    for header, ind_id, doc in mapped:
        if ind_id not in catalog.indicators:
            where: Path_ = ("headers", header)
            problems.append(
                unknown_indicator(doc.path, doc.mark(where), dotted(where), ind_id, catalog)
            )

    def locate(ind_id: str, j: int, message: Msg) -> Problem:
        doc, i = places[ind_id]
        at: Path_ = ("indicators", i, "parts", j)
        return problem(doc.path, *doc.mark(at), dotted(at), message)

    problems.extend(composition_problems(catalog, locate))
    problems = [p for p in problems if not unread.refers(p)]
    return catalog, collapse_wrong_kind(problems, files, path) if problems else [], unread


def _names(entries: list[Any]) -> set[str]:
    """The ids of entries as a file writes them (those that are text)."""
    return {e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)}


def collapse_wrong_kind(problems: list[Problem], files: list[Path], path: Path) -> list[Problem]:
    """A folder whose every file is of the other kind (data given as definitions, or the
    reverse) is said once for the folder, not once per file."""
    from hrkpi.sources.validation import DATA_NOT_DEFINITIONS, WRONG_KIND

    wrong = [p for p in problems if p.line == 1 and p.message in WRONG_KIND]
    if len(files) < 2 or len({p.file for p in wrong}) < len(files):
        return problems
    first = wrong[0]
    if first.message == DATA_NOT_DEFINITIONS:
        message = Msg(
            "every file in {folder} ({count} files) holds data files: pass the folder "
            "with --data (not --indicators)",
            folder=display_path(path),
            count=len(files),
        )
    else:
        message = Msg(
            "every file in {folder} ({count} files) holds indicator definitions: pass the "
            "folder with --indicators (not --data)",
            folder=display_path(path),
            count=len(files),
        )
    return [p for p in problems if p not in wrong] + [Problem(first.file, 1, 1, "", message)]


def data_file_problems(path: Path) -> list[Problem]:
    """Problems a data folder has whatever the definitions say: YAML syntax and
    schema, CSV encoding and header. Used when the definitions themselves fail, so
    one run still lists every problem."""
    from hrkpi.core.dataschema import DataFile
    from hrkpi.sources.csvheader import checked_header
    from hrkpi.sources.yamldoc import load_document

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
                problems.extend(checked_header(file)[1])
        except InputError as exc:
            problems.extend(exc.problems)
    return collapse_wrong_kind(problems, files, path)


def load_dataset(path: Path, catalog: Catalog, hierarchy: RegionHierarchy | None = None) -> Dataset:
    """Load stated figures from a data file or folder (YAML, long-format CSV or Parquet,
    or workbooks); `hierarchy` tells whose figures a workbook's 合计 row holds.

    The same figure stated again (in another file, or a later CSV row) is kept:
    `hrkpi check` compares the two (a restatement), so nothing stated is lost.
    """
    from hrkpi.sources.crosscheck import relation_problems
    from hrkpi.sources.csvfile import load_csv
    from hrkpi.sources.parquetfile import load_parquet

    problems: list[Problem] = []
    observations: list[Observation] = []
    targets: list[AssignedTarget] = []
    encodings: dict[str, str] = {}
    files = data_files(path)
    with declared_units(catalog.units):
        for file in files:
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
                    observations.extend(load_yaml_data(file, catalog, problems))
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
                Msg(
                    "no stated figures in the data; add figures "
                    "(or point --data at the right file or folder)"
                ),
            )
        )
    problems.extend(relation_problems(observations, catalog))
    if problems:
        raise InputError(collapse_wrong_kind(problems, files, path))
    return Dataset(observations, targets, encodings)
