"""The reports each worker process keeps until their data changes (``services.report_cache``): the
land-output report's (土地产出) parts, shared by its page, the JSON API and their downloads, and the
project list's counts (项目列表, its page and the API's total: ``services/projects/list_counts.py``)
— ``REPORT_CACHE_ENTRIES`` entries at most each; 0 turns them off."""
from __future__ import annotations

from registry.app_caches import AppCache
from registry.services.report_cache import DEFAULT_ENTRIES, ReportCache

LAND_OUTPUT_CACHE = AppCache("registry.land_output_cache", lambda config: ReportCache(
    int(config.get("REPORT_CACHE_ENTRIES", DEFAULT_ENTRIES))))
PROJECT_COUNT_CACHE = AppCache("registry.project_count_cache", lambda config: ReportCache(
    int(config.get("REPORT_CACHE_ENTRIES", DEFAULT_ENTRIES))))
