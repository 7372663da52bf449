"""What a supporting document's file may be (registry/domain/document_files.py): its type by its bytes,
its name's suffix agreeing, its name cleaned, its size bounded — each refusal on the field ``file``."""
from __future__ import annotations

import hashlib
import struct
import tracemalloc

import pytest

from registry.domain.compound_files import CompoundFileError, stream_names
from registry.domain.document_files import (
    FILE_TYPES, MB, check_file, check_size, check_suffix, clean_file_name, file_type_of, suffix_of,
)
from registry.domain.errors import ValidationError
from tests import document_samples as samples


def refusal(call, *args) -> str:
    with pytest.raises(ValidationError) as raised:
        call(*args)
    assert [e.field for e in raised.value.field_errors] == ["file"]
    return raised.value.field_errors[0].render()


@pytest.mark.parametrize("code", list(samples.SAMPLES))
def test_each_accepted_type_is_known_by_its_bytes(code):
    make, name = samples.SAMPLES[code]
    content = make()  # once: a workbook made again a second later holds another save time
    assert file_type_of(content) is FILE_TYPES[code]
    checked = check_file(name, content, 20 * MB)
    assert (checked.file_name, checked.file_type.code, checked.size_bytes) == (name, code, len(content))
    assert checked.sha256 == hashlib.sha256(content).hexdigest()


def test_a_real_calc_workbook_is_an_xls():
    assert file_type_of(samples.calc_xls()).code == "xls"
    assert {"Workbook"} <= stream_names(samples.calc_xls())


def test_what_the_browser_calls_a_file_does_not_count():
    # a text file named .pdf is refused by its content; a PDF named .docx by its suffix
    assert "none of them" in refusal(check_file, "报告.pdf", b"just some text\n", MB)
    assert refusal(check_file, "报告.docx", samples.pdf(), MB) == (
        "is a PDF file but its name ends in “.docx”: a PDF file's name ends in .pdf")


@pytest.mark.parametrize("content", [
    b"<html><script>alert(1)</script></html>", b"MZ\x90\x00executable", samples.plain_zip(),
    samples.compound_file("PowerPoint Document"), b"GIF89a\x01\x00\x01\x00", b"{\\rtf1 not a doc}",
], ids=["html", "exe", "zip", "ppt", "gif", "rtf"])
def test_other_types_are_refused_naming_those_accepted(content):
    assert refusal(file_type_of, content) == (
        "is not a file the registry accepts: a document is one of PDF, JPEG, PNG, OFD, DOCX, XLSX, DOC, XLS, "
        "and this file's content is none of them")


def test_office_files_with_macros_or_a_password_are_refused_saying_so():
    assert refusal(file_type_of, samples.docx(macros=True)) == (
        "is a DOCX file with macros, which the registry does not accept: save it as DOCX without macros")
    assert refusal(file_type_of, samples.compound_file("EncryptedPackage", "EncryptionInfo")).startswith(
        "is protected with a password")


@pytest.mark.parametrize("content, kind", [(samples.docx()[:200], "zip package"), (samples.doc()[:600], "DOC or XLS")])
def test_a_truncated_package_or_compound_file_is_called_damaged(content, kind):
    message = refusal(file_type_of, content)
    assert kind in message and "damaged or incomplete" in message


def test_a_compound_file_whose_chains_loop_or_point_outside_is_refused_not_followed():
    looping = bytearray(samples.doc())
    looping[512 + 4:512 + 8] = (1).to_bytes(4, "little")  # the directory sector points at itself
    with pytest.raises(CompoundFileError):
        stream_names(bytes(looping))
    outside = bytearray(samples.doc())
    outside[0x30:0x34] = (999).to_bytes(4, "little")
    with pytest.raises(CompoundFileError):
        stream_names(bytes(outside))



def _fat_claiming_every_sector(megabytes: int) -> bytes:
    """A .doc of ``megabytes`` whose header says every sector holds the allocation table — named in the
    header and in a chain of DIFAT sectors, each number within the file (a reader that unpacks the
    whole table unpacks 128 numbers for each sector of the file)."""
    data = bytearray(samples.doc()[:1536]) + bytearray(megabytes * MB - 1024)
    sectors = (len(data) - 512) // 512
    struct.pack_into("<I", data, 0x2C, sectors)
    struct.pack_into("<109I", data, 0x4C, *[n % 2 for n in range(109)])
    chained = -(-(sectors - 109) // 127)
    struct.pack_into("<I", data, 0x44, 2)
    for k in range(chained):
        struct.pack_into("<127II", data, (3 + k) * 512, *[0] * 127, 3 + k if k + 1 < chained else 0xFFFFFFFE)
    return bytes(data)


def test_a_compound_files_allocation_table_is_read_where_a_chain_needs_it_not_unpacked_whole():
    hostile = _fat_claiming_every_sector(4)
    tracemalloc.start()
    try:
        assert stream_names(hostile) == {"WordDocument", "1Table"}
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < len(hostile) / 4  # unpacked whole, the table took ten times the file

@pytest.mark.parametrize("name, message", [
    ("报告", "has no suffix in its name: a PDF file's name ends in .pdf"),
    ("报告.PDF", None), ("scan.pdf", None),
])
def test_the_suffix_must_agree_in_any_case(name, message):
    if message is None:
        check_suffix(FILE_TYPES["pdf"], name)
    else:
        assert refusal(check_suffix, FILE_TYPES["pdf"], name) == message


def test_a_jpeg_may_be_named_jpg_or_jpeg():
    check_suffix(FILE_TYPES["jpeg"], "现场.JPEG")
    assert refusal(check_suffix, FILE_TYPES["jpeg"], "现场.png").endswith("a JPEG file's name ends in .jpg, .jpeg")


def test_size_bounds():
    check_size(1, MB)
    check_size(MB, MB)
    assert refusal(check_size, 0, MB) == "is empty: the file holds no content"
    assert refusal(check_size, int(23.46 * MB), 20 * MB) == "is 23.5 MB: a document may be at most 20 MB"
    assert refusal(check_size, MB + 1, MB) == "is 1.0 MB: a document may be at most 1 MB"


@pytest.mark.parametrize("raw, cleaned", [
    ("C:\\Users\\王敏\\扫描件\\节能量审核报告.pdf", "节能量审核报告.pdf"),
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("合同\u202egpj.exe.pdf", "合同gpj.exe.pdf"),  # a right-to-left override would show it as …fdp.exe.jpg
    ("现场\x00照片\r\n.jpg", "现场照片.jpg"),
    ("  .hidden.pdf. ", "hidden.pdf"),
    ('合同<最终>:"版"?.docx', "合同_最终___版__.docx"),
    ("可研\u3000报告   第2版.pdf", "可研 报告 第2版.pdf"),
    ("cafe\u0301.pdf", "café.pdf"),  # composed, as the reader types it
])
def test_names_are_cleaned_and_chinese_kept(raw, cleaned):
    assert clean_file_name(raw) == cleaned


def test_a_long_name_keeps_its_suffix_within_200_characters():
    cleaned = clean_file_name("审" * 300 + ".docx")
    assert len(cleaned) == 200 and cleaned.endswith("审.docx")


@pytest.mark.parametrize("raw", ["", None, "///", "\x00\x07", " . "])
def test_a_name_that_is_nothing_once_cleaned_is_refused(raw):
    assert refusal(clean_file_name, raw).startswith("needs a file name")


def test_the_checks_come_in_the_order_a_user_fixes_them():
    assert refusal(check_file, "", b"", MB).startswith("needs a file name")
    assert refusal(check_file, "a.pdf", b"", MB).startswith("is empty")
    assert refusal(check_file, "a.pdf", b"x" * (MB + 1), MB).startswith("is 1.0 MB")


def test_a_suffix_is_what_follows_the_last_dot_of_a_name():
    assert [suffix_of(n) for n in ("a.tar.PDF", "pdf", ".pdf", "a.", "a. b")] == [".pdf", "", "", "", ""]
