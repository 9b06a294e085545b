"""Deterministic synthetic regional monthly data, with a few errors injected.

    python -m benchmarks.generate OUT --observations 1000000 [--seed 1] [--format parquet] [--mix]

writes OUT/indicators/generated.yaml (the catalog), OUT/regions.csv (province ->
cities -> counties), OUT/data/observations.csv (one stated figure per row),
OUT/data/targets.csv (each region's own annual target of each flow) and
OUT/expected_errors.csv (file line and kind of every injected error: exactly
the problems `hrkpi check` must report).

The shape is a provincial office's: about 200 indicators x 150 counties (and
their cities and the province) x 36 months. Flows are published cumulatively
(累计 1-N月, with the combined 1-2月 release first) and state their completion
rate and year-on-year growth; stocks are monthly levels with their growth;
rates are monthly with a ceiling. Parents' figures are their children's sums,
rounded once; every stated rate is rounded half to even from the exact value,
so the data is consistent except where an error is injected.
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass
from pathlib import Path

from benchmarks.workload import EXTRA, mix

YEARS = (2020, 2021, 2022)
FLOW_PERIODS = [(1, m) for m in range(2, 13)]  # 1-2月 combined, then 1-3月 ... 1-12月
MONTH_PERIODS = [(m, m) for m in range(1, 13)]
CEILING = 450  # rates: 4.50% 以内, in hundredths
HEADER = ["indicator", "region", "period", "value", "unit", "completion", "base", "change_pct"]


@dataclass(frozen=True)
class Spec:
    """One synthetic indicator."""

    id: str
    kind: str  # count_flow, money_flow, count_stock, rate
    target: int = 0  # annual target in the indicator's unit (flows)


@dataclass(frozen=True)
class Shape:
    """How many of each: the observation count is about indicators x regions x 34.5."""

    indicators: int
    cities: int
    counties_per_city: int

    @property
    def regions(self) -> int:
        """Province, cities and counties."""
        return 1 + self.cities * (1 + self.counties_per_city)


def shape_for(observations: int) -> Shape:
    """A realistic shape of about `observations` rows (200 indicators at scale)."""
    indicators = max(4, min(200, observations // 5000))
    regions = max(4, round(observations / (indicators * 34.5)))
    cities = max(2, round((regions - 1) ** 0.5 / 1.3))
    counties = max(1, round((regions - 1) / cities - 1))
    return Shape(indicators, cities, counties)


def _half_even(num: int, den: int) -> int:
    """num / den rounded half to even, exactly (den > 0)."""
    q, r = divmod(num, den)
    if 2 * r > den or (2 * r == den and q % 2 == 1):
        q += 1
    return q


def _fixed(mantissa: int, places: int) -> str:
    sign = "-" if mantissa < 0 else ""
    digits = str(abs(mantissa)).rjust(places + 1, "0")
    return sign + (digits[:-places] + "." + digits[-places:] if places else digits)


def _rate(num: int, den: int) -> str:
    """num / den x 100%, to 2 decimals."""
    return _fixed(_half_even(num * 10_000, den), 2)


class Generator:
    """Builds the truth region by region, then the stated rows."""

    def __init__(self, shape: Shape, seed: int) -> None:
        self.rng = random.Random(seed)
        self.shape = shape
        # Interleaved, so that even a small set has every kind: 7 : 5 : 5 : 3.
        cycle = ["count_flow", "money_flow", "count_stock", "rate"]
        kinds = cycle * 3 + cycle[:3] * 2 + cycle[:1] * 2
        self.specs = [Spec(f"ind_{i:03d}", kinds[i % len(kinds)]) for i in range(shape.indicators)]
        self.province = "示范省"
        self.cities = [f"市{c + 1:02d}" for c in range(shape.cities)]
        self.counties = {
            city: [f"{city}县{k + 1:02d}" for k in range(shape.counties_per_city)]
            for city in self.cities
        }

    def regions(self) -> list[tuple[str, str, str]]:
        """(region, parent, level) rows, parents first."""
        rows = [(self.province, "", "province")]
        for city in self.cities:
            rows.append((city, self.province, "city"))
            rows.extend((k, city, "county") for k in self.counties[city])
        return rows

    def truth(self, spec: Spec) -> dict[str, dict[tuple[int, int, int], int]]:
        """Exact values by region and (year, first, last): persons, yuan or rate hundredths."""
        rng = self.rng
        values: dict[str, dict[tuple[int, int, int], int]] = {}
        leaves = [k for city in self.cities for k in self.counties[city]]
        for county in leaves:
            series: dict[tuple[int, int, int], int] = {}
            if spec.kind == "rate":
                for year in YEARS:
                    for first, last in MONTH_PERIODS:
                        series[(year, first, last)] = rng.randint(150, 440)
            elif spec.kind == "count_stock":
                level = rng.randint(10_000, 900_000)
                for year in YEARS:
                    for first, last in MONTH_PERIODS:
                        level += rng.randint(-level // 50, level // 40)
                        series[(year, first, last)] = level
            else:
                base = (
                    rng.randint(50, 5000)
                    if spec.kind == "count_flow"
                    else rng.randint(10**5, 10**8)
                )
                for year in YEARS:
                    total = 0
                    for month in range(1, 13):
                        total += base + rng.randint(-base // 5, base // 4)
                        if month >= 2:
                            series[(year, 1, month)] = total
                    base += base // 20
            values[county] = series
        for city in self.cities:
            kids = [values[k] for k in self.counties[city]]
            values[city] = self._combine(spec, kids)
        values[self.province] = self._combine(spec, [values[c] for c in self.cities])
        return values

    def _combine(
        self, spec: Spec, kids: list[dict[tuple[int, int, int], int]]
    ) -> dict[tuple[int, int, int], int]:
        if spec.kind == "rate":  # not additive: a parent's rate is its own figure
            return {key: self.rng.randint(150, 440) for key in kids[0]}
        return {key: sum(k[key] for k in kids) for key in kids[0]}


def _stated(spec: Spec, exact: int) -> tuple[str, int, int]:
    """(literal, numerator, denominator) of the stated value in the indicator's unit."""
    if spec.kind == "money_flow":  # yuan, stated in 万元 to 2 decimals
        mantissa = _half_even(exact, 100)
        return _fixed(mantissa, 2), exact, 10_000
    if spec.kind == "rate":
        return _fixed(exact, 2), exact, 100
    return str(exact), exact, 1


def _period(year: int, first: int, last: int, kind: str) -> str:
    if kind in ("count_flow", "money_flow"):
        return f"{year}-{first:02d}/{last:02d}"
    return f"{year}-{last:02d}"


def generate(
    out: Path,
    observations: int,
    *,
    seed: int = 1,
    fmt: str = "csv",
    errors: int | None = None,
    mixed: bool = False,
    over: float = 0.02,
) -> int:
    """Write the synthetic project to `out`; return the number of observation rows.

    `mixed` adds benchmarks/workload.py's mix: rates over their ceiling (a share
    `over` of them), approximate counts, absolute and point changes since the end of
    last year."""
    gen = Generator(shape_for(observations), seed)
    rng = gen.rng
    (out / "indicators").mkdir(parents=True, exist_ok=True)
    (out / "data").mkdir(parents=True, exist_ok=True)
    with open(out / "regions.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["region", "parent", "level"])
        w.writerows(gen.regions())
    rows: list[list[str]] = []
    roles: list[tuple[str, bool]] = []  # (kind, is root row in the last year) per row
    specs = []
    regions = [r for r, _, _ in gen.regions()]
    # Each region's own annual target (分解下达), as a provincial office assigns them.
    targets: dict[tuple[str, str], int] = {}
    children: dict[str, list[str]] = {}
    for region, parent, _ in gen.regions():
        if parent:
            children.setdefault(parent, []).append(region)
    for spec in gen.specs:
        truth = gen.truth(spec)
        if spec.kind in ("count_flow", "money_flow"):
            unit_den = 10_000 if spec.kind == "money_flow" else 1
            for region in regions:
                if region not in children:
                    year_total = truth[region][(YEARS[0], 1, 12)]
                    targets[spec.id, region] = max(1, (year_total * 11) // (10 * unit_den))
            for region in reversed(regions):  # a parent's target is its children's, split exactly
                if region in children:
                    targets[spec.id, region] = sum(targets[spec.id, k] for k in children[region])
            spec = Spec(spec.id, spec.kind, targets[spec.id, gen.province])
        specs.append(spec)
        for region in regions:
            series = truth[region]
            own = targets.get((spec.id, region), 0)
            for (year, first, last), exact in series.items():
                literal, num, den = _stated(spec, exact)
                completion = change = base = ""
                if own:
                    completion = _rate(num, den * own)
                prior = series.get((year - 1, first, last))
                if prior and spec.kind != "rate":
                    change = _rate(exact - prior, prior)
                    base = "same_period_last_year"
                rows.append(
                    [
                        spec.id,
                        region,
                        _period(year, first, last, spec.kind),
                        literal,
                        "",
                        completion,
                        base,
                        change,
                    ]
                )
                roles.append((spec.kind, region == gen.province and year == YEARS[-1]))
    expected = _inject(
        rows,
        roles,
        targets,
        rng,
        errors if errors is not None else max(4, len(rows) // 50_000),
    )
    header = HEADER
    if mixed:
        counties = {r for r, _, level in gen.regions() if level == "county"}
        kinds = [kind for kind, _ in roles]
        failed = mix(rows, kinds, counties, [i for i, _ in expected], rng, over)
        expected = sorted(set(expected) | {(i, "threshold") for i in failed})
        header = [*HEADER, *EXTRA]
    _write_catalog(out / "indicators" / "generated.yaml", specs)
    with open(out / "data" / "targets.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["indicator", "region", "year", "target"])
        for (ind_id, region), target in targets.items():
            w.writerows([ind_id, region, year, target] for year in YEARS)
    data = out / "data" / f"observations.{fmt}"
    if fmt == "parquet":
        import polars as pl

        pl.DataFrame({h: [r[i] for r in rows] for i, h in enumerate(header)}).write_parquet(data)
        where = "row"  # parquet rows are numbered from 1
        offset = 1
    else:
        with open(data, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
        where = "line"
        offset = 2
    with open(out / "expected_errors.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([where, "kind", "indicator", "region", "period"])
        for i, kind in sorted(expected):
            w.writerow([i + offset, kind, rows[i][0], rows[i][1], rows[i][2]])
    return len(rows)


def _inject(
    rows: list[list[str]],
    roles: list[tuple[str, bool]],
    targets: dict[tuple[str, str], int],
    rng: random.Random,
    count: int,
) -> list[tuple[int, str]]:
    """Spoil `count` rows, one error each; return (row index, finding kind)."""
    pools = {
        "completion": [i for i, r in enumerate(rows) if r[5]],
        "change_pct": [i for i, r in enumerate(rows) if r[7]],
        "threshold": [i for i, (kind, _) in enumerate(roles) if kind == "rate"],
        "region_sum": [i for i, (kind, root) in enumerate(roles) if root and kind != "rate"],
    }
    kinds = [k for k in pools if pools[k]]
    kind_of = {r[0]: kind for r, (kind, _) in zip(rows, roles, strict=True)}
    used: set[int] = set()
    found = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        i = rng.choice(pools[kind])
        while i in used:
            i = rng.choice(pools[kind])
        used.add(i)
        row = rows[i]
        if kind == "completion":
            row[5] = _fixed(round(float(row[5]) * 100) + 37, 2)
        elif kind == "change_pct":
            row[7] = _fixed(round(float(row[7]) * 100) - 150, 2)
        elif kind == "threshold":
            row[3] = _fixed(rng.randint(CEILING + 1, 500), 2)
        else:
            _spoil_total(row, kind_of[row[0]], targets.get((row[0], row[1]), 0))
        found.append((i, kind))
    return found


def _spoil_total(row: list[str], kind: str, target: int) -> None:
    """Raise a root total by 1% (and at least 5 units), keeping its own rates consistent."""
    places = 2 if kind == "money_flow" else 0
    mantissa = round(float(row[3]) * 10**places)
    mantissa += max(5, mantissa // 100)
    row[3] = _fixed(mantissa, places)
    den = 100 if places else 1
    if target:
        row[5] = _rate(mantissa, den * target)
    row[7] = ""  # last year's growth would now need the new value: leave it unstated
    row[6] = ""


def _write_catalog(file: Path, specs: list[Spec]) -> None:
    lines = ["indicators:"]
    for spec in specs:
        unit = {"count_flow": "人", "money_flow": "万元", "count_stock": "人", "rate": '"%"'}[
            spec.kind
        ]
        measure = {
            "count_flow": "flow",
            "money_flow": "flow",
            "count_stock": "stock",
            "rate": "rate",
        }
        lines += [
            f"  - id: {spec.id}",
            f"    name: 合成指标{spec.id[-3:]}",
            f"    unit: {unit}",
            f"    measure: {measure[spec.kind]}",
        ]
        if spec.target:
            lines.append(f'    target: "{spec.target}"')
        if spec.kind == "rate":
            lines += [
                "    direction: lower",
                "    decimals: 2",
                "    thresholds:",
                "      - word: 以内",
                f'        value: "{_fixed(CEILING, 2)}"',
                "        level: fail",
            ]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    """Command line: the output folder and the number of observations."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--observations", "-n", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=("csv", "parquet"), default="csv")
    parser.add_argument("--errors", type=int, default=None, help="errors to inject")
    parser.add_argument("--mix", action="store_true", help="add benchmarks/workload.py's mix")
    parser.add_argument(
        "--over", type=float, default=0.02, help="share of the mix's rates over their ceiling"
    )
    args = parser.parse_args()
    n = generate(
        args.out,
        args.observations,
        seed=args.seed,
        fmt=args.format,
        errors=args.errors,
        mixed=args.mix,
        over=args.over,
    )
    print(f"{n} observations in {args.out}")


if __name__ == "__main__":
    main()
