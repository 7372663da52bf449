"""What a supporting document's file may be: its type decided by its bytes, its name cleaned, its size
bounded (docs/registration.md, "Supporting documents").

The type is read from the content — the signature of PDF, JPEG, PNG and the compound file of
DOC/XLS, the members of the zip package of DOCX, XLSX and OFD — never from what the browser says;
the name's suffix must then agree with it, so a file is downloaded as what it is. Anything else is
refused on the field ``file`` with a message that says what the file is and what would do.
"""
from __future__ import annotations

import hashlib
import io
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal

from registry.domain.compound_files import SIGNATURE as COMPOUND_SIGNATURE
from registry.domain.compound_files import CompoundFileError, stream_names
from registry.domain.errors import N_, Listed, Number, ValidationError

MB = 1024 * 1024
MAX_NAME_CHARACTERS = 200
FIELD = "file"


@dataclass(frozen=True)
class FileType:
    code: str
    name: str  # the format's own name (PDF, DOCX): not translated, as the pages name file formats
    media_type: str
    suffixes: tuple[str, ...]


FILE_TYPES: dict[str, FileType] = {t.code: t for t in (
    FileType("pdf", "PDF", "application/pdf", (".pdf",)),
    FileType("jpeg", "JPEG", "image/jpeg", (".jpg", ".jpeg")),
    FileType("png", "PNG", "image/png", (".png",)),
    # GB/T 33190-2016, the Chinese fixed-layout e-document (电子公文, e-invoices): a zip package
    FileType("ofd", "OFD", "application/ofd", (".ofd",)),
    FileType("docx", "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    FileType("xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    FileType("doc", "DOC", "application/msword", (".doc",)),
    FileType("xls", "XLS", "application/vnd.ms-excel", (".xls",)),
)}
MEDIA_TYPES = tuple(t.media_type for t in FILE_TYPES.values())
ACCEPTED = Listed(tuple(t.name for t in FILE_TYPES.values()))
# The file chooser's filter (``accept``): a hint to the browser, the content decides.
ACCEPT_SUFFIXES = ",".join(suffix for t in FILE_TYPES.values() for suffix in t.suffixes)

_SIGNATURES = ((b"%PDF-", "pdf"), (b"\xff\xd8\xff", "jpeg"), (b"\x89PNG\r\n\x1a\n", "png"))
_ZIP = b"PK\x03\x04"
# The main part's content type in an OOXML package's [Content_Types].xml, as lower-case text.
_OOXML_MAIN = (("wordprocessingml.document.main+xml", "docx"), ("spreadsheetml.sheet.main+xml", "xlsx"))
_WITH_MACROS = (("ms-word.document.macroenabled.main+xml", "docx"), ("ms-excel.sheet.macroenabled.main+xml", "xlsx"))
_CONTENT_TYPES_READ = 256 * 1024  # bytes of [Content_Types].xml read (a few KB in practice; never a bomb)
_VBA_PART, _VBA_CONTENT_TYPE = "vbaproject.bin", "vnd.ms-office.vbaproject"
# A package's parts: a document of many pictures or a workbook of many sheets has hundreds, an OFD of
# a few hundred pages a thousand or two. Its central directory is read whole (a part's entry, 46 bytes
# and its name, is counted at most 256 bytes) before the bound could be asked of ``zipfile``.
MAX_PACKAGE_PARTS = 5000
_PART_ENTRY_BYTES = 256
_END_RECORD, _ZIP64_LOCATOR, _ZIP64_END_RECORD = b"PK\x05\x06", b"PK\x06\x07", b"PK\x06\x06"
_END_RECORD_REACH = 22 + 0xFFFF  # the end record and the longest comment after it

NOT_ACCEPTED = N_("is not a file the registry accepts: a document is one of %(formats)s, and this file's "
                  "content is none of them")


@dataclass(frozen=True)
class CheckedFile:
    """A file the registry may store: its cleaned name, its type, size and SHA-256 (hex)."""

    file_name: str
    file_type: FileType
    size_bytes: int
    sha256: str


def _refuse(msgid: str, **params) -> ValidationError:
    return ValidationError.single(FIELD, msgid, **params)


def megabytes(size_bytes: int, places: int | None = None) -> Number:
    """A size in MB (1,048,576 bytes) for a message: 20 for a bound, 23.4 for a file (``places=1``)."""
    value = Decimal(size_bytes) / MB
    if places is None:
        return Number(int(value) if value == value.to_integral_value() else value.normalize())
    return Number(value, places)


def check_size(size_bytes: int, max_bytes: int) -> None:
    """Refuse an empty file and one larger than ``max_bytes``."""
    if size_bytes <= 0:
        raise _refuse(N_("is empty: the file holds no content"))
    if size_bytes > max_bytes:
        raise _refuse(N_("is %(size)s MB: a document may be at most %(limit)s MB"),
                      size=megabytes(size_bytes, 1), limit=megabytes(max_bytes))


def clean_file_name(raw: str | None) -> str:
    """The name to keep and to download the file by: its last path part only (a browser may send
    ``C:\\scans\\合同.pdf``), in composed form (NFC), without control or format characters
    (a right-to-left override can disguise ``exe.pdf``), with the characters Windows forbids in a
    name as ``_``, runs of white space as one space, no leading dots (a hidden file) or trailing
    dots and spaces, at most 200 characters with its suffix kept. Chinese and other letters stay."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp"))
    name = re.sub(r'[<>:"|?*]', "_", name)
    name = re.sub(r"\s+", " ", name).lstrip(". ").rstrip(". ")
    if len(name) > MAX_NAME_CHARACTERS:
        suffix = suffix_of(name)
        suffix = suffix if len(suffix) <= 10 else ""
        name = name[:MAX_NAME_CHARACTERS - len(suffix)].rstrip(". ") + suffix
    if not name:
        raise _refuse(N_("needs a file name: the name sent was empty once cleaned of path and control characters"))
    return name


def suffix_of(name: str) -> str:
    """The name's suffix in lower case (``.pdf``), or "" when it has none."""
    stem, dot, suffix = name.rpartition(".")
    return f".{suffix.lower()}" if dot and stem and suffix and " " not in suffix else ""


def _central_directory(content: bytes) -> tuple[int, int] | None:
    """The (parts, bytes) a zip's end record says its central directory holds — what ``zipfile``
    would read into objects, whatever the file's size — or ``None`` when no end record is found.
    Searched as ``zipfile`` searches it (the last one, within the comment's reach), with its ZIP64
    form: a bound on the declared count alone would let a directory claim one part and hold a million."""
    end = content.rfind(_END_RECORD, max(0, len(content) - _END_RECORD_REACH))
    if end < 0 or end + 22 > len(content):
        return None
    parts, size = struct.unpack_from("<HI", content, end + 10)
    if parts != 0xFFFF and size != 0xFFFFFFFF:
        return parts, size
    record = end - 20 - 56  # where zipfile reads the ZIP64 end record: before its locator, before the end record
    if record < 0 or content[end - 20:end - 16] != _ZIP64_LOCATOR or content[record:record + 4] != _ZIP64_END_RECORD:
        return None
    return struct.unpack_from("<QQ", content, record + 32)


def _zip_names(content: bytes) -> tuple[zipfile.ZipFile, list[str]]:
    """The package opened and its part names, once its directory is known to be of a document's size."""
    directory = _central_directory(content)
    if directory is None:
        raise zipfile.BadZipFile("no end of central directory")
    if directory[0] > MAX_PACKAGE_PARTS or directory[1] > MAX_PACKAGE_PARTS * _PART_ENTRY_BYTES:
        raise _refuse(N_("holds more parts than a DOCX, XLSX or OFD document does: the registry reads packages of "
                         "at most %(limit)d parts"), limit=MAX_PACKAGE_PARTS)
    package = zipfile.ZipFile(io.BytesIO(content))
    names = package.namelist()
    if len(names) != len(set(names)):  # which of two parts of one name counts is each reader's guess
        raise zipfile.BadZipFile("a part named twice")
    return package, names


def _with_macros(code: str) -> ValidationError:
    return _refuse(N_("is a %(format)s file with macros, which the registry does not accept: save it as "
                      "%(format)s without macros"), format=FILE_TYPES[code].name)


def _zip_type(content: bytes) -> FileType:
    try:
        package, names = _zip_names(content)
        with package:
            if "OFD.xml" in names:
                return FILE_TYPES["ofd"]
            if "[Content_Types].xml" not in names:
                raise _refuse(NOT_ACCEPTED, formats=ACCEPTED)
            with package.open("[Content_Types].xml") as member:
                read = member.read(_CONTENT_TYPES_READ + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError, EOFError, OSError,
            zlib.error, struct.error):
        raise _refuse(N_("looks like a DOCX, XLSX or OFD file (a zip package) but cannot be read: it is damaged "
                         "or incomplete")) from None
    if len(read) > _CONTENT_TYPES_READ:  # what lies beyond the bytes read would go unseen: a macro part's type
        raise _refuse(NOT_ACCEPTED, formats=ACCEPTED)
    types = read.decode("utf-8", errors="replace").lower()
    for marker, code in _WITH_MACROS:
        if marker in types:
            raise _with_macros(code)
    for marker, code in _OOXML_MAIN:
        if marker in types:
            if _VBA_CONTENT_TYPE in types or any(n.lower().rpartition("/")[2] == _VBA_PART for n in names):
                # a macro project under a .docx's or .xlsx's main type: Office would not run it, but it is
                # a macro file renamed, and a reader's other tools might
                raise _with_macros(code)
            return FILE_TYPES[code]
    raise _refuse(NOT_ACCEPTED, formats=ACCEPTED)


def _compound_type(content: bytes) -> FileType:
    try:
        names = stream_names(content)
    except CompoundFileError:
        raise _refuse(N_("looks like a DOC or XLS file but cannot be read: it is damaged or incomplete")) from None
    if "EncryptedPackage" in names:  # a .docx or .xlsx saved with a password
        raise _refuse(N_("is protected with a password, so the reviewers could not open it: upload it without "
                         "the password"))
    if "WordDocument" in names:
        return FILE_TYPES["doc"]
    if names & {"Workbook", "Book"}:
        return FILE_TYPES["xls"]
    raise _refuse(NOT_ACCEPTED, formats=ACCEPTED)


def file_type_of(content: bytes) -> FileType:
    """The type ``content`` is, by its bytes; ``ValidationError`` on ``file`` for any other."""
    for signature, code in _SIGNATURES:
        if content.startswith(signature):
            return FILE_TYPES[code]
    if content.startswith(COMPOUND_SIGNATURE):
        return _compound_type(content)
    if content.startswith(_ZIP):
        return _zip_type(content)
    raise _refuse(NOT_ACCEPTED, formats=ACCEPTED)


def check_suffix(file_type: FileType, file_name: str) -> None:
    """The name must end in one of the type's suffixes: the file is downloaded and opened by it."""
    suffix, expected = suffix_of(file_name), Listed(file_type.suffixes)
    if not suffix:
        raise _refuse(N_("has no suffix in its name: a %(format)s file's name ends in %(expected)s"),
                      format=file_type.name, expected=expected)
    if suffix not in file_type.suffixes:
        raise _refuse(N_("is a %(format)s file but its name ends in “%(suffix)s”: a %(format)s file's name ends "
                         "in %(expected)s"), format=file_type.name, suffix=suffix, expected=expected)


def check_file(raw_name: str | None, content: bytes, max_bytes: int) -> CheckedFile:
    """Everything the registry asks of a document's file, in the order a user would fix it: a name,
    some content within the bound, a type it accepts, a suffix that agrees."""
    file_name = clean_file_name(raw_name)
    check_size(len(content), max_bytes)
    file_type = file_type_of(content)
    check_suffix(file_type, file_name)
    return CheckedFile(file_name, file_type, len(content), hashlib.sha256(content).hexdigest())
