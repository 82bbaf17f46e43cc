"""An Office file's container, checked before any parser sees it.

    bytes ─kind─▶ "docx" | "xlsx" | "doc" | "xls"      (by content, never by the name)
    ZIP   ─inflate─▶ every part, sizes capped while inflating (zip bombs, truncation)
          ─refuse_markup─▶ no DTD or entity declaration in any XML part
          ─refuse_macros─▶ no vbaProject.bin, no macro-enabled content type
          ─relationships─▶ remote targets refused, local ones ignored with a warning
    OLE2  ─encrypted / macros refused─▶ a legacy .doc / .xls for LibreOffice

Nothing is fetched and nothing is written: the parts are inflated in memory only to
be measured and scanned.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

import lxml.etree as etree

from ..errors import OfficeError
from ..model import Notice, Where

ZIP = b"PK\x03\x04"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

MAX_PARTS = 5000                  # a real document has a few dozen parts
MAX_PART = 64 * 1024 * 1024       # inflated bytes of one part
MAX_TOTAL = 160 * 1024 * 1024     # inflated bytes of all parts
MAX_ELEMENTS = 1_000_000          # XML elements of one part: a 40-page decision has some 50,000
MAX_PARAGRAPHS = 40_000           # Word paragraphs (table cells hold one each): 001 has 800
MAX_CELLS = 500_000               # cells of all sheets: a results annex has a few thousand
MAX_RATIO = 400                   # inflated / compressed, for parts over RATIO_FROM bytes
RATIO_FROM = 4 * 1024 * 1024
_CHUNK = 1 << 20

_WORD = "wordprocessingml.document.main"
_EXCEL = "spreadsheetml.sheet.main"
_MACRO_TYPES = ("macroEnabled", "vbaProject")
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://(?!/)|\\\\|//)", re.I)   # http://, \\server, //host
_SAFE_EXTERNAL = {"hyperlink"}
_PARAGRAPH = re.compile(rb"<w:p[\s>/]")    # a link in the text: never followed, nothing to say


@dataclass(frozen=True)
class Package:
    """A checked OOXML package: its kind, its parts' names and the warnings found."""

    kind: str                      # "docx" or "xlsx"
    parts: tuple[str, ...]
    warnings: tuple[Notice, ...] = ()


def kind_of(data: bytes) -> str | None:
    """"zip", "ole2", "rtf" (Word saves Rich Text under a .doc name too) or None."""
    if data.startswith(ZIP) or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(OLE2):
        return "ole2"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    return None


# ---------------------------------------------------------------- OOXML (ZIP)

def check_package(name: str, data: bytes) -> Package:
    """The recipe: open → inflate every part within the limits → scan → kind."""
    archive = open_zip(name, data)
    infos = members(name, archive)
    contents = inflate_all(name, archive, infos)
    for part, body in contents.items():
        if _is_markup(part, body):
            refuse_markup(name, part, body)
    refuse_macros(name, contents)
    refuse_huge_sheets(name, contents)
    refuse_huge_parts(name, contents)
    warnings = relationships(name, contents)
    return Package(package_kind(name, contents), tuple(contents), tuple(warnings))


def open_zip(name: str, data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError) as err:
        raise OfficeError(name, f"a damaged or truncated ZIP archive ({_short(err)}); "
                                f"refused: open it in Word or Excel and save it again") from None


def members(name: str, archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The parts, with their declared sizes checked before anything is inflated."""
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > MAX_PARTS:
        raise OfficeError(name, f"the archive holds {len(infos):,} parts (at most {MAX_PARTS:,}); "
                                f"refused as a likely zip bomb")
    declared = sum(i.file_size for i in infos)
    if declared > MAX_TOTAL:
        raise OfficeError(name, f"the archive declares {_mb(declared)} once inflated (at most "
                                f"{_mb(MAX_TOTAL)}); refused as a likely zip bomb")
    for i in infos:
        if i.flag_bits & 0x1:
            raise OfficeError(name, f"part {i.filename} is encrypted; refused: remove the "
                                    f"password and save it again")
        _check_size(name, i.filename, i.file_size, i.compress_size)
    return infos


def inflate_all(name: str, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    """Every part inflated, counting the bytes as they come: a part whose real size
    is not its declared one, or a bomb that lies about its size, stops at the limit."""
    out: dict[str, bytes] = {}
    total = 0
    for info in infos:
        chunks, size = [], 0
        try:
            with archive.open(info) as f:
                while chunk := f.read(_CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    _check_size(name, info.filename, size, info.compress_size)
                    if total > MAX_TOTAL:
                        raise OfficeError(name, f"the parts inflate to more than {_mb(MAX_TOTAL)}; "
                                                f"refused as a likely zip bomb")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                ValueError) as err:                # e.g. a header offset that seeks before the start
            raise OfficeError(name, f"part {info.filename} is damaged or truncated ({_short(err)}); "
                                    f"refused: open it in Word or Excel and save it again") from None
        out[info.filename] = b"".join(chunks)
    return out


def _check_size(name: str, part: str, size: int, compressed: int) -> None:
    if size > MAX_PART:
        raise OfficeError(name, f"part {part} inflates to more than {_mb(MAX_PART)}; "
                                f"refused as a likely zip bomb")
    if size > RATIO_FROM and size > MAX_RATIO * max(1, compressed):
        raise OfficeError(name, f"part {part} inflates {size // max(1, compressed):,} times its "
                                f"compressed size (at most {MAX_RATIO}); refused as a likely zip bomb")


_DECL = (b"<!DOCTYPE", b"<!ENTITY")


def _is_markup(part: str, body: bytes) -> bool:
    """An XML part by its name or by its first bytes (a part may be named anything)."""
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return part.endswith((".xml", ".rels", ".vml")) or head[:1] == b"<" or head[:2] in (
        b"\xff\xfe", b"\xfe\xff")


def refuse_markup(name: str, part: str, body: bytes) -> None:
    """No DTD and no entity declaration in any XML part (Office never writes one)."""
    for decl in _DECL:
        for enc in (decl, decl.decode().encode("utf-16-le"), decl.decode().encode("utf-16-be")):
            if enc in body:
                what = "an entity" if b"E\x00N" in enc or b"ENTITY" in enc else "a DTD"
                raise OfficeError(name, f"part {part} declares {what} ({decl.decode()} …); refused: "
                                        f"entities are never expanded and nothing is fetched")


def refuse_macros(name: str, contents: dict[str, bytes]) -> None:
    for part in contents:
        if part.rsplit("/", 1)[-1].lower() in ("vbaproject.bin", "vbadata.xml"):
            raise OfficeError(name, f"the file holds macros ({part}); refused: macros are never "
                                    f"run — save it as a plain .docx or .xlsx without macros")
    types = contents.get("[Content_Types].xml", b"")
    for marker in _MACRO_TYPES:
        if marker.encode() in types:
            raise OfficeError(name, "the file is macro-enabled (.docm/.xlsm content type); refused: "
                                    "macros are never run — save it as a plain .docx or .xlsx")


def refuse_huge_sheets(name: str, contents: dict[str, bytes]) -> None:
    """Each cell costs the spreadsheet library some hundred bytes: a workbook of millions
    of (even empty) cells would exhaust memory, so it is refused before it is loaded."""
    cells = sum(body.count(b"<c ") + body.count(b"<c>") for part, body in contents.items()
                if part.startswith("xl/worksheets/"))
    if cells > MAX_CELLS:
        raise OfficeError(name, f"the workbook's sheets hold {cells:,} cells (at most {MAX_CELLS:,}); "
                                f"refused: split it or save the ranking sheets on their own")


def refuse_huge_parts(name: str, contents: dict[str, bytes]) -> None:
    """A part of millions of elements (small ones compress well under the size limits)
    would exhaust memory once parsed: refused before it is."""
    for part, body in contents.items():
        if _is_markup(part, body):
            elements = body.count(b"<") - body.count(b"</")
            if elements > MAX_ELEMENTS:
                raise OfficeError(name, f"part {part} holds {elements:,} XML elements (at most "
                                        f"{MAX_ELEMENTS:,}); refused as built to exhaust the reader")
            paragraphs = len(_PARAGRAPH.findall(body)) if part.startswith("word/") else 0
            if paragraphs > MAX_PARAGRAPHS:
                raise OfficeError(name, f"part {part} holds {paragraphs:,} paragraphs (at most "
                                        f"{MAX_PARAGRAPHS:,}); refused as built to exhaust the reader")


def relationships(name: str, contents: dict[str, bytes]) -> list[Notice]:
    """External targets: a remote one (a template or image on a server) is refused;
    a local one (the author's own disk) is never opened and only noted; hyperlinks
    are text."""
    notes: list[Notice] = []
    for part, body in contents.items():
        if not part.endswith(".rels"):
            continue
        for rel in _parse(name, part, body).iter("{*}Relationship"):
            if rel.get("TargetMode") != "External":
                continue
            what = (rel.get("Type") or "").rsplit("/", 1)[-1]
            target = rel.get("Target") or ""
            if what in _SAFE_EXTERNAL:
                continue
            if _REMOTE.match(target) and not target.lower().startswith("file:"):
                raise OfficeError(name, f"{part} links a remote {_named(what)} ({target[:80]}); "
                                        f"refused: the reader never fetches anything")
            notes.append(Notice(
                "office-external-link",
                f"{part} links a {_named(what)} outside the file ({target[:80]}); it was not opened",
                f"{part} liên kết tới một tệp bên ngoài ({target[:80]}); tệp đó không được mở",
                Where(path=part)))
    return notes


def _parse(name: str, part: str, body: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        return etree.fromstring(body, parser)
    except etree.XMLSyntaxError as err:
        raise OfficeError(name, f"part {part} is not well-formed XML ({_short(err)}); refused") from None


def _named(rel_type: str) -> str:
    return {"attachedTemplate": "template", "image": "image", "oleObject": "embedded object",
            "subDocument": "subdocument", "frame": "frame", "externalLinkPath": "workbook",
            "externalLink": "workbook"}.get(rel_type, rel_type or "target")


def package_kind(name: str, contents: dict[str, bytes]) -> str:
    types = contents.get("[Content_Types].xml", b"")
    if _WORD.encode() in types or "word/document.xml" in contents:
        return "docx"
    if _EXCEL.encode() in types or "xl/workbook.xml" in contents:
        return "xlsx"
    raise OfficeError(name, "a ZIP archive that is neither a Word (.docx) nor an Excel (.xlsx) "
                            "file; save it as .docx, .xlsx, PDF or HTML first")


# ---------------------------------------------------------------- legacy OLE2

def ole2_kind(name: str, data: bytes) -> str:
    """"doc" or "xls" for a Word 97-2003 or Excel 97-2003 file; an encrypted file or
    one with macros is refused (stream names are UTF-16 in the OLE2 directory)."""
    def has(stream: str) -> bool:
        return stream.encode("utf-16-le") in data
    if has("EncryptedPackage") or has("EncryptionInfo"):
        raise OfficeError(name, "the file is encrypted (password-protected); refused: remove the "
                                "password in Word or Excel and save it again")
    if has("_VBA_PROJECT"):
        raise OfficeError(name, "the file holds macros (a VBA project); refused: macros are never "
                                "run — save it as a plain .docx or .xlsx without macros")
    if has("WordDocument"):
        return "doc"
    if has("Workbook") or has("Book"):
        return "xls"
    raise OfficeError(name, "an OLE2 compound file that is neither a Word nor an Excel document; "
                            "save it as .docx, .xlsx, PDF or HTML first")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def _short(err: Exception) -> str:
    return " ".join(str(err).split())[:80] or type(err).__name__
