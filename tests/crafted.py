"""Workbooks crafted to make python-calamine abort the process: the guard refuses both kinds; tests that need a kind
the guard does not know make the guard's package check blind and use these (the reader really aborts)."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Sequence


def changed(form: Path, target: Path, part: str, change) -> Path:
    """``form`` with one part rewritten by ``change``."""
    with zipfile.ZipFile(form) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[part] = change(parts[part])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


def string_bomb(form: Path, target: Path) -> Path:
    """Shared strings claiming 4,294,967,296 entries: python-calamine reserves 96 GiB opening the workbook."""
    return changed(form, target, "xl/sharedStrings.xml",
                   lambda xml: re.sub(rb'uniqueCount="[0-9]+"', b'uniqueCount="4294967296"', xml))


def far_cell(form: Path, target: Path) -> Path:
    """A cell giving its place twice, the second at XFD1048576: python-calamine reserves 512 GiB reading the sheet."""
    return changed(form, target, "xl/worksheets/sheet1.xml",
                   lambda xml: xml.replace(b'<c r="A2"', b'<c r="A2" r="XFD1048576"', 1))


def with_own_rule(differential: str | Sequence[str], sqref: str, kind: str = "expression") -> bytes:
    """A worksheet's extension list holding one conditional format as Excel 2010 and later write it, its rule's
    differential format (``differential``: the inside of ``<x14:dxf>``; several: a rule each, of the type ``kind``) its
    own, its ranges ``sqref``: to be put before ``</worksheet>``."""
    rules = "".join(f'<x14:cfRule type="{kind}" priority="{number}" id="{{00000000-000E-0000-0000-{number:012d}}}">'
                    f'<xm:f>Lists!$A$1=1</xm:f><x14:dxf>{inside}</x14:dxf></x14:cfRule>'
                    for number, inside in enumerate([differential] if isinstance(differential, str) else differential,
                                                    1))
    return ('<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/'
            'spreadsheetml/2009/9/main"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://'
            f'schemas.microsoft.com/office/excel/2006/main">{rules}<xm:sqref>{sqref}</xm:sqref>'
            '</x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>').encode()
