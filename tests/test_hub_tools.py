"""The workshop hub's parts that run without JupyterHub: names, the copy step, the course folder, the launcher."""
import grp
import json
import os
import pwd
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from mlnotes.__main__ import main as cli
from mlnotes.exercises.student import write_student_copies
from mlnotes.hub import course, launch
from mlnotes.hub.handout import NOTE, hand_out
from mlnotes.hub.names import username_problem
from mlnotes.hub.progresspage import progress_of, render
from mlnotes.hub.readprogress import MAX_BYTES, read_progress

TOP = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", ["", "Ada", "1ada", "ada lovelace", "ada/../root", "a" * 33, "-ada", "ada.l", "adä"])
def test_names_that_are_not_valid_usernames_are_refused_with_a_reason(name):
    assert "is not a valid name here" in username_problem(name)


@pytest.mark.parametrize("name", ["ada", "a", "ada-l", "ada_l2", "a" * 32])
def test_new_valid_names_are_accepted(name):
    assert username_problem(name) is None


def test_an_existing_account_is_refused_unless_the_hub_made_it():
    root = pwd.getpwuid(0).pw_name
    assert "belongs to an account on this server that is not a participant's" in username_problem(root)
    group = grp.getgrgid(pwd.getpwuid(0).pw_gid).gr_name  # root's own group: then root counts as made by the hub
    assert username_problem(root, group=group) is None


@pytest.fixture(scope="module")
def handed_out_course(tmp_path_factory):
    """A hub's course folder (student copies + locked solutions) made from two of the course's notebooks."""
    src = tmp_path_factory.mktemp("notebooks")
    for name in ("00_welcome.ipynb", "02_neuron.ipynb"):
        (src / name).write_bytes((TOP / "notebooks" / name).read_bytes())
    dest = tmp_path_factory.mktemp("hub") / "course"
    assert "2 student copies, solutions locked" in course.install(src, dest)
    return src, dest


def test_the_course_folder_keeps_solutions_locked_until_released(handed_out_course):
    src, dest = handed_out_course
    assert (dest / "solutions").stat().st_mode & 0o777 == 0o700
    assert (dest / "student").stat().st_mode & 0o777 == 0o755
    assert "BEGIN SOLUTION" not in (dest / "student" / "02_neuron.ipynb").read_text()
    assert "BEGIN SOLUTION" in (dest / "solutions" / "02_neuron.ipynb").read_text()
    assert course.main(["release", "--dest", str(dest)]) == 0
    assert (dest / "solutions").stat().st_mode & 0o777 == 0o755
    assert "released" in course.install(src, dest)  # a course update keeps them released
    assert course.main(["lock", "--dest", str(dest)]) == 0
    assert (dest / "solutions").stat().st_mode & 0o777 == 0o700
    assert course.main(["release", "--dest", str(dest / "nowhere")]) == 2


def test_hand_out_refreshes_untouched_copies_keeps_changed_ones_and_says_so(handed_out_course, tmp_path):
    _, dest = handed_out_course
    out = tmp_path / "course"
    report = hand_out(dest / "student", out, dest / "solutions")
    assert report == [f"wrote {out / '00_welcome.ipynb'}", f"wrote {out / '02_neuron.ipynb'}"]
    assert (out / "solutions").resolve() == (dest / "solutions").resolve()
    assert (out / "02_neuron.ipynb").read_bytes() == (dest / "student" / "02_neuron.ipynb").read_bytes()

    mine = json.loads((out / "02_neuron.ipynb").read_text())
    mine["cells"][1]["source"] = "my notes"
    (out / "02_neuron.ipynb").write_text(json.dumps(mine))
    report = hand_out(dest / "student", out, dest / "solutions")
    assert report[1] == f"skipped {out / '02_neuron.ipynb'}: you have changed it (use --force to overwrite it)"
    note = (out / NOTE).read_text()
    assert "**Kept, because you changed them**" in note and "02_neuron.ipynb: you have changed it" in note
    assert f"- wrote {out / '00_welcome.ipynb'}" in note
    assert json.loads((out / "02_neuron.ipynb").read_text())["cells"][1]["source"] == "my notes"


def test_a_full_disk_leaves_the_participants_file_whole_and_is_reported(handed_out_course, tmp_path):
    _, dest = handed_out_course
    out = tmp_path / "course"
    write_student_copies(dest / "student", out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # A real write failure: a file size limit far below a notebook's size, in a child process.
    code = (f"import resource, sys; from mlnotes.__main__ import main; "
            f"resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096)); "
            f"sys.exit(main(['student', '--src', {str(dest / 'student')!r}, '--out', {str(out)!r}]))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert f"could not write {out / '02_neuron.ipynb'}: File too large; the file there is unchanged" in result.stdout
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # whole, and no temporary file left


def test_the_copy_command_fails_loudly(tmp_path):
    assert cli(["student", "--src", str(tmp_path / "none"), "--out", str(tmp_path / "out")]) == 2


@pytest.fixture
def state(tmp_path):
    path = tmp_path / "state"
    path.mkdir()
    return path


@pytest.fixture
def proxy(tmp_path):
    path = tmp_path / "configurable-http-proxy"
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def _free_port():
    """The first of four free ports in a row (the hub uses four)."""
    for base in range(30000, 40000, 4):
        try:
            for port in range(base, base + 4):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError("no four free ports in a row")


def test_the_hub_started_twice_is_refused(state, proxy):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (state / launch.PID_FILE).write_text(f"{sleeper.pid}\n")
        with pytest.raises(launch.LaunchError, match=rf"the hub is running already \(pid {sleeper.pid}.*make hub-stop"):
            launch.prepare("/opt/x", state, "127.0.0.1", _free_port(), proxy)
    finally:
        sleeper.kill()
        sleeper.wait()
    env = launch.prepare("/opt/x", state, "127.0.0.1", _free_port(), proxy)  # a stale pid file is cleared
    assert not (state / launch.PID_FILE).exists()
    assert env["MLNOTES_HUB_ADMIN"] == "instructor" and "PASSWORD" not in " ".join(env)
    assert len((state / "instructor-password").read_text().strip()) == 32
    assert state.stat().st_mode & 0o777 == 0o700
    assert (state / "workshop-password").stat().st_mode & 0o777 == 0o600
    workshop = (state / "workshop-password").read_text()
    launch.prepare("/opt/x", state, "127.0.0.1", _free_port(), proxy)
    assert (state / "workshop-password").read_text() == workshop  # kept across restarts


def test_a_port_in_use_is_named(state, proxy):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(launch.LaunchError, match=rf"port {port} \(public \(the proxy\)\) is in use.*HUB_PORT"):
            launch.prepare("/opt/x", state, "127.0.0.1", port, proxy)


def test_a_missing_proxy_says_how_to_install_it(state, tmp_path, capsys):
    missing = tmp_path / "nowhere" / "configurable-http-proxy"
    args = ["--config", "c.py", "--prefix", "/opt/x", "--state", str(state), "--proxy", str(missing),
            "--port", str(_free_port())]
    assert launch.main(args) == 1
    err = capsys.readouterr().err
    assert f"configurable-http-proxy is missing (looked for {missing})" in err and "make hub" in err


def _progress_home(tmp_path, content='{"checks": {}}'):
    home = tmp_path / "home"
    (home / ".mlnotes").mkdir(parents=True)
    (home / ".mlnotes" / "progress.json").write_text(content)
    return home


def test_the_progress_page_reads_only_the_participants_own_regular_file(tmp_path):
    uid = os.getuid()
    entry = {"notebook": "02_neuron", "check": "check_neuron", "exercise": "<b>x</b>", "status": "passed",
             "message": "", "at": "2026-12-03T10:00:00Z", "extra": "dropped"}
    home = _progress_home(tmp_path, json.dumps({"checks": {"02_neuron/check_neuron": entry, "bad": 3}}))
    entries, problem = read_progress(home, uid)
    assert problem is None and list(entries) == ["02_neuron/check_neuron"]
    entry_read = entries["02_neuron/check_neuron"]
    assert entry_read["exercise"] == "<b>x</b>" and "extra" not in entry_read

    assert read_progress(home, uid + 1) == ({}, f"{home} does not belong to the participant")
    target = home / ".mlnotes" / "progress.json"
    target.unlink()
    target.symlink_to("/etc/passwd")  # root must not be steered into reading another file
    assert read_progress(home, uid)[0] == {} and "cannot read" in read_progress(home, uid)[1]
    target.unlink()
    os.mkfifo(target)  # a FIFO would hang a plain open()
    assert read_progress(home, uid) == ({}, "progress file is not a regular file")
    target.unlink()
    target.write_text(" " * (MAX_BYTES + 1))
    assert "larger than" in read_progress(home, uid)[1]
    target.unlink()
    assert read_progress(home, uid) == ({}, None)  # no check run yet


def test_the_progress_page_has_one_column_per_check_and_escapes_what_participants_wrote():
    def entry(exercise, status, message=""):
        return {"notebook": "02_neuron", "check": "check_neuron", "exercise": exercise, "status": status,
                "message": message, "at": "2026-12-03T10:00:00Z"}
    page = render([("ada", {"02_neuron/check_neuron": entry("neuron_output", "passed")}, None),
                   ("bob", {"02_neuron/check_neuron": entry("<script>x</script>", "failed", "ExerciseError: 'bias'")},
                    None),
                   ("cy", {}, "no account yet")])
    assert page.count("<th title='02_neuron'>02<br>neuron</th>") == 1
    assert "data-user='ada' data-check='check_neuron' data-status='passed'" in page
    assert "data-user='bob' data-check='check_neuron' data-status='failed'" in page
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt;: ExerciseError: &#x27;bias&#x27;" in page
    assert "<th>cy</th><td>0</td><td>no account yet</td>" in page


def test_the_progress_page_reads_only_accounts_the_hub_made():
    assert progress_of(pwd.getpwuid(0).pw_name) == ({}, "not a participant account")


def test_the_launcher_prints_the_address_and_logins_and_warns_when_public(state, proxy, monkeypatch, capsys):
    started = []
    monkeypatch.setattr(launch.os, "execve", lambda path, argv, env: started.append((argv, env)))
    monkeypatch.chdir(state)  # the launcher moves into the state folder before starting JupyterHub
    port = _free_port()
    common = ["--config", "c.py", "--prefix", "/opt/x", "--state", str(state), "--proxy", str(proxy),
              "--port", str(port)]
    launch.main(common)
    out, err = capsys.readouterr()
    password = (state / "instructor-password").read_text().strip()
    assert out.startswith(f"mlnotes hub: http://127.0.0.1:{port}/\n"
                          f"  instructor (admin): name instructor, password {password}")
    assert "WARNING" not in err
    argv, env = started[0]
    assert argv[1:] == ["-f", str(state / "c.py")] and env["MLNOTES_HUB_IP"] == "127.0.0.1"
    launch.main(common + ["--ip", "0.0.0.0"])
    out, err = capsys.readouterr()
    assert "WARNING: the hub listens on 0.0.0.0" in err and "TLS is your job" in err
    assert started[1][1]["MLNOTES_HUB_IP"] == "0.0.0.0"
