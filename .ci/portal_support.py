"""Shared pieces of the .ci/portal-* scripts: installing what is missing, the budget binary,
rounds and codes, a `budget serve` process on a free loopback port, and held/FAILED reports.

Everything runs on this machine's loopback only; every loop is bounded.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "Examples", "submissions")
KON_TUM = os.path.join(ROOT, "Templates", "plans", "kon-tum-2020.json")
BEFORE_DEADLINE = "2020-03-09T10:00:00+07:00"
AFTER_DEADLINE = "2020-03-11T09:00:00+07:00"


def apt_install(packages, probe):
    """Installs Debian packages whose probe (a path, or a callable) says they are missing."""
    missing = [p for p in packages if not (probe[p]() if callable(probe[p]) else os.path.exists(probe[p]))]
    if not missing:
        return
    print("installing " + " ".join(missing), flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq"] + missing, check=True, env=env)


def budget_binary():
    """$BUDGET, else the debug build (built if missing)."""
    path = os.environ.get("BUDGET") or os.path.join(ROOT, ".build", "debug", "budget")
    if not os.path.exists(path):
        subprocess.run(["swift", "build", "--product", "budget"], cwd=ROOT, check=True)
    return path


def environment(now=None):
    env = dict(os.environ, LANG="C.UTF-8", NO_COLOR="1", SWIFT_BACKTRACE="enable=no")
    env.pop("BUDGET_NOW", None)
    if now:
        env["BUDGET_NOW"] = now
    return env


def budget(*args, now=BEFORE_DEADLINE, check=True):
    result = subprocess.run([budget_binary()] + list(args), capture_output=True, text=True, env=environment(now))
    if check and result.returncode != 0:
        raise RuntimeError("budget %s: exit %d\n%s" % (" ".join(args), result.returncode, result.stderr))
    return result


def make_round(folder, plan=KON_TUM, now="2020-03-01T08:00:00+07:00"):
    """A round in folder/round, with a code for every agency and for the officer `An`."""
    directory = os.path.join(folder, "round")
    budget("init", directory, "--plan", plan, now=now)
    codes = {c["agency"]: c["code"] for c in json.loads(budget("access", "--round", directory, "--all", "--format", "json", now=now).stdout)}
    officer = json.loads(budget("access", "--round", directory, "--officer", "An", "--format", "json", now=now).stdout)["code"]
    return directory, codes, officer


class Server:
    """`budget serve` on 127.0.0.1 (port 0: a free one, read from its first line)."""

    def __init__(self, round_directory, now=BEFORE_DEADLINE, port=0, extra=(), log=None):
        self.round = round_directory
        self.now = now
        self.extra = list(extra)
        self.log = log
        self.port = port
        self.process = None
        self.start()

    def start(self):
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL
        args = [budget_binary(), "serve", "--round", self.round, "--listen", "127.0.0.1:%d" % self.port] + self.extra
        if not self.log:
            args.append("--quiet")
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=out, env=environment(self.now))
        line = self.process.stdout.readline().decode("utf-8", "replace")
        match = re.search(r"127\.0\.0\.1:(\d+)", line)
        if not match:
            raise RuntimeError("budget serve did not start: %r" % line)
        self.port = int(match.group(1))
        threading.Thread(target=self._drain, args=(self.process,), daemon=True).start()

    @staticmethod
    def _drain(process):
        for _ in process.stdout:
            pass

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def kill9(self):
        self.process.kill()
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Report:
    """held / FAILED lines, and the exit status: 1 if anything failed."""

    def __init__(self):
        self.failed = []
        self.held = 0

    def check(self, ok, what, detail=""):
        if ok:
            self.held += 1
            print("held    %s%s" % (what, (" — " + detail) if detail else ""), flush=True)
        else:
            self.failed.append(what)
            print("FAILED  %s%s" % (what, (" — " + detail) if detail else ""), flush=True)
        return ok

    def finish(self, name):
        print("%s: %d held, %d failed" % (name, self.held, len(self.failed)), flush=True)
        if self.failed:
            for what in self.failed:
                print("  failed: " + what, flush=True)
            sys.exit(1)


def scratch(prefix):
    return tempfile.mkdtemp(prefix=prefix)


def multipart(fields, file_bytes, file_name, boundary="----budgetPortalScript7MA4YWxkTrZu0gW"):
    body = b""
    for key, value in fields:
        body += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, key, value)).encode()
    body += ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\nContent-Type: text/csv\r\n\r\n" % (boundary, file_name)).encode()
    body += file_bytes + b"\r\n" + ("--%s--\r\n" % boundary).encode()
    return body, "multipart/form-data; boundary=%s" % boundary


def xlsx_from_csv(text):
    """A minimal .xlsx workbook (one sheet «Dự toán», inline strings, numbers as numbers)
    holding the rows of a simple CSV: what an accountant's Excel would send."""
    import csv
    import io
    import zipfile
    from xml.sax.saxutils import escape

    def column(n):
        name = ""
        while n:
            n, r = divmod(n - 1, 26)
            name = chr(65 + r) + name
        return name

    rows = []
    for r, record in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = []
        for c, value in enumerate(record, start=1):
            if value == "":
                continue
            ref = "%s%d" % (column(c), r)
            plain = value.replace(".", "")
            if plain.isdigit() and (value == plain or value.count(".") >= 1):
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, plain))
            else:
                cells.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(value)))
        rows.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>'
             % "".join(rows))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   '<sheets><sheet name="Dự toán" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()
