"""The wizard's parcels step as the server writes it: the upload, its coordinate system and refusal,
the typed corners and the keyboard's ways in one disclosure (open as written; wizard-parcel-entry.js
folds it on a phone), then 绘制地块 and the zoom hint right above the map; and the page loads the
map's script before the one that adds parcels to it, both before wizard.js, which calls them."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.usefixtures("districts")


def _parcels_step(html: str) -> str:
    found = re.search(r'<section class="step card" data-step="3">(.*?)</section>', html, re.S)
    assert found
    return found.group(1)


@pytest.mark.parametrize("lang, summary", [("zh", "上传文件或输入坐标（不用鼠标也可）"),
                                           ("en", "Upload a file or type coordinates (also without a mouse)")])
def test_the_parcels_guidance_is_one_disclosure_before_drawing_and_the_map(client, login, lang, summary):
    login("district_staff", "310115")
    step = _parcels_step(client.get(f"/projects/new?lang={lang}").get_data(as_text=True))
    # the guide first, then (beside it on a desktop, wizard.css) the drawing tools and the map
    guide = re.search(r'<details id="parcel-guide" class="parcel-guide" open><summary>(.*?)</summary>(.*)</details>\s*'
                      r'<div class="parcel-map-side">\s*<div class="draw-tools">(.*?)</div>\s*<div id="wizard-map"',
                      step, re.S)
    assert guide, step
    assert guide.group(1) == summary
    for inside in ('id="map-keyboard"', 'id="upload"', 'id="upload-crs"', 'id="gcj02"', 'id="upload-error"',
                   'id="upload-crs-hint"', 'id="typed-coordinates"'):
        assert inside in guide.group(2), inside
    assert 'id="draw"' in guide.group(3) and 'id="zoom-for-parcels"' in guide.group(3)
    assert step.count('id="upload-error"') == 1


def test_the_wizard_loads_the_map_then_what_adds_parcels_to_it_then_the_wizard(client, login):
    login("district_staff", "310115")
    html = client.get("/projects/new").get_data(as_text=True)
    scripts = re.findall(r'<script src="/static/js/(wizard[\w-]*\.js)[^"]*"', html)
    assert scripts.index("wizard-map.js") < scripts.index("wizard-parcel-entry.js") < scripts.index("wizard.js")
    assert len(scripts) == len(set(scripts))
