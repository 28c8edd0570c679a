"""Benchmark: the workbench under load, 20 clients reading article pages for 30 seconds on loopback.

Run: ``python benchmarks/serve.py [--clients 20] [--seconds 30]``. Builds a
10-article story (dev_harbor's primary and six articles, and four of them
again under other names, through ``sourcedrift new``), starts ``sourcedrift
serve`` on it in a separate process on 127.0.0.1 with a free port, waits for
the analysis, warms each article page once, then has every client request
article pages in turn for the given time. Prints the median, 90th and 99th
percentile page times, pages per second and errors (any status but 200, or
a failed connection). Stops by itself and stops the server it started. Not
a test: timings depend on the machine (the target is a median under 200 ms).
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "corpus" / "dev_harbor"
ARTICLES = ("a01.txt", "a02.txt", "a03.txt", "a04.txt", "a05.txt", "a06.txt")


def build_story(folder: Path) -> Path:
    """A 10-article story folder built the way ``sourcedrift new`` builds one."""
    from corpus.build import build_story as build

    texts = folder / "texts"
    texts.mkdir()
    shutil.copy(STORY / "primary.txt", texts / "primary.txt")
    names = []
    for n in range(10):
        source = ARTICLES[n % len(ARTICLES)]
        target = texts / f"article{n + 1:02d}.txt"
        shutil.copy(STORY / source, target)
        names.append(target)
    return build(folder / "ten", texts / "primary.txt", names, title="Ten articles")


def get(port: int, path: str, timeout: float = 60.0) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="sourcedrift-serve-bench-"))
    server = None
    try:
        story = build_story(work)
        server = subprocess.Popen(
            [sys.executable, "-m", "sourcedrift", "serve", str(story), "--port", "0", "--workspace", str(work / "ws")],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
        line = server.stdout.readline()
        port = int(line.split("http://127.0.0.1:", 1)[1].split("/", 1)[0])
        started = time.perf_counter()
        while True:
            state = json.loads(get(port, "/story/ten/status.json")[1])
            if state["state"] in ("done", "failed"):
                break
            time.sleep(0.2)
        if state["state"] != "done":
            print(f"analysis failed: {state['error']}")
            return 1
        print(f"10-article story analysed in {time.perf_counter() - started:.1f} s")
        pages = [f"/story/ten/article/{chr(ord('A') + n)}" for n in range(10)]
        for page in pages:  # warm: the first view of a story lays out its handout once
            assert get(port, page)[0] == 200, page

        times: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        deadline = time.perf_counter() + args.seconds

        def client(number: int) -> None:
            i = number
            while time.perf_counter() < deadline:
                page = pages[i % len(pages)]
                i += 1
                begun = time.perf_counter()
                try:
                    status, body = get(port, page)
                    problem = "" if status == 200 and b"article-text" in body else f"{page}: status {status}"
                except OSError as error:
                    problem = f"{page}: {error}"
                took = time.perf_counter() - begun
                with lock:
                    times.append(took)
                    if problem:
                        errors.append(problem)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        begun = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - begun
        times.sort()
        quantile = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000  # noqa: E731
        print(f"{args.clients} clients for {elapsed:.1f} s: {len(times)} article pages, "
              f"{len(times) / elapsed:.1f} pages/s, {len(errors)} errors")
        print(f"page time: median {statistics.median(times) * 1000:.0f} ms, 90th percentile {quantile(0.9):.0f} ms, "
              f"99th {quantile(0.99):.0f} ms (target: median under 200 ms)")
        for problem in errors[:5]:
            print(f"  error: {problem}")
        return 0 if not errors else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
