"""A whole study from one configuration file, loaded and checked: ``sourcedrift replicate STUDY.toml``.

This module reads and validates the configuration and everything it names
(:func:`load_config`, :func:`load_study`) and returns records; running the
study and writing its outputs is the application's (``sourcedrift.replicate``).

The configuration (TOML; paths are relative to the file itself)::

    [study]
    name = "harbor-and-heart"     # required
    output = "out/study"          # the output folder; ``-o`` on the command line wins
    bundle = true                 # also write the replication bundle (default true)

    [run]
    jobs = -1                     # local worker processes, -1 = all cores
    chunk = 100                   # articles per task when a story is split
                                  # (neither changes any result)

    [settings]                    # overrides of analysis/settings.py
    match_min_score = 0.1

    [[story]]                     # a story folder (with a story.toml) ...
    path = "corpus/dev_harbor"
    coders = "codes.csv"          # ... optionally with human coders' labels

    [[folder]]                    # every sub-folder holding a story.toml, by name
    path = "stories"

    [[pool]]                      # texts with no manifest: each article is
    name = "wires"                # matched to the primary it is based on
    primaries = "pool/releases"   # *.txt, one primary each
    articles = "pool/articles"    # *.txt, one article each

Outputs, all deterministic (a second run writes the same bytes):
``study.toml`` (the configuration, copied byte for byte), ``study.json``,
``stories/NAME/results.json`` (and ``agreement.json`` with coders),
``pools/NAME/matching.json``, and the replication bundle.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from analysis.measures.matching import SourceMatching, match_sources
from analysis.parallel import DEFAULT_CHUNK
from analysis.pipeline import Progress
from analysis.settings import Settings
from analysis.study.agreement import Code, load_codes
from corpus import Document, InputError, Story, load_story, read_text
from corpus.reading import inside
from corpus.story import MANIFEST, Role

CONFIG_COPY = "study.toml"
SUMMARY = "study.json"
_TABLES = {
    "study": {"name", "output", "bundle"},
    "run": {"jobs", "chunk"},
    "settings": None,  # checked against Settings
    "story": {"path", "coders"},
    "folder": {"path"},
    "pool": {"name", "primaries", "articles"},
}
_LISTS = ("story", "folder", "pool")


@dataclass(frozen=True)
class StoryEntry:
    path: Path
    coders: Path | None


@dataclass(frozen=True)
class Pool:
    name: str
    primaries: Path
    articles: Path


@dataclass(frozen=True)
class StudyConfig:
    """A validated study configuration; ``raw`` is the file's bytes, copied into the output."""

    path: Path
    raw: bytes
    data: dict
    name: str
    output: Path | None
    bundle: bool
    jobs: int | None
    chunk: int
    settings: Settings
    stories: tuple[StoryEntry, ...]
    folders: tuple[Path, ...]
    pools: tuple[Pool, ...]


@dataclass(frozen=True)
class StudyStory:
    story: Story
    source: str                       # "story", "folder" or "pool NAME"
    codes: tuple[Code, ...]           # human coders' labels; () without a coders file
    coders_file: Path | None


@dataclass(frozen=True)
class Study:
    """Everything a study reads, loaded and checked before anything is analysed."""

    config: StudyConfig
    stories: tuple[StudyStory, ...]
    matchings: tuple[tuple[Pool, SourceMatching], ...]


def load_config(path: str | Path) -> StudyConfig:
    """Read and check a study configuration.

    Raises:
        InputError: naming the file: not TOML, an unknown table or key, a
            value of the wrong type, a missing path, or no story at all.
    """
    path = Path(path)
    text = read_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(path, f"is not valid TOML ({error})") from None
    for table, value in data.items():
        if table not in _TABLES:
            raise InputError(path, f"unknown table [{table}] (known: {', '.join(_TABLES)})")
        entries = value if table in _LISTS else [value]
        if table in _LISTS and not isinstance(value, list):
            raise InputError(path, f"[{table}] must be written [[{table}]] (one per entry)")
        for entry in entries:
            if not isinstance(entry, dict):
                raise InputError(path, f"[{table}] must be a table")
            unknown = sorted(set(entry) - _TABLES[table]) if _TABLES[table] is not None else []
            if unknown:
                raise InputError(path, f"[{table}] has unknown key {unknown[0]!r} (known: {', '.join(sorted(_TABLES[table]))})")
    base = path.parent
    study = data.get("study")
    if not isinstance(study, dict):
        raise InputError(path, "has no [study] table")
    name = _safe_name(path, _get(path, study, "[study]", "name", str, required=True), "[study]")
    output = _get(path, study, "[study]", "output", str)
    run = data.get("run", {})
    jobs = _get(path, run, "[run]", "jobs", int)
    if jobs == 0:
        raise InputError(path, "[run] jobs must not be 0 (use -1 for all cores, 1 for no workers)")
    chunk = _get(path, run, "[run]", "chunk", int)
    if chunk is not None and chunk < 1:
        raise InputError(path, f"[run] chunk must be at least 1, not {chunk}")

    stories = []
    for number, entry in enumerate(data.get("story", []), start=1):
        where = f"[[story]] {number}"
        folder = _folder(path, base, _get(path, entry, where, "path", str, required=True), where)
        coders = _get(path, entry, where, "coders", str)
        if coders is not None and not (base / coders).is_file():
            raise InputError(path, f"{where}: coders file {coders!r} does not exist")
        stories.append(StoryEntry(folder, base / coders if coders is not None else None))
    folders = tuple(_folder(path, base, _get(path, entry, f"[[folder]] {n}", "path", str, required=True),
                            f"[[folder]] {n}") for n, entry in enumerate(data.get("folder", []), start=1))
    pools = []
    for number, entry in enumerate(data.get("pool", []), start=1):
        where = f"[[pool]] {number}"
        pools.append(Pool(
            _safe_name(path, _get(path, entry, where, "name", str, required=True), where),
            _folder(path, base, _get(path, entry, where, "primaries", str, required=True), where),
            _folder(path, base, _get(path, entry, where, "articles", str, required=True), where),
        ))
    if len({pool.name for pool in pools}) != len(pools):
        raise InputError(path, "two [[pool]] entries have the same name")
    if not (stories or folders or pools):
        raise InputError(path, "lists no [[story]], [[folder]] or [[pool]]")
    return StudyConfig(
        path=path,
        raw=path.read_bytes(),
        data=data,
        name=name,
        output=base / output if output is not None else None,
        bundle=_get(path, study, "[study]", "bundle", bool, default=True),
        jobs=jobs,
        chunk=chunk or DEFAULT_CHUNK,
        settings=_settings(path, data.get("settings", {})),
        stories=tuple(stories),
        folders=folders,
        pools=tuple(pools),
    )


def _get(path: Path, table: dict, where: str, key: str, kind: type, *, required: bool = False, default=None):
    if key not in table:
        if required:
            raise InputError(path, f"{where}: {key} is required")
        return default
    value = table[key]
    # bool is an int in Python, but `jobs = true` is a mistake.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InputError(path, f"{where}: {key} must be {_KIND_NAMES[kind]}, not {value!r}")
    if kind is str and not value.strip():
        raise InputError(path, f"{where}: {key} is empty")
    return value


_KIND_NAMES = {str: "a string", int: "an integer", bool: "true or false", float: "a number"}


def _folder(path: Path, base: Path, value: str, where: str) -> Path:
    folder = base / value
    if not folder.is_dir():
        raise InputError(path, f"{where}: {value!r} is not a folder")
    return folder


def _safe_name(path: Path, name: str, where: str) -> str:
    """A name that can be an output folder of its own."""
    if name != name.strip() or name in (".", "..") or any(c in name for c in '/\\:*?"<>|') or name.startswith("."):
        raise InputError(path, f"{where}: name {name!r} cannot name a folder (no / \\ : * ? \" < > |, no leading dot)")
    return name


def _settings(path: Path, overrides: object) -> Settings:
    """The study's settings, its model files checked (``analysis.pipeline.configured``)."""
    from analysis.pipeline import configured

    return configured(path, overrides)


def load_study(config: StudyConfig, progress: Progress | None = None) -> Study:
    """Load every story the configuration names, and match each pool's articles to its primaries.

    Stories come in the configuration's order: [[story]] entries, then each
    [[folder]]'s sub-folders by name, then the pools' stories by primary.

    Raises:
        InputError: a story, text or coders file is bad (naming that file), or
            two stories share a name (naming the configuration).
    """
    say = progress or (lambda _: None)
    stories: list[StudyStory] = []
    for entry in config.stories:
        story = load_story(entry.path)
        codes = load_codes(entry.coders, story) if entry.coders is not None else ()
        stories.append(StudyStory(story, "story", codes, entry.coders))
    for folder in config.folders:
        found = sorted(p for p in folder.iterdir() if p.is_dir() and (p / MANIFEST).is_file())
        if not found:
            raise InputError(config.path, f"[[folder]] {folder.name!r} holds no story folder (none has a {MANIFEST})")
        stories.extend(StudyStory(load_story(p), "folder", (), None) for p in found)
    matchings = []
    for pool in config.pools:
        primaries, articles = load_texts(pool.primaries, "primary"), load_texts(pool.articles, "coverage")
        say(f"pool {pool.name}: matching {len(articles)} articles to {len(primaries)} primaries")
        matching = match_sources(primaries, articles, config.settings)
        matchings.append((pool, matching))
        by_id = {article.id: article for article in articles}
        for primary in primaries:
            assigned = tuple(by_id[file] for file in matching.articles_of(primary.id))
            if not assigned:
                continue
            if any(article.file == primary.file for article in assigned):
                raise InputError(config.path, f"[[pool]] {pool.name!r}: {primary.file!r} is both a primary and an article")
            story = Story(name=f"{pool.name}-{Path(primary.file).stem}", title="", directory=pool.primaries,
                          documents=(primary, *assigned), references=())
            stories.append(StudyStory(story, f"pool {pool.name}", (), None))
    names: dict[str, str] = {}
    for entry in stories:
        name = entry.story.name
        _safe_name(config.path, name, f"story {name!r}")
        if name in names:
            raise InputError(config.path, f"two stories are named {name!r} ({names[name]} and {entry.story.directory})")
        names[name] = str(entry.story.directory)
    return Study(config, tuple(stories), tuple(matchings))


def load_texts(folder: str | Path, role: Role) -> tuple[Document, ...]:
    """Every ``*.txt`` of ``folder``, by name, as documents with no manifest (id = file name).

    Raises:
        InputError: the folder is missing or holds no .txt file, or a text is bad.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "is not a folder")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
    if not files:
        raise InputError(folder, "holds no .txt files")
    return tuple(Document(id=p.name, file=p.name, role=role, outlet="", headline="", published="", url="",
                          text=read_text(inside(folder, p.name, folder, "a text of this folder"))) for p in files)
