"""Mail goes out through SMTP when ACHYK_SMTP_URL is set: a small SMTP server in a thread
takes it (login, headers and the UTF-8 body as sent)."""

from __future__ import annotations

import base64
import socketserver
import threading
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from core.settings import Settings
from service.mail import OutboxMailer, SmtpMailer, mailer_for, message


class _Session(socketserver.StreamRequestHandler):
    """Just enough of RFC 5321 (and AUTH PLAIN) for smtplib, no STARTTLS offered."""

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        got: dict[str, Any] = self.server.got  # type: ignore[attr-defined]
        self.reply("220 test ESMTP")
        while line := self.rfile.readline():
            cmd = line.decode().strip()
            verb = cmd.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.reply("250-test")
                self.reply("250 AUTH PLAIN")
            elif verb == "AUTH":
                got["auth"] = base64.b64decode(cmd.split()[-1]).split(b"\0")[1:]
                self.reply("235 ok")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                got.setdefault("envelope", []).append(cmd)
                self.reply("250 ok")
            elif verb == "DATA":
                self.reply("354 go on")
                data = b""
                while (chunk := self.rfile.readline()) != b".\r\n":
                    data += chunk
                got["data"] = data
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 no")


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, dict[str, Any]]]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Session)
    server.got = {}  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], server.got  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


def test_smtp_url_sends_through_the_server(
    smtp_server: tuple[int, dict[str, Any]], tmp_path: Path
) -> None:
    port, got = smtp_server
    settings = Settings(data_dir=tmp_path, smtp_url=f"smtp://alerts:p%40ss@127.0.0.1:{port}")
    mailer = mailer_for(settings)
    assert isinstance(mailer, SmtpMailer)
    mailer.send(
        message(settings, "r@example.kg", "Ачык: тема", "Текст письма", unsubscribe="https://x/u")
    )
    assert got["auth"] == [b"alerts", b"p@ss"]
    sent = message_from_bytes(got["data"], policy=policy.default)
    assert sent["To"] == "r@example.kg" and sent["Subject"] == "Ачык: тема"
    assert sent["List-Unsubscribe"] == "<https://x/u>"
    body = sent.get_body(("plain",))
    assert body is not None and "Текст письма" in body.get_content()


def test_without_smtp_url_mail_is_an_eml_in_the_outbox(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    mailer = mailer_for(settings)
    assert isinstance(mailer, OutboxMailer)
    mailer.send(message(settings, "r@example.kg", "Тема", "Текст"))
    [eml] = list(settings.outbox_dir.iterdir())
    assert eml.suffix == ".eml"
    assert message_from_bytes(eml.read_bytes(), policy=policy.default)["To"] == "r@example.kg"


@pytest.mark.parametrize("url", ["http://host", "smtp://", "mail.example.kg:25"])
def test_a_bad_smtp_url_is_refused(url: str) -> None:
    with pytest.raises(ValueError, match="ACHYK_SMTP_URL"):
        SmtpMailer(url)
