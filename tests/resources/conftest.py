import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Handler(BaseHTTPRequestHandler):
    """A tiny website with every kind of link the checker must recognise."""

    def log_message(self, *args):
        pass

    def _answer(self, with_body: bool):
        self.server.hits.append((self.path, self.command, time.monotonic()))
        path = self.path
        if path == "/ok":
            self._send(200, with_body)
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/missing":
            self._send(404, with_body)
        elif path == "/gone":
            self._send(410, with_body)
        elif path == "/error":
            self._send(500, with_body)
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, with_body)
        elif path == "/no-head":
            self._send(405 if self.command == "HEAD" else 200, with_body)
        else:
            self._send(404, with_body)

    def _send(self, code, with_body):
        body = b"<html><body>page</body></html>"
        self.send_response(code)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)


@pytest.fixture
def website(settings):
    """A local HTTP server on a random port: the link checker never touches the internet in tests.
    The checker refuses internal addresses by default (SSRF guard): allow them for this server."""
    settings.MAILLAGE_LINK_CHECK_ALLOW_PRIVATE = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.hits = []
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def fast_links(settings):
    settings.MAILLAGE_LINK_CHECK_TIMEOUT = 0.5
    settings.MAILLAGE_LINK_CHECK_DELAY = 0
