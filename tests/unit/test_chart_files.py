"""A chart as a file of its own: the drawing placed in a standalone SVG document with its caption."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from registry.web.chart_files import ABOVE, file_name, standalone
from registry.web.charts import Series, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def _drawing() -> str:
    return bar_chart("Energy saved by district", "tce", ["Pudong", "Minhang"], [Series("Equivalent", [3, 4])])


def test_the_document_is_the_drawing_at_its_size_under_its_report_and_over_its_date():
    drawing = _drawing()
    document = standalone(drawing, "Annual rollup 2013 · Energy <saved>", "Annual rollup 2013", "Figures as of: Dec 31, 2013")
    root = ET.fromstring(document.encode())
    nested = root.find(f"{SVG}svg")
    width, height = (int(v) for v in nested.get("viewBox").split()[2:])
    assert (nested.get("x"), nested.get("y"), nested.get("width"), nested.get("height")) == ("0", str(ABOVE), str(width), str(height))
    assert root.get("width") == str(width) and int(root.get("height")) == ABOVE + height + 14 + 8
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert root.find(f"{SVG}title").text == root.get("aria-label") == "Annual rollup 2013 · Energy <saved>"
    assert [t.text for t in root.findall(f"{SVG}text")] == ["Annual rollup 2013", "Figures as of: Dec 31, 2013"]
    assert len(nested.findall(f".//{SVG}rect")) == len(ET.fromstring(drawing.encode()).findall(f".//{SVG}rect")) == 2 + 1


def test_a_long_line_under_the_drawing_wraps_within_its_width():
    below = " · ".join(["Counting rule: Verified projects, counted in the year of verification"] * 4)
    root = ET.fromstring(standalone(_drawing(), "t", "a", below).encode())
    lines = [t.text for t in root.findall(f"{SVG}text")][1:]
    assert len(lines) > 2 and " ".join(lines) == below
    assert int(root.get("height")) == ABOVE + int(root.find(f"{SVG}svg").get("height")) + 14 * len(lines) + 8


def test_only_a_charts_drawing_is_placed():
    with pytest.raises(ValueError):
        standalone('<svg xmlns="http://www.w3.org/2000/svg"></svg>', "t", "a", "b")


@pytest.mark.parametrize("stem, expected", [
    ("2013年度汇总_各区节能量_截至2013-12-31", "2013年度汇总_各区节能量_截至2013-12-31.png"),
    ('Annual rollup 2013_Energy saved: "A/B"_as of 2013-12-31', "Annual rollup 2013_Energy saved- -A-B-_as of 2013-12-31.png"),
    (" .hidden. ", "hidden.png"),
])
def test_a_file_name_holds_nothing_a_system_refuses(stem, expected):
    assert file_name(stem, "png") == expected
