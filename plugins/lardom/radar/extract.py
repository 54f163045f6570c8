"""The text of a status report, from plain text, Markdown, .docx or .pdf bytes.

The kind is told by the bytes, not the file name, so a report piped to standard input is read
alike. Anything else (a binary file, a damaged document, text past the limit) is refused with a
Swedish message; nothing of the text is logged or written anywhere.
"""

from __future__ import annotations

import io
import logging
import warnings
import zipfile
from typing import Any

MAX_BYTES = 20 * 1024 * 1024  # a file as read, .docx and .pdf included
MAX_CHARS = 200_000  # the text analysed: about a hundred pages
MAX_UNPACKED = 100 * 1024 * 1024  # what a .docx may unpack to: a zip bomb stops here
MAX_PAGES = 500


class InputError(Exception):
    """The input cannot be analysed; the message is for the reader, in Swedish."""


def text_of(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise InputError(
            f"Filen är större än {MAX_BYTES // (1024 * 1024)} MB. Klistra in den del som gäller status."
        )
    if data.startswith(b"%PDF-"):
        text = _pdf(data)
    elif data.startswith(b"PK\x03\x04"):
        text = _docx(data)
    else:
        text = _plain(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("Texten är tom. Ge radarn en statusrapport, ett protokoll eller en risklogg.")
    if len(text) > MAX_CHARS:
        raise InputError(
            f"Texten är längre än {MAX_CHARS:,} tecken".replace(",", " ")
            + ". Dela upp den, eller ge radarn bara den del som beskriver läget."
        )
    return text


def _plain(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            "Filen är inte text i UTF-8, och inte heller en .docx- eller .pdf-fil. Spara den som text (UTF-8), "
            "Word eller PDF och försök igen."
        ) from None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if "\x00" in text or controls > max(8, len(text) // 100):
        raise InputError(
            "Filen ser ut att vara binär, inte text. Ge radarn en textfil, en .docx- eller en .pdf-fil."
        )
    return text


def _docx(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise InputError("Filen är ett zip-arkiv men inget Word-dokument (.docx).")
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise InputError("Word-dokumentet packar upp sig till mer än 100 MB och läses inte.")
        import docx  # python-docx; only for the reports that need it

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = docx.Document(io.BytesIO(data))
        # A heading is written as Markdown writes one, so that text.py leaves it out as it does there.
        lines = [("# " if _heading(paragraph) else "") + paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:  # risk logs are often tables: one row a line
            for row in table.rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
        return "\n".join(lines)
    except InputError:
        raise
    except Exception:  # a damaged document may fail anywhere in the library
        raise InputError(
            "Word-dokumentet (.docx) kan inte läsas. Är det skadat? Spara det på nytt eller som text."
        ) from None


def _heading(paragraph: Any) -> bool:
    """Whether a .docx paragraph has a heading or title style ("Heading 1", "Title"; Word stores
    the built-in styles by these names whatever the language it shows them in)."""
    style = getattr(paragraph, "style", None)
    name = (getattr(style, "name", None) or "").lower()
    return name.startswith(("heading", "title", "rubrik"))


def _pdf(data: bytes) -> str:
    import pypdf

    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # its warnings may quote the document
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise InputError("PDF-filen är krypterad. Spara den utan lösenord och försök igen.")
            if len(reader.pages) > MAX_PAGES:
                raise InputError(
                    f"PDF-filen har fler än {MAX_PAGES} sidor. Ge radarn den del som beskriver läget."
                )
            text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except InputError:
        raise
    except Exception:
        raise InputError(
            "PDF-filen kan inte läsas. Är den skadad? Spara den på nytt eller som text."
        ) from None
    finally:
        quiet.setLevel(level)
    if not text.strip():
        raise InputError(
            "PDF-filen innehåller ingen text, kanske bara inskannade bilder. Klistra in texten i stället."
        )
    return text
