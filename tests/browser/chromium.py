"""Debian's Chromium, headless, for the browser tests (tests/browser) and the website's (tests/site)."""
import contextlib
import os
import shutil

import pytest

# Without the background traffic this machine's closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@contextlib.contextmanager
def launched(make_target):
    """The browser, closed afterwards; CHROMIUM names the binary, else chromium on PATH (make_target installs it)."""
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not executable:
        pytest.fail(f"no chromium on PATH: run `make {make_target}`, which installs it, or set CHROMIUM")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
