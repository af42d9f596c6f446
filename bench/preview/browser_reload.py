#!/usr/bin/env python3
"""Checks the live-reload script in headless Chromium against a running preview server.

  tools/browser-check/.venv/bin/python bench/preview/browser_reload.py \
      --url http://127.0.0.1:8080 --file content/learn/x.md --page /learn/x/ --other /

Opens --page and --other, marks both windows, then:
 1. appends text to --file          → --page reloads, --other does not;
 2. writes a broken version of the file (BREAK_WITH) → both show the error overlay, as text;
 3. restores the file               → overlay gone on both, --page reloaded.
Needs selenium and Debian's chromium + chromium-driver (the browser-check venv has them).
"""
import argparse
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def wait(what, condition, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    sys.exit(f"FAIL: timed out waiting for {what}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", default="http://127.0.0.1:8080")
    p.add_argument("--file", required=True)
    p.add_argument("--page", required=True, help="URL path of the page built from --file")
    p.add_argument("--other", default="/", help="a page that does not depend on --file")
    p.add_argument("--break-with", default="---\ntitel: [unclosed\n---\nBROKEN <b>x</b>\n",
                   help="file content that makes the build fail")
    args = p.parse_args()

    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    original = open(args.file).read()
    try:
        driver.get(args.url + args.page)
        page = driver.current_window_handle
        driver.switch_to.new_window("tab")
        driver.get(args.url + args.other)
        other = driver.current_window_handle

        def run(handle, script):
            driver.switch_to.window(handle)
            return driver.execute_script(script)

        def mark(handle):
            run(handle, "window.__signalsMark = 1")

        def marked(handle):
            return run(handle, "return window.__signalsMark === 1")

        def overlay(handle):
            return run(handle, "const o = document.getElementById('signals-error-overlay'); return o ? o.innerText : null")

        mark(page)
        mark(other)
        time.sleep(0.5)  # let both EventSources connect

        with open(args.file, "w") as f:
            f.write(original + "\n\nEdited by browser_reload.py.\n")
        wait("the edited page to reload", lambda: not marked(page))
        time.sleep(0.5)
        assert marked(other), "FAIL: the unrelated page reloaded"
        print("ok: edit reloads the page, not the other one")

        mark(page)
        with open(args.file, "w") as f:
            f.write(args.break_with)
        wait("the overlay on the page", lambda: overlay(page) is not None)
        wait("the overlay on the other page", lambda: overlay(other) is not None)
        text = overlay(page)
        print("ok: overlay shown:\n   " + text.replace("\n", "\n   "))
        assert run(page, "return document.querySelector('#signals-error-overlay b') === null"), "FAIL: message became HTML"
        assert marked(page), "FAIL: a failed build reloaded the page"

        with open(args.file, "w") as f:
            f.write(original)
        wait("the overlay to go on the page", lambda: overlay(page) is None)
        wait("the overlay to go on the other page", lambda: overlay(other) is None)
        wait("the fixed page to reload", lambda: not marked(page))
        print("ok: fix removes the overlay and reloads the page")
        print("PASS")
    finally:
        with open(args.file, "w") as f:
            f.write(original)
        driver.quit()


if __name__ == "__main__":
    main()
