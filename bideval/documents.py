"""Documents that come with a bid: the proposal (方案) a judge reads while scoring, a price schedule, a scan.

A document is a PDF, PNG or JPEG file of at most 20 MB, checked before
anything is stored (:func:`check_document`); a refused one raises
:class:`DocumentRefused` holding one coded problem that names the file, and
:mod:`bideval.messages` says it in either language. The checks, in order:

- the name: no folder separators or ``:`` (path tricks), no leading dot, no
  control or invisible formatting characters (such as the right-to-left
  override that makes ``exe.pdf`` read ``fdp.exe``), at most 200 characters;
- the declared type (the name's extension: ``.pdf``, ``.png``, ``.jpg`` /
  ``.jpeg``) is one of those, the file is not empty and not over the limit;
- the first bytes are what the extension says (``%PDF-``, the PNG signature,
  the JPEG start-of-image marker); otherwise the refusal says what the file
  really looks like;
- a PDF is parsed (pypdf): it must not be encrypted, must have a page, may not
  hold more than 200,000 objects, and may not carry active content anywhere —
  JavaScript, launch actions, embedded or attached files, form actions that
  send or load data, links that open other files, rich media, XFA forms. Both
  the raw bytes (names written with ``#xx`` escapes are decoded first) and
  every object reachable from the trailer (inside compressed object streams
  too) are searched;
- an image is decoded in full (Pillow) with at most 40 million pixels (all
  frames of an animated image together): a small file that would unpack into
  gigabytes of pixels is refused from its header, before decoding.

The original bytes are kept as they came (their SHA-256 is what the audit
trail and the ranked workbook list), never converted.
"""
from __future__ import annotations

import enum
import hashlib
import re
import unicodedata
import warnings
import zlib
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import Any, Iterator

from .errors import InputErrors, Problem

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MAX_PDF_OBJECTS = 200_000
MAX_NAME_LENGTH = 200


class DocumentKind(enum.Enum):
    """What a document may be."""

    PDF = "pdf"
    PNG = "png"
    JPEG = "jpeg"

    @property
    def mime(self) -> str:
        """Its media type."""
        return {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}[self.value]

    @classmethod
    def from_name(cls, name: str) -> "DocumentKind | None":
        """The kind a file name declares by its extension (case ignored), or None.

        >>> DocumentKind.from_name("技术方案.PDF"), DocumentKind.from_name("scan.jpg"), DocumentKind.from_name("a.xlsx")
        (<DocumentKind.PDF: 'pdf'>, <DocumentKind.JPEG: 'jpeg'>, None)
        """
        suffix = name.rsplit(".", 1)[-1].casefold() if "." in name else ""
        return _SUFFIXES.get(suffix)


_SUFFIXES = {"pdf": DocumentKind.PDF, "png": DocumentKind.PNG, "jpg": DocumentKind.JPEG, "jpeg": DocumentKind.JPEG}
SUFFIXES = tuple(f".{s}" for s in _SUFFIXES)  # what an upload box accepts
_MAGIC = {DocumentKind.PDF: (b"%PDF-",), DocumentKind.PNG: (b"\x89PNG\r\n\x1a\n",), DocumentKind.JPEG: (b"\xff\xd8\xff",)}


class Envelope(enum.Enum):
    """Which envelope of a two-envelope tender a document belongs to."""

    TECHNICAL = "technical"  # the proposal: judges read it while scoring
    PRICE = "price"  # a price schedule: hidden from a judge while the tender hides prices from them


@dataclass(frozen=True)
class Document:
    """A document that passed every check: its name, kind, size, SHA-256, and pages or pixel size."""

    name: str
    kind: DocumentKind
    size: int
    sha256: str
    pages: int | None = None
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class StoredDocument:
    """A document as the tender keeps it (without its bytes): which bid, its name, kind, envelope, size, pages,
    SHA-256, and who added it when."""

    id: int
    vendor_id: str
    name: str
    kind: DocumentKind
    envelope: Envelope
    size: int
    pages: int | None
    sha256: str
    added_by: str
    added_at: datetime


class DocumentRefused(InputErrors):
    """A document that is not stored: one coded problem naming the file (codes ``document.*``)."""


def is_document(name: str) -> bool:
    """Whether a file name declares a document (PDF or image) rather than a bid workbook."""
    return DocumentKind.from_name(name) is not None


def shown_name(name: str) -> str:
    """A file name as a message may show it: invisible and control characters written as ``\\u202e``, cut at 80.

    >>> shown_name("\\u202efdp.exe")
    '\\\\u202efdp.exe'
    """
    text = "".join(f"\\u{ord(c):04x}" if _hidden(c) else c for c in name)
    return text if len(text) <= 80 else text[:77] + "..."


def _hidden(c: str) -> bool:
    return unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def refused(name: str, code: str, **facts: Any) -> DocumentRefused:
    """The refusal of the document ``name`` for ``code`` with its facts."""
    return DocumentRefused([Problem.of(code, shown_name(name), **facts)])


def check_document(name: str, content: bytes) -> Document:
    """The document, when ``name`` and ``content`` pass every check (module docstring); DocumentRefused otherwise."""
    why = name_problem(name)
    if why:
        raise refused(name, "document.bad_name", why=why, limit=MAX_NAME_LENGTH)
    kind = DocumentKind.from_name(name)
    if kind is None:
        suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
        raise refused(name, "document.type_not_allowed", suffix=suffix, allowed=SUFFIXES)
    if not content:
        raise refused(name, "document.empty")
    if len(content) > MAX_DOCUMENT_BYTES:
        raise refused(name, "document.too_large", size=len(content), limit=MAX_DOCUMENT_BYTES)
    if not content.startswith(_MAGIC[kind]):
        raise refused(name, "document.not_what_it_says", declared=kind.value, found=_looks_like(content))
    sha256 = hashlib.sha256(content).hexdigest()
    if kind is DocumentKind.PDF:
        pages = _check_pdf(name, content)
        return Document(name, kind, len(content), sha256, pages=pages)
    width, height = _check_image(name, content, kind)
    return Document(name, kind, len(content), sha256, width=width, height=height)


def name_problem(name: str) -> str:
    """Why a file name cannot be a document's (``empty``, ``path``, ``hidden``, ``control``, ``too_long``), or ''.

    >>> [name_problem(n) for n in ("方案.pdf", "../../etc/passwd.pdf", "C:x.pdf", ".pdf", "a\\x00.pdf", "")]
    ['', 'path', 'path', 'hidden', 'control', 'empty']
    """
    if not name.strip():
        return "empty"
    if any(c in name for c in "/\\:"):
        return "path"
    if any(_hidden(c) for c in name):
        return "control"
    if name.startswith("."):
        return "hidden"
    if len(name) > MAX_NAME_LENGTH:
        return "too_long"
    return ""


def _looks_like(content: bytes) -> str:
    """What a file that is not what its extension says looks like (a key of messages.FOUND)."""
    from .xlsx_guard import OLE_MAGIC, ZIP_MAGIC, describe_head

    if content.startswith(OLE_MAGIC):
        return "ole"
    if content.startswith(ZIP_MAGIC):
        return "zip"
    if b"%PDF-" in content[:1024]:
        return "pdf_late"  # readers accept a header anywhere in the first 1024 bytes; a polyglot hides there
    return describe_head(content[:512])


# -- PDF

# Names that carry active content, by what they are: keys anywhere in a dictionary …
_ACTIVE_KEYS = {
    "/JS": "javascript", "/JavaScript": "javascript", "/EmbeddedFiles": "embedded_file", "/EF": "embedded_file",
    "/XFA": "xfa", "/RichMediaContent": "rich_media",
}
# … and values of /S (an action's type), /Type and /Subtype.
_ACTIVE_VALUES = {
    "/JavaScript": "javascript", "/Launch": "launch", "/ImportData": "form_data", "/SubmitForm": "form_data",
    "/GoToR": "remote_file", "/GoToE": "remote_file", "/EmbeddedFile": "embedded_file",
    "/FileAttachment": "embedded_file", "/RichMedia": "rich_media", "/RichMediaExecute": "rich_media",
    "/Rendition": "rich_media",
}
_TYPED_KEYS = ("/S", "/Type", "/Subtype")
_NAME = re.compile(rb"/(?:[^\s/<>\[\]()%{}#]|#[0-9A-Fa-f]{2})+")
ACTIVE_CONTENT = tuple(sorted(set(_ACTIVE_KEYS.values()) | set(_ACTIVE_VALUES.values())))


def _check_pdf(name: str, content: bytes) -> int:
    """The page count of a PDF that passes; DocumentRefused when it is damaged, encrypted or active."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    found = set(_raw_names(content))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pypdf warns about what it repairs; a refusal says what matters
            reader = PdfReader(BytesIO(content), strict=False)
            if reader.is_encrypted:
                raise refused(name, "document.encrypted")
            objects = 0
            for key, value in _walk(reader.trailer):
                objects += 1
                if objects > MAX_PDF_OBJECTS:
                    raise refused(name, "document.too_complex", limit=MAX_PDF_OBJECTS)
                if key in _ACTIVE_KEYS:
                    found.add(_ACTIVE_KEYS[key])
                if key in _TYPED_KEYS and isinstance(value, str) and value in _ACTIVE_VALUES:
                    found.add(_ACTIVE_VALUES[value])
            pages = len(reader.pages)
    except DocumentRefused:
        raise
    except (PyPdfError, ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError, OverflowError,
            AssertionError, zlib.error, UnicodeError, OSError, EOFError) as error:
        # pypdf raises these (not only its own PdfReadError) for damaged files; the type says nothing to a user.
        raise refused(name, "document.damaged", kind="pdf", detail=_reason(error)) from None
    if found:
        raise refused(name, "document.active_content", found=tuple(sorted(found)))
    if pages < 1:
        raise refused(name, "document.damaged", kind="pdf", detail="no pages")
    return pages


def _raw_names(content: bytes) -> Iterator[str]:
    """Every active-content name written in the file's bytes, ``#xx`` escapes decoded (``/J#61vaScript``)."""
    for match in _NAME.finditer(content):
        raw = match.group(0)
        if b"#" in raw:
            raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
        text = raw.decode("latin-1")
        if text in _ACTIVE_KEYS:
            yield _ACTIVE_KEYS[text]
        elif text in _ACTIVE_VALUES:
            yield _ACTIVE_VALUES[text]


def _walk(root: Any) -> Iterator[tuple[str, Any]]:
    """(key, value) of every dictionary entry reachable from ``root``, each indirect object visited once.

    Iterative, so a deeply nested file cannot exhaust the stack; values are resolved, names given as text.
    """
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            ref = (node.idnum, node.generation)
            if ref in seen:
                continue
            seen.add(ref)
            node = node.get_object()
        if isinstance(node, DictionaryObject):  # a stream too: its dictionary, never its (compressed) data
            for key, value in node.items():
                resolved = value.get_object() if isinstance(value, IndirectObject) else value
                yield str(key), str(resolved) if _is_name(resolved) else resolved
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)


def _is_name(value: Any) -> bool:
    from pypdf.generic import NameObject

    return isinstance(value, NameObject)


# -- images

def _check_image(name: str, content: bytes, kind: DocumentKind) -> tuple[int, int]:
    """(width, height) of an image that decodes within the pixel budget; DocumentRefused otherwise."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(content), formats=[kind.value.upper()]) as image:
                width, height = image.size
                frames = getattr(image, "n_frames", 1)
                if width * height * frames > MAX_IMAGE_PIXELS:
                    raise refused(name, "document.too_many_pixels", width=width, height=height, frames=frames,
                                  limit=MAX_IMAGE_PIXELS)
                image.load()
    except DocumentRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise refused(name, "document.too_many_pixels", width=None, height=None, frames=1,
                      limit=MAX_IMAGE_PIXELS) from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError, zlib.error,
            MemoryError) as error:
        # Pillow's damaged-file errors: UnidentifiedImageError and "truncated" are OSErrors, a broken PNG chunk a
        # SyntaxError, impossible sizes ValueError.
        raise refused(name, "document.damaged", kind=kind.value, detail=_reason(error)) from None
    return width, height


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."
