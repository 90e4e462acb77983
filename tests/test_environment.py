"""The set-up files agree with each other and with the README."""
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

TOP = Path(__file__).resolve().parents[1]


def pyproject():
    return tomllib.loads((TOP / "pyproject.toml").read_text())


def conda_dependencies():
    """{name: spec} of environment.yml's conda packages (a flat list: no YAML parser needed)."""
    deps, pip = {}, []
    lines = (TOP / "environment.yml").read_text().splitlines()
    start = lines.index("dependencies:")
    for line in lines[start + 1:]:
        m = re.fullmatch(r"  - ([A-Za-z0-9_.-]+)(?: (.+))?", line)
        if m:
            deps[m.group(1)] = m.group(2) or ""
        elif re.fullmatch(r"      - (.+)", line):
            pip.append(line.strip()[2:])
    return deps, pip


def split(requirement):
    m = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(.*)", requirement)
    return m.group(1), m.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = pyproject()["project"]
    wanted = dict(split(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]
                  if ";" not in r)
    wanted["python"] = project["requires-python"]
    deps, pip = conda_dependencies()
    deps.pop("pip")
    assert {k: v.replace(" ", "") for k, v in deps.items()} == wanted
    assert pip == ["-e ."]


def test_the_runtime_dependencies_are_the_courses():
    names = {split(r)[0] for r in pyproject()["project"]["dependencies"]}
    assert names == {"numpy", "matplotlib", "ipywidgets", "jupyterlab"}
    test = {split(r)[0] for r in pyproject()["project"]["optional-dependencies"]["test"]}
    assert {"pytest", "nbval"} <= test


def test_readme_gives_the_two_commands_and_make_has_them():
    readme = (TOP / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme
    assert "conda env create -f environment.yml" in readme
    makefile = (TOP / "Makefile").read_text()
    for target in ("lab:", "test:", "student:"):
        assert re.search(rf"^{target}", makefile, flags=re.M)
    lab = (TOP / "mlnotes" / "lab.py").read_text()   # what make lab runs (python -m mlnotes lab)
    assert "--ServerApp.ip=127.0.0.1" in lab and "--IdentityProvider.token=" in lab
    assert "env -u MPLBACKEND PYTHONHASHSEED=0" in makefile


def test_ci_runs_the_readme_test_command_then_check_math_then_the_browser_tests():
    ci = (TOP / ".ci" / "run").read_text()
    assert ci.index("\nmake test\n") < ci.index('"$check_math" notebooks/\n') < ci.index("\nmake test-browser\n")


def test_the_browser_tests_install_what_they_need_and_stay_out_of_make_test():
    assert {split(r)[0] for r in pyproject()["project"]["optional-dependencies"]["browser"]} == {"playwright"}
    makefile = (TOP / "Makefile").read_text()
    assert re.search(r"^test-browser: .*\n\t@tools/ensure_chromium.sh\n", makefile, flags=re.M)
    assert "'.[test,browser]'" in makefile
    assert "tests/browser" in pyproject()["tool"]["pytest"]["ini_options"]["norecursedirs"]
    assert "make test-browser" in (TOP / "README.md").read_text()
