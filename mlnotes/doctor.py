"""`python -m mlnotes doctor`: is this machine ready for the course?

Each check returns a Check: whether it passed, what was found, and what to
do when it did not. An instructor runs it on every participant's machine
before a workshop; a learner runs it when something looks wrong.
"""
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

MIN_PYTHON = (3, 10)
#: What the course needs, with the import name of each distribution.
PACKAGES = {"numpy": "numpy", "matplotlib": "matplotlib", "ipywidgets": "ipywidgets",
            "jupyterlab": "jupyterlab", "ipykernel": "ipykernel"}
WIDGET_EXTENSION = "@jupyter-widgets/jupyterlab-manager"


@dataclass
class Check:
    name: str
    ok: bool
    found: str
    fix: str = ""


def check_python(version=None):
    version = version or sys.version_info[:3]
    text = ".".join(map(str, version))
    ok = tuple(version[:2]) >= MIN_PYTHON
    return Check("Python", ok, f"{text} (3.10 or newer needed)",
                 "" if ok else "install Python 3.10 or newer, then run `make lab` again")


def _requirement(dist):
    """The version specifier mlnotes declares for dist (e.g. '>=1.26,<3'), or '' if unknown."""
    try:
        requires = metadata.requires("mlnotes") or []
    except metadata.PackageNotFoundError:
        return ""
    from packaging.requirements import Requirement
    for line in requires:
        req = Requirement(line)
        if req.name.lower() == dist and not req.marker:
            return str(req.specifier)
    return ""


def check_package(dist):
    fix = "run `make lab` (or `pip install -e .` in the course folder) to install what the course needs"
    try:
        version = metadata.version(dist)
    except metadata.PackageNotFoundError:
        return Check(dist, False, "not installed", fix)
    spec = _requirement(dist)
    if spec:
        from packaging.specifiers import SpecifierSet
        if version not in SpecifierSet(spec):
            return Check(dist, False, f"{version}, but the course needs {dist}{spec}", fix)
    return Check(dist, True, version + (f" (needs {spec})" if spec else ""))


def check_widget_extension():
    """The JupyterLab extension that renders widgets: without it they show as text."""
    from jupyter_core.paths import jupyter_path
    for folder in jupyter_path("labextensions"):
        if (Path(folder) / WIDGET_EXTENSION / "package.json").is_file():
            found = f"{WIDGET_EXTENSION} in {folder}"
            lab = shutil.which("jupyter-lab")
            if lab and not Path(lab).resolve().is_relative_to(Path(sys.prefix).resolve()):
                return Check("widget extension", False,
                             f"{found}, but the `jupyter lab` on your PATH is {lab}, from another environment",
                             "start JupyterLab with `make lab`, "
                             "or install ipywidgets into the environment of that jupyter")
            return Check("widget extension", True, found)
    return Check("widget extension", False, "not found: widgets would show as plain text such as IntSlider(value=3)",
                 "pip install 'ipywidgets>=8.1' in the environment that runs JupyterLab (make lab does this)")


def check_kernel(timeout=60):
    """Start the python3 kernel JupyterLab would start, and import the course in it."""
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
        from jupyter_client.manager import KernelManager
    except ImportError:
        return Check("kernel", False, "jupyter_client is not installed", "run `make lab` to install JupyterLab")
    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        return Check("kernel", False, "no kernel named python3", "python -m ipykernel install --user")
    km = kc = None
    sockets = tempfile.TemporaryDirectory()
    try:
        # ipc (local sockets, here in a temporary folder) rather than tcp: nothing listens on
        # the network, and ipykernel then has no reason to print its warning about unencrypted tcp.
        km = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets.name, "kernel"))
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=timeout)
        reply = kc.execute_interactive("import mlnotes, ipywidgets, matplotlib, numpy", timeout=timeout,
                                       output_hook=lambda msg: None)
        ok = reply["content"]["status"] == "ok"
        # as jupyter_client resolves it
        python = sys.executable if spec.argv[0] in {"python", "python3"} else spec.argv[0]
        found = f"python3 ({python})" + ("" if ok else f": {reply['content'].get('ename')} "
                                                f"{reply['content'].get('evalue')}")
        return Check("kernel", ok, found, "" if ok else
                     "the python3 kernel runs another Python than the course's: use `make lab`, or run "
                     "`python -m ipykernel install --user` inside the course's environment")
    except Exception as e:  # any failure to start is the finding itself
        return Check("kernel", False, f"python3 did not start: {type(e).__name__}: {e}",
                     "run `make lab` once to set up the course's environment")
    finally:
        if kc is not None:
            kc.stop_channels()
        if km is not None:
            km.shutdown_kernel(now=True)
        sockets.cleanup()


def check_backend():
    backend = os.environ.get("MPLBACKEND")
    if backend and backend.lower() != "module://matplotlib_inline.backend_inline":
        return Check("figures", False, f"MPLBACKEND={backend} is set",
                     "unset MPLBACKEND before starting JupyterLab (setup() in each notebook works around it, "
                     "your own notebooks would show no figures)")
    return Check("figures", True, "MPLBACKEND not set")


def run_checks(kernel=True):
    checks = [check_python()] + [check_package(d) for d in PACKAGES] + [check_widget_extension(), check_backend()]
    if kernel:
        checks.append(check_kernel())
    return checks


def report(checks):
    """The printed report; returns (text, number of problems)."""
    lines = ["mlnotes doctor: is this machine ready for the course?"]
    for c in checks:
        lines.append(f"  {'✓' if c.ok else '✗'} {c.name}: {c.found}")
        if not c.ok:
            lines.append(f"      fix: {c.fix}")
    problems = sum(not c.ok for c in checks)
    lines.append("Ready: every check passed." if not problems else
                 f"{problems} problem{'s' if problems > 1 else ''} found: "
                 "apply the fixes above, then run the doctor again.")
    return "\n".join(lines), problems


def main(kernel=True):
    text, problems = report(run_checks(kernel=kernel))
    print(text)
    return 1 if problems else 0
