"""Test support: a stancetag server to run the client tests against.

STANCETAG_ADDR=host:port  use an already running server (nothing started).
STANCETAG_BIN=path        start ``path serve --listen 127.0.0.1:0`` and read
                          the address it bound from its JSON "serving" log
                          line on stderr.
Neither set: the end-to-end tests fail, saying so.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from typing import List, Optional

START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0


class Server:
    """A running server: address is host:port; stop() ends it if we started it."""

    def __init__(self, address: str, proc: Optional[subprocess.Popen] = None) -> None:
        self.address = address
        self._proc = proc

    def stop(self) -> None:
        if self._proc is None:
            return
        self._proc.terminate()  # SIGTERM: the server stops gracefully
        try:
            self._proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


def start() -> Server:
    """Returns a running server (see the module comment)."""
    addr = os.environ.get("STANCETAG_ADDR")
    if addr:
        return Server(addr)
    binary = os.environ.get("STANCETAG_BIN")
    if not binary:
        raise RuntimeError(
            "set STANCETAG_BIN to a built stancetag binary (make python-test does) "
            "or STANCETAG_ADDR to a running server"
        )
    proc = subprocess.Popen(
        [binary, "serve", "--listen", "127.0.0.1:0"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    found = threading.Event()
    log: List[str] = []
    address: List[str] = []

    def read() -> None:
        # Reads every line, also after "serving", so the server never blocks
        # on a full pipe.
        assert proc.stderr is not None
        for line in proc.stderr:
            log.append(line.rstrip("\n"))
            if found.is_set():
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if rec.get("msg") == "serving" and rec.get("addr"):
                address.append(rec["addr"])
                found.set()

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + START_TIMEOUT
    while not found.wait(0.05):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            raise RuntimeError(
                f"{binary} serve logged no listen address (exit status {proc.returncode}); its stderr:\n"
                + "\n".join(log)
            )
    return Server(address[0], proc)
