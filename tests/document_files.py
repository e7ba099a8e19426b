"""Bid documents made in the tests: real PDFs (fpdf2, or written object by object to hide things in them), PNG and
JPEG images (Pillow), and hostile ones."""
from __future__ import annotations

import struct
from datetime import datetime, timezone
import zlib
from io import BytesIO
from typing import Mapping

from fpdf import FPDF
from PIL import Image


def proposal_pdf(*lines: str, pages: int = 1) -> bytes:
    """A proposal as a bidder's word processor would write it: text on ``pages`` A4 pages (fpdf2)."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc))  # the same lines, the same bytes
    for page in range(pages):
        pdf.add_page()
        pdf.set_font("helvetica", size=28)
        for line in lines or ("Technical proposal",):
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=12)
        pdf.cell(text=f"page {page + 1}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def image(kind: str = "PNG", size: tuple[int, int] = (120, 80), colour: str = "navy") -> bytes:
    """A small PNG or JPEG picture (a scanned certificate, say)."""
    out = BytesIO()
    Image.new("RGB", size, colour).save(out, kind)
    return out.getvalue()


# The objects of a one-page PDF: catalog 1, pages 2, page 3, contents 4.
PAGE = {
    1: b"<< /Type /Catalog /Pages 2 0 R >>",
    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
    4: b"<< /Length 0 >>\nstream\n\nendstream",
}


def pdf_file(objects: Mapping[int, bytes], compressed: frozenset[int] | set[int] = frozenset(),
             trailer: bytes = b"") -> bytes:
    """A PDF written object by object: a cross-reference table, or — with ``compressed`` objects — those objects
    inside a Flate-compressed object stream and a cross-reference stream (PDF 1.5), so their names appear nowhere in
    the file's bytes."""
    out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    offsets: dict[int, int] = {}
    for n in sorted(objects):
        if n not in compressed:
            offsets[n] = len(out)
            out += f"{n} 0 obj\n".encode() + objects[n] + b"\nendobj\n"
    top = max(objects)
    if not compressed:
        xref = len(out)
        out += f"xref\n0 {top + 1}\n".encode() + b"0000000000 65535 f \n"
        for n in range(1, top + 1):
            out += (f"{offsets[n]:010d} 00000 n \n" if n in offsets else "0000000000 65535 f \n").encode()
        return out + b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (top + 1, trailer, xref)
    stream_number, xref_number = top + 1, top + 2
    inside = sorted(compressed)
    bodies, header = b"", []
    for n in inside:
        header.append(f"{n} {len(bodies)}")
        bodies += objects[n] + b"\n"
    head = " ".join(header).encode() + b"\n"
    data = zlib.compress(head + bodies)
    offsets[stream_number] = len(out)
    out += (f"{stream_number} 0 obj\n<< /Type /ObjStm /N {len(inside)} /First {len(head)} /Filter /FlateDecode "
            f"/Length {len(data)} >>\nstream\n").encode() + data + b"\nendstream\nendobj\n"
    offsets[xref_number] = len(out)
    rows = b""
    for n in range(xref_number + 1):
        if n in offsets:
            rows += struct.pack(">BIH", 1, offsets[n], 0)
        elif n in compressed:
            rows += struct.pack(">BIH", 2, stream_number, inside.index(n))
        else:
            rows += struct.pack(">BIH", 0, 0, 65535 if n == 0 else 0)
    out += (f"{xref_number} 0 obj\n<< /Type /XRef /Size {xref_number + 1} /W [1 4 2] /Root 1 0 R /Length {len(rows)} "
            ">>\nstream\n").encode() + rows + b"\nendstream\nendobj\n"
    return out + f"startxref\n{offsets[xref_number]}\n%%EOF\n".encode()


JS_ACTION = b"<< /S /JavaScript /JS (app.alert('hi')) >>"  # an action that runs a script


def with_catalog(extra: bytes, **more: bytes) -> dict[int, bytes]:
    """The one-page PDF with ``extra`` entries in its catalog and more objects (numbered from 5: ``o5=…``)."""
    objects = dict(PAGE)
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R " + extra + b" >>"
    for key, body in more.items():
        objects[int(key.removeprefix("o"))] = body
    return objects


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels: an image bomb's shape."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def bomb_png(side: int = 10000) -> bytes:
    """A real PNG of ``side`` × ``side`` black pixels: a few kilobytes that decode into ``side``² bytes or more."""
    out = BytesIO()
    Image.new("1", (side, side)).save(out, "PNG", optimize=True)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    """A proposal encrypted with a password (pypdf, RC4 so no extra library is needed)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(proposal_pdf())))
    writer.encrypt("secret", algorithm="RC4-128")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def attachment_pdf() -> bytes:
    """A proposal carrying an attached file (pypdf's add_attachment: an /EmbeddedFiles name tree)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(proposal_pdf())))
    writer.add_attachment("setup.exe", b"MZ\x90\x00 not really a program")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
