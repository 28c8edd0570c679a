"""Draw the README's pictures: page 1 of the embedded story's worksheet and teacher's key.

    python docs/make_pictures.py

Runs ``sourcedrift report`` on corpus/broken_heart (US Letter) into a
temporary folder, turns page 1 of ``student-letter.pdf`` and
``teacher-letter.pdf`` into PNG with poppler's ``pdftoppm`` and writes them,
reduced to a 64-colour palette (about 100 KB each), as
``docs/worksheet-page1.png`` and ``docs/key-page1.png``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

DOCS = Path(__file__).resolve().parent
STORY = DOCS.parent / "corpus" / "broken_heart"
PICTURES = {"student-letter.pdf": "worksheet-page1.png", "teacher-letter.pdf": "key-page1.png"}
RESOLUTION = 72    # dots per inch: a Letter page is 612 x 792 pixels
COLOURS = 64


def main() -> int:
    from sourcedrift.cli import main as sourcedrift

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("docs/make_pictures.py: pdftoppm (poppler-utils) is not installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report"
        code = sourcedrift(["report", str(STORY), "-o", str(out), "--paper", "letter", "--quiet"])
        if code:
            return code
        for pdf, png in PICTURES.items():
            prefix = Path(folder) / Path(pdf).stem
            subprocess.run([pdftoppm, "-png", "-r", str(RESOLUTION), "-f", "1", "-l", "1", "-singlefile",
                            str(out / "handout" / pdf), str(prefix)], check=True)
            picture = Image.open(f"{prefix}.png").convert("RGB")
            picture.quantize(COLOURS, dither=Image.Dither.NONE).save(DOCS / png, optimize=True)
            print(f"wrote docs/{png} ({(DOCS / png).stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
