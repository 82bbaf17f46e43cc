"""Text layers in the legacy Vietnamese font encodings.

A PDF printed with a TCVN3 (ABC, ".VnTime") font carries a text layer like
"Céng hßa X· héi": each Vietnamese letter is a Latin-1 symbol.  It is detected
with the same test as text files (extract/source.py) and converted here letter
by letter.  TCVN3 has no tone-marked capitals (its capital fonts reuse the small
letters' codes), so converted capitals with tone marks come out in lower case:
the document says so in its warnings.  VNI, which spreads a letter over two
codes, is reported, not guessed at.
"""
from __future__ import annotations

import re

from ..errors import PdfError
from ..source import _legacy_kind

_TCVN3_PAIRS = (
    "àµ ả¶ ã· á¸ ạ¹ ă¨ ằ» ẳ¼ ẵ½ ắ¾ ặÆ â© ầÇ ẩÈ ẫÉ ấÊ ậË đ® èÌ ẻÎ ẽÏ éÐ ẹÑ êª ềÒ ểÓ ễÔ "
    "ếÕ ệÖ ì× ỉØ ĩÜ íÝ ịÞ òß ỏá õâ óã ọä ô« ồå ổæ ỗç ốè ộé ơ¬ ờê ởë ỡì ớí ợî ùï ủñ ũò "
    "úó ụô ư\u00ad ừõ ửö ữ÷ ứø ựù ỳú ỷû ỹü ýý ỵþ Ă¡ Â¢ Ê£ Ô¤ Ơ¥ Ư¦ Đ§"
)
#: Unicode letter → its TCVN3 code point, as a text layer shows it.
TO_TCVN3 = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split()}
FROM_TCVN3 = {v: k for k, v in TO_TCVN3.items()}


#: "ư" is code 0xAD, which a WinAnsi text layer reads as a hyphen: a hyphen
#: glued to a small letter ("Tr-êng", "§Çu t-") is that "ư".
_U_HORN = re.compile(r"(?<=[A-Za-z\u00a8-\u00fe])-(?=[a-z\u00a8-\u00fe]|\s|$)")


def from_tcvn3(text: str) -> str:
    text = _U_HORN.sub("\u00ad", text)
    return "".join(FROM_TCVN3.get(ch, ch) for ch in text)


def to_tcvn3(text: str) -> str:
    """Unicode → TCVN3 codes (tone-marked capitals take the small letter's code,
    as the capital fonts do)."""
    import unicodedata
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in TO_TCVN3:
            out.append(TO_TCVN3[ch])
        elif ch.lower() in TO_TCVN3 and ch.isupper():
            out.append(TO_TCVN3[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def legacy_encoding(texts: list[str]) -> tuple[str, str] | None:
    """('TCVN3 (ABC)', sample) or ('VNI', sample) when the text layer is legacy-encoded."""
    found = _legacy_kind("\n".join(texts))
    return (found[0], found[2]) if found else None


def refuse_vni(path: str, kind: str, sample: str) -> None:
    if kind.startswith("VNI"):
        raise PdfError(path, f'the text layer uses the legacy VNI font encoding ("{sample}"), '
                             f"not Unicode; convert the document to Unicode (e.g. with UniKey's "
                             f"converter) and print it to PDF again")


def warning(kind: str, sample: str, page: int | None = None):
    from ..model import Notice, Where
    return Notice(
        "legacy-encoding-converted",
        f'the text layer uses the legacy {kind} font encoding ("{sample}"); it was converted '
        f"to Unicode, and capitals with tone marks may read as small letters",
        f'lớp chữ dùng bảng mã cũ {kind} ("{sample}"); đã được chuyển sang Unicode, '
        f"chữ hoa có dấu thanh có thể thành chữ thường",
        Where(page=page))
