"""The built website (build/site/, from `make site`) served on 127.0.0.1 and read in headless Chromium.

The site must work with no network: the browser context lets through only
requests to the local server; every other request is aborted and recorded
(`blocked`), as is every request that failed or got an HTTP error (`failed`)
and every JavaScript error (`errors`). The tests assert all three stay empty.

Environment: SITE (the built site, build/site/), MLNOTES_SITE_SHOTS (screenshots,
build/site-shots/), CHROMIUM (the browser binary, chromium on PATH).
"""
import functools
import os
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

TOP = Path(__file__).resolve().parents[2]
sys.path.append(str(TOP / "tests" / "browser"))
from chromium import launched  # noqa: E402  (the same Chromium as the browser tests)

SITE = Path(os.environ.get("SITE", TOP / "build" / "site"))
SHOTS = Path(os.environ.get("MLNOTES_SITE_SHOTS", TOP / "build" / "site-shots"))
FIGURES = []  # what each test measured, printed at the end of the run


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass  # one line per request would bury pytest's report


@pytest.fixture(scope="session")
def site_url():
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no site in {SITE}: run `make test-site`, which builds it first")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(SITE)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    with launched("test-site") as chromium:
        yield chromium


class Traffic:
    """What the page asked for beyond the local server, what failed, and what broke in its scripts."""

    def __init__(self, origin):
        self.origin = origin
        self.blocked, self.failed, self.errors, self.served = [], [], [], 0

    def route(self, route):
        if route.request.url.startswith(self.origin):
            self.served += 1
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def request_failed(self, request):
        if request.url.startswith(self.origin):  # blocked ones are already counted
            self.failed.append(f"{request.url}: {request.failure}")

    def response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.url}: HTTP {response.status}")

    def problems(self):
        return ([f"blocked (would leave the machine): {url}" for url in self.blocked]
                + [f"failed: {what}" for what in self.failed] + [f"script error: {e}" for e in self.errors])


@pytest.fixture
def page(browser, site_url):
    """A fresh page whose requests beyond the local server are blocked and recorded in page.traffic."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    traffic = Traffic(site_url)
    context.route("**/*", traffic.route)
    page = context.new_page()
    page.on("requestfailed", traffic.request_failed)
    page.on("response", traffic.response)
    page.on("pageerror", lambda error: traffic.errors.append(str(error)))
    page.set_default_timeout(30_000)
    page.traffic = traffic
    try:
        yield page
    finally:
        context.close()


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("the site as Chromium showed it")
        for line in FIGURES:
            terminalreporter.write_line(line)
        terminalreporter.write_line(f"screenshots: {SHOTS}")
