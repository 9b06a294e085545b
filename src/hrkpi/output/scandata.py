"""`hrkpi scan --write-data DIR`: what the scan read, as indicator and data YAML that
`hrkpi check -i DIR/indicators -d DIR/data` checks the same way (a draft encoding to
keep and edit). Every file is prepared first and written atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from hrkpi.core.dataschema import DataFile
from hrkpi.core.errors import ExportError, display_path, os_reason
from hrkpi.core.indicatorschema import IndicatorFile, UnitDeclaration
from hrkpi.core.messages import Msg
from hrkpi.output.atomic import write_bytes_atomic
from hrkpi.scans.result import ScanFile, ScanReport


def _dump(data: dict[str, Any], header: str) -> bytes:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return (header + body).encode("utf-8")


def _indicators(file: ScanFile) -> dict[str, Any]:
    # Units the scan uses beyond the built-in ones (性别比's 女=100) are declared.
    units = [
        UnitDeclaration(name=u.symbol, base=u.base, multiplier=str(u.multiplier))
        for u in file.catalog.units.values()
    ]
    indicators = [ind.schema_model() for ind in file.catalog.indicators.values()]
    model = IndicatorFile(units=units, indicators=indicators)
    data = model.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    for ind in data.get("indicators", []):
        for t in ind.get("thresholds", []):
            if "word" in t:  # the word says kind and inclusive
                t.pop("kind", None)
                t.pop("inclusive", None)
    return data


def _data(file: ScanFile) -> dict[str, Any]:
    figures = {o.indicator: o.stated.schema_model() for o in file.dataset}
    first = file.dataset.observations[0]
    model = DataFile(
        source=file.source,
        region=file.region,
        as_of=first.as_of,
        rounding=first.rounding,  # a printed report's ties may have gone either way
        figures=figures,
    )
    return model.model_dump(mode="json", exclude_none=True, exclude_defaults=True)


def scan_data_files(report: ScanReport, folder: Path) -> dict[Path, bytes]:
    """The files --write-data writes: indicators/<name>.yaml and data/<name>.yaml per file
    with at least one relation."""
    out: dict[Path, bytes] = {}
    used: set[str] = set()
    for file in report.files:
        if not file.catalog.indicators:
            continue
        stem = Path(file.path).stem or "report"
        name = stem
        n = 1
        while name in used:
            n += 1
            name = f"{stem}_{n}"
        used.add(name)
        when = (
            "# as_of was not found in the text: set it to the date the figures stand at\n"
            if file.as_of is None
            else ""
        )
        header = f"# Read by hrkpi scan from {file.path}; check with hrkpi check.\n"
        out[folder / "indicators" / f"{name}.yaml"] = _dump(_indicators(file), header)
        out[folder / "data" / f"{name}.yaml"] = _dump(_data(file), header + when)
    return out


def write_scan_data(report: ScanReport, folder: Path) -> list[Path]:
    """Write the scan's indicators and data under `folder`; nothing when no relation was read."""
    files = scan_data_files(report, folder)
    if folder.exists() and not folder.is_dir():
        raise ExportError(
            Msg("cannot write {path}: it is a file; give a folder", path=display_path(folder))
        )
    try:
        for path in files:
            path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            Msg("cannot create {path}: {why}", path=display_path(folder), why=os_reason(exc))
        ) from None
    return [write_bytes_atomic(path, data) for path, data in files.items()]
