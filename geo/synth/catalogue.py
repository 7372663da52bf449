"""Facts the synthetic zones are shaped after (names, rough locations, counts).

Only the *names* and approved areas are real (2018 national catalogue of development zones and
well-known park names); locations are approximate anchors, the polygons are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

# People's Square: the centre used to tell "central / inner suburban" (195) from "outer" (198).
CITY_CENTRE_LON_LAT = (121.4737, 31.2304)
# Rough radius of the concentrated construction area (集中建设区) around the outer ring road.
INNER_AREA_RADIUS_M = 20_000.0

# How many of the 104 blocks each district gets (sums to 104; suburban districts dominate,
# a handful in 崇明). Districts not listed get none.
BLOCKS_104_PER_DISTRICT: dict[str, int] = {
    "310115": 21,  # 浦东
    "310114": 13,  # 嘉定
    "310117": 12,  # 松江
    "310118": 11,  # 青浦
    "310120": 11,  # 奉贤
    "310116": 10,  # 金山
    "310112": 10,  # 闵行
    "310113": 9,  # 宝山
    "310151": 5,  # 崇明
    "310107": 1,  # 普陀 (桃浦)
    "310104": 1,  # 徐汇 (漕河泾)
}
# Patches per km² of the part of the city they belong in (inside / outside the central disc),
# which gives ~120 regions 195, ~240 regions 198 and ~6 others for the whole city, and
# proportionally fewer when only some districts are passed in.
REGIONS_195_PER_KM2 = 120 / 1_250
REGIONS_198_PER_KM2 = 240 / 6_700
OTHER_ZONES_PER_KM2 = 6 / 6_700


@dataclass(frozen=True)
class DevZoneAnchor:
    name_zh: str
    name_en: str
    district_code: str
    lon: float
    lat: float
    area_km2: float  # illustrative target; big zones are capped so they stay one compact patch


# Approved areas from the 2018 catalogue where known (漕河泾 13.3, 闵行 16.38, 金桥 27.38,
# 化工区 29.4, 松江 57.77, 张江 42.1, 紫竹 8.68 km²), capped at ~15 km² for the demo.
DEV_ZONE_ANCHORS: tuple[DevZoneAnchor, ...] = (
    DevZoneAnchor("漕河泾新兴技术开发区", "Caohejing Hi-Tech Park", "310104", 121.397, 31.168, 4.0),
    DevZoneAnchor("漕河泾开发区浦江高科技园", "Caohejing Hi-Tech Park (Pujiang)", "310112", 121.52, 31.06, 8.0),
    DevZoneAnchor("闵行经济技术开发区", "Minhang Economic and Technological Development Zone",
                  "310112", 121.40, 31.01, 5.0),
    DevZoneAnchor("上海紫竹高新技术产业开发区", "Shanghai Zizhu Hi-Tech Industrial Park",
                  "310112", 121.45, 31.03, 6.0),
    DevZoneAnchor("莘庄工业区", "Xinzhuang Industrial Zone", "310112", 121.38, 31.09, 8.0),
    DevZoneAnchor("上海金桥经济技术开发区", "Shanghai Jinqiao Economic and Technological Development Zone",
                  "310115", 121.62, 31.27, 15.0),
    DevZoneAnchor("张江高科技园区", "Zhangjiang Hi-Tech Park", "310115", 121.60, 31.19, 15.0),
    DevZoneAnchor("外高桥保税区", "Waigaoqiao Free Trade Zone", "310115", 121.60, 31.35, 10.0),
    DevZoneAnchor("临港产业区", "Lingang Industrial Area", "310115", 121.88, 30.92, 15.0),
    DevZoneAnchor("上海化学工业经济技术开发区", "Shanghai Chemical Industry Park",
                  "310116", 121.33, 30.80, 15.0),
    DevZoneAnchor("上海化学工业区奉贤分区", "Shanghai Chemical Industry Park (Fengxian)",
                  "310120", 121.45, 30.82, 6.0),
    DevZoneAnchor("嘉定工业区", "Jiading Industrial Zone", "310114", 121.24, 31.42, 15.0),
    DevZoneAnchor("松江经济技术开发区", "Songjiang Economic and Technological Development Zone",
                  "310117", 121.25, 31.05, 15.0),
    DevZoneAnchor("青浦工业园区", "Qingpu Industrial Park", "310118", 121.14, 31.17, 12.0),
    DevZoneAnchor("宝山城市工业园区", "Baoshan City Industrial Park", "310113", 121.38, 31.40, 10.0),
    DevZoneAnchor("金山工业区", "Jinshan Industrial Zone", "310116", 121.22, 30.86, 12.0),
    DevZoneAnchor("奉贤经济开发区", "Fengxian Economic Development Zone", "310120", 121.48, 30.93, 8.0),
    DevZoneAnchor("崇明工业园区", "Chongming Industrial Park", "310151", 121.42, 31.63, 5.0),
)

# Labels used in generated names: '104 产业区块 · 闵行-03' / '104 block · Minhang-03'.
KIND_LABELS: dict[str, tuple[str, str]] = {
    "block_104": ("104 产业区块", "104 block"),
    "region_195": ("195 区域", "195 region"),
    "region_198": ("198 区域", "198 region"),
    "other": ("其他工业集中区", "Other industrial cluster"),
}


def short_name_zh(name_zh: str) -> str:
    """'浦东新区' → '浦东', '闵行区' → '闵行'."""
    for suffix in ("新区", "区"):
        if name_zh.endswith(suffix) and len(name_zh) > len(suffix) + 1:
            return name_zh[: -len(suffix)]
    return name_zh


def short_name_en(name_en: str) -> str:
    """'Pudong New Area' → 'Pudong', 'Minhang District' → 'Minhang'."""
    for suffix in (" New Area", " District"):
        if name_en.endswith(suffix):
            return name_en[: -len(suffix)]
    return name_en
