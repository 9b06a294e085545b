"""Safe YAML reading that keeps every scalar's text and every node's position.

PyYAML's safe loader would turn `236.60` into the float 236.6 and lose the
stated precision, and it reports positions only for syntax errors. Here the
document is composed into nodes (`yaml.compose` on a safe loader), scalars are
kept as the text the file holds, and the mark of every key and value is
recorded by path, so a schema error later points at its line and column.
Aliases are refused: they are never needed in hrkpi files and are the vector
of the "billion laughs" expansion bomb.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hrkpi.core.errors import InputError, Problem, problem
from hrkpi.core.limits import MAX_TEXT_CHARS, MAX_YAML_BYTES
from hrkpi.core.messages import Msg, reason
from hrkpi.sources.textfile import read_text
from hrkpi.sources.yamlhints import malformed, syntax_problem

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]  # 1-based line and column


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses aliases instead of expanding them."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None,
                None,
                "aliases (*name) are not allowed in hrkpi files; write the value out in full",
                event.start_mark,
            )
        node: yaml.Node | None = super().compose_node(parent, index)
        return node


# libyaml's composer is ten times faster than PyYAML's; it cannot be told to
# refuse aliases, so _to_python refuses a node met twice instead (an alias is the
# same node object again). Composing never expands aliases, so the bomb is safe.
_LOADER: Any = getattr(yaml, "CSafeLoader", _NoAliasLoader)


@dataclass
class Document:
    """A YAML document as plain Python (scalars as text) with node positions."""

    path: Path
    data: Any
    marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)

    def mark(self, loc: Path_, *, key: bool = False) -> Mark:
        """The position of `loc`, or of its nearest recorded ancestor."""
        loc = tuple(loc)
        if key and loc in self.key_marks:
            return self.key_marks[loc]
        while loc:
            if loc in self.marks:
                return self.marks[loc]
            loc = loc[:-1]
        return self.marks.get((), (1, 1))

    def known_prefix(self, loc: Path_) -> Path_:
        """The longest leading part of `loc` that names a node in the file."""
        best: Path_ = ()
        for i in range(1, len(loc) + 1):
            if tuple(loc[:i]) in self.marks:
                best = tuple(loc[:i])
        return best

    def marks_under(self, loc: Path_) -> dict[Path_, dict[str, Mark]]:
        """For each child of `loc`, the marks of every node below it, keyed by dotted
        path relative to the child (one pass over the document: linear, not one
        scan of every mark per child)."""
        depth = len(loc)
        found: dict[Path_, dict[str, Mark]] = {}
        for key, mark in self.marks.items():
            if len(key) > depth + 1 and key[:depth] == loc:
                found.setdefault(key[: depth + 1], {})[_dotted(key[depth + 1 :])] = mark
        return found


def load_document(path: Path) -> Document:
    """Read and compose one YAML file; raise InputError on any syntax problem."""
    text = read_text(path, MAX_YAML_BYTES)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        line, column, message = syntax_problem(exc, text)
        raise InputError([problem(path, line, column, "", message)]) from None
    except yaml.reader.ReaderError as exc:
        # A raw control character (an ESC byte): YAML itself refuses it. libyaml counts
        # its position in bytes, so the character is found again in the text.
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[0])
        at = text.find(chr(code))
        at = at if at >= 0 else exc.position
        before = text[:at]
        line, column = before.count("\n") + 1, at - before.rfind("\n")
        raise InputError(
            [
                problem(
                    path,
                    line,
                    column,
                    "",
                    malformed(
                        Msg(
                            "a control character (U+{code:04X}) that YAML does not allow; "
                            "remove it",
                            code=code,
                        )
                    ),
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        # The parser's own words (English): no hint knows this slip.
        raise InputError([problem(path, 1, 1, "", malformed(reason(exc)))]) from None
    doc = Document(path=path, data=None)
    if node is None:
        doc.data = None
        return doc
    problems: list[Problem] = []
    try:
        doc.data = _to_python(node, (), doc, problems, set())
    except RecursionError:
        raise InputError(
            [
                problem(
                    path,
                    1,
                    1,
                    "",
                    Msg(
                        "the file is nested too deeply to be an hrkpi file; "
                        "check its brackets and indentation"
                    ),
                )
            ]
        ) from None
    if problems:
        raise InputError(problems)
    return doc


def _to_python(
    node: yaml.Node, loc: Path_, doc: Document, problems: list[Problem], seen: set[int]
) -> Any:
    mark = (node.start_mark.line + 1, node.start_mark.column + 1)
    if id(node) in seen:
        if -1 in seen:
            return None  # one alias reported is enough: the rest are the same mistake
        seen.add(-1)
        problems.append(
            problem(
                doc.path,
                *mark,
                "",
                malformed(
                    Msg(
                        "aliases (*name) are not allowed in hrkpi files: the value anchored "
                        "here is used again at {where}; write it out in full",
                        where=dotted(loc),
                    )
                ),
            )
        )
        return None
    seen.add(id(node))
    doc.marks[loc] = mark
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:null" and not node.style:
            # plain ~, null or nothing (libyaml marks plain style '', PyYAML None)
            return None
        if len(node.value) > MAX_TEXT_CHARS:
            problems.append(
                problem(
                    doc.path,
                    *mark,
                    dotted(loc),
                    Msg(
                        "this value is {length:,} characters long; hrkpi takes at most "
                        "{limit:,} in one value (limit MAX_TEXT_CHARS): shorten it",
                        length=len(node.value),
                        limit=MAX_TEXT_CHARS,
                    ),
                )
            )
            return ""
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_python(item, (*loc, i), doc, problems, seen) for i, item in enumerate(node.value)
        ]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and len(key) > MAX_TEXT_CHARS:
                key = key[:64]  # reported as an unknown key; no key is that long
            key_mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key is None:
                problems.append(
                    problem(doc.path, *key_mark, dotted(loc), Msg("keys must be plain text"))
                )
                continue
            if key in result:
                problems.append(
                    problem(
                        doc.path,
                        *key_mark,
                        dotted((*loc, key)),
                        Msg(
                            "duplicate key {key!r}; keep one (YAML would silently use the last)",
                            key=key,
                        ),
                    )
                )
                continue
            doc.key_marks[(*loc, key)] = key_mark
            result[key] = _to_python(value_node, (*loc, key), doc, problems, seen)
        return result
    return None  # pragma: no cover - compose yields only the three node kinds


def _dotted(loc: Path_) -> str:
    """A path as marks are keyed (figures.reemployment.changes.0.pct: items from 0)."""
    return ".".join(str(p) for p in loc)


def dotted(loc: Path_) -> str:
    """A path as the user reads it, a list's items counted from 1 as a user counts them:
    figures.reemployment.changes.1.pct for the first change."""
    return ".".join(str(p + 1) if isinstance(p, int) else p for p in loc)
