"""Show each course demo on the website as a picture of its first state, with a line under it.

A demo (mlnotes.widgets.Demo) stores three representations in the notebook: the
widget view (JupyterLab draws the live widget from it while the kernel runs), a
PNG of its first state, and a text line naming its controls. myst-nb keeps one
representation per output; for a demo this keeps the PNG and adds a line saying
that the demo moves in JupyterLab. Other widgets (the training progress bar) keep
their text line, by conf.py's render priority.
"""
import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

WIDGET = "application/vnd.jupyter.widget-view+json"
# Demo.__repr__ in mlnotes/widgets/demo.py
DEMO_LINE = re.compile(r"Demo: (?P<title>.*) \(controls: (?P<controls>.*)\)\. Run the notebook to use it\.")


class DemoPictures(SphinxPostTransform):
    # Before myst-nb's SelectMimeType (priority 4) picks one representation per output.
    default_priority = 3
    formats = ("html",)

    def run(self, **kwargs):
        for bundle in list(self.document.findall(nodes.container)):
            if bundle.get("nb_element") != "mime_bundle":
                continue
            shown = {child["mime_type"]: child for child in bundle.children}
            line = DEMO_LINE.fullmatch(shown["text/plain"].astext().strip()) if "text/plain" in shown else None
            if WIDGET in shown and "image/png" in shown and line:
                caption = nodes.paragraph(text=f"The demo «{line['title']}» as it starts. In JupyterLab it moves: "
                                               f"run the notebook, then change {line['controls']}.")
                picture = nodes.container(classes=["mlnotes-demo-picture"])
                picture.extend([*shown["image/png"].children, caption])
                bundle.replace_self(picture)


def setup(app):
    app.add_post_transform(DemoPictures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
