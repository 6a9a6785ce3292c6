#!/usr/bin/env python3
"""Drives the web map of `mekong serve` in headless Chromium (Debian's `chromium`) through the
DevTools protocol over a pipe (--remote-debugging-pipe: the standard library is enough).

It loads the page, asks for FROM → TO in the form, waits for the route, and reports as JSON:
the route's km and legs as the page shows them, how many vector paths Leaflet drew, the console
errors and exceptions, and every URL the page requested. Every host but 127.0.0.1 resolves to
nothing (--host-resolver-rules), so a request off the machine fails and is listed.

Usage: webmap_check.py BASE_URL [FROM] [TO]; exit 0 when the route appeared, nothing was logged
as an error and every request stayed on BASE_URL.
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time


class DevTools:
    def __init__(self, write_fd, read_fd):
        self.write_fd, self.read_fd = write_fd, read_fd
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise TimeoutError(method)

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.read_fd, 1 << 16)
            if not chunk:
                raise EOFError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)


def main():
    base = sys.argv[1].rstrip("/")
    origin, destination = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else ("Bangkok", "Hanoi")
    to_chrome_r, to_chrome_w = os.pipe()
    from_chrome_r, from_chrome_w = os.pipe()
    profile = tempfile.mkdtemp(prefix="mekong-chromium-")
    arguments = ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
                 f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                 "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                 "--window-size=1280,800", "about:blank"]
    command = "exec " + " ".join(shlex.quote(a) for a in arguments) + f" 3<&{to_chrome_r} 4>&{from_chrome_w}"
    log = open(os.path.join(profile, "chromium.log"), "w")
    browser = subprocess.Popen(["bash", "-c", command], pass_fds=(to_chrome_r, from_chrome_w), stdout=log, stderr=log)
    os.close(to_chrome_r)
    os.close(from_chrome_w)
    tools = DevTools(to_chrome_w, from_chrome_r)
    result = {"ok": False, "problems": []}
    try:
        target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            tools.send(f"{domain}.enable", session=session)
        tools.send("Page.navigate", {"url": base + "/"}, session=session)

        def evaluate(expression):
            reply = tools.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, session=session)
            if "exceptionDetails" in reply:
                raise RuntimeError(f"{expression}: {reply['exceptionDetails']}")
            return reply["result"].get("value")

        def wait_for(expression, seconds=60):
            deadline = time.time() + seconds
            while time.time() < deadline:
                value = evaluate(expression)
                if value:
                    return value
                time.sleep(0.1)
            raise TimeoutError(expression)

        wait_for("document.body && document.body.dataset.ready === 'true'")
        evaluate(f"document.getElementById('from').value = {json.dumps(origin)};"
                 f"document.getElementById('to').value = {json.dumps(destination)};"
                 "document.getElementById('route-button').click(); true")
        wait_for("document.getElementById('summary').dataset.km !== undefined || document.getElementById('status').className === 'error'")
        page = evaluate("""({
            km: Number(document.getElementById('summary').dataset.km),
            legs: Number(document.getElementById('summary').dataset.legs),
            summary: document.getElementById('summary').textContent,
            status: document.getElementById('status').textContent,
            paths: document.querySelectorAll('.leaflet-overlay-pane path').length,
            legRows: document.querySelectorAll('#legs div').length
        })""")
        time.sleep(0.5)  # late console messages
        result.update(page)
    except Exception as error:  # reported, not raised: the caller reads the JSON
        result["problems"].append(f"driver: {error!r}")
    finally:
        try:
            tools.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()

    requests, errors = [], []
    for event in tools.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            requests.append(params["request"]["url"])
        elif method == "Runtime.exceptionThrown":
            errors.append("exception: " + json.dumps(params.get("exceptionDetails", {}))[:500])
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            errors.append("console: " + json.dumps(params.get("args", []))[:500])
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            errors.append("log: " + params["entry"].get("text", "")[:500])
        elif method == "Network.loadingFailed":
            errors.append("request failed: " + params.get("errorText", ""))
    result["requests"] = requests
    result["errors"] = errors
    offsite = [u for u in requests if not (u.startswith(base + "/") or u.startswith("data:"))]
    result["offsite"] = offsite
    if not result.get("km"):
        result["problems"].append("no route appeared: " + str(result.get("status")))
    if not result.get("paths"):
        result["problems"].append("Leaflet drew no path")
    result["problems"] += errors + ["off the machine: " + u for u in offsite]
    result["ok"] = not result["problems"]
    print(json.dumps(result, indent=1))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
