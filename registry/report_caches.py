"""The reports each worker process keeps until their data changes (``services.report_cache``): the
land-output report's (土地产出) parts, shared by its page, the JSON API and their downloads
(``REPORT_CACHE_ENTRIES`` parts at most; 0 turns it off)."""
from __future__ import annotations

from registry.app_caches import AppCache
from registry.services.report_cache import DEFAULT_ENTRIES, ReportCache

LAND_OUTPUT_CACHE = AppCache("registry.land_output_cache", lambda config: ReportCache(
    int(config.get("REPORT_CACHE_ENTRIES", DEFAULT_ENTRIES))))
