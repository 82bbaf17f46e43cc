"""Refuse PDFs that cannot or should not be read — before any parser touches them.

Encrypted, corrupt and truncated files, and decompression bombs, each give
one clear `PdfError` in bounded time and memory: the compressed streams are
inflated chunk by chunk and counted, never held, and parsing stops at a
budget; pdfium (pypdfium2) opens the file first because it fails fast and
names the reason.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from ..errors import PdfError


@dataclass(frozen=True)
class Limits:
    """What one PDF may cost.  Validated: every limit positive.

    A stream may inflate to `ratio` times its compressed size, and always to
    `floor` bytes (a scanned page's Flate image is a few MB, 2-20 times its
    compressed size; a bomb is a thousand times), never past `max_stream`; all
    streams together never past `max_inflated`."""

    ratio: int = 200
    floor: int = 64 * 2**20
    max_stream: int = 512 * 2**20
    max_inflated: int = 2 * 2**30
    max_pages: int = 2000
    chunk: int = 2**20

    def __post_init__(self):
        for name in ("ratio", "floor", "max_stream", "max_inflated", "max_pages", "chunk"):
            if getattr(self, name) <= 0:
                raise ValueError(f"Limits.{name} must be positive")

    def allowed(self, compressed: int) -> int:
        return min(self.max_stream, max(self.floor, self.ratio * compressed))


LIMITS = Limits()
_STREAM = re.compile(rb"stream\r?\n")


def check_bytes(name: str, data: bytes, limits: Limits = LIMITS) -> None:
    """Bombs and obviously broken files, from the raw bytes."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise PdfError(name, "not a PDF: the file does not start with %PDF")
    if b"%%EOF" not in data[-2048:] and b"startxref" not in data[-4096:]:
        raise PdfError(name, "the PDF is truncated: it stops before its end-of-file marker "
                             "(download it again)")
    inflated = 0
    for start, end, _ in _flate_streams(data):
        allowed = limits.allowed(end - start)
        size = _inflated_size(data[start:end], allowed + 1, limits)
        if size > allowed:
            raise PdfError(name, f"a compressed stream of {_mb(end - start)} inflates to more "
                                 f"than {_mb(allowed)} (a decompression bomb?); refused")
        inflated += size
        if inflated > limits.max_inflated:
            raise PdfError(name, f"the PDF's compressed streams inflate to more than "
                                 f"{_mb(limits.max_inflated)}; refused")


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def _flate_streams(data: bytes):
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 400):m.start()]
        dict_start = head.rfind(b"<<")
        stream_dict = head[dict_start:] if dict_start >= 0 else b""
        if b"/FlateDecode" not in stream_dict and b"/Fl " not in stream_dict:
            continue
        end = data.find(b"endstream", m.end())
        yield m.end(), (end if end >= 0 else len(data)), head


def _inflated_size(raw: bytes, budget: int, limits: Limits) -> int:
    """How many bytes *raw* inflates to, counted up to *budget* (never all held)."""
    d = zlib.decompressobj()
    total = 0
    try:
        for pos in range(0, len(raw), limits.chunk):
            buf = raw[pos:pos + limits.chunk]
            while buf:
                total += len(d.decompress(buf, limits.chunk))
                if total >= budget:
                    return total
                buf = d.unconsumed_tail
            if d.eof:
                break
    except zlib.error:
        pass          # a damaged stream: the parser will say so, or skip it
    return total


def open_checked(name: str, data: bytes, limits: Limits = LIMITS):
    """Open with pdfium to learn the page count, or raise one clear PdfError."""
    import pypdfium2 as pdfium
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        raise PdfError(name, _pdfium_reason(str(err))) from None
    try:
        pages = len(doc)
    finally:
        doc.close()
    if pages == 0:
        raise PdfError(name, "the PDF has no pages")
    if pages > limits.max_pages:
        raise PdfError(name, f"the PDF has {pages} pages, more than the {limits.max_pages} "
                             f"xephang reads in one file; split it first")
    return pages


def _pdfium_reason(message: str) -> str:
    low = message.lower()
    if "password" in low:
        return ("the PDF is encrypted with a password; open it in a PDF reader and "
                "print or save an unprotected copy first")
    if "format" in low or "file" in low:
        return "the PDF is corrupt: its structure cannot be read (download it again)"
    return f"the PDF cannot be read ({message})"
