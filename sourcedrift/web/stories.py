"""The stories the workbench knows, by id, and their analyses run in the background.

A story id is the only thing a request names a story by; it is looked up
here, so no path is ever built from what a browser sends. Stories are those
given on the command line and the folders of the workspace (where stories
made in the app are written). Each story is analysed once, in a thread of
its own, with its progress readable at any time (``Entry.status``); the
handout layout, the charts and the report files are computed once and kept.
"""

from __future__ import annotations

import re
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from analysis.pipeline import StoryAnalysis, analyse_story
from analysis.settings import Settings
from corpus import InputError, Story, load_story
from corpus.story import MANIFEST

# Ids are folder-name slugs: nothing that could climb out of a folder.
STORY_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
State = Literal["waiting", "running", "done", "failed"]
# prepare_story reports three steps (cleaning, the alignment model, quotations), then one per article.
STORY_STEPS = 3


def slug(text: str, *, fallback: str = "story") -> str:
    """A story id made of ``text``: lower case letters, digits, underscores and hyphens, at most 48 characters."""
    found = re.sub(r"[^a-z0-9_]+", "-", text.casefold()).strip("-_")[:48].strip("-_")
    return found or fallback


@dataclass(frozen=True)
class Status:
    """Where a story's analysis stands: ``done`` of ``total`` steps."""

    state: State
    done: int
    total: int
    message: str = ""
    error: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"state": self.state, "done": self.done, "total": self.total,
                "message": self.message, "error": self.error}


class Tracked:
    """Work that runs in the background: its :class:`Status`, read and changed under one lock."""

    def __init__(self, status: Status) -> None:
        self._status = status
        self._lock = threading.Lock()

    @property
    def status(self) -> Status:
        with self._lock:
            return self._status

    def _set(self, **changes: Any) -> None:
        with self._lock:
            current = self._status.to_dict()
            current.update(changes)
            self._status = Status(**current)


class Entry(Tracked):
    """One story folder: its manifest, its analysis (once done) and what was computed from it."""

    def __init__(self, story_id: str, directory: Path, story: Story, made_here: bool) -> None:
        self.id = story_id
        self.directory = directory
        self.story = story
        self.made_here = made_here
        self.analysis: StoryAnalysis | None = None
        super().__init__(Status("waiting", 0, STORY_STEPS + len(story.coverage)))
        self._cache: dict[Any, Any] = {}
        self._cache_locks: dict[Any, threading.Lock] = {}
        self._cache_lock = threading.Lock()
        # Saving a correction reads, changes and rewrites a coder's gold file: one save at a time per story.
        self.gold_lock = threading.Lock()

    @property
    def title(self) -> str:
        return self.story.title or self.story.name

    def cached(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per ``key``; a slow key (the report) never holds up the others (the pages)."""
        with self._cache_lock:
            if key in self._cache:
                return self._cache[key]
            lock = self._cache_locks.setdefault(key, threading.Lock())
        with lock:
            with self._cache_lock:
                if key in self._cache:
                    return self._cache[key]
            value = compute()
            with self._cache_lock:
                self._cache[key] = value
            return value

    def forget(self) -> None:
        """Drop everything computed from the analysis (after a new analysis)."""
        with self._cache_lock:
            self._cache.clear()


class Registry:
    """Story ids -> folders; starts and tracks the background analyses."""

    def __init__(self, workspace: Path, settings: Settings) -> None:
        self.workspace = workspace.resolve()
        self.settings = settings
        self._entries: dict[str, Entry] = {}
        self._lock = threading.RLock()
        self._threads: list[threading.Thread] = []
        # One analysis at a time: the pages stay quick while a story is analysed.
        self._slots = threading.Semaphore(1)

    # ------------------------------------------------------------ which stories

    def add(self, directory: str | Path, *, made_here: bool = False) -> Entry:
        """Register a story folder (loading its manifest); the folder given twice is one entry.

        Raises:
            InputError: the folder is not a story (as ``load_story`` says).
        """
        directory = Path(directory).resolve()
        story = load_story(directory)
        with self._lock:
            for entry in self._entries.values():
                if entry.directory == directory:
                    return entry
            base = slug(directory.name)
            story_id, n = base, 2
            while story_id in self._entries:
                story_id, n = f"{base}-{n}", n + 1
            entry = Entry(story_id, directory, story, made_here)
            self._entries[story_id] = entry
            return entry

    def scan_workspace(self) -> list[str]:
        """Register every story folder of the workspace; returns one line per folder that failed to load."""
        problems = []
        if not self.workspace.is_dir():
            return problems
        for folder in sorted(self.workspace.iterdir()):
            if folder.name.startswith(".") or not (folder / MANIFEST).is_file():
                continue
            try:
                self.add(folder, made_here=True)
            except InputError as error:
                problems.append(str(error))
        return problems

    def get(self, story_id: str) -> Entry | None:
        """The story of ``story_id``, or None for an id that is malformed or unknown."""
        if not isinstance(story_id, str) or not STORY_ID.fullmatch(story_id):
            return None
        with self._lock:
            return self._entries.get(story_id)

    def entries(self) -> list[Entry]:
        with self._lock:
            return list(self._entries.values())

    def new_folder(self, name: str) -> Path:
        """A fresh folder path in the workspace for a story called ``name`` (not created)."""
        self.workspace.mkdir(parents=True, exist_ok=True)
        base = slug(name)
        with self._lock:
            taken = {e.id for e in self._entries.values()}
            candidate, n = base, 2
            while candidate in taken or (self.workspace / candidate).exists():
                candidate, n = f"{base}-{n}", n + 1
        folder = (self.workspace / candidate).resolve()
        if folder.parent != self.workspace:
            raise InputError(name, "is not a usable story name")
        return folder

    # ------------------------------------------------------------ analyses

    def analyse(self, entry: Entry, *, again: bool = False) -> None:
        """Start analysing ``entry`` in the background unless it is running or (without ``again``) done."""
        with entry._lock:
            state = entry._status.state
            if state == "running" or (state in ("done", "failed") and not again):
                return
            entry._status = Status("running", 0, STORY_STEPS + len(entry.story.coverage), "waiting for its turn")
        thread = threading.Thread(target=self._run, args=(entry,), name=f"analyse-{entry.id}", daemon=True)
        with self._lock:
            self._threads.append(thread)
        thread.start()

    def _run(self, entry: Entry) -> None:
        def progress(message: str) -> None:
            status = entry.status
            entry._set(done=min(status.done + 1, status.total), message=message)

        try:
            with self._slots:
                entry._set(message="loading the texts")
                story = load_story(entry.directory)
                analysis = analyse_story(story, self.settings, progress=progress)
        except InputError as error:
            entry._set(state="failed", error=str(error), message="")
            return
        except Exception as error:  # a bug must show on the page, not kill the thread silently
            traceback.print_exc()
            entry._set(state="failed", error=f"the analysis failed: {type(error).__name__}: {error}", message="")
            return
        entry.forget()
        entry.story = story
        entry.analysis = analysis
        entry._set(state="done", done=entry.status.total, message="analysed")

    def analyse_all(self, entries: Iterable[Entry] | None = None) -> None:
        for entry in self.entries() if entries is None else entries:
            self.analyse(entry)

    def wait(self, timeout: float | None = None) -> None:
        """Wait for every analysis started so far (tests and the benchmark)."""
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout)
