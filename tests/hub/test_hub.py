"""The workshop hub for real: ten participants log in at once, work, stay apart; the instructor watches.

`make test-hub` runs this as root against the hub of deploy/jupyterhub/, started as `make hub`
starts it, on 127.0.0.1, with short culling times; the hub's log ends up in build/test-hub.log.
It creates OS accounts mlhubt-* and removes them, their homes and every process they ran at the
end, whatever happened. The tests run in order and share one hub: each later test relies on the
state the earlier ones left.
"""
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hubtools import (
    TOP,
    Hub,
    Participant,
    group_exists,
    pids_of,
    print_figures,
    remove_account,
    run_notebook,
    wait_for,
    wait_for_accounts_idle,
)

PREFIX = Path(os.environ.get("MLNOTES_HUB_PREFIX", "/opt/mlnotes-hub"))
PROXY = Path(os.environ.get("MLNOTES_HUB_PROXY", TOP / "build/hub/node_modules/.bin/configurable-http-proxy"))
NAMES = [f"mlhubt-p{i:02d}" for i in range(1, 11)]
ADMIN = "mlhubt-teacher"
SPAWN_TARGET = 45  # seconds for ten simultaneous logins to be ready, on 2 cores
CULL_TIMEOUT, CULL_EVERY = 60, 10
FIX = "Course fix made by the hub test."

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the hub creates OS accounts: run as root (make test-hub)")


@pytest.fixture(scope="module")
def hub():
    for name in NAMES + [ADMIN]:
        remove_account(name)  # left over from a run that was killed
    had_group = group_exists()
    work = Path(tempfile.mkdtemp(prefix="mlnotes-hub-test-"))
    course = PREFIX / f"test-course-{os.getpid()}"  # under PREFIX: participants must reach it
    subprocess.run([str(PREFIX / "venv/bin/python"), "-m", "mlnotes.hub.course", "install",
                    "--notebooks", str(TOP / "notebooks"), "--dest", str(course)], check=True)
    hub = None
    try:
        hub = Hub(PREFIX, PROXY, work / "state", course, ADMIN, {
            "MLNOTES_HUB_CULL_TIMEOUT": str(CULL_TIMEOUT), "MLNOTES_HUB_CULL_EVERY": str(CULL_EVERY),
            "MLNOTES_HUB_ACTIVITY_INTERVAL": "5"})
        hub.course, hub.work = course, work
        yield hub
    finally:
        proxy_pid = _read_pid(work / "state" / "jupyterhub-proxy.pid")
        if hub:
            hub.stop()
        left = wait_for_accounts_idle(NAMES + [ADMIN], 20)  # JupyterHub stops every server it started
        for name in NAMES + [ADMIN]:
            remove_account(name)
        if not had_group:
            subprocess.run(["groupdel", "mlnotes-participants"], check=False)
        shutil.rmtree(course, ignore_errors=True)
        if (work / "hub.log").exists():  # kept for reading after a failure
            (TOP / "build").mkdir(exist_ok=True)
            shutil.copy(work / "hub.log", TOP / "build" / "test-hub.log")
        shutil.rmtree(work, ignore_errors=True)
        if proxy_pid:
            assert not Path(f"/proc/{proxy_pid}").exists(), f"the proxy (pid {proxy_pid}) outlived the hub"
        assert not left, f"processes of participants still running after the hub stopped: {left}"


def _read_pid(path):
    try:
        return int(path.read_text())
    except (OSError, ValueError):
        return None


@pytest.fixture(scope="module")
def people(hub):
    people = [Participant(hub, name) for name in NAMES]
    yield people
    for p in people:
        p.close()


def test_ten_participants_log_in_at_once_and_get_their_copies(hub, people):
    with ThreadPoolExecutor(len(people)) as pool:
        list(pool.map(Participant.log_in, people))
    times = sorted(p.spawn_seconds for p in people)
    print_figures([f"spawn, {len(people)} simultaneous logins to ready servers: "
                   f"median {statistics.median(times):.1f} s, "
                   f"slowest {times[-1]:.1f} s (target {SPAWN_TARGET} s); all: {', '.join(f'{t:.1f}' for t in times)}"])
    notebooks = sorted(p.name for p in (TOP / "notebooks").glob("*.ipynb"))
    for p in people:
        listing = {item["name"] for item in p.contents("course")["content"]}
        assert set(notebooks) <= listing and "UPDATES.md" in listing, f"{p.name}'s course folder: {sorted(listing)}"
        home = p.home
        assert home.stat().st_mode & 0o777 == 0o700 and home.stat().st_uid == os.stat(home).st_uid
        assert (home / "course" / "02_neuron.ipynb").stat().st_uid == home.stat().st_uid, \
            "copies belong to the participant"
        copy = json.loads((home / "course" / "02_neuron.ipynb").read_text())
        assert "### BEGIN SOLUTION" not in json.dumps(copy), "a participant's copy holds a solution"
    assert times[-1] <= SPAWN_TARGET, f"slowest of {len(people)} simultaneous spawns took {times[-1]:.1f} s"


def test_bad_input_gets_a_clear_message(hub):
    for name, message in [("Ada Lovelace", "is not a valid name here"),
                          ("root", "belongs to an account on this server that is not a participant&#39;s")]:
        session, r = hub.try_login(name, hub.password)
        session.close()
        assert r.status_code == 403 and message in r.text, f"login as {name!r}: {r.status_code} {r.text[-1500:]}"
    second = hub.launch_again()
    assert second.returncode == 1 and "the hub is running already" in second.stderr, second.stderr


def test_each_participant_runs_notebook_02_in_a_real_kernel_and_its_checks_pass(hub, people):
    def work(p):
        kernel = p.start_kernel()
        outputs = run_notebook(kernel, TOP / "notebooks" / "02_neuron.ipynb")
        p.memory = p.memory_mb()
        return "".join(text for _, text in outputs)

    started = time.monotonic()
    with ThreadPoolExecutor(len(people)) as pool:
        printed = list(pool.map(work, people))
    elapsed = time.monotonic() - started
    memory = sorted(p.memory for p in people)
    print_figures([f"notebook 02 in {len(people)} kernels at once: {elapsed:.1f} s",
                   f"memory per participant (server + one kernel after notebook 02, RSS): median "
                   f"{statistics.median(memory):.1f} MB, smallest {memory[0]:.1f} MB, largest {memory[-1]:.1f} MB"])
    for p, out in zip(people, printed):
        assert "✓ neuron: correct" in out and "✓ layer_forward: correct" in out, f"{p.name}: {out[-800:]}"
        progress = json.loads((p.home / ".mlnotes" / "progress.json").read_text())["checks"]
        assert progress["02_neuron/check_neuron"]["status"] == "passed"
        assert progress["02_neuron/check_layer_forward"]["exercise"] == "layer_forward"


def test_a_participant_cannot_reach_another(hub, people):
    a, b = people[0], people[1]
    assert a.get("/api/contents/course").status_code == 200
    r = b.get("/api/contents/course", token=a.token)
    assert r.status_code == 403, f"A's token on B's server: {r.status_code}"
    r = a.session.get(f"{b.base}/api/contents/course", timeout=30)  # A's cookies, followed through the OAuth dance
    assert r.status_code == 403, f"A's cookie on B's server: {r.status_code} {r.url}"
    status, text = a.kernel.run("import os, resource; from ipykernel.kernelapp import IPKernelApp\n"
                                "print(os.getuid(), *resource.getrlimit(resource.RLIMIT_AS),\n"
                                "      IPKernelApp.instance().transport)")
    assert text.split() == [str(os.stat(a.home).st_uid), str(2 * 1024**3), str(2 * 1024**3), "ipc"], \
        f"A's kernel should run as A, with the 2 GB memory limit, on Unix sockets: {text}"
    for code in (f"open({str(b.home / 'course' / '00_welcome.ipynb')!r}).read()",
                 f"import os; os.listdir({str(b.home)!r})",
                 f"open({str(b.home / '.mlnotes' / 'progress.json')!r}).read()"):
        status, text = a.kernel.run(code)
        assert status == "error" and text.startswith("PermissionError"), f"A's kernel ran {code}: {text}"


def test_solutions_stay_locked_until_the_instructor_releases_them(hub, people):
    a = people[0]
    read = ("print(open(__import__('os').path.expanduser('~/course/solutions/02_neuron.ipynb'))"
            ".read().count('BEGIN SOLUTION'))")
    status, text = a.kernel.run(read)
    assert status == "error" and text.startswith("PermissionError"), text
    course = [str(PREFIX / "venv/bin/python"), "-m", "mlnotes.hub.course"]
    subprocess.run([*course, "release", "--dest", str(hub.course)], check=True)
    status, text = a.kernel.run(read)
    assert status == "ok" and int(text) >= 2, text
    assert a.get("/api/contents/course/solutions/02_neuron.ipynb").status_code == 200  # JupyterLab opens it too
    subprocess.run([*course, "lock", "--dest", str(hub.course)], check=True)
    assert a.kernel.run(read)[0] == "error"


def _page(session, hub):
    return session.get(f"{hub.url}/services/progress/", timeout=30)


def _cell(html, name, check):
    marker = f"data-user='{name}' data-check='{check}' data-status='"
    return html.split(marker, 1)[1].split("'", 1)[0] if marker in html else None


def test_the_instructor_sees_who_passes_which_check_within_seconds(hub, people):
    page = _page(hub.admin_session, hub)
    assert page.status_code == 200, page.text[:500]
    for p in people:
        assert _cell(page.text, p.name, "check_neuron") == "passed"
    a = people[0]
    status, text = a.kernel.run("from mlnotes.exercises import check_neuron\n"
                                "def neuron_output(a_prev, w, b, g):\n    return float(w @ a_prev)\n"
                                "check_neuron(neuron_output)")
    assert status == "error" and "ExerciseError" in text
    failed_at = time.monotonic()
    wait_for("A's failed check on the page",
             lambda: _cell(_page(hub.admin_session, hub).text, a.name, "check_neuron") == "failed", 5)
    shown_after = time.monotonic() - failed_at
    status, text = a.kernel.run("def neuron_output(a_prev, w, b, g):\n    return g(w @ a_prev + b)\n"
                                "check_neuron(neuron_output)")
    assert status == "ok", text
    passed_at = time.monotonic()
    wait_for("A's passed check on the page",
             lambda: _cell(_page(hub.admin_session, hub).text, a.name, "check_neuron") == "passed", 5)
    print_figures([f"progress page: a participant's failed check shown after {shown_after:.1f} s, "
                   f"the same check passed shown after {time.monotonic() - passed_at:.1f} s"])
    # A participant gets 403 on the page, following the OAuth redirects as a browser would.
    assert _page(people[1].session, hub).status_code == 403


def test_a_course_update_refreshes_untouched_copies_and_keeps_an_edited_one(hub, people):
    a = people[0]
    edited = a.contents("course/01_neural_network.ipynb")["content"]
    code = next(c for c in edited["cells"] if c["cell_type"] == "code")
    code["source"] = "# my own note\n" + code["source"]
    a.put_notebook("course/01_neural_network.ipynb", edited)

    hub.api("DELETE", f"/users/{a.name}/server")
    wait_for("A's server to stop", lambda: hub.server(a.name) is None, 60)
    fixed = hub.work / "notebooks"
    shutil.copytree(TOP / "notebooks", fixed)
    for name in ("00_welcome.ipynb", "01_neural_network.ipynb"):
        nb = json.loads((fixed / name).read_text())
        nb["cells"][0]["source"] = "".join(nb["cells"][0]["source"]) + "\n\n" + FIX
        (fixed / name).write_text(json.dumps(nb, ensure_ascii=False, indent=1))
    subprocess.run([str(PREFIX / "venv/bin/python"), "-m", "mlnotes.hub.course", "install",
                    "--notebooks", str(fixed), "--dest", str(hub.course)], check=True)
    hub.api("POST", f"/users/{a.name}/server")
    hub.wait_ready(a.name, 60)

    welcome = json.dumps(a.contents("course/00_welcome.ipynb")["content"])
    mine = json.dumps(a.contents("course/01_neural_network.ipynb")["content"])
    note = a.contents("course/UPDATES.md")["content"]
    assert FIX in welcome, "an untouched copy was not refreshed"
    assert "# my own note" in mine and FIX not in mine, "the edited copy was overwritten"
    kept = [line for line in note.splitlines() if "01_neural_network.ipynb" in line]
    assert kept and "you have changed it" in kept[0], note
    assert "00_welcome.ipynb: you have changed it" not in note


def test_the_culler_stops_an_idle_server(hub, people):
    idle = people[-1]  # untouched since it ran notebook 02
    started = time.monotonic()
    wait_for(f"the culler to stop {idle.name}'s idle server", lambda: hub.server(idle.name) is None,
             CULL_TIMEOUT + CULL_EVERY + 90, every=2)
    uid = os.stat(idle.home).st_uid
    wait_for(f"{idle.name}'s processes to end", lambda: not pids_of(uid), 30)
    print_figures([f"culler: {idle.name}'s idle server stopped {time.monotonic() - started:.0f} s after this test "
                   f"began (timeout {CULL_TIMEOUT} s, checked every {CULL_EVERY} s)"])
