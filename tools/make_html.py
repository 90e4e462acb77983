"""Export every notebook, with its stored outputs, to static HTML, plus an index page.

    make html        (writes build/html/index.html and one page per notebook)

For participants who cannot install anything: the pages show every output
and figure as committed (the demos appear as their text description, since
they need a running kernel). Math is typeset by MathJax in the browser.
"""
import html
import json
import sys
from pathlib import Path

from nbconvert import HTMLExporter

TOP = Path(__file__).resolve().parents[1]


def title(path):
    """The notebook's first heading, without the leading '# '."""
    first = json.loads(path.read_text(encoding="utf-8"))["cells"][0]
    return "".join(first["source"]).splitlines()[0].lstrip("# ").strip()


def main(out=TOP / "build" / "html"):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="lab")
    rows = []
    for path in sorted((TOP / "notebooks").glob("*.ipynb")):
        body, _ = exporter.from_filename(str(path))
        (out / f"{path.stem}.html").write_text(body, encoding="utf-8")
        rows.append(f'<li><a href="{path.stem}.html">{html.escape(title(path))}</a></li>')
        print(f"wrote {out / (path.stem + '.html')}")
    index = ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>mlnotes: the course</title>"
             "<style>body{font-family:sans-serif;max-width:44em;margin:2em auto;line-height:1.6}</style></head><body>\n"
             "<h1>mlnotes: neural-network fundamentals</h1>\n"
             "<p>The course's notebooks with their stored outputs, in order. The interactive demos need a "
             "running JupyterLab (<code>make lab</code>); here they appear as text.</p>\n<ol start='0'>\n"
             + "\n".join(rows) + "\n</ol>\n</body></html>\n")
    (out / "index.html").write_text(index, encoding="utf-8")
    print(f"wrote {out / 'index.html'}")


if __name__ == "__main__":
    main(*sys.argv[1:])
