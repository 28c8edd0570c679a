"""``sourcedrift report``: the handouts, the comparative report and the replication bundle of one story.

Output folder::

    index.html                    the findings first, and links to everything below
    handout/student.html          the student worksheet: the texts with numbered lines, no verdicts, tasks
    handout/teacher.html          the teacher's key: every mark with its evidence, answers, rubrics
    handout/annotated.html        (with ``annotated``) the marked copy, for studying a worked example
    handout/{student,teacher,annotated}-{letter,a4}.pdf
    comparative/comparative.html  charts per outlet; charts/*.png and *.svg
    bundle/                       CSVs, results.json, datapackage.json, codebook.md, manifest.json

Everything is rendered in memory, written into a staging folder and swapped
in for the previous output whole (``reports.files``), so a failure leaves the
output folder as it was. Every page's footer names the
toolkit version and the configuration hash: SHA-256 of the canonical JSON of
the settings and the options (``reports.bundle.config_hash``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analysis import __version__
from analysis.pipeline import StoryAnalysis
from analysis.settings import Settings
from reports.fonts import esc

PAPERS = ("letter", "a4")
Progress = Callable[[str], None]
SHORT_HASH = 12     # characters of the configuration hash shown in footers (as the command line prints it)



@dataclass(frozen=True)
class ReportOptions:
    """How the handout is drawn: outlets hidden, large print, which paper sizes."""

    blind: bool = False
    large_print: bool = False
    papers: tuple[str, ...] = PAPERS
    annotated: bool = False        # also write the annotated copy

    def __post_init__(self) -> None:
        unknown = [p for p in self.papers if p not in PAPERS]
        if unknown or not self.papers:
            raise ValueError(f"paper {unknown[0] if unknown else '(none)'!r} is not one of {list(PAPERS)}")

    def to_dict(self) -> dict:
        found = {"blind": self.blind, "large_print": self.large_print, "papers": list(self.papers)}
        if self.annotated:  # only when set, so earlier configurations keep their hash
            found["annotated"] = True
        return found

    @property
    def copies(self) -> tuple[str, ...]:
        return ("student", "teacher") + (("annotated",) if self.annotated else ())


@dataclass(frozen=True)
class Written:
    files: tuple[Path, ...]        # every file written, under the output folder
    left_out: tuple[str, ...]      # what was left out, and why (a measure not available yet)
    config_sha256: str


def report_config(settings: Settings, options: ReportOptions, config_file: str | Path | None = None) -> dict:
    """The run's full configuration: settings, options, and the settings file (by name and hash)."""
    from reports.bundle import sha256

    config: dict = {"settings": settings.to_dict(), "options": options.to_dict(), "config_file": None}
    if config_file is not None:
        path = Path(config_file)
        config["config_file"] = {"name": path.name, "sha256": sha256(path.read_bytes())}
    return config


def report_steps(options: ReportOptions) -> int:
    """How many times ``write_report`` calls its progress callback."""
    from reports.charts import CHARTS

    copies = len(options.copies)
    return 1 + copies + copies * len(options.papers) + len(CHARTS) + 1 + 1 + 1


def _quiet(_: str) -> None:
    pass


def write_report(
    analysis: StoryAnalysis,
    out: str | Path,
    *,
    options: ReportOptions = ReportOptions(),
    config: dict | None = None,
    progress: Progress = _quiet,
    ready: frozenset[str] | None = None,
) -> Written:
    """Write every output of ``sourcedrift report`` for ``analysis`` into ``out``, replacing it whole.

    Args:
        config: the run's configuration (default: :func:`report_config` of the
            analysis's settings and ``options``); its hash goes in every footer.
        progress: called once per step with a short message
            (:func:`report_steps` times in all).
        ready: the measures to show (default: those implemented).

    Raises:
        reports.files.OutputError: ``out`` cannot be written; it keeps the previous output.
    """
    from reports.files import write_output

    rendered = render_report(analysis, options=options, config=config, progress=progress, ready=ready)
    write_output(out, rendered.files, inputs=(analysis.story.directory,))
    out = Path(out)
    return Written(tuple(out / name for name in sorted(rendered.files)), rendered.left_out, rendered.config_sha256)


@dataclass(frozen=True)
class Rendered:
    files: dict[str, bytes]        # every output, by path relative to the output folder
    left_out: tuple[str, ...]
    config_sha256: str


def render_report(
    analysis: StoryAnalysis,
    *,
    options: ReportOptions = ReportOptions(),
    config: dict | None = None,
    progress: Progress = _quiet,
    ready: frozenset[str] | None = None,
) -> Rendered:
    """Every output of ``sourcedrift report``, in memory: handouts, comparative report, bundle."""
    from reports.bundle import bundle_with_manifest, config_hash
    from reports.charts import charts, comparative_html
    from reports.handout import COPY_NAMES, font_files, prepare, render_html
    from reports.pdf import render_pdf
    from reports.view import ready_measures

    ready = ready_measures() if ready is None else frozenset(ready)
    config = report_config(analysis.settings, options) if config is None else config
    digest = config_hash(config)
    footer = f"sourcedrift {__version__} · configuration {digest[:SHORT_HASH]}"
    files: dict[str, bytes] = {}

    progress("laying out the handout")
    handout = prepare(analysis, blind=options.blind, large_print=options.large_print, footer=footer, ready=ready)
    for name, data in font_files().items():
        files[f"handout/fonts/{name}"] = data
    for copy in options.copies:
        progress(f"handout: {COPY_NAMES[copy].lower()} (HTML)")
        files[f"handout/{copy}.html"] = render_html(handout, copy=copy).encode("utf-8")
    for paper in options.papers:
        for copy in options.copies:
            progress(f"handout: {COPY_NAMES[copy].lower()} ({paper} PDF)")
            files[f"handout/{copy}-{paper}.pdf"] = render_pdf(handout, paper=paper, copy=copy)

    drawn, charts_left_out = charts(analysis, blind=options.blind, ready=ready, progress=progress)
    for chart in drawn:
        files[f"comparative/charts/{chart.name}.png"] = chart.png
        files[f"comparative/charts/{chart.name}.svg"] = chart.svg
    progress("comparative report")
    files["comparative/comparative.html"] = comparative_html(analysis, drawn, charts_left_out, footer=footer,
                                                            findings=handout.findings).encode("utf-8")
    left_out = tuple(handout.view.left_out) + tuple(charts_left_out)
    progress("index")
    files["index.html"] = _index(analysis, files, left_out, footer, handout.findings).encode("utf-8")
    progress("replication bundle")
    bundle = bundle_with_manifest([analysis], config, report_outputs=files, ready=ready)
    files.update({f"bundle/{name}": data for name, data in bundle.items()})
    return Rendered(files, left_out, digest)


_NAMES = {"student": "Student worksheet: the texts with numbered lines and tasks, no verdicts",
          "teacher": "Teacher's key: every mark with its evidence, the answers, a rubric per task",
          "annotated": "Annotated copy: the marked texts, for studying a worked example"}


def _index(analysis: StoryAnalysis, files: dict[str, bytes], left_out: tuple[str, ...], footer: str,
           found=()) -> str:
    from reports.findings import findings_section

    title = analysis.story.title or analysis.story.name
    handouts = sorted(n for n in files if n.startswith("handout/") and n.count("/") == 1)
    rows = []
    for copy in ("student", "teacher", "annotated"):
        mine = [n for n in handouts if n.split("/")[1].split(".")[0].split("-")[0] == copy]
        if mine:
            links = " · ".join(f'<a href="{esc(n)}">{esc(n.split("/")[1])}</a>' for n in mine)
            rows.append(f"<li>{esc(_NAMES[copy])}: {links}</li>")
    missing = (f"<p>Left out until the measures are available: {esc('; '.join(left_out))}.</p>"
               if left_out else "")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{esc(title)}: report</title>'
        "<style>body{font-family:'DejaVu Sans',Verdana,sans-serif;color:#1A1A1A;max-width:48em;margin:2em auto;"
        "padding:0 1em;line-height:1.5}footer,.note{color:#595959;font-size:.85em}"
        ".findings{border:2px solid #0072B2;padding:0 1em;margin:1em 0}</style></head><body>\n"
        f"<h1>{esc(title)}</h1>\n"
        f"{findings_section(found)}\n"
        "<h2>Classroom handouts</h2>"
        f"<ul>{''.join(rows)}</ul>\n"
        '<h2>Comparative report</h2><ul><li><a href="comparative/comparative.html">comparative/comparative.html</a>'
        "</li></ul>\n"
        '<h2>Replication bundle</h2><ul><li><a href="bundle/manifest.json">bundle/manifest.json</a> '
        '(versions, configuration, SHA-256 of inputs and outputs)</li><li><a href="bundle/datapackage.json">'
        'bundle/datapackage.json</a> (data dictionary)</li><li><a href="bundle/codebook.md">bundle/codebook.md'
        "</a></li></ul>\n"
        f"{missing}<footer>{esc(footer)}</footer>\n</body></html>\n"
    )
