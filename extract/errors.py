"""Loud, one-line errors for input xephang cannot read.

Every message names the file, and where it can the line, page or table, and
says what to do next.  The CLI prints ``str(error)`` and exits with 2.
"""
from __future__ import annotations


class XephangError(Exception):
    """Base of every error xephang raises on purpose."""

    exit_code = 2

    def __init__(self, path: str, message: str, *, line: int | None = None,
                 page: int | None = None, table: int | None = None):
        self.path, self.message = path, message
        self.line, self.page, self.table = line, page, table
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [self.path]
        if self.page is not None:
            where.append(f"page {self.page}")
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.table is not None:
            where.append(f"table {self.table}")
        return f"{': '.join(where)}: {self.message}"


class UnreadableInput(XephangError):
    """The file cannot be read as a document at all."""


class EmptyFile(UnreadableInput):
    def __init__(self, path: str):
        super().__init__(path, "the file is empty (tệp rỗng)")


class BinaryFile(UnreadableInput):
    def __init__(self, path: str, what: str = "binary data"):
        super().__init__(path, f"not a text, HTML or PDF document: it holds {what}")


class WrongEncoding(UnreadableInput):
    """Not UTF-8: windows-1258, TCVN3 (ABC) or VNI text."""

    def __init__(self, path: str, encoding: str, *, line: int | None = None, sample: str = ""):
        hint = f' ("{sample}")' if sample else ""
        super().__init__(
            path,
            f"the text is in the legacy {encoding} encoding{hint}, not Unicode; "
            f"convert it to UTF-8 Unicode first (e.g. with UniKey's converter)",
            line=line)


class UnsafeMarkup(UnreadableInput):
    """HTML that tries to reach outside the file, or is built to exhaust the parser."""


class NoTables(UnreadableInput):
    def __init__(self, path: str):
        super().__init__(path, "no score or rubric table found (không tìm thấy bảng nào)")


class TruncatedTable(XephangError):
    """A table stops mid-row. The document is still extracted; this is reported beside it."""


class PdfError(UnreadableInput):
    """Encrypted, corrupt, truncated or oversized PDFs."""


class OcrUnavailable(UnreadableInput):
    def __init__(self, path: str, page: int | None = None):
        super().__init__(
            path,
            "the PDF has no text layer and Tesseract is not installed; install it with "
            "'apt-get install tesseract-ocr tesseract-ocr-vie' (or run 'make install')",
            page=page)


class UsageError(XephangError):
    """The caller asked for something that cannot be done."""


class OfficeError(UnreadableInput):
    """A Word or Excel file that is damaged, encrypted, carries macros, reaches outside
    itself or is built to exhaust the reader."""


class ConverterUnavailable(UnreadableInput):
    def __init__(self, path: str, what: str):
        super().__init__(
            path,
            f"a legacy {what} file needs LibreOffice to be read and it is not installed; "
            f"install it with 'apt-get install --no-install-recommends libreoffice-writer-nogui "
            f"libreoffice-calc-nogui' (or run 'make install'), or save the file as "
            f"{'.xlsx' if 'Excel' in what else '.docx'} first")
