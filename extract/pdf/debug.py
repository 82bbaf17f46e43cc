"""Draw what was found on a PDF page over the page image, to see how a table was read.

Tables in blue, rows in green, cells in thin grey; cells read by OCR with low
confidence in red, with their confidence written in the corner.  Boxes come
from the Document (points, top-left origin), the image from pdfium.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..model import BBox, Document

SCALE = 2.0        # pixels per point: 144 dpi


def draw_page(doc: Document, pdf: Path, page: int, out: Path, scale: float = SCALE) -> Path:
    """Write a PNG of page *page* (1-based) with the document's boxes on it."""
    from PIL import ImageDraw
    image = page_image(pdf, page, scale, doc.source.path)
    pen = ImageDraw.Draw(image)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell.where.page == page and cell.where.bbox:
                    _cell(pen, cell, scale)
            if row.where.page == page and row.where.bbox:
                pen.rectangle(_px(row.where.bbox, scale), outline=(0, 160, 0), width=2)
        if table.where.page == page and table.where.bbox:
            pen.rectangle(_px(table.where.bbox, scale), outline=(0, 60, 220), width=3)
    image.save(out)
    return out


def _cell(pen, cell, scale: float) -> None:
    from ..ocr.read import is_low_confidence
    low = is_low_confidence(cell)
    box = _px(cell.where.bbox, scale)
    pen.rectangle(box, outline=(220, 0, 0) if low else (150, 150, 150), width=2 if low else 1)
    if low:
        pen.text((box[0] + 2, box[1] + 1), f"{cell.where.confidence:.0f}", fill=(220, 0, 0))


def _px(box: BBox, scale: float) -> tuple[float, float, float, float]:
    return tuple(v * scale for v in box)


def page_image(pdf: Path, page: int, scale: float, name: str):
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        if not 1 <= page <= len(doc):
            raise UsageError(name, f"there is no page {page}: the PDF has {len(doc)} pages")
        return doc[page - 1].render(scale=scale).to_pil().convert("RGB")
    finally:
        doc.close()
