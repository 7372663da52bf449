"""OGC API – Features (Part 1 Core, GeoJSON, OpenAPI 3.0; Part 2 CRS) under ``/ogc``.

``core`` is framework-free (requests and responses are plain dataclasses, as in pygeoapi);
``routes`` binds it to Flask with one line per endpoint.
"""
