"""`hrkpi scan` on a 50-page report, against the nearest peer: cn2an's sentence transform,
which reads every Chinese numeral of a text but checks nothing.

    python -m benchmarks.scan [--pages 50] [--repeat 5] [--source bundled|passages]

The report is the bundled half-year report's text (about 3 pages of A4 at 1,500
characters a page), or with `--source passages` the development passages of
tests/scans/passages (communiqués and press releases: shares, partitions, margins,
ratios), repeated to the given length, written to benchmarks/.data/. It prints
the median of `repeat` runs of each, in-process (start-up is measured in benchmarks/run.py):
hrkpi reads the text, finds every relation, builds the catalog and data and runs check;
cn2an converts the numerals. Results are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from pathlib import Path

from hrkpi.api import scan

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "data" / "source" / "2020H1_xiamen.txt"
PASSAGES = HERE.parent / "tests" / "scans" / "passages"
PAGE = 1_500  # characters on a page of a Chinese report in A4


def _source_text(source: str) -> str:
    if source == "passages":
        return "\n".join(p.read_text(encoding="utf-8") for p in sorted(PASSAGES.glob("*.txt")))
    return SOURCE.read_text(encoding="utf-8")


def report(pages: int, source: str = "bundled") -> Path:
    """A report of about `pages` pages made of the bundled text (or the passages)."""
    text = _source_text(source)
    copies = max(1, round(pages * PAGE / len(text)))
    path = HERE / ".data" / f"report_{source}_{pages}p.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([text] * copies), encoding="utf-8")
    return path


def _median(fn: object, repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds (CPU time is what a busy machine does not inflate)."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()  # type: ignore[operator]
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    """Time both and print a table row per tool."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--source", choices=["bundled", "passages"], default="bundled")
    args = parser.parse_args()
    path = report(args.pages, args.source)
    text = path.read_text(encoding="utf-8")
    result = scan([path])
    found = len(result.findings)
    seconds, cpu = _median(lambda: scan([path]), args.repeat)

    import cn2an

    def peer() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for line in text.split("\n"):
                cn2an.transform(line)

    peer_seconds, peer_cpu = _median(peer, args.repeat)
    print(f"{len(text):,} characters (~{len(text) // PAGE} pages), {found} relations found")
    print("                   wall s    CPU s")
    print(f"hrkpi scan         {seconds:6.3f}   {cpu:6.3f}")
    print(f"cn2an.transform    {peer_seconds:6.3f}   {peer_cpu:6.3f}  (reads numerals only)")


if __name__ == "__main__":
    main()
