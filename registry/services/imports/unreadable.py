"""What to tell the user when GDAL cannot read an import file: what is wrong with the file, in
their terms and language. GDAL's own message (server paths, SQL, config options) goes to the
server log only."""
from __future__ import annotations

import logging
from pathlib import Path

from registry.domain.errors import N_, Message, ValidationError

log = logging.getLogger(__name__)

FORMATS = {".shp": "Shapefile", ".gpkg": "GeoPackage", ".geojson": "GeoJSON", ".json": "GeoJSON",
           ".fgb": "FlatGeobuf", ".kml": "KML", ".csv": "CSV"}
# The formats' own names (no Chinese names are in use); the words between them in the reader's language.
ACCEPTED = Message(N_("Shapefile (.shp or .zip), GeoPackage (.gpkg), GeoJSON, FlatGeobuf (.fgb), KML, CSV with WKT"))

# (fragment of GDAL's message, lower case; the format it applies to or None; what the user reads)
_KNOWN = (
    ("not recognized as being in a supported file format", None,
     N_("is not a %(format)s file the registry can read; formats accepted are %(accepted)s")),
    ("sqlite", ".gpkg", N_("the GeoPackage is damaged or truncated")),
    ("malformed", ".gpkg", N_("the GeoPackage is damaged or truncated")),
    ("not a database", ".gpkg", N_("the GeoPackage is damaged or truncated")),
    ("geojson", None, N_("the GeoJSON is not valid JSON or is truncated")),
    ("parsing kml", None, N_("the KML is not valid XML or is truncated")),
)


def refusal(exc: Exception, dataset: Path, name: str, part_way: bool = False,
            accepted: Message = ACCEPTED) -> ValidationError:
    """The ``file`` error for GDAL's ``exc`` on ``dataset`` (``part_way``: it opened, then broke);
    ``accepted`` names the formats the page that took the file reads."""
    log.warning("import of %s: GDAL cannot read %s: %s", name, dataset, exc)
    suffix = dataset.suffix.lower()
    text = str(exc).lower()
    params = {"format": FORMATS.get(suffix, suffix.lstrip(".") or "GIS"), "accepted": accepted}
    for fragment, applies_to, msgid in _KNOWN:
        if fragment in text and applies_to in (None, suffix):
            return ValidationError.single("file", msgid, **params)
    if part_way:
        return ValidationError.single("file", N_("the %(format)s file breaks off part-way: it is damaged or truncated"),
                                      **params)
    return ValidationError.single("file", N_("the %(format)s file is damaged or cannot be read"), **params)


def missing_shapefile_member(shp: Path) -> ValidationError | None:
    """A Shapefile is a .shp with a .shx (index) and a .dbf (attributes) beside it; GDAL reads one
    without its .dbf as having no columns at all, so say what is missing rather than what follows."""
    present = {p.suffix.lower() for p in shp.parent.iterdir() if p.stem == shp.stem}
    missing = [s for s in (".shx", ".dbf") if s not in present]
    if not missing:
        return None
    return ValidationError.single("file", N_("the Shapefile is missing its %(members)s member; put the .shp, .shx, "
                                             ".dbf and .prj files in the zip"), members=" ".join(missing))
