"""Paths of the test fixture files (see README.md here)."""
from pathlib import Path

TEST_DATA = Path(__file__).resolve().parent
REPO = TEST_DATA.parents[1]
WGS84_DISTRICTS = REPO / "geo" / "data" / "shanghai_districts_wgs84.geojson"
GCJ02_DISTRICTS = TEST_DATA / "shanghai_districts_gcj02.geojson"
ECHARTS_DISTRICTS = TEST_DATA / "shanghai_districts_echarts4_simplified.geojson"
