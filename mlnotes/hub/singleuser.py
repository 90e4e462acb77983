"""A participant's server: the copy step (handout.py), then JupyterHub's single-user server.

The spawner runs this as the participant, with the memory limit already set, so the copy
step and the server share the participant's rights and limits. A failed copy step never
stops the server: the participant can still work, and UPDATES.md says what went wrong.
"""
import os
import sys
from pathlib import Path

from mlnotes.hub.handout import hand_out


def main(argv):
    course = os.environ.get("MLNOTES_HUB_COURSE")
    if course:
        out = Path.home() / "course"
        try:
            report = hand_out(course, out, os.environ.get("MLNOTES_HUB_SOLUTIONS"))
        except Exception as e:  # the server must start whatever the copy step did
            report = [f"the copy step failed: {type(e).__name__}: {e}"]
        print("mlnotes copy step:\n  " + "\n  ".join(report), file=sys.stderr, flush=True)
    server = Path(sys.executable).with_name("jupyterhub-singleuser")
    os.execv(server, [str(server), *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
