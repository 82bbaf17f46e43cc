"""Open a source file: hash it, tell its format, and decode it — or say clearly why not."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import BinaryFile, EmptyFile, WrongEncoding
from .model import Format, Notice, Source, Where

# Letters that only Unicode Vietnamese has: the Latin Extended Additional
# block (ạ ả ấ … ỹ) and ă â đ ê ô ơ ư with their capitals.
_VIET = re.compile(r"[\u1ea0-\u1ef9ăđơưĂĐƠƯ]")
# TCVN3 (ABC fonts) text read as Unicode: "Céng hßa X· héi".  Its tone-marked
# vowels sit in the Latin-1 symbol range, which Vietnamese prose never uses.
_TCVN3 = re.compile(r"[µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉËªÌÐÎÏÑ®¬ÞÒÝÓÕÔÖ×ØÛÙÚÜ­ßãáâä«åèæçé¬êíëìîïóñòôõ¦öùøúü§ûýþ]")
_TCVN3_WORD = re.compile(r"\b\w*[µ¸¶·¹¨»¾¼½©ª®¬«ß¦§]\w*\b")
# VNI text read as Unicode: "Coäng hoøa xaõ hoäi" — a vowel followed by a
# Latin-1 letter that carries the tone.
_VNI = re.compile(r"[aeiouyAEIOUY][øùûõïäåëöüòñóôêéèâ](?=\w|\s|$)")
_TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")
_TAG_LINE = re.compile(r"<[A-Za-z/!?][^<>\n]*>")
_TAGS = re.compile(r"(<[A-Za-z/!?][^<>]*>)")     # kept by split
_LINES = re.compile(r"(\n)")
_CODED_WORD = re.compile(r"(?<![^\s(\"'])[A-Za-z\u00a1-\u00ff]+(?=[\s,.:;!?)\"']|$)")
_ENTITY = re.compile(r"&#?\w+;")
_COMBINING = re.compile(r"[\u0300\u0301\u0303\u0309\u0323]")

_MAGIC = (
    (b"%PDF", "pdf"),
    (b"\x89PNG", "a PNG image (put scans inside a PDF)"),
    (b"\xff\xd8\xff", "a JPEG image (put scans inside a PDF)"),
    (b"GIF8", "a GIF image"),
)


@dataclass(frozen=True)
class Opened:
    source: Source
    data: bytes           # the file's own bytes
    text: str | None      # None for PDF, Word and Excel
    office: bytes | None = None   # the .docx / .xlsx to read: the file, or LibreOffice's conversion
    notices: tuple[Notice, ...] = ()   # what the decoding did: a legacy encoding converted


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def open_source(path: str | Path, *, display: str | None = None) -> Opened:
    """Read *path* and return its bytes, hash, format and (for text/HTML) its text."""
    name = display or str(path)
    data = Path(path).read_bytes()
    if not data.strip():
        raise EmptyFile(name)
    office = open_office(name, data)
    if office is not None:
        return office
    fmt = sniff_format(name, data)
    source = Source(name, sha256_of(data), fmt)
    if fmt == "pdf":
        return Opened(source, data, None)
    text, notices = decode_text(name, data, markup=fmt == "html")
    return Opened(source, data, text, notices=notices)


def open_office(name: str, data: bytes) -> Opened | None:
    """A Word or Excel file, told by its content: a ZIP package is checked and read as
    .docx or .xlsx whatever its name; a legacy OLE2 .doc / .xls is converted by
    LibreOffice first.  None for anything else."""
    from .office import archive
    container = archive.kind_of(data)
    if container is None:
        return None
    sha = sha256_of(data)
    if container == "zip":
        kind = archive.check_package(name, data).kind
        return Opened(Source(name, sha, kind), data, None, data)
    legacy = "rtf" if container == "rtf" else archive.ole2_kind(name, data)
    from .office.convert import TARGET, convert
    converted = convert(name, data, legacy)
    return Opened(Source(name, sha, TARGET[legacy], converted_from=legacy), data, None, converted)


def sniff_format(name: str, data: bytes) -> Format:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    for magic, what in _MAGIC:
        if head.startswith(magic):
            if what == "pdf":
                return "pdf"
            raise BinaryFile(name, what)
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryFile(name)
    low = head[:512].lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml", b"<!doctype")) or (
        name.lower().endswith((".html", ".htm", ".xhtml")) and b"<" in low) or (
        name.lower().endswith((".xls", ".doc")) and low.startswith((b"<table", b"<meta", b"<head",
                                                                      b"<body", b"<style"))):
        return "html"       # portals export "Excel" and "Word" files that are HTML pages
    return "text"


def decode(name: str, data: bytes) -> str:
    """The text of *data* (see decode_text), without the notices."""
    return decode_text(name, data)[0]


def decode_text(name: str, data: bytes, *, markup: bool = False) -> tuple[str, tuple[Notice, ...]]:
    """UTF-8 (with or without BOM, or UTF-16 with BOM), and TCVN3 (ABC) text, whether its
    8-bit codes were saved as they are or read as Latin-1 letters into Unicode: converted
    to Unicode with a notice.  Anything else (windows-1258, VNI, other 8-bit text) is
    named and refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            text = data.decode("latin-1")
            if not _is_tcvn3(_legacy_kind(_visible(text))):
                raise _not_utf8(name, data, err) from None
    text, notices = _convert_legacy(name, text, markup)
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(8, len(text[:20000]) // 50):
        raise BinaryFile(name)
    return text, notices


def _not_utf8(name: str, data: bytes, err: UnicodeDecodeError) -> WrongEncoding:
    line = data.count(b"\n", 0, err.start) + 1
    legacy = _legacy_kind(_visible(data.decode("latin-1")))
    as1258 = data.decode("cp1258", errors="replace")
    if _COMBINING.search(as1258) or re.search("[ơưđăƠƯĐĂ]", as1258):
        lines = _visible(unicodedata.normalize("NFC", as1258)).splitlines()
        bad_line = lines[line - 1] if line <= len(lines) else ""
        return WrongEncoding(name, "windows-1258", line=line, sample=_sample(bad_line))
    if legacy:
        return WrongEncoding(name, legacy[0], line=legacy[1], sample=legacy[2])
    return WrongEncoding(name, "8-bit (not UTF-8)", line=line)


def _visible(text: str) -> str:
    """HTML tags removed, line breaks kept: markup neither dilutes the legacy-letter
    count nor shows in the sample."""
    text = _TAG_LINE.sub("", text)
    return _TAG.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def _is_tcvn3(legacy: tuple[str, int, str] | None) -> bool:
    return bool(legacy) and legacy[0].startswith("TCVN3")


def _convert_legacy(name: str, text: str, markup: bool) -> tuple[str, tuple[Notice, ...]]:
    """TCVN3 text converted (with a notice saying so, at its first legacy line); VNI
    refused, as for a PDF's text layer: its letters span two codes and are not guessed."""
    legacy = _legacy_kind(_visible(text))
    if not legacy:
        return text, ()
    kind, line, sample = legacy
    if not _is_tcvn3(legacy):
        raise WrongEncoding(name, kind, line=line, sample=sample)
    converted = from_tcvn3_text(text, markup=markup)
    return converted, (_converted_notice(kind, sample, from_tcvn3_text(sample), line),)


def from_tcvn3_text(text: str, *, markup: bool = False) -> str:
    """TCVN3 codes → Unicode.  The ABC capital fonts print tone-marked capitals with the
    small letters' codes, so a line (in a page: the text between two tags) whose other
    letters are all capitals, with a word of two or more of them, has its converted
    letters raised too ("QUYÕT §ÞNH" → "QUYẾT ĐỊNH"; "Sè: 2631/Q§-UBND" stays "Số").  A file keeps "ư" as its own code (0xAD), so a hyphen stays a
    hyphen ("kinh tÕ-x· héi")."""
    runs = (_TAGS if markup else _LINES).split(text)
    return "".join(_from_tcvn3_run(run) for run in runs)


def _from_tcvn3_run(run: str) -> str:
    from .pdf.legacy import FROM_TCVN3
    if run.startswith("<"):
        return run                       # a tag: its names and attributes are ASCII
    converted = "".join(FROM_TCVN3.get(ch, ch) for ch in run)
    run = _ENTITY.sub(" ", run)
    if re.search("[a-z]", run) or not any(len(re.findall("[A-Z]", w)) >= 2
                                          for w in _CODED_WORD.findall(run)):
        return converted                 # a small letter, or no word in capitals: "Sè: 2631/…"
    return "".join(ch.upper() if ch.islower() and ord(ch) > 127 else ch for ch in converted)


def _converted_notice(kind: str, sample: str, converted: str, line: int) -> Notice:
    return Notice(
        "legacy-encoding-converted",
        f'the text uses the legacy {kind} font encoding ("{sample}", read as "{converted}"); '
        f"it was converted to Unicode, and capitals with tone marks may read as small letters",
        f'văn bản dùng bảng mã cũ {kind} ("{sample}", đọc thành "{converted}"); đã được '
        f"chuyển sang Unicode, chữ hoa có dấu thanh có thể thành chữ thường",
        Where(line=line))


def _legacy_kind(text: str) -> tuple[str, int, str] | None:
    """('TCVN3', line, sample) or ('VNI', …) when the text is legacy-encoded Vietnamese."""
    sample = text[:200000]
    letters = sum(1 for ch in sample if ch.isalpha()) or 1
    viet = len(_VIET.findall(sample))
    if viet / letters > 0.02:
        return None
    tcvn = len(_TCVN3_WORD.findall(sample))
    vni = len(_VNI.findall(sample))
    words = max(1, len(sample.split()))
    if tcvn / words > 0.05 and tcvn >= 3:
        return ("TCVN3 (ABC)",) + _first_line(sample, _TCVN3_WORD)
    if vni / words > 0.08 and vni >= 3:
        return ("VNI",) + _first_line(sample, _VNI)
    return None


def _first_line(text: str, pattern: re.Pattern) -> tuple[int, str]:
    for i, line in enumerate(text.splitlines(), 1):
        if pattern.search(line):
            return i, _sample(line)
    return 1, ""


def _sample(line: str) -> str:
    return " ".join(line.split())[:40]
