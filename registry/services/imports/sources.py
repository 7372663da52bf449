"""Opening a GIS file for import: formats, bounds, safe unzipping, CRS, and streaming batches.

Reads stream through pyogrio's Arrow interface in batches (``BATCH_ROWS`` features), so memory
stays flat whatever the file's size. A zip is unpacked only into a private temporary directory,
member by member, refusing absolute paths, ``..``, links, too many members, too many bytes and
zip bombs. Every way a file can be unreadable ends in a ``ValidationError`` on ``file``.
"""
from __future__ import annotations

import codecs
import hashlib
import shutil
import stat
import tempfile
import warnings
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator

from registry.domain.errors import N_, Listed, ValidationError
from registry.services.imports import formats, unreadable

BATCH_ROWS = 50_000
# Formats by file suffix; a zip holds exactly one dataset of these (a .shp with its sidecars).
DATASET_SUFFIXES = (".shp", ".gpkg", ".geojson", ".json", ".fgb", ".kml", ".csv")
# Spreadsheets: a project workbook uploaded as parcels is a zip (XLSX) or unknown (XLS) to GDAL, whose
# "no dataset in the archive" sent the user looking for a Shapefile in it.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls")
# CSV: where GDAL looks for WKT geometry.
CSV_OPEN_OPTIONS = {"GEOM_POSSIBLE_NAMES": "wkt,WKT,geometry,geom,the_geom,几何", "KEEP_GEOM_COLUMNS": "NO",
                    "AUTODETECT_TYPE": "NO"}
GCJ02 = "gcj02"


@dataclass(frozen=True)
class Limits:
    """Bounds on what is accepted. The web uses tight ones; the CLI (an operator) wide ones."""

    max_file_bytes: int = 8 * 1024**3
    max_features: int = 20_000_000
    max_archive_members: int = 2_000
    max_unpacked_bytes: int = 16 * 1024**3
    max_compression_ratio: int = 200


WEB_LIMITS = Limits(max_file_bytes=200 * 1024**2, max_features=500_000, max_archive_members=200,
                    max_unpacked_bytes=1024**3)
CLI_LIMITS = Limits()


@dataclass(frozen=True)
class OpenedSource:
    """A readable dataset: its path, layer, what it holds, and the CRS its coordinates are in."""

    path: Path
    layer: str | None
    name: str  # the name the user gave (file name), for messages and the run record
    fields: tuple[str, ...]
    feature_count: int | None
    srid: int | None  # EPSG code; None for GCJ-02 (converted in Python) — see ``gcj02``
    gcj02: bool
    sha256: str
    encoding: str | None = None  # of a Shapefile's attributes, for GDAL (a CSV is UTF-8 by now)


def _refuse(msgid: str, **params) -> ValidationError:
    return ValidationError.single("file", msgid, **params)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def safe_unzip(archive: Path, into: Path, limits: Limits) -> None:
    """Unpack ``archive`` into the directory ``into``, refusing anything that could escape it."""
    try:
        with zipfile.ZipFile(archive) as zf:
            members = zf.infolist()
            if len(members) > limits.max_archive_members:
                raise _refuse(N_("the archive holds %(count)d members; at most %(limit)d are allowed"),
                              count=len(members), limit=limits.max_archive_members)
            total = sum(m.file_size for m in members)
            if total > limits.max_unpacked_bytes:
                raise _refuse(N_("the archive unpacks to %(size)d bytes; at most %(limit)d are allowed"),
                              size=total, limit=limits.max_unpacked_bytes)
            for member in members:
                _check_member(member, limits)
            root = into.resolve()
            for member in members:
                if member.is_dir():
                    continue
                target = (root / PurePosixPath(member.filename)).resolve()
                if root not in target.parents:
                    raise _refuse(N_("the archive member %(name)s points outside the archive"), name=member.filename)
                target.parent.mkdir(parents=True, exist_ok=True)
                written = 0
                with zf.open(member) as source, open(target, "wb") as sink:
                    for chunk in iter(lambda: source.read(1 << 20), b""):
                        written += len(chunk)
                        if written > member.file_size:  # the header lied: stop a bomb early
                            raise _refuse(N_("the archive member %(name)s is larger than it claims"),
                                          name=member.filename)
                        sink.write(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError):
        # zipfile's and zlib's reasons ("File is not a zip file", "Error -3 while decompressing") are
        # English and say nothing the user can act on; a garbled member raises zlib.error (it was a 500).
        raise _refuse(N_("is not a readable zip archive: it is damaged or is no zip file; zip the files again "
                         "and upload the new archive")) from None


def _check_member(member: zipfile.ZipInfo, limits: Limits) -> None:
    name = member.filename
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (len(name) > 1 and name[1] == ":"):
        raise _refuse(N_("the archive member %(name)s points outside the archive"), name=name)
    mode = member.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise _refuse(N_("the archive member %(name)s is a symbolic link"), name=name)
    if member.compress_size and member.file_size / member.compress_size > limits.max_compression_ratio:
        raise _refuse(N_("the archive member %(name)s is compressed suspiciously well (a zip bomb?)"), name=name)


def _find_dataset(directory: Path) -> Path:
    found = sorted(p for p in directory.rglob("*")
                   if p.is_file() and p.suffix.lower() in DATASET_SUFFIXES and "__MACOSX" not in p.parts)
    if not found:
        raise _refuse(N_("the archive holds no Shapefile, GeoPackage, GeoJSON, FlatGeobuf, KML or CSV"))
    if len(found) > 1:
        raise _refuse(N_("the archive holds several datasets (%(names)s); put one in each archive"),
                      names=Listed(tuple(p.name for p in found[:5])))
    return found[0]


@contextmanager
def opened(path: Path, name: str | None = None, layer: str | None = None, crs: str | None = None,
           encoding: str | None = None, limits: Limits = CLI_LIMITS) -> Iterator[OpenedSource]:
    """Open ``path`` (unzipping into a private temporary directory that is removed afterwards)."""
    path = Path(path)
    if not path.is_file():
        raise _refuse(N_("%(name)s does not exist or is not a file"), name=str(path))
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise _refuse(N_("the file has %(size)d bytes; at most %(limit)d are allowed"),
                      size=size, limit=limits.max_file_bytes)
    if size == 0:
        raise _refuse(N_("the file is empty"))
    workdir = Path(tempfile.mkdtemp(prefix="registry-import-"))  # mode 0700: private
    try:
        dataset = path
        if path.suffix.lower() in SPREADSHEET_SUFFIXES:
            raise _refuse(N_("is an Excel workbook, not a GIS file: import a project workbook as projects; "
                             "parcels in a table come as CSV with a WKT column"))
        if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
            safe_unzip(path, workdir, limits)
            dataset = _find_dataset(workdir)
        elif path.suffix.lower() not in DATASET_SUFFIXES:
            raise _refuse(N_("unknown file type “%(suffix)s”; give .zip, .shp, .gpkg, .geojson, .fgb, .kml or .csv"),
                          suffix=path.suffix or "-")
        dataset, encoding = _in_utf8(dataset, encoding, workdir)
        yield _describe(dataset, name or path.name, layer, crs, encoding, limits, sha256_of(path))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# Only a Shapefile's .dbf and a CSV come in other encodings; the other formats say their own.
SELF_DESCRIBED = (".gpkg", ".geojson", ".json", ".fgb", ".kml")
# GBK and GB2312 files often hold a character of GB18030 (a rare name), which is a superset of both.
_WIDER_CODEC = {"gbk": "gb18030", "gb2312": "gb18030"}


def _in_utf8(dataset: Path, encoding: str | None, workdir: Path) -> tuple[Path, str | None]:
    """(dataset, encoding left for GDAL): GDAL decodes a Shapefile's attributes itself, but
    pyogrio's Arrow reader takes UTF-8 only, so a CSV in GBK, GB18030… is transcoded into the
    private ``workdir`` first (streamed, only for such a file)."""
    suffix = dataset.suffix.lower()
    if not encoding or suffix in SELF_DESCRIBED:
        return dataset, None
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise ValidationError.single("encoding", N_("unknown text encoding “%(encoding)s”"), encoding=encoding[:40]) from None
    if suffix != ".csv":
        return dataset, encoding
    if codec == "utf-8":
        return dataset, None
    target = workdir / "utf-8" / dataset.name
    target.parent.mkdir()
    decoder = codecs.getincrementaldecoder(_WIDER_CODEC.get(codec, codec))()
    try:
        with open(dataset, "rb") as source, open(target, "wb") as sink:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                sink.write(decoder.decode(chunk).encode("utf-8"))
            sink.write(decoder.decode(b"", final=True).encode("utf-8"))
    except UnicodeDecodeError:
        raise ValidationError.single("encoding", N_("the file is not %(encoding)s text; give the encoding it was "
                                                    "saved in"), encoding=encoding[:40]) from None
    return target, None


def _open_options(dataset: Path, encoding: str | None) -> dict:
    options: dict = dict(CSV_OPEN_OPTIONS) if dataset.suffix.lower() == ".csv" else {}
    if encoding:
        options["encoding"] = encoding
    return options


def _describe(dataset: Path, name: str, layer: str | None, crs: str | None, encoding: str | None,
              limits: Limits, sha256: str) -> OpenedSource:
    import pyogrio

    if dataset.suffix.lower() == ".shp" and (missing := unreadable.missing_shapefile_member(dataset)):
        raise missing
    formats.check_content(dataset)  # before GDAL, which picks its driver by the content
    try:
        with _quiet_gdal():
            if layer is None:
                layers = pyogrio.list_layers(dataset)
                if len(layers) > 1:
                    raise _refuse(N_("the file has several layers (%(layers)s); choose one with --layer"),
                                  layers=Listed(tuple(str(row[0]) for row in layers[:10])))
            info = pyogrio.read_info(dataset, layer=layer, **_open_options(dataset, encoding))
        formats.check_driver(dataset, info.get("driver"))
    except ValidationError:
        raise
    except Exception as exc:  # pyogrio raises DataSourceError, DataLayerError, … for bad files
        raise unreadable.refusal(exc, dataset, name) from None
    count = info.get("features")
    count = count if isinstance(count, int) and count >= 0 else None
    if count is not None and count > limits.max_features:
        raise _refuse(N_("the file has %(count)d features; at most %(limit)d are allowed"),
                      count=count, limit=limits.max_features)
    srid, gcj02 = resolve_crs(crs, info.get("crs"), dataset.suffix.lower())
    return OpenedSource(dataset, layer, name, tuple(str(f) for f in info["fields"]), count, srid, gcj02, sha256,
                        encoding)


def resolve_crs(option: str | None, from_file: str | None, suffix: str) -> tuple[int | None, bool]:
    """(EPSG code, is GCJ-02) from ``--crs``/``--gcj02`` if given, else the file's own CRS.

    GeoJSON is WGS84 by definition and a CSV without ``--crs`` is taken as lon/lat WGS84; other
    files without a CRS are refused (guessing would silently shift every parcel).
    """
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    if option and option.strip().lower() in (GCJ02, "gcj-02", "gcj_02"):
        return None, True
    text = option or from_file
    if not text:
        if suffix in (".csv", ".geojson", ".json", ".kml"):
            return 4326, False
        raise _refuse(N_("the file says nothing of its coordinate system; give one with --crs"))
    field = "crs" if option else "file"  # the option given (--crs, the form's field) or the file's own
    try:
        epsg = CRS.from_user_input(text).to_epsg(min_confidence=70)
    except CRSError:
        raise ValidationError.single(field, N_("unknown coordinate reference system “%(crs)s”"), crs=text[:80]) from None
    if epsg is None:
        raise ValidationError.single(field, N_("the coordinate system %(crs)s has no EPSG code; give one with --crs"),
                                     crs=text[:80])
    return epsg, False


def read_batches(source: OpenedSource, batch_rows: int = BATCH_ROWS):
    """Yield pyarrow RecordBatches of the source (geometry as WKB in column ``wkb``)."""
    import pyogrio

    try:
        with _quiet_gdal(), pyogrio.open_arrow(
                source.path, layer=source.layer, use_pyarrow=True, batch_size=batch_rows,
                **_open_options(source.path, source.encoding)) as (meta, reader):
            geometry = meta.get("geometry_name") or "wkb_geometry"
            for batch in reader:
                if geometry in batch.schema.names:
                    index = batch.schema.get_field_index(geometry)
                    batch = batch.set_column(index, "wkb", batch.column(index))
                yield batch
    except ValidationError:
        raise
    except Exception as exc:  # a file that opened but breaks mid-way (truncated, corrupt)
        raise unreadable.refusal(exc, source.path, source.name, part_way=True) from None


@contextmanager
def _quiet_gdal() -> Iterator[None]:
    """GDAL's warnings (laundered names, odd encodings) arrive as RuntimeWarnings raised from a C
    callback, where nobody can catch them: record them instead."""
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always", RuntimeWarning)
        yield
