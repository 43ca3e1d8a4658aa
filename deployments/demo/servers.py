"""Local stand-ins for the center's mail server and SMS relay, started and stopped by the demo."""
from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalMailbox:
    """An SMTP server on 127.0.0.1 that keeps what it receives, and an HTTP SMS sink."""

    def __init__(self):
        self.mails: list[email.message.EmailMessage] = []
        self.sms: list[dict] = []
        self.smtp_port, self.sms_port = _free_port(), _free_port()
        mailbox = self

        class Mail:
            async def handle_DATA(self, server, session, envelope):
                message = email.message_from_bytes(envelope.content, policy=email.policy.default)
                message["X-Rcpt"] = ",".join(envelope.rcpt_tos)
                mailbox.mails.append(message)
                return "250 OK"

        class Sms(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                mailbox.sms.append(json.loads(body.decode("utf-8")))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self._smtp = Controller(Mail(), hostname="127.0.0.1", port=self.smtp_port)
        self._http = ThreadingHTTPServer(("127.0.0.1", self.sms_port), Sms)

    def __enter__(self):
        self._smtp.start()
        threading.Thread(target=self._http.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._http.shutdown()
        self._http.server_close()
        self._smtp.stop()

    def environment(self) -> dict[str, str]:
        return {"CENTER_SMTP_HOST": "127.0.0.1", "CENTER_SMTP_PORT": str(self.smtp_port),
                "CENTER_SMS_RELAY": f"127.0.0.1:{self.sms_port}/sms"}


class ResultSink:
    """A stand-in for the source systems' result endpoints (12345, 好差评): records each JSON post
    with its path."""

    def __init__(self):
        self.port = _free_port()
        self.received: list[tuple[str, dict]] = []
        sink = self

        class Results(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                sink.received.append((self.path, json.loads(body.decode("utf-8"))))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self._http = ThreadingHTTPServer(("127.0.0.1", self.port), Results)

    def __enter__(self):
        threading.Thread(target=self._http.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._http.shutdown()
        self._http.server_close()

    def environment(self) -> dict[str, str]:
        return {"CENTER_RESULTS_HOTLINE": f"127.0.0.1:{self.port}/12345/results",
                "CENTER_RESULTS_RATING": f"127.0.0.1:{self.port}/rating/results"}
