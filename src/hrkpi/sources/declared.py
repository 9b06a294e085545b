"""Units an indicators folder declares (`units:` in a definitions file).

Declarations are read before anything else in the folder, so indicators and data
may use them; each is checked like every other input: a unit declared twice, with
a zero multiplier or on an unknown base is a problem at its file:line:column.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import TypeAdapter, ValidationError

from hrkpi.core.errors import Problem, display_path, problem
from hrkpi.core.indicatorschema import UnitDeclaration
from hrkpi.core.messages import Msg, reason
from hrkpi.core.units import Unit, declare_unit
from hrkpi.sources.yamldoc import Document, Path_, dotted

# The loader's mapping of a pydantic error to located problems.
ErrorMapper = Callable[[ValidationError, Document, Path_], list[Problem]]
_DECLARATIONS = TypeAdapter(list[UnitDeclaration])


def read_unit_declarations(
    docs: list[Document], problems: list[Problem], errors_of: ErrorMapper
) -> dict[str, Unit]:
    """Every unit the definitions files declare, in file order; problems appended."""
    units: dict[str, Unit] = {}
    first: dict[str, str] = {}
    for doc in docs:
        raw = doc.data.get("units") if isinstance(doc.data, dict) else None
        if raw is None:
            continue
        try:
            decls = _DECLARATIONS.validate_python(raw)
        except ValidationError as exc:
            problems.extend(errors_of(exc, doc, ("units",)))
            continue
        for i, decl in enumerate(decls):
            loc = ("units", i, "name")
            line, col = doc.mark(loc)
            name = "".join(decl.name.split())
            if name in units:
                problems.append(
                    problem(
                        doc.path,
                        line,
                        col,
                        dotted(loc),
                        Msg(
                            "unit {name!r} is already declared at {first}; declare each unit once",
                            name=name,
                            first=first[name],
                        ),
                    )
                )
                continue
            try:
                unit = declare_unit(
                    name,
                    decl.base,
                    decl.power,
                    english=decl.name_en,
                    integer=decl.integer,
                    known=units,
                )
            except ValueError as exc:
                where = ("units", i, "base")
                said = reason(exc)
                problems.append(problem(doc.path, *doc.mark(where), dotted(where), said))
                continue
            units[name] = unit
            first[name] = f"{display_path(doc.path)}:{line}"
    return units
