"""A local graph store for push tests (tests/query/test_push*.py): a loopback HTTP server
answering PUTs, counting them and their Authorization headers, failing the `fail_at`-th with
HTTP 500, or trickling its answer (a store that never finishes)."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class StoreStub:
    """A local store answering PUTs: records Authorization headers, fails the Nth PUT, or trickles."""

    def __init__(self, fail_at: int = 0, trickle: bool = False):
        stub = self
        self.auth: list = []
        self.puts = 0

        class H(BaseHTTPRequestHandler):
            def do_PUT(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                stub.puts += 1
                stub.auth.append(self.headers.get("Authorization"))
                if fail_at and stub.puts == fail_at:
                    self.send_response(500)
                    self.send_header("Content-Length", "4")
                    self.end_headers()
                    self.wfile.write(b"boom")
                    return
                self.send_response(204 if not trickle else 200)
                if trickle:
                    self.send_header("Content-Length", "100000")
                self.end_headers()
                if trickle:
                    try:
                        for _ in range(100000):
                            self.wfile.write(b"x")
                            self.wfile.flush()
                            time.sleep(0.2)
                    except OSError:
                        pass

            def log_message(self, *a):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/store"

    def close(self):
        self.server.shutdown()
        self.server.server_close()
