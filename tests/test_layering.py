"""The layout stays true: no import circle, and no import from a lower layer to a higher one.

Layers, lowest first: ``corpus`` < ``analysis`` < ``reports`` < ``sourcedrift``,
and inside ``analysis``: ``settings``, ``records`` (and the package itself) <
``text`` < ``readers`` < ``measures`` < ``pipeline``, ``parallel`` < ``study``.
A module may import its own layer or a lower one. Measures never call one
another: one measure module may import another's record types (capitalised
names), never a function or the module itself (the modules of one measure's
package, such as ``measures/claims/``, may call each other). Every import counts, those
inside functions and ``if TYPE_CHECKING:`` blocks included.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("corpus", "analysis", "reports", "sourcedrift")
# (module name or prefix, rank): the longest matching prefix gives a module's layer.
LAYERS = (
    ("corpus", 0),
    ("analysis", 10), ("analysis.settings", 10), ("analysis.records", 10),
    ("analysis.text", 11),
    ("analysis.readers", 12),
    ("analysis.measures", 13),
    ("analysis.pipeline", 14), ("analysis.parallel", 14),
    ("analysis.study", 15),
    ("reports", 20),
    ("sourcedrift", 30),
)
MEASURES = "analysis.measures"


def modules(root: Path) -> dict[str, Path]:
    """Every module of the packages under ``root``, by dotted name (a package by its own name)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> list[tuple[str, tuple[str, ...], int]]:
    """(imported module, names taken from it, line) for every import of ``path`` from the packages.

    ``from package import module`` is an import of the module; names are ()
    when a module itself is imported.
    """
    def ours(module: str) -> str | None:  # the module, or its nearest known package (a lazy or missing import)
        while module and module not in known:
            module = module.rpartition(".")[0]
        return module or None

    found = []
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if ours(alias.name):
                    found.append((ours(alias.name), (), node.lineno))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = []
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    found.append((f"{base}.{alias.name}", (), node.lineno))
                else:
                    names.append(alias.name)
            if names and ours(base):
                found.append((ours(base), tuple(names), node.lineno))
    return found


def rank(name: str) -> int:
    matches = [(len(prefix), value) for prefix, value in LAYERS if name == prefix or name.startswith(prefix + ".")]
    assert matches, f"{name} belongs to no layer: add it to LAYERS"
    return max(matches)[1]


def graph(root: Path) -> dict[str, list[tuple[str, tuple[str, ...], int]]]:
    known = modules(root)
    return {name: imports(name, path, known) for name, path in known.items()}


def _measure(name: str) -> str:
    """The measure a module belongs to: a measure may be a package of modules (claims: findings, decide)."""
    return ".".join(name.split(".")[:3])


def upward(edges) -> list[str]:
    """Imports from a lower layer to a higher one, and measures calling measures."""
    problems = []
    for name, targets in edges.items():
        for target, names, line in targets:
            if rank(target) > rank(name):
                problems.append(f"{name}:{line} imports {target}, a higher layer")
            both_measures = name.startswith(MEASURES + ".") and target.startswith(MEASURES + ".")
            if both_measures and _measure(target) != _measure(name):
                called = [n for n in names if not n[:1].isupper()] or ([] if names else ["the module"])
                if called:
                    problems.append(f"{name}:{line} takes {', '.join(called)} from {target}: "
                                    "measures may share records, not call each other")
    return problems


def cycles(edges) -> list[list[str]]:
    """Every import circle between modules (as its strongly connected set of modules, sorted)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target, _, _ in edges.get(node, ()):
            if target == node:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_package_has_no_import_circle():
    assert cycles(graph(ROOT)) == []


def test_no_import_runs_up_a_layer_and_no_measure_calls_another():
    assert upward(graph(ROOT)) == []


def test_every_module_is_in_a_layer_and_the_stages_are_all_there():
    names = modules(ROOT)
    for name in names:
        rank(name)
    for stage in ("analysis.text", "analysis.readers", "analysis.measures", "analysis.study",
                  "analysis.pipeline", "analysis.records", "analysis.settings", "sourcedrift.cli"):
        assert stage in names


# --- the checker catches what it is for, on small trees ---

def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for package in PACKAGES:
        (tmp_path / package).mkdir(parents=True)
        (tmp_path / package / "__init__.py").write_text("")
    for sub in ("text", "readers", "measures", "study"):
        (tmp_path / "analysis" / sub).mkdir()
        (tmp_path / "analysis" / sub / "__init__.py").write_text("")
    for file, text in files.items():
        (tmp_path / file).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / file).write_text(text)
    return tmp_path


GOOD = {
    "analysis/settings.py": "import re\n",
    "analysis/text/tokens.py": "from analysis.settings import DEFAULT\n",
    "analysis/measures/figures.py": "from analysis.text.tokens import fold\nclass FigureReport: pass\n",
    "analysis/measures/event.py": "from analysis.measures.figures import FigureReport\n",
    "analysis/pipeline.py": "from analysis.measures import event, figures\n",
    "reports/view.py": "from analysis.pipeline import MEASURES\n",
    "sourcedrift/cli.py": "from reports import view\nfrom analysis import pipeline\n",
}


def test_a_clean_tree_passes(tmp_path):
    edges = graph(_tree(tmp_path, GOOD))
    assert cycles(edges) == [] and upward(edges) == []


@pytest.mark.parametrize("file, text, problem", [
    ("analysis/study/replicate.py", "from reports.bundle import write_bundle\n", "imports reports"),
    ("reports/view.py", "def f():\n    from sourcedrift import cli\n", "imports sourcedrift.cli"),
    ("analysis/text/tokens.py", "from analysis.readers import cleaning\n", "imports analysis.readers"),
    ("analysis/measures/event.py", "from analysis.pipeline import MEASURES\n", "imports analysis.pipeline"),
    ("analysis/measures/event.py", "from analysis.measures import figures\n", "takes the module"),
    ("analysis/measures/event.py", "from analysis.measures.figures import FigureReport, check\n", "takes check"),
    ("corpus/story.py", "import analysis.settings\n", "imports analysis.settings"),
])
def test_an_import_running_up_or_a_measure_calling_another_is_caught(tmp_path, file, text, problem):
    problems = upward(graph(_tree(tmp_path, {**GOOD, file: GOOD.get(file, "") + text})))
    assert any(problem in p for p in problems), problems


def test_a_circle_is_caught_even_inside_one_layer(tmp_path):
    edges = graph(_tree(tmp_path, {**GOOD, "analysis/measures/figures.py":
                                   "from analysis.measures.event import EventCheck\nclass FigureReport: pass\n",
                                   "analysis/measures/event.py":
                                   "from analysis.measures.figures import FigureReport\nclass EventCheck: pass\n"}))
    assert cycles(edges) == [["analysis.measures.event", "analysis.measures.figures"]]


def test_the_modules_of_one_measures_package_may_call_each_other(tmp_path):
    files = {**GOOD, "analysis/measures/claims/__init__.py": "",
             "analysis/measures/claims/findings.py": "def evidence(): pass\n",
             "analysis/measures/claims/decide.py": "from analysis.measures.claims.findings import evidence\n"
                                                   "from analysis.measures.figures import FigureReport\n"}
    edges = graph(_tree(tmp_path, files))
    assert upward(edges) == []
    files["analysis/measures/claims/decide.py"] += "from analysis.measures.event import check\n"
    assert any("takes check" in p for p in upward(graph(_tree(tmp_path / "again", files))))
