"""Bulk import and export: GIS files of parcels, zones and districts; project sheets; GeoPackage
export (issue 7). Entry points call ``import_features``, ``import_projects`` and ``export_registry``."""
