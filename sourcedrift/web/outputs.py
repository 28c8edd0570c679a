"""The classroom documents and the replication bundle, exactly as ``sourcedrift report`` writes them.

``report_files`` runs ``reports.report.write_report`` itself (into a
temporary folder, read back and removed), so every file is the one the
command writes for the same story and options, byte for byte. ``zip_bytes``
packs them in sorted order with fixed timestamps and permissions, so the same
files always give the same zip.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

from analysis.pipeline import StoryAnalysis
from reports.report import PAPERS, ReportOptions, report_config, write_report

# The earliest time a zip file can hold; any fixed value makes the archive reproducible.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
PAPER_CHOICES = ("both",) + PAPERS


def options_from(paper: str, large_print: bool, blind: bool) -> ReportOptions:
    """Report options from the download form (``paper``: both, letter or a4).

    Raises:
        ValueError: ``paper`` is not one of PAPER_CHOICES.
    """
    if paper not in PAPER_CHOICES:
        raise ValueError(f"paper {paper!r} is not one of {', '.join(PAPER_CHOICES)}")
    return ReportOptions(blind=blind, large_print=large_print, papers=PAPERS if paper == "both" else (paper,))


def report_files(analysis: StoryAnalysis, options: ReportOptions) -> dict[str, bytes]:
    """Every file ``sourcedrift report`` writes for ``analysis`` and ``options``: relative path -> bytes."""
    staging = Path(tempfile.mkdtemp(prefix="sourcedrift-report-"))
    try:
        out = staging / "report"
        write_report(analysis, out, options=options, config=report_config(analysis.settings, options))
        return {path.relative_to(out).as_posix(): path.read_bytes()
                for path in sorted(out.rglob("*")) if path.is_file()}
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def zip_bytes(files: Mapping[str, bytes], folder: str = "") -> bytes:
    """A reproducible zip of ``files`` (sorted names, fixed time and permissions), under ``folder/`` if given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}" if folder else name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the machine: the attributes above are read the same way
            archive.writestr(info, files[name])
    return buffer.getvalue()
