"""PDF fixtures that xephang must refuse or treat specially (called by make_pdf_fixtures.py).

encrypted.pdf  a password-protected copy of 001.pdf (pypdf, RC4-128)
corrupt.pdf    a PDF header and trailer around bytes that are no PDF
truncated.pdf  001.pdf cut off after 55% of its bytes (a broken download)
bomb.pdf       one page whose content stream inflates to 320 MB of zeros
000-scan-stamped.pdf  page 1 of 000-scan.pdf with a text line stamped on it
               (the decision number and "Trang 1 / 2"), as scanning software stamps pages
legacy-vni.pdf a letterhead typed in a VNI font ("Coäng hoøa xaõ hoäi")
legacy-tcvn3.pdf  the first results table of seed 000 printed with its text in
               TCVN3 (ABC) codes, as a legacy ".VnTime" font leaves a text layer
               (its "ư", code 0xAD, read as a hyphen)
"""
from __future__ import annotations

import random
import tempfile
import zlib
from dataclasses import replace
from pathlib import Path

BOMB_MB = 320


def make_odd(out: Path) -> None:
    encrypted(out / "001.pdf", out / "encrypted.pdf")
    corrupt(out / "corrupt.pdf")
    truncated(out / "001.pdf", out / "truncated.pdf")
    bomb(out / "bomb.pdf")
    legacy(out / "legacy-tcvn3.pdf")
    legacy_vni(out / "legacy-vni.pdf")
    stamped(out / "000-scan.pdf", out / "000-scan-stamped.pdf")
    for name in ("encrypted", "corrupt", "truncated", "bomb", "legacy-tcvn3", "legacy-vni",
                 "000-scan-stamped"):
        print(f"wrote {out / (name + '.pdf')}")


def encrypted(src: Path, dst: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(str(src)))
    writer.encrypt(user_password="xephang-secret", owner_password="xephang-owner")
    with open(dst, "wb") as fh:
        writer.write(fh)


def corrupt(dst: Path) -> None:
    rng = random.Random(5)
    junk = bytes(rng.randrange(256) for _ in range(4000))
    dst.write_bytes(b"%PDF-1.7\n" + junk + b"\nstartxref\n123\n%%EOF\n")


def truncated(src: Path, dst: Path) -> None:
    data = src.read_bytes()
    dst.write_bytes(data[:int(len(data) * 0.55)])


def bomb(dst: Path) -> None:
    """A valid one-page PDF whose page content inflates to BOMB_MB megabytes."""
    z = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    stream = b"".join(z.compress(chunk) for _ in range(BOMB_MB)) + z.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for k, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    dst.write_bytes(bytes(out))


def legacy(dst: Path) -> None:
    from make_pdf_fixtures import BORN, SEEDS, document_xml, print_pdf
    from xephang.extract import read_document
    from xephang.extract.pdf.legacy import to_tcvn3
    doc = read_document(SEEDS / BORN["000"][0])
    first = doc.tables[0]
    end = first.where.line or 0
    small = replace(doc, tables=(first,), paragraphs=tuple(
        p for p in doc.paragraphs if (p.where.line or 0) < end))
    with tempfile.TemporaryDirectory() as tmp:
        fodt = Path(tmp) / "legacy-tcvn3.fodt"
        # code 0xAD ("ư") shows as a hyphen in a WinAnsi text layer
        xml = to_tcvn3(document_xml(small, ruled=True)).replace("\u00ad", "-")
        fodt.write_text(xml, encoding="utf-8")
        dst.write_bytes(print_pdf(fodt, Path(tmp)).read_bytes())


#: Lines of a decision's letterhead as a VNI font's text layer shows them.
VNI_LINES = (
    "UÛY BAN NHAÂN DAÂN TÆNH HOØA BÌNH",
    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
    "Ñoäc laäp - Töï do - Haïnh phuùc",
    "Quyeát ñònh veà vieäc coâng boá keát quaû ñaùnh giaù, xeáp haïng möùc ñoä öùng duïng "
    "coâng ngheä thoâng tin naêm 2017",
)


def legacy_vni(dst: Path) -> None:
    from xml.sax.saxutils import escape

    from make_pdf_fixtures import NS, print_pdf
    body = "".join(f"<text:p>{escape(line)}</text:p>" for line in VNI_LINES)
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS}>'
           f"<office:body><office:text>{body}</office:text></office:body></office:document>")
    with tempfile.TemporaryDirectory() as tmp:
        fodt = Path(tmp) / "legacy-vni.fodt"
        fodt.write_text(xml, encoding="utf-8")
        dst.write_bytes(print_pdf(fodt, Path(tmp)).read_bytes())


def stamped(scan: Path, dst: Path) -> None:
    """The first page of a scan with a page number printed over it in real text."""
    from pypdf import PdfReader, PdfWriter

    from make_pdf_fixtures import NS, print_pdf
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS}><office:body>'
           f"<office:text>{'<text:p/>' * 44}<text:p>Quyết định số 2631/QĐ-UBND ngày 27/12/2017 — Trang 1 / 2</text:p></office:text>"
           f"</office:body></office:document>")
    with tempfile.TemporaryDirectory() as tmp:
        fodt = Path(tmp) / "stamp.fodt"
        fodt.write_text(xml, encoding="utf-8")
        stamp = PdfReader(str(print_pdf(fodt, Path(tmp)))).pages[0]
        writer = PdfWriter()
        page = writer.add_page(PdfReader(str(scan)).pages[0])
        page.merge_page(stamp)
        with open(dst, "wb") as fh:
            writer.write(fh)
