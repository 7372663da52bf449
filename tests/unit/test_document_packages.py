"""Hostile zip packages offered as DOCX, XLSX or OFD (registry/domain/document_files.py): what is read
of them is bounded before ``zipfile`` reads it, and a macro project is found under any main type."""
from __future__ import annotations

import io
import struct
import warnings
import zipfile

import pytest

from registry.domain.document_files import MAX_PACKAGE_PARTS, file_type_of
from registry.domain.errors import ValidationError
from tests import document_samples as samples

MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACROS = "is a DOCX file with macros, which the registry does not accept: save it as DOCX without macros"
TOO_MANY = ("holds more parts than a DOCX, XLSX or OFD document does: the registry reads packages of at most "
            f"{MAX_PACKAGE_PARTS} parts")
NOT_ACCEPTED = "is not a file the registry accepts"


def refusal(content: bytes) -> str:
    with pytest.raises(ValidationError) as raised:
        file_type_of(content)
    return raised.value.field_errors[0].render()


def stored(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a name written twice: the point of one test
        with zipfile.ZipFile(buffer, "w") as package:
            for name, data in members:
                package.writestr(name, data)
    return buffer.getvalue()


def word(*extra: tuple[str, bytes], types: bytes | None = None) -> bytes:
    return stored([("[Content_Types].xml", types or samples._content_types(MAIN)),
                   ("word/document.xml", b"<w:document/>"), *extra])


def test_a_package_of_more_parts_than_a_document_is_refused_before_its_directory_is_read():
    many = word(*[(f"word/media/image{n}.png", b"") for n in range(MAX_PACKAGE_PARTS)])
    assert refusal(many) == TOO_MANY
    assert file_type_of(word(*[(f"word/media/image{n}.png", b"") for n in range(MAX_PACKAGE_PARTS - 2)])).code == "docx"


def test_a_directory_that_claims_few_parts_is_bounded_by_its_size():
    lying = bytearray(word(*[(f"word/media/{'图' * 100}{n}.png", b"") for n in range(4500)]))
    end = lying.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", lying, end + 8, 1, 1)  # one part, says the end record; 4,500 in 1.6 MB of directory
    assert refusal(bytes(lying)) == TOO_MANY


def test_a_zip64_end_record_is_read_for_the_directory_it_names():
    plain = bytearray(word())
    end = plain.rfind(b"PK\x05\x06")
    parts, size, offset = struct.unpack_from("<HII", plain, end + 10)
    zip64 = bytearray(struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, parts, parts, size, offset))
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, end, 1)
    record = bytearray(plain[end:])
    struct.pack_into("<HHII", record, 8, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    assert file_type_of(bytes(plain[:end]) + bytes(zip64) + locator + bytes(record)).code == "docx"
    struct.pack_into("<QQ", zip64, 32, MAX_PACKAGE_PARTS + 1, size)
    assert refusal(bytes(plain[:end]) + bytes(zip64) + locator + bytes(record)) == TOO_MANY


@pytest.mark.parametrize("part", ["word/vbaProject.bin", "word/media/VBAPROJECT.BIN"])
def test_a_macro_project_under_a_plain_documents_main_type_is_refused(part):
    assert refusal(word((part, b"\xd0\xcf\x11\xe0"))) == MACROS


def test_a_macro_content_type_beyond_the_bytes_read_is_not_taken_as_absent():
    padded = (samples._content_types(MAIN)[:-len(b"</Types>")] + b" " * 300_000 +
              b'<Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.'
              b'macroEnabled.main+xml"/></Types>')
    assert refusal(word(types=padded)).startswith(NOT_ACCEPTED)


def test_a_part_named_twice_is_damaged():
    twice = word(("[Content_Types].xml", samples._content_types("application/vnd.ms-word.document.macroEnabled.main+xml")))
    assert "damaged or incomplete" in refusal(twice)
