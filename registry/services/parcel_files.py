"""Reading polygons a user uploads in the registration wizard, safely and in any declared CRS.

Bounded: file size, archive members and their unpacked size, feature count. Archives are
unpacked only into a private temporary directory, member by member, refusing any path that
would leave it. The result is GeoJSON in EPSG:4326 for the map; nothing is stored here.
"""
from __future__ import annotations

import math
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO, Any

import numpy
import pandas
import pyogrio
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry import mapping

from geo.geometry import SRID_STORAGE, gcj02_to_wgs84
from registry.domain.errors import N_, Message, ValidationError
from registry.services.imports import formats, unreadable

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 64
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_FEATURES = 1000
READABLE = (".geojson", ".json", ".kml", ".shp", ".gpkg", ".fgb")
WIZARD_FORMATS = Message(N_("GeoJSON, KML, Shapefile (.zip), GeoPackage (.gpkg)"))  # as the upload field names them


def _fail(msgid: str, **params: Any) -> ValidationError:
    return ValidationError.single("file", msgid, **params)


def _save(stream: IO[bytes], target: Path) -> None:
    written = 0
    with target.open("wb") as out:
        while chunk := stream.read(1024 * 1024):
            written += len(chunk)
            if written > MAX_UPLOAD_BYTES:
                raise _fail(N_("is larger than %(mb)s MB"), mb=MAX_UPLOAD_BYTES // (1024 * 1024))
            out.write(chunk)


def _unpack(archive: Path, folder: Path) -> None:
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            if len(members) > MAX_ARCHIVE_MEMBERS:
                raise _fail(N_("holds more than %(n)s files"), n=MAX_ARCHIVE_MEMBERS)
            if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                raise _fail(N_("unpacks to more than %(mb)s MB"), mb=MAX_UNPACKED_BYTES // (1024 * 1024))
            for member in members:
                name = PurePosixPath(member.filename.replace("\\", "/"))
                if name.is_absolute() or ".." in name.parts:
                    raise _fail(N_("contains a path that leaves the archive: %(name)s"), name=member.filename[:80])
                target = folder / name.name  # flatten: a shapefile's parts sit side by side
                with zf.open(member) as src, target.open("wb") as out:
                    out.write(src.read(MAX_UNPACKED_BYTES))
    except (zipfile.BadZipFile, zlib.error):  # zlib's: a member garbled in transit
        raise _fail(N_("is not a readable ZIP archive")) from None


def _dataset_in(folder: Path) -> Path:
    candidates = sorted(p for p in folder.iterdir() if p.suffix.lower() in READABLE)
    if not candidates:
        raise _fail(N_("holds no GeoJSON, KML, Shapefile (.shp) or GeoPackage"))
    return candidates[0]


def read_upload(stream: IO[bytes], filename: str, crs: str | None = None, gcj02: bool = False) -> dict:
    """The polygons of an uploaded file as a GeoJSON FeatureCollection in EPSG:4326.

    ``crs`` (e.g. 'EPSG:4549') overrides or supplies the file's CRS; ``gcj02`` says the
    coordinates were traced on a GCJ-02 map (Amap/Tencent) and converts them.
    """
    suffix = Path(filename).suffix.lower()
    if suffix not in READABLE + (".zip",):
        raise _fail(N_("has an unsupported type “%(suffix)s” (GeoJSON, KML, zipped Shapefile, GeoPackage)"),
                    suffix=suffix or "?")
    with tempfile.TemporaryDirectory(prefix="registry-upload-") as tmp:
        folder = Path(tmp)
        saved = folder / ("upload" + suffix)
        _save(stream, saved)
        if suffix == ".zip":
            unpacked = folder / "unpacked"
            unpacked.mkdir()
            _unpack(saved, unpacked)
            saved = _dataset_in(unpacked)
        formats.check_content(saved, WIZARD_FORMATS)  # before GDAL, which picks its driver by the content
        try:
            formats.check_driver(saved, pyogrio.read_info(saved).get("driver"), WIZARD_FORMATS)
            frame = pyogrio.read_dataframe(saved, max_features=MAX_FEATURES + 1)
        except ValidationError:
            raise
        except Exception as exc:  # GDAL reports malformed files through several exception types
            # what is wrong with the file in the user's words; GDAL's (a server path) goes to the log
            raise unreadable.refusal(exc, saved, filename, accepted=WIZARD_FORMATS) from None
    if len(frame) > MAX_FEATURES:
        raise _fail(N_("has more than %(n)s features; use the bulk import instead"), n=MAX_FEATURES)
    frame = _to_wgs84(frame, crs)
    features = []
    for index, row in frame.iterrows():
        geom = row.geometry
        if geom is None or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
            continue
        if gcj02:
            geom = gcj02_to_wgs84(geom)
        props = {str(k): _json_value(v) for k, v in row.drop(labels="geometry").items()}
        features.append({"type": "Feature", "properties": props, "geometry": mapping(geom)})
    if not features:
        raise _fail(N_("holds no polygon"))
    return {"type": "FeatureCollection", "features": features}


def _json_value(value: Any) -> Any:
    """A property value as JSON can carry it: missing (NaN, NaT, None) → None, numpy scalars →
    Python numbers, anything else (dates, bytes) → text. NaN is not JSON: the browser could not read it."""
    if isinstance(value, (numpy.integer, numpy.floating, numpy.bool_)):
        value = value.item()
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (int, str)):
        return value
    try:
        if pandas.isna(value):
            return None
    except (TypeError, ValueError):  # a list or an array: isna answers element-wise
        pass
    return str(value)


def _to_wgs84(frame, crs: str | None):
    try:
        if crs:
            frame = frame.set_crs(CRS.from_user_input(crs), allow_override=True)
    except CRSError:
        raise ValidationError.single("crs", N_("unknown coordinate reference system “%(crs)s”"), crs=crs[:40])
    if frame.crs is None:
        raise ValidationError.single("crs", N_("the file declares no coordinate reference system: choose one"))
    return frame.to_crs(SRID_STORAGE)
