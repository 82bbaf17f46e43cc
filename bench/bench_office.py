"""Hostile Office files: each refused in one line, within 1 GB of memory and 10 seconds.

Builds the hostile files in a temporary folder (zip bombs, a part lying about its size, a
truncated archive, remote template and linked image, macros, an encrypted file, entity
declarations), reads each with ``read_document`` in its own process under an address-space
limit of 1 GB, and prints the seconds, the peak memory and the first words of the refusal.
The real Word documents of ``../shared/real`` are timed the same way when present.

    .venv/bin/python bench/bench_office.py
"""
from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real"
LIMIT = 1024 ** 3
SECONDS = 10.0

_CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from xephang.extract import read_document
from xephang.extract.errors import XephangError
try:
    doc = read_document(sys.argv[1])
    out = f"read: {len(doc.tables)} tables, {sum(len(t.rows) for t in doc.tables)} rows"
except XephangError as err:
    out = str(err).split(": ", 1)[1]
except MemoryError:
    out = "MemoryError"
print(json.dumps({"seconds": time.perf_counter() - start, "out": out,
                  "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def plain() -> bytes:
    d = docx.Document()
    d.add_paragraph("Bảng 1. Kết quả")
    t = d.add_table(rows=2, cols=3)
    for c, text in enumerate(["STT", "Đơn vị", "Tổng điểm"]):
        t.cell(0, c).text = text
    for c, text in enumerate(["1", "Sở Nội vụ", "80,5"]):
        t.cell(1, c).text = text
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def repack(data: bytes, changes: dict) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts.update(changes)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()


def lying(data: bytes) -> bytes:
    buf = bytearray(data)
    name = b"word/document.xml"
    pos = next(p for p in range(len(buf)) if buf[p:p + 4] == b"PK\x01\x02"
               and buf[p + 46:p + 46 + len(name)] == name)
    buf[pos + 24:pos + 28] = (100).to_bytes(4, "little")
    return bytes(buf)


def cases() -> dict[str, bytes]:
    base = plain()
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        body = z.read("word/document.xml")
        rels = z.read("word/_rels/document.xml.rels")
    rel = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/attachedTemplate" Target="{}" TargetMode="External"/></Relationships>')
    image = (b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             b'relationships/image" Target="http://example.com/a.png" TargetMode="External"/>')
    return {
        "plain (control)": base,
        "zip bomb, 20 MB of zeros": repack(base, {"word/media/x.bin": b"\0" * (20 << 20)}),
        "zip bomb, 150 MB in 3 parts": repack(base, {f"word/x{k}.xml": b" " * (50 << 20) for k in range(3)}),
        "part lying about its size": lying(base),
        "truncated archive": base[: len(base) // 2],
        "remote template": repack(base, {"word/_rels/settings.xml.rels":
                                         rel.format("http://example.com/t.dotm").encode()}),
        "linked remote image": repack(base, {"word/_rels/document.xml.rels":
                                             rels.replace(b"</Relationships>", image + b"</Relationships>")}),
        "400,000 small paragraphs": repack(base, {"word/document.xml": body.replace(
            b"<w:body>", b"<w:body>" + b"<w:p><w:r><w:t>80,5</w:t></w:r></w:p>" * 400_000, 1)}),
        "macros (vbaProject.bin)": repack(base, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
        "encrypted (OLE2 EncryptedPackage)": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1016
        + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le"),
        "entity declaration (billion laughs)": repack(base, {"word/document.xml": body.replace(
            b"?>", b'?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>', 1)}),
    }


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def run(path: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
                          preexec_fn=_limit, timeout=120, cwd=ROOT.parent)
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"seconds": float("nan"), "mb": float("nan"),
                "out": (proc.stderr.strip().splitlines() or ["crashed"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    print(f"{'file':38} {'seconds':>8} {'peak MB':>8}  ok  result")
    print("-" * 120)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for name, data in cases().items():
            path = Path(tmp) / (name.split(" ")[0] + ".docx")
            path.write_bytes(data)
            files.append((name, path))
        files += [(p.name[:38], p) for p in sorted(REAL.glob("*.docx"))] if REAL.is_dir() else []
        for name, path in files:
            started = time.perf_counter()
            r = run(path)
            ok = r["seconds"] < SECONDS and r["mb"] < LIMIT / 1024 ** 2 and "Error" not in r["out"]
            print(f"{name:38} {r['seconds']:8.2f} {r['mb']:8.0f}  {'yes' if ok else 'NO ':3} "
                  f"{r['out'][:70]}  (wall {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
