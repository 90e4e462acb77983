"""Rebuild mlnotes/fonts/mlnotes-cjk.ttf, the Chinese font the course's figures use.

Matplotlib's default font has no Chinese glyphs: a label such as 输入层
would show as empty boxes and print a warning (which also breaks strict
nbval). We ship a subset of Droid Sans Fallback (Apache-2.0, Debian package
fonts-droid-fallback) holding the 3,755 common characters of GB2312 level 1,
every Chinese character in the course's notebooks, package, README, docs and tools
(the website, `make site`, draws its Chinese text with this font too), and CJK
punctuation, so learners can also write Chinese in their own plots.

    apt-get install fonts-droid-fallback && pip install fonttools
    python tools/subset_font.py [/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf]

tests/test_plotting.py fails, naming the characters, when the course uses one
the font lacks: add it by re-running this script.
"""
import sys
from pathlib import Path

from fontTools import subset

TOP = Path(__file__).resolve().parents[1]
SOURCE = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
TARGET = TOP / "mlnotes" / "fonts" / "mlnotes-cjk.ttf"
PUNCTUATION = "，。：；、（）！？「」《》·—…“”‘’"


def is_cjk(ch):
    return ord(ch) >= 0x2E80


def course_characters():
    """GB2312 level 1 (rows 16-55), punctuation, and every CJK character the course's files use."""
    chars = set(PUNCTUATION)
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # the few unused code points at the end of row 55
    for path in [*TOP.glob("notebooks/*.ipynb"), *TOP.glob("mlnotes/**/*.py"), *TOP.glob("docs/*.md"),
                 TOP / "README.md", *TOP.glob("tools/*.py")]:
        chars |= {ch for ch in path.read_text(encoding="utf-8") if is_cjk(ch)}
    return chars


def main(source=SOURCE):
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.hinting = False   # figures are rendered at high resolution; hints only add bytes
    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(course_characters())))
    subsetter.subset(font)
    subset.save_font(font, str(TARGET), options)
    print(f"wrote {TARGET.relative_to(TOP)} ({TARGET.stat().st_size // 1000} kB)")


if __name__ == "__main__":
    main(*sys.argv[1:])
