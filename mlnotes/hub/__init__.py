"""The course on a JupyterHub for workshops (deploy/jupyterhub/ holds the configuration).

Modules that need JupyterHub itself (auth, spawner, dashboard) are imported only by the hub;
the others run anywhere and are tested by `make test`:
- names.py      which participant names a login accepts
- handout.py    the copy step: a participant's student copies, run as that participant at each start
- singleuser.py a participant's server: the copy step, then jupyterhub-singleuser
- course.py     the course as the hub serves it: student copies for everyone, solutions locked until released
- launch.py     `make hub`: checks before starting (port, pid file, proxy), then runs JupyterHub
- readprogress.py  how the instructor's page reads one participant's progress file, safely, as root
- progresspage.py what the instructor's progress page shows
- auth.py, spawner.py, dashboard.py  the JupyterHub classes and the service that serves that page
"""
