"""A YAML data file's stated figures read into observations, with its problems located
and capped (hrkpi.sources.loader reads every kind of data file; this is the YAML kind)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrkpi.core.catalog import Catalog
from hrkpi.core.errors import Problem, display_path, problem
from hrkpi.core.figurerules import stated_problems
from hrkpi.core.limits import MAX_PROBLEMS_PER_FILE
from hrkpi.core.messages import Msg
from hrkpi.core.observations import Observation
from hrkpi.sources.messages import unknown_indicator

# (the schema models, YAML and pydantic are imported when a file is read: see loader)
if TYPE_CHECKING:
    from hrkpi.sources.yamldoc import Path_


def load_yaml_data(file: Path, catalog: Catalog, problems: list[Problem]) -> list[Observation]:
    """The figures of a YAML data file that its definitions accept, as observations; its
    problems (the first MAX_PROBLEMS_PER_FILE, then a count) appended to `problems`."""
    from hrkpi.core.dataschema import DataFile
    from hrkpi.sources.validation import WRONG_KIND, salvage, validate_model
    from hrkpi.sources.yamldoc import dotted, load_document

    doc = load_document(file)
    own: list[Problem] = []
    parsed = validate_model(DataFile, doc, own)
    named: Any = {}  # figures whose entries are not valid, named by their ids
    if parsed is None:
        salvaged = salvage(DataFile, doc)
        figures = doc.data.get("figures") if isinstance(doc.data, dict) else None
        if salvaged is not None:
            # The valid figures are checked on (units, signs, references) in this run.
            parsed = salvaged.model
            named = salvaged.dropped.get("figures", [])
        elif isinstance(figures, dict):
            named = figures
    # Still name figures no definition has, so one run reports every problem.
    if not any(p.message in WRONG_KIND for p in own):
        for ind_id in named:
            if len(own) > MAX_PROBLEMS_PER_FILE:
                break  # enough to list; the file is refused either way
            if ind_id not in catalog.indicators:
                key: Path_ = ("figures", ind_id)
                own.append(
                    unknown_indicator(
                        doc.path, doc.mark(key, key=True), dotted(key), ind_id, catalog
                    )
                )
    if parsed is None:
        problems.extend(capped(own, file))
        return []
    found = []
    unlisted = 0  # unknown ids past the limit, counted, not listed
    marks = doc.marks_under(("figures",))
    for ind_id, model in parsed.figures.items():
        stated = model.plain()
        loc: Path_ = ("figures", ind_id)
        indicator = catalog.indicators.get(ind_id)
        if indicator is None:
            if len(own) <= MAX_PROBLEMS_PER_FILE:
                at = doc.mark(loc, key=True)
                own.append(unknown_indicator(doc.path, at, dotted(loc), ind_id, catalog))
            else:
                unlisted += 1
            continue
        wrong = stated_problems(indicator, stated)
        for rel, message in wrong:
            where = (*loc, *rel)
            own.append(problem(doc.path, *doc.mark(where), dotted(where), message))
        if wrong:
            continue
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
                marks=marks.get(loc, {}),
                period=stated.period or (parsed.period if stated.as_of is None else None),
                document_date=parsed.date,
            )
        )
    problems.extend(capped(own, file, unlisted))
    return found


def capped(problems: list[Problem], file: Path, unlisted: int = 0) -> list[Problem]:
    """A file's problems, the first MAX_PROBLEMS_PER_FILE of them and a count of the rest
    (`unlisted`: problems already left out, counted)."""
    if len(problems) <= MAX_PROBLEMS_PER_FILE and not unlisted:
        return problems
    kept = sorted(problems)[:MAX_PROBLEMS_PER_FILE]
    last = kept[-1]
    more = len(problems) - len(kept) + unlisted
    return [*kept, more_problems(file, last.line + 1, more)]


def more_problems(file: Path, line: int, more: int | None) -> Problem:
    """The line that ends a file's listed problems (`more`: how many, if counted)."""
    if more is not None:
        said = Msg(
            "{more:,} more problems after the first {limit:,} of this file (limit "
            "MAX_PROBLEMS_PER_FILE): fix those listed and run again",
            more=more,
            limit=MAX_PROBLEMS_PER_FILE,
        )
    else:
        said = Msg(
            "more problems may follow after the first {limit:,} of this file (limit "
            "MAX_PROBLEMS_PER_FILE): fix those listed and run again",
            limit=MAX_PROBLEMS_PER_FILE,
        )
    return problem(file, line, 1, "", said)
