"""Run a study loaded by :mod:`analysis.study.replicate` and write its outputs.

The application's half of ``sourcedrift replicate``: every story is analysed
(on one core, all local cores or a Dask cluster: :mod:`analysis.parallel`),
then ``study.toml`` (the configuration, byte for byte), ``study.json``, each
story's ``results.json`` (and ``agreement.json`` with coders), each pool's
``matching.json`` and the replication bundle are written, all through a
staging folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from analysis import __version__
from analysis.parallel import Runner, SerialRunner, analyse_stories
from analysis.pipeline import Progress, StoryAnalysis
from analysis.study.agreement import agreement
from analysis.study.replicate import CONFIG_COPY, SUMMARY, Pool, Study
from corpus import InputError


def run_study(
    study: Study,
    out: str | Path,
    run: Runner | None = None,
    progress: Progress | None = None,
) -> tuple[Path, ...]:
    """Analyse every story of ``study`` and write the outputs into ``out``.

    Returns the files written, relative to ``out``, sorted. The whole output
    is built in a staging folder first: on any error ``out`` is left as it was.
    """
    from reports.files import staged_output, write_file
    from reports.results_json import dumps, plain, write_results

    config = study.config
    say = progress or (lambda _: None)
    keep = config.bundle and _bundle_writer() is not None
    kept: list[StoryAnalysis] = []
    rows = []
    with staged_output(out, inputs=study_inputs(study)) as staging:
        write_file(staging / CONFIG_COPY, config.raw)
        analyses = analyse_stories([s.story for s in study.stories], config.settings, run or SerialRunner(),
                                   chunk=config.chunk, progress=say)
        for entry, analysis in zip(study.stories, analyses):
            folder = staging / "stories" / entry.story.name
            folder.mkdir(parents=True)
            write_results(analysis, folder)
            row = {"name": entry.story.name, "source": entry.source, "primary": entry.story.primary.file,
                   "articles": len(analysis.articles), "results": f"stories/{entry.story.name}/results.json",
                   "agreement": None}
            if entry.codes:
                try:
                    found = agreement(entry.codes, analysis, source=entry.coders_file.name)
                except ValueError as error:
                    raise InputError(entry.coders_file, str(error)) from None
                write_file(folder / "agreement.json", dumps(plain(found)))
                row["agreement"] = f"stories/{entry.story.name}/agreement.json"
            rows.append(row)
            if keep:
                kept.append(analysis)
        pools = []
        for pool, matching in study.matchings:
            folder = staging / "pools" / pool.name
            folder.mkdir(parents=True)
            write_file(folder / "matching.json", dumps(plain(matching)))
            pools.append({"name": pool.name, "primaries": len(matching.primaries), "articles": len(matching.matches),
                          "unmatched": len(matching.unmatched), "matching": f"pools/{pool.name}/matching.json",
                          "inputs": _hashes(pool)})
        summary = {
            "toolkit": {"name": "sourcedrift", "version": __version__},
            "study": config.name,
            "config": CONFIG_COPY,
            "settings": config.settings.to_dict(),
            "stories": rows,
            "pools": pools,
            "bundle": keep,
        }
        write_file(staging / SUMMARY, dumps(plain(summary)))
        if keep:
            say("writing the replication bundle")
            # The configuration as run: the file's tables, with every setting's effective value.
            _bundle_writer()(kept, staging, {**config.data, "settings": config.settings.to_dict()})
        written = tuple(sorted(p.relative_to(staging) for p in staging.rglob("*") if p.is_file()))
    return written


def study_inputs(study: Study) -> list[Path]:
    """Every file and folder a study reads: its output may be inside none and hold none."""
    return [study.config.path, *(s.story.directory for s in study.stories),
            *(folder for pool, _ in study.matchings for folder in (pool.primaries, pool.articles))]


def bundle_available() -> bool:
    """Whether this version can write the replication bundle (``reports.bundle``)."""
    return _bundle_writer() is not None


def _hashes(pool: Pool) -> list[dict]:
    """SHA-256 of every text of a pool (a pool has no story folder for the bundle to hash)."""
    found = []
    for role, folder in (("primaries", pool.primaries), ("articles", pool.articles)):
        for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".txt"):
            found.append({"path": f"{role}/{path.name}", "sha256": hashlib.sha256(path.read_bytes()).hexdigest()})
    return found


def _bundle_writer():
    """``reports.bundle.write_bundle`` when the reports package has it, else None."""
    try:
        from reports.bundle import write_bundle
    except ImportError:
        return None
    return write_bundle

