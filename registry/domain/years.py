"""The years the registry records and reports: 2000 to 2100, the ``year BETWEEN 2000 AND 2100`` CHECK
of projects and freed land (migrations 0001, 0005). Every field that means such a year — a project's,
a report's, a target's, a land output value's, a completion year filter — is held to these, in the
web forms, the API (and its OpenAPI document) and the CLI alike.

Energy monitoring and emission factor years reach back further on purpose (``domain.factors``)."""
from __future__ import annotations

MIN_YEAR, MAX_YEAR = 2000, 2100
YEARS = (MIN_YEAR, MAX_YEAR)  # first and last, to spread into ``year_number(value, field, *YEARS)``
