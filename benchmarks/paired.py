"""Paired scale runs: this tree against earlier checkouts, or without the embedding (a script, not a test).

Runs ``benchmarks/scale.py --sizes N`` in a fresh process per run, for each
configuration in turn, round after round, the order reversed every other
round (A B C, C B A, ...) so that a machine growing busier or quieter
weighs on every configuration alike. Compares processor time per article
over all processes (it does not grow when other programs share the cores;
wall time does) and prints the ratio of this tree to each other
configuration, round by round and over the means.

    python benchmarks/paired.py --without-embedding            # the similarity in meaning, priced
    python benchmarks/paired.py --base /tmp/before             # against a checkout of an earlier commit
    python benchmarks/paired.py --base /tmp/before --base /tmp/other --without-embedding --pairs 3 --size 1000

A checkout for ``--base``: ``git worktree add /tmp/before <commit>`` (and
``git worktree remove /tmp/before`` after); it runs its own
``benchmarks/scale.py`` on its own code, in this interpreter.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

_FIGURES = {
    "cpu_ms": re.compile(r"processor time ([\d.]+) ms/article"),
    "rate": re.compile(r"([\d.]+) articles/s"),
    "peak_mb": re.compile(r"peak memory\s+([\d.]+) MB"),
    "load": re.compile(r"load average before the run ([\d.]+)"),
}


@dataclass(frozen=True)
class Configuration:
    name: str
    tree: Path
    flags: tuple[str, ...] = ()


def _check_tree(tree: Path) -> None:
    """Fail unless ``tree``'s scale.py would import ``tree``'s own analysis package (not an installed one)."""
    probe = f"import sys; sys.path.insert(0, {str(tree)!r}); import analysis; print(analysis.__file__)"
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    if not Path(found).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"{tree}: its scale.py would import analysis from {found}, not from the checkout")


def run_once(configuration: Configuration, size: int) -> dict[str, float]:
    """One scale run of ``configuration``: its figures read from what scale.py prints."""
    command = [sys.executable, str(configuration.tree / "benchmarks" / "scale.py"), "--sizes", str(size),
               *configuration.flags]
    done = subprocess.run(command, cwd=configuration.tree, capture_output=True, text=True)
    figures = {}
    for name, pattern in _FIGURES.items():
        found = pattern.search(done.stdout)
        if found is None:
            raise SystemExit(f"{configuration.name}: scale.py printed no {name} (exit {done.returncode}):\n"
                             f"{done.stdout}{done.stderr}")
        figures[name] = float(found.group(1))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, action="append", default=[],
                        help="a checkout of an earlier commit to compare with (repeatable)")
    parser.add_argument("--without-embedding", action="store_true",
                        help="also run this tree with the claims' similarity in meaning switched off")
    parser.add_argument("--pairs", type=int, default=3, help="rounds (each runs every configuration once)")
    parser.add_argument("--size", type=int, default=1000, help="articles per run")
    args = parser.parse_args(argv)
    configurations = [Configuration("this tree", HERE)]
    if args.without_embedding:
        configurations.append(Configuration("without embedding", HERE, ("--without-embedding",)))
    for base in args.base:
        _check_tree(base)
        configurations.append(Configuration(f"base {base.name}", base))
    if len(configurations) < 2:
        parser.error("give --base DIR, --without-embedding or both")
    _check_tree(HERE)

    runs: dict[str, list[dict[str, float]]] = {c.name: [] for c in configurations}
    for round_ in range(args.pairs):
        order = configurations if round_ % 2 == 0 else configurations[::-1]
        for configuration in order:
            figures = run_once(configuration, args.size)
            runs[configuration.name].append(figures)
            print(f"round {round_ + 1} {configuration.name:>24}: {figures['cpu_ms']:6.1f} ms processor time/article, "
                  f"{figures['rate']:6.1f} articles/s, peak {figures['peak_mb']:5.0f} MB "
                  f"(load average before {figures['load']:.1f})", flush=True)

    mine = runs[configurations[0].name]
    print(f"\n{'configuration':>24} {'cpu ms/article (runs)':>32} {'mean':>6} {'articles/s':>10}")
    for configuration in configurations:
        cpu = [r["cpu_ms"] for r in runs[configuration.name]]
        rate = statistics.mean(r["rate"] for r in runs[configuration.name])
        runs_shown = ", ".join(f"{c:.1f}" for c in cpu)
        print(f"{configuration.name:>24} {runs_shown:>32} {statistics.mean(cpu):6.1f} {rate:10.1f}")
    for configuration in configurations[1:]:
        theirs = runs[configuration.name]
        paired = [m["cpu_ms"] / t["cpu_ms"] for m, t in zip(mine, theirs)]
        means = statistics.mean(m["cpu_ms"] for m in mine) / statistics.mean(t["cpu_ms"] for t in theirs)
        print(f"this tree / {configuration.name}: processor time per article x{means:.3f} ({means - 1:+.1%}); "
              f"round by round {', '.join(f'{p:.3f}' for p in paired)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
