"""The instructor's progress page as a hub service at /services/progress/, admins only.

What the page shows, and how it reads each participant's file, is in progresspage.py.

Access: the hub lets only users with access:services!service=progress through OAuth (the
admin role has it, participants do not), and the page checks `admin` again. The service's
own token may only list users and read their names.
"""
import json
import os
from urllib.parse import urlparse

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import httpclient, ioloop, web

from mlnotes.hub.progresspage import progress_of, render


async def participants():
    """Names of the hub's users, from the hub's API (scope list:users, read:users:name)."""
    url = url_path_join(os.environ["JUPYTERHUB_API_URL"], "users")
    response = await httpclient.AsyncHTTPClient().fetch(
        url, headers={"Authorization": f"token {os.environ['JUPYTERHUB_API_TOKEN']}"})
    return sorted(user["name"] for user in json.loads(response.body))


class ProgressPage(HubOAuthenticated, web.RequestHandler):
    @web.authenticated
    async def get(self):
        if not self.get_current_user().get("admin"):
            raise web.HTTPError(403, "the progress page is for the instructor")
        rows = [(name, *progress_of(name)) for name in await participants()]
        self.set_header("Cache-Control", "no-store")
        self.finish(render(rows))


def main():
    prefix = os.environ["JUPYTERHUB_SERVICE_PREFIX"]
    app = web.Application([
        (prefix, ProgressPage),
        (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
    ], cookie_secret=os.urandom(32))
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    app.listen(url.port, url.hostname)
    ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
