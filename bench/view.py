"""How long headless Chromium takes to load, draw and stabilise the network page.

    .venv/bin/python bench/view.py [--sizes 200,1000,2000] [--repeat 2] [--keep DIR]

For each size a synthetic claim graph (``tests/view_data.synthetic_graph``: preferential
targets, 3 claims per actor, all 19 claim types) is written with ``graph.view.write_html`` and
opened from disk. Figures per size (best of ``--repeat`` fresh page loads):

* ``build``: Python time for ``to_pyvis`` + ``render_html`` + write;
* ``loaded``: navigation start → ``load`` event (parsing ~0.5 MB of inlined vis-network);
* ``stabilised``: vis-network constructor → ``stabilizationIterationsDone`` (physics off);
* ``interactive``: ``driver.get`` → page reports ``claimgraph.ready``, as a user would wait;
* ``redraw``: one full redraw after stabilising (what each pan/zoom frame costs).

Goal: interactive within 3 s at 2,000 actors. Needs chromium (scripts/install_chromium.sh).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from graph.view import to_pyvis, write_html  # noqa: E402
from tests.chromium import have_chromium, make_driver, quit_driver  # noqa: E402
from tests.view_data import synthetic_graph  # noqa: E402

GOAL_SECONDS = 3.0


def measure(driver, path: Path, timeout: float = 120.0) -> dict[str, float]:
    driver.get("about:blank")
    started = time.perf_counter()
    driver.get(path.as_uri())
    while True:
        if driver.execute_script("return !!(window.claimgraph && window.claimgraph.ready)"):
            break
        if time.perf_counter() - started > timeout:
            raise RuntimeError(f"{path}: not stabilised after {timeout}s")
        time.sleep(0.01)
    interactive = time.perf_counter() - started
    page = driver.execute_script(
        "const t = performance.getEntriesByType('navigation')[0];"
        "const t0 = performance.now(); network.redraw();"
        "return {loaded: t.loadEventEnd, stabilised: claimgraph.stabilizedMs,"
        " redraw: performance.now() - t0};")
    return {"interactive": interactive, "loaded": page["loaded"] / 1000,
            "stabilised": page["stabilised"] / 1000, "redraw": page["redraw"] / 1000}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="200,1000,2000")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--keep", type=Path, default=None, help="keep the pages in this directory")
    args = ap.parse_args(argv)
    if not have_chromium():
        print("chromium/chromedriver missing: run scripts/install_chromium.sh", file=sys.stderr)
        return 2
    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="claimgraph-bench-view-"))
    driver = make_driver()
    worst = 0.0
    try:
        print(f"{'actors':>7} {'edges':>6} {'build s':>8} {'loaded s':>9} {'stabilised s':>13} "
              f"{'interactive s':>14} {'redraw ms':>10}")
        for n in (int(s) for s in args.sizes.split(",")):
            G = synthetic_graph(n)
            t0 = time.perf_counter()
            net = to_pyvis(G, limit=None)
            path = write_html(net, out_dir / f"network_{n}.html", title=f"bench {n}")
            build = time.perf_counter() - t0
            runs = [measure(driver, path) for _ in range(max(1, args.repeat))]
            best = min(runs, key=lambda r: r["interactive"])
            worst = max(worst, best["interactive"]) if n >= 2000 else worst
            print(f"{n:>7} {len(net.edges):>6} {build:>8.2f} {best['loaded']:>9.2f} "
                  f"{best['stabilised']:>13.2f} {best['interactive']:>14.2f} "
                  f"{1000 * best['redraw']:>10.1f}"
                  + (f"   (median interactive {statistics.median(r['interactive'] for r in runs):.2f})"
                     if len(runs) > 2 else ""))
    finally:
        quit_driver(driver)
    if worst:
        verdict = "meets" if worst <= GOAL_SECONDS else "MISSES"
        print(f"2,000 actors: interactive in {worst:.2f} s, {verdict} the {GOAL_SECONDS:.0f} s goal")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
