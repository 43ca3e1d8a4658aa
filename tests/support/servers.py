"""Real local servers for the tests: an SMTP server (aiosmtpd) and an HTTP sink for SMS."""
from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Collect:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message["X-Rcpt"] = ",".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"


class SmtpServer:
    """aiosmtpd on 127.0.0.1; `stop()` / `start()` simulate an outage on the same port."""

    def __init__(self):
        self.port = free_port()
        self.handler = _Collect()
        self.controller = None

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self):
        return self.handler.messages

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["X-Rcpt"]]

    @staticmethod
    def text(message) -> str:
        part = message.get_body(preferencelist=("plain", "html"))
        return part.get_content()


class SmsSink:
    """An HTTP server standing in for the SMS relay: records JSON posts; can fail or hang."""

    def __init__(self):
        self.port = free_port()
        self.received: list[dict] = []
        self.mode = "ok"  # ok | error | hang
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if sink.mode == "hang":
                    time.sleep(15)
                if sink.mode == "error":
                    self.send_response(500)
                    self.end_headers()
                    return
                sink.received.append(json.loads(body.decode("utf-8")))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b'{"ok": true}')

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()

    def to(self, phone: str) -> list[dict]:
        return [m for m in self.received if m.get("phone") == phone]
