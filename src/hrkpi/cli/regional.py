"""Rendering the regional table for `hrkpi compute --by region` (stdout)."""

from __future__ import annotations

import sys

from hrkpi.engine.regional import RegionalReport
from hrkpi.output.words import Lang


def print_regional_tables(
    regional: RegionalReport, fmt: str, lang: Lang, each: bool, *, bom: bool = False
) -> None:
    """Print the regional table as a terminal table, CSV (with a BOM if asked), Markdown
    or JSON."""
    from hrkpi.output.regional import build_regional_tables
    from hrkpi.output.regionalfiles import regional_csv, regional_json, regional_markdown

    if fmt == "json":
        sys.stdout.write(regional_json(regional))
        return
    tables = build_regional_tables(regional, lang=lang, each=each)
    if fmt == "csv":
        sys.stdout.write(regional_csv(tables, bom=bom))
    elif fmt == "markdown":
        sys.stdout.write(regional_markdown(tables))
    else:
        from hrkpi.output.terminal import print_regional

        print_regional(tables)
