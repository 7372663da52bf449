"""Is an uploaded GIS file what its name says, before GDAL opens it?

GDAL picks a driver by a file's content, not its name. A "parcels.geojson" that holds an OGR VRT
document (``<OGRVRTDataSource>``) is opened as a VRT, which reads any file the server can read
(``/proc/self/environ``, the secret key) or any address it can reach (``/vsicurl/``, a WFS) and hands
its rows back as features: the wizard would show them on the map. So every file is checked here
first — binary formats by their signature, text formats by their first characters, XML by its root
element and the absence of a DOCTYPE (entity expansion) — and after opening, GDAL's driver must be
the one of the file's suffix (``check_driver``).
"""
from __future__ import annotations

import re
from pathlib import Path

from registry.domain.errors import N_, Message, ValidationError
from registry.services.imports.unreadable import ACCEPTED, FORMATS

HEAD_BYTES = 64 * 1024
_SIGNATURES = {".shp": b"\x00\x00\x27\x0a", ".gpkg": b"SQLite format 3\x00", ".fgb": b"fgb\x03"}
# What GDAL may open each suffix as (``pyogrio.read_info(...)["driver"]``).
DRIVERS = {".shp": {"ESRI Shapefile"}, ".gpkg": {"GPKG"}, ".geojson": {"GeoJSON", "GeoJSONSeq"},
           ".json": {"GeoJSON", "GeoJSONSeq"}, ".fgb": {"FlatGeobuf"}, ".kml": {"KML", "LIBKML"}, ".csv": {"CSV"}}
# Documents by which GDAL opens other files or network addresses (VRT, WFS, WMS, …), anywhere in a text file.
_REDIRECTING = re.compile(rb"<\s*(OGRVRTDataSource|VRTDataset|OGRWFSDataSource|GDAL_WMS|GDAL_WCS|WFS_Capabilities)\b",
                          re.IGNORECASE)
_XML_PROLOGUE = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->)", re.DOTALL)
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_KML_ROOT = re.compile(rb"<(\w+:)?kml[\s>/]")


def _not_the_format(suffix: str, accepted: Message) -> ValidationError:
    return ValidationError.single("file", N_("is not a %(format)s file the registry can read; formats accepted are "
                                             "%(accepted)s"), format=FORMATS.get(suffix, suffix), accepted=accepted)


def _text_head(head: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            return head[len(bom):]
    return head


def _xml_root_at(head: bytes) -> bytes:
    """``head`` from its first element on (past the XML declaration and comments)."""
    at = 0
    while match := _XML_PROLOGUE.match(head, at):
        at = match.end()
    return head[at:].lstrip()


def check_content(dataset: Path, accepted: Message = ACCEPTED) -> None:
    """Refuse ``dataset`` unless its content is a file of its suffix's format (see the module)."""
    suffix = dataset.suffix.lower()
    with open(dataset, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    if suffix in _SIGNATURES:
        if not head.startswith(_SIGNATURES[suffix]):
            raise _not_the_format(suffix, accepted)
        return
    text = _text_head(head)
    if _REDIRECTING.search(text):
        raise _not_the_format(suffix, accepted)
    if _DOCTYPE.search(text):  # entity expansion (billion laughs) or external entities
        raise ValidationError.single("file", N_("holds a document type declaration (DOCTYPE or ENTITY), which "
                                                "is not accepted: export the file again without one"))
    if suffix in (".geojson", ".json") and text.lstrip()[:1] not in (b"{", b"[", b"\x1e"):
        raise _not_the_format(suffix, accepted)
    if suffix == ".kml" and not _KML_ROOT.match(_xml_root_at(text)):
        raise _not_the_format(suffix, accepted)


def check_driver(dataset: Path, driver: str | None, accepted: Message = ACCEPTED) -> None:
    """After opening: GDAL must have read ``dataset`` with a driver of its suffix's format."""
    suffix = dataset.suffix.lower()
    if driver not in DRIVERS.get(suffix, ()):
        raise _not_the_format(suffix, accepted)
