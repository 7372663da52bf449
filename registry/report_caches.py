"""The reports each worker process keeps until their data changes (``services.report_cache``): the
land-output report's (土地产出) parts, shared by its page, the JSON API and their downloads, and the
project list's counts (项目列表, its page and the API's total: ``services/projects/list_counts.py``)
— ``REPORT_CACHE_ENTRIES`` entries at most each; 0 turns them off."""
from __future__ import annotations

from registry.app_caches import AppCache
from registry.services.report_cache import DEFAULT_ENTRIES, ReportCache



def _sized_by_setting(config) -> ReportCache:
    """A cache of ``REPORT_CACHE_ENTRIES`` entries (each kept report has its own)."""
    return ReportCache(int(config.get("REPORT_CACHE_ENTRIES", DEFAULT_ENTRIES)))


LAND_OUTPUT_CACHE = AppCache("registry.land_output_cache", _sized_by_setting)
PROJECT_COUNT_CACHE = AppCache("registry.project_count_cache", _sized_by_setting)
