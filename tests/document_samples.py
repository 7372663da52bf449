"""Files of every type a supporting document may be, and of some it may not, made in memory: a real
one-page PDF, a real 1×1 PNG, an XLSX written by openpyxl, DOCX and OFD packages with the parts that
name them, compound files (DOC, XLS, an encrypted DOCX, a PowerPoint) with the streams that name
them — and a real XLS written by LibreOffice Calc (tests/data/documents/). Shared by the unit,
integration, page, API and browser tests of documents."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from registry.domain.compound_files import SIGNATURE

DATA = Path(__file__).resolve().parent / "data" / "documents"
_END_OF_CHAIN, _FREE, _FAT_SECTOR = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def pdf(text: str = "Energy-savings audit report") -> bytes:
    """A valid one-page PDF showing ``text`` (other texts, other bytes); characters beyond ASCII are
    written as escapes, which a reader shows as letters but which keep two texts' files apart."""
    label = text.encode("ascii", "backslashreplace").decode("ascii").replace("\\", "\\\\")
    stream = f"BT /F1 12 Tf 20 100 Td ({label}) Tj ET".encode("ascii")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    return bytes(out)


def png() -> bytes:
    """A valid 1×1 white PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def jpeg() -> bytes:
    """A JPEG's start (SOI, a JFIF APP0 segment) and end: what the registry reads of one."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"


def _package(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


def _content_types(main: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/main.xml" ContentType="{main}"/></Types>').encode()


def docx(macros: bool = False) -> bytes:
    """A Word package naming its main part (``macros``: a .docm's)."""
    main = ("application/vnd.ms-word.document.macroEnabled.main+xml" if macros else
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
    return _package({"[Content_Types].xml": _content_types(main), "word/document.xml": b"<w:document/>"})


def xlsx() -> bytes:
    """A workbook written by openpyxl."""
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "节能量"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ofd() -> bytes:
    """An OFD package (GB/T 33190): its entry file OFD.xml at the root."""
    return _package({"OFD.xml": '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>'.encode(),
                     "Doc_0/Document.xml": b"<ofd:Document/>"})


def plain_zip() -> bytes:
    return _package({"readme.txt": b"not a document"})


def compound_file(*streams: str) -> bytes:
    """A compound file (MS-CFB version 3) whose directory holds ``streams`` (at most three), empty."""
    header = bytearray(512)
    header[:8] = SIGNATURE
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)  # versions, byte order, sector shifts
    struct.pack_into("<III", header, 0x2C, 1, 1, 0)  # one FAT sector; the directory at sector 1
    struct.pack_into("<IIIII", header, 0x38, 4096, _END_OF_CHAIN, 0, _END_OF_CHAIN, 0)  # no mini FAT, no DIFAT
    struct.pack_into("<109I", header, 0x4C, 0, *[_FREE] * 108)
    fat = struct.pack("<128I", _FAT_SECTOR, _END_OF_CHAIN, *[_FREE] * 126)

    def entry(name: str, kind: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        data = bytearray(128)
        data[:len(raw)] = raw
        struct.pack_into("<HB", data, 64, len(raw), kind)
        struct.pack_into("<III", data, 68, _FREE, _FREE, _FREE)
        return bytes(data)

    directory = entry("Root Entry", 5) + b"".join(entry(name, 2) for name in streams)
    return bytes(header) + fat + directory.ljust(512, b"\x00")


def doc() -> bytes:
    return compound_file("WordDocument", "1Table")


def xls() -> bytes:
    return compound_file("Workbook")


def calc_xls() -> bytes:
    """A real .xls, written by LibreOffice Calc 7 from a two-line CSV."""
    return (DATA / "calc.xls").read_bytes()


SAMPLES = {"pdf": (pdf, "报告.pdf"), "jpeg": (jpeg, "现场.jpg"), "png": (png, "现场.png"), "ofd": (ofd, "验收.ofd"),
           "docx": (docx, "合同.docx"), "xlsx": (xlsx, "台账.xlsx"), "doc": (doc, "合同.doc"), "xls": (xls, "台账.xls")}


def multipart(fields: dict[str, str], file: tuple[str, bytes] | None = None) -> dict:
    """The test client's arguments for a form posted with a file (``file``: its name and bytes), encoded
    in memory: the client's own encoding spools a body over 500 KB to a file it never closes."""
    values: dict = dict(fields)
    if file is not None:
        values["file"] = FileStorage(io.BytesIO(file[1]), filename=file[0], content_type="application/octet-stream")
    boundary, body = encode_multipart(values)
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}
