#!/usr/bin/env python3
"""Local delivery servers for the delivery tests, all on 127.0.0.1 and random ports:

- an SMTP server (aiosmtpd) with STARTTLS that requires TLS before AUTH and AUTH before mail;
- an SMTP server with implicit TLS (SMTPS);
- a plain SMTP server that offers no STARTTLS;
- an SMTP server with implicit TLS whose certificate (from the same CA) names another host;
- a fake HTTP SMS gateway that records each request and can be told to fail N times for a recipient; it serves the
  messenger gateway too, at another path (`messenger_url`), so a test tells the two apart by the request's path.

A test CA and a server certificate for localhost and 127.0.0.1 are made at start (Python `cryptography`). The
addresses, the CA file and the credentials are written as JSON to the file named on the command line. The servers
stop on SIGTERM/SIGINT, or when the process that started them is gone.

Control (HTTP, on the gateway's port):
  POST /_control {"to": "+7900…", "fail": 2, "status": 503}  the next 2 requests to that number get 503
  POST /_control {"to": "+7900…", "fail": -1, "status": 503} every request to that number fails
  GET  /_requests   every request the gateway received: {"path", "authorization", "body"}
  GET  /_mail       every message the SMTP servers accepted: {"server", "from", "to", "subject", "body", "auth"}
"""
import base64
import datetime
import email
import email.policy
import ipaddress
import json
import logging
import os
import shutil
import signal
import socket
import ssl
import sys
import tempfile
import threading
import time
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

USER, PASSWORD, TOKEN = "otklik", "smtp-S3cret!pass", "gw-T0ken-secret"
LOCK = threading.Lock()
MAIL, REQUESTS, RULES = [], [], {}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_certificates(directory):
    """A CA and two server certificates signed by it: one for localhost and 127.0.0.1, one for another name only
    (a server that presents it on 127.0.0.1 must be refused: the host name is checked, not only the chain)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Otklik test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
          .not_valid_after(now + datetime.timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    ca_path = os.path.join(directory, "ca.pem")
    with open(ca_path, "wb") as f:
        f.write(ca.public_bytes(serialization.Encoding.PEM))

    def server_context(name, names):
        key = ec.generate_private_key(ec.SECP256R1())
        cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
                .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=2))
                .add_extension(x509.SubjectAlternativeName(names), critical=False)
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
                .sign(ca_key, hashes.SHA256()))
        cert_path, key_path = os.path.join(directory, name + ".pem"), os.path.join(directory, name + ".key")
        with open(cert_path, "wb") as f:
            f.write(cert.public_bytes(serialization.Encoding.PEM))
        with open(key_path, "wb") as f:
            f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_path, key_path)
        return context

    local = server_context("server", [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
    other = server_context("other", [x509.DNSName("mail.other.invalid")])
    return ca_path, local, other


class Inbox:
    def __init__(self, name):
        self.name = name

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        raw = envelope.original_content or envelope.content
        attachments = [
            {"filename": part.get_filename(), "content_type": part.get_content_type(),
             "data": base64.b64encode(part.get_payload(decode=True)).decode()}
            for part in message.iter_attachments()
        ]
        with LOCK:
            MAIL.append({
                "server": self.name, "from": envelope.mail_from, "to": list(envelope.rcpt_tos), "subject": str(message["subject"]),
                "body": body.get_content() if body else "", "message_id": str(message["message-id"]),
                "auth": session.authenticated, "tls": session.ssl is not None,
                "html": html.get_content() if html else None, "attachments": attachments,
                "longest_line": max((len(line) for line in raw.split(b"\r\n")), default=0),
            })
        return "250 OK queued"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == USER and auth_data.password.decode() == PASSWORD
    return AuthResult(success=ok, handled=False)


class Gateway(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with LOCK:
            if self.path == "/_requests":
                return self.reply(200, REQUESTS)
            if self.path == "/_mail":
                return self.reply(200, MAIL)
        self.reply(404, {"error": "not found"})

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/_control":
            rule = json.loads(raw)
            with LOCK:
                RULES[rule["to"]] = {"fail": int(rule.get("fail", 0)), "status": int(rule.get("status", 503))}
            return self.reply(200, {"ok": True})
        try:
            body = json.loads(raw)
        except ValueError:
            return self.reply(400, {"error": "not JSON"})
        to = body.get("to") if isinstance(body, dict) else None
        with LOCK:
            REQUESTS.append({"path": self.path, "authorization": self.headers.get("Authorization"), "body": body,
                             "idempotency_key": self.headers.get("Idempotency-Key")})
            number = len(REQUESTS)
            rule = RULES.get(to)
            failing = rule is not None and rule["fail"] != 0
            if failing and rule["fail"] > 0:
                rule["fail"] -= 1
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            return self.reply(401, {"status": "unauthorized"})
        if failing:
            return self.reply(rule["status"], {"status": "error"})
        self.reply(200, {"message_id": "gw-%d" % number, "status": "accepted"})


def main():
    out = sys.argv[1]
    # A refused handshake is what some tests want: aiosmtpd's tracebacks about it are noise.
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    warnings.simplefilter("ignore")
    parent = os.getppid()
    directory = tempfile.mkdtemp(prefix="otklik-delivery-")
    ca_file, context, other_context = make_certificates(directory)
    ports = {"starttls": free_port(), "implicit": free_port(), "plain": free_port(), "wrong_name": free_port()}
    # aiosmtpd closes a connection idle between commands for 300 s (RFC 2821's default). The parallel test run's
    # CPU-bound equivalence suites can hold both of a two-core machine's Swift threads longer than that, and a delivery
    # test that had connected before them then finds its channel closed ("I/O on closed channel", 2026-12-06: the
    # first results came after 459 and 602 s). The servers wait an hour instead; a test's own timeouts still apply.
    idle = {"timeout": 3600}
    controllers = [
        Controller(Inbox("starttls"), hostname="127.0.0.1", port=ports["starttls"], tls_context=context, require_starttls=True,
                   auth_require_tls=True, auth_required=True, authenticator=authenticator, ready_timeout=20, **idle),
        Controller(Inbox("implicit"), hostname="127.0.0.1", port=ports["implicit"], ssl_context=context,
                   auth_require_tls=False, authenticator=authenticator, ready_timeout=20, **idle),
        Controller(Inbox("plain"), hostname="127.0.0.1", port=ports["plain"], ready_timeout=20, **idle),
        Controller(Inbox("wrong_name"), hostname="127.0.0.1", port=ports["wrong_name"], ssl_context=other_context, ready_timeout=20, **idle),
    ]
    for controller in controllers:
        controller.start()
    gateway = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    threading.Thread(target=gateway.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % gateway.server_address[1]
    info = {
        "starttls_port": ports["starttls"], "implicit_port": ports["implicit"], "plain_port": ports["plain"], "wrong_name_port": ports["wrong_name"], "ca_file": ca_file,
        "user": USER, "password": PASSWORD, "token": TOKEN, "gateway_url": base + "/send", "messenger_url": base + "/messenger", "control_url": base,
    }
    with open(out + ".tmp", "w") as f:
        json.dump(info, f)
    os.replace(out + ".tmp", out)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    while not stop.is_set() and os.getppid() == parent:
        time.sleep(0.5)
    for controller in controllers:
        controller.stop()
    gateway.shutdown()
    shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
