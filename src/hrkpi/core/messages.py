"""Messages a user reads: built where a problem is found, worded when shown.

A `Msg` holds an English template (the msgid, readable where it is raised) and
its parameters; it is rendered in the language asked for only when printed, as
gettext's lazy strings are, so library code never needs to know the language
and `str(message)` renders in the current one. Chinese comes first: the current
language is the one a caller chose (`use_language`, as the CLI's --lang does),
else the environment's HRKPI_LANG, else Chinese.

The Chinese wording of every template lives in one catalogue,
`messages_zh.yaml`, keyed by the English template and read on the first
Chinese rendering only (an English run, `hrkpi --help` and every run without a
message never read it). tests/core/test_messages.py walks the source and fails
when a template has no translation or its placeholders differ.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

ENV = "HRKPI_LANG"
LANGUAGES = ("zh", "en")
DEFAULT = "zh"
CATALOGUE = Path(__file__).with_name("messages_zh.yaml")

_chosen: ContextVar[str | None] = ContextVar("hrkpi_language", default=None)
# How the items of a list parameter are joined in each language.
_SEPARATORS = {"zh": "、", "en": ", "}


class Msg:
    """A message: an English template and its parameters, rendered when shown.

    Parameters may be text, numbers (a template's format spec applies, "{n:,}"),
    other messages (rendered in the same language) or tuples of these (joined
    as a list: "a, b" in English, "a、b" in Chinese).
    """

    __slots__ = ("params", "template")

    def __init__(self, template: str, /, **params: Any) -> None:
        self.template = template
        self.params: tuple[tuple[str, Any], ...] = tuple(
            (k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()
        )

    def render(self, lang: str | None = None) -> str:
        """The message in `lang` (default: the current language, see `language`)."""
        lang = lang or language()
        text = self.template
        if lang != "en":
            text = _catalogue().get(text, text)
        if not self.params:
            return text
        values = {k: _value(v, lang) for k, v in self.params}
        return text.format(**values)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        params = "".join(f", {k}={v!r}" for k, v in self.params)
        return f"Msg({self.template!r}{params})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Msg):
            return NotImplemented
        return (self.template, self.params) == (other.template, other.params)

    def __hash__(self) -> int:
        try:
            return hash((self.template, self.params))
        except TypeError:  # a user's value that is a mapping, shown with !r
            return hash((self.template, repr(self.params)))

    # Ordered as their English text, so problems sort the same in every language.
    def __lt__(self, other: Msg) -> bool:
        return self.render("en") < other.render("en")

    def __le__(self, other: Msg) -> bool:
        return self == other or self < other

    def __gt__(self, other: Msg) -> bool:
        return other < self

    def __ge__(self, other: Msg) -> bool:
        return self == other or other < self


class Said(Msg):
    """Words already written in each language (a finding's place: 示范省 2020年10月 /
    示范省 2020-10), shown in the one asked for: never looked up in the catalogue."""

    __slots__ = ("zh",)

    def __init__(self, zh: str, en: str) -> None:
        super().__init__("{text}", text=en)
        self.zh = zh

    def render(self, lang: str | None = None) -> str:
        """The words in `lang` (default: the current language)."""
        return self.zh if (lang or language()) != "en" else str(self.params[0][1])

    def __repr__(self) -> str:
        return f"Said({self.zh!r}, {self.params[0][1]!r})"


# Where a user of the installed package reads the documentation (pyproject.toml's
# Documentation URL): a message points there, never to docs/…, which is not installed.
DOCS_URL = "https://github.com/hrkpi/hrkpi/blob/main/docs"


def doc_page(page: str) -> str:
    """The documentation page `page` (format.md, format.md#units) as a user can open it."""
    return f"{DOCS_URL}/{page}"


def verbatim(text: str) -> Msg:
    """Text hrkpi did not write (an operating system's or a library's words), shown as is."""
    return Msg("{text}", text=text)


def either(items: Sequence[Msg | str]) -> Msg:
    """Alternatives: "'a' or 'b'", "'a', 'b' or 'c'" (Chinese: "'a'、'b'或'c'")."""
    if len(items) == 1:
        only = items[0]
        return only if isinstance(only, Msg) else verbatim(only)
    return Msg("{items} or {last}", items=tuple(items[:-1]), last=items[-1])


def reason(exc: BaseException) -> Msg:
    """The message an exception carries: its `Msg`, or its text as is."""
    if exc.args and isinstance(exc.args[0], Msg):
        return exc.args[0]
    return verbatim(str(exc))


def language() -> str:
    """The current language: the one chosen (`use_language`), else HRKPI_LANG, else zh."""
    return _chosen.get() or env_language() or DEFAULT


def env_language() -> str | None:
    """HRKPI_LANG when it names a language hrkpi speaks (zh or en), else None."""
    value = os.environ.get(ENV, "").strip().lower()
    return value if value in LANGUAGES else None


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    """Render messages in `lang` inside the block (the CLI sets its --lang so)."""
    token = _chosen.set(lang)
    try:
        yield
    finally:
        _chosen.reset(token)


def _value(value: Any, lang: str) -> Any:
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, tuple):
        return _SEPARATORS.get(lang, ", ").join(str(_value(v, lang)) for v in value)
    return value


@functools.cache
def _catalogue() -> dict[str, str]:
    """The Chinese catalogue, read once, on the first Chinese rendering."""
    import yaml  # only when a message is shown in Chinese

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    entries = yaml.load(CATALOGUE.read_text(encoding="utf-8"), Loader=loader)
    return {entry["en"]: entry["zh"] for entry in entries or ()}
