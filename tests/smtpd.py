#!/usr/bin/python3
"""smtpd.py: a tiny SMTP server for the tests (Debian's python3-aiosmtpd).

  smtpd.py --dir DIR [--port N]   serve on 127.0.0.1:N (0: any free port); print
                                  the port on stdout once listening. Each message
                                  received is saved as DIR/NNN.eml and decoded
                                  into DIR/NNN.json. While DIR/_reject exists, its
                                  first line ("451 4.3.0 Try later", "550 5.1.1
                                  No such user") answers DATA instead of 250.
                                  While DIR/_hold exists, a message is saved, then
                                  DIR/_held is created and the 250 waits until
                                  DIR/_hold is removed: the test can act between
                                  the server's acceptance and the client's news.
  smtpd.py ... --tls starttls|smtps --cert PEM --key PEM [--login USER:PASS]
                                  offer STARTTLS (required before MAIL), or speak
                                  TLS from the first byte (smtps); with --login,
                                  AUTH PLAIN/LOGIN is required, only over TLS.
  smtpd.py --decode FILE          print FILE (an RFC 5322 message) decoded as JSON.

The JSON: envelope (mail_from, rcpt_tos, tls, login when received), headers decoded from
RFC 2047 (subject, from, to, cc, date, message_id, mime_version), the raw
subject line, content types, the text and HTML bodies decoded, and defects.
"""
import asyncio
import email
import email.header
import email.policy
import json
import logging
import os
import socket
import sys
import warnings


def decode_header(value):
    if value is None:
        return None
    return str(email.header.make_header(email.header.decode_header(value)))


def decode(raw, envelope=None):
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    out = {"envelope": envelope, "headers": {}, "raw_subject": msg.get("Subject"),
           "content_type": msg.get_content_type(), "parts": [], "text": None,
           "html": None, "defects": [str(d) for d in msg.defects]}
    for name in ("Subject", "From", "To", "Cc", "Date", "Message-ID",
                 "MIME-Version", "Auto-Submitted"):
        out["headers"][name.lower().replace("-", "_")] = decode_header(msg.get(name))
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        out["parts"].append({"type": ctype, "charset": part.get_content_charset(),
                             "encoding": part.get("Content-Transfer-Encoding"),
                             "filename": part.get_filename()})
        out["defects"] += [str(d) for d in part.defects]
        if part.get_filename() is not None:
            continue  # an attachment: bytes, not text (test_report.c reads it)
        body = part.get_payload(decode=True).decode(part.get_content_charset() or "ascii")
        body = body.replace("\r\n", "\n")
        if ctype == "text/plain":
            out["text"] = body
        elif ctype == "text/html":
            out["html"] = body
    # Header lines must stay short and ASCII.
    head = raw.split(b"\r\n\r\n", 1)[0]
    out["max_header_line"] = max(len(l) for l in head.split(b"\r\n"))
    out["header_ascii"] = all(b < 128 for b in head)
    out["crlf"] = b"\n" not in raw.replace(b"\r\n", b"")
    return out


class Handler:
    def __init__(self, directory):
        self.dir = directory
        # A restarted server goes on numbering after its predecessor.
        self.n = len([f for f in os.listdir(directory) if f.endswith(".json")])

    async def handle_DATA(self, server, session, envelope):
        reject = os.path.join(self.dir, "_reject")
        if os.path.exists(reject):
            with open(reject) as f:
                return f.readline().strip()
        self.n += 1
        base = os.path.join(self.dir, "%03d" % self.n)
        raw = envelope.original_content or envelope.content
        tls = server.transport.get_extra_info("ssl_object") is not None
        login = session.auth_data.login.decode() if session.authenticated else None
        info = decode(raw, {"mail_from": envelope.mail_from,
                            "rcpt_tos": list(envelope.rcpt_tos),
                            "tls": tls, "login": login})
        # Written to a temporary name first so a reader never sees half a file.
        for ext, data in ((".eml", raw), (".json", json.dumps(info).encode())):
            with open(base + ext + ".tmp", "wb") as f:
                f.write(data)
            os.rename(base + ext + ".tmp", base + ext)
        hold = os.path.join(self.dir, "_hold")
        if os.path.exists(hold):
            open(os.path.join(self.dir, "_held"), "w").close()
            while os.path.exists(hold):
                await asyncio.sleep(0.02)
        return "250 OK"


class Login:
    """Accepts exactly one user name and password."""
    def __init__(self, pair):
        user, _, password = pair.partition(":")
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult
        ok = (auth_data.login == self.user and auth_data.password == self.password)
        return AuthResult(success=ok, handled=False, auth_data=auth_data)


def serve(directory, port, tls=None, cert=None, key=None, login=None):
    import ssl
    from aiosmtpd.smtp import SMTP

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(16)
    handler = Handler(directory)
    ctx = None
    if tls is not None:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
    opts = {"enable_SMTPUTF8": True, "hostname": "smtpd.test"}
    if tls is not None:
        # A refused certificate is what some tests want: no tracebacks or
        # warnings about it (over smtps aiosmtpd cannot see that AUTH is in TLS).
        logging.getLogger("mail.log").disabled = True
        warnings.simplefilter("ignore")
    if login is not None:
        opts.update(authenticator=Login(login), auth_required=True,
                    auth_require_tls=(tls == "starttls"))
    if tls == "starttls":
        opts.update(tls_context=ctx, require_starttls=True)
    server = loop.run_until_complete(loop.create_server(
        lambda: SMTP(handler, **opts), sock=sock,
        ssl=ctx if tls == "smtps" else None))
    print(sock.getsockname()[1], flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()


def main(argv):
    if len(argv) == 3 and argv[1] == "--decode":
        with open(argv[2], "rb") as f:
            print(json.dumps(decode(f.read())))
        return 0
    directory, port = None, 0
    opts = {}
    args = argv[1:]
    while args:
        if args[0] == "--dir" and len(args) > 1:
            directory = args[1]
        elif args[0] == "--port" and len(args) > 1:
            port = int(args[1])
        elif args[0] == "--tls" and len(args) > 1 and args[1] in ("starttls", "smtps"):
            opts["tls"] = args[1]
        elif args[0] in ("--cert", "--key", "--login") and len(args) > 1:
            opts[args[0][2:]] = args[1]
        else:
            print("usage: smtpd.py --dir DIR [--port N] | --decode FILE", file=sys.stderr)
            return 2
        args = args[2:]
    if directory is None:
        print("usage: smtpd.py --dir DIR [--port N]", file=sys.stderr)
        return 2
    if "tls" in opts and ("cert" not in opts or "key" not in opts):
        print("smtpd.py: --tls needs --cert and --key", file=sys.stderr)
        return 2
    serve(directory, port, **opts)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
