"""Hangzhou's monitoring networks as the demo knows them: SIMULATED registry data.

The names are those of Hangzhou's stations and sections (the eleven national air stations of
2019, some provincial and district ones; sections on 钱塘江, 富春江, 新安江, 千岛湖, 苕溪, 运河,
西湖 …), the coordinates approximate (each inside its 2019 district), the codes and every
number made up.  Districts are the 2019 ones (the plan's units), by their org codes.

Station columns: code, name, level, district, latitude, longitude, then the factors that shape
its simulated data — `pm` and `no2` scale its particulate and NO2 levels (1 = city average;
traffic sites high, background sites low), `o3` its ozone — and the first day of its data.

Section columns: code, name, water, body (river | lake), level, target class, district,
latitude, longitude, `quality` (its pollutant levels in 2019 as a share of its target class
limits: below 1 meets the target), `trend` (the factor reached by 2022), then optional marks:
交接 (a cross-boundary section) and 水源:ZONE (a drinking-water source and its protection zone).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoStation:
    code: str
    name: str
    level: str  # national | provincial | district
    district: str
    latitude: float
    longitude: float
    pm: float
    no2: float
    o3: float
    start: dt.date


@dataclass(frozen=True)
class DemoSection:
    code: str
    name: str
    water: str
    body: str  # river | lake
    level: str  # national | provincial | city | district
    target: str  # I … V
    district: str
    latitude: float
    longitude: float
    quality: float
    trend: float
    cross_boundary: bool
    drinking: bool
    protection_zone: str


_STATIONS = """
1223A 卧龙桥    national   xihu       30.2453 120.1270 0.97 0.95 1.00 2019-01-01
1224A 西溪     national   xihu       30.2748 120.1472 1.00 1.05 1.00 2019-01-01
1225A 浙江农大   national   jianggan   30.2701 120.1953 1.03 1.00 1.00 2019-01-01
1226A 朝晖五区   national   xiacheng   30.2903 120.1642 1.00 1.25 1.00 2019-01-01
1227A 和睦小学   national   gongshu    30.3105 120.1218 1.00 1.15 1.00 2019-01-01
1228A 下沙     national   djd        30.3066 120.3361 1.08 1.10 1.00 2019-01-01
1229A 滨江     national   binjiang   30.2097 120.2095 1.04 1.00 1.00 2019-01-01
1230A 临平镇    national   yuhang     30.4193 120.3010 1.10 1.10 1.00 2019-01-01
1231A 城厢镇    national   xiaoshan   30.1645 120.2702 1.12 1.15 1.00 2019-01-01
1232A 云栖     national   xihu       30.1935 120.0961 0.88 0.60 1.02 2019-01-01
1233A 千岛湖    national   chunan     29.6052 119.0415 0.62 0.30 0.92 2019-01-01
HZP01 富阳东洲   provincial fuyang     30.0470 119.9600 1.08 1.00 1.00 2019-01-01
HZP02 临安锦城   provincial linan      30.2330 119.7250 0.92 0.80 1.00 2019-01-01
HZP03 桐庐城南   provincial tonglu     29.7930 119.6900 0.95 0.75 1.00 2019-01-01
HZP04 建德新安江  provincial jiande     29.4750 119.2810 0.90 0.70 1.00 2019-01-01
HZP05 余杭良渚   provincial yuhang     30.3750 120.0290 1.02 1.00 1.00 2019-01-01
HZD01 上城吴山   district   shangcheng 30.2420 120.1690 1.00 1.20 1.00 2019-01-01
HZD02 萧山瓜沥   district   xiaoshan   30.1790 120.4580 1.15 1.10 1.00 2019-01-01
HZD03 江干九堡   district   jianggan   30.3100 120.2700 1.06 1.00 1.00 2019-01-01
HZD04 大江东义蓬  district   djd        30.2800 120.5000 1.12 1.05 1.00 2020-07-01
"""

_SECTIONS = """
QT01  闻家堰      钱塘江   river national   II  xiaoshan   30.0950 120.2000 0.72 0.90 交接
QT02  珊瑚沙      钱塘江   river provincial II  xihu       30.1870 120.1250 0.68 0.90 水源:珊瑚沙水厂一级保护区
QT03  九溪       钱塘江   river provincial II  xihu       30.1940 120.1380 0.70 0.90 水源:九溪水厂一级保护区
QT04  闸口       钱塘江   river city       II  shangcheng 30.2040 120.1660 0.76 0.90
QT05  七堡       钱塘江   river national   III jianggan   30.2800 120.2720 0.66 0.90
QT06  下沙       钱塘江   river city       III djd        30.2780 120.3540 0.70 0.90
QT07  南星桥      钱塘江   river city       II  shangcheng 30.2150 120.1780 0.74 0.90 水源:南星水厂一级保护区
FC01  富春江电站    富春江   river provincial II  tonglu     29.7120 119.6520 0.62 0.90
FC02  桐庐富春江大桥  富春江   river city       II  tonglu     29.7960 119.6960 0.66 0.90
FC03  窄溪       富春江   river provincial II  tonglu     29.8620 119.8230 0.70 0.90 交接
FC04  渔山       富春江   river city       II  fuyang     29.9710 119.8990 0.72 0.90
FC05  东洲       富春江   river national   II  fuyang     30.0630 120.0040 0.73 0.90 水源:富阳城区水厂一级保护区
XA01  新安江大坝    新安江   river national   I   jiande     29.4920 119.2190 0.78 0.90
XA02  洋溪       新安江   river city       II  jiande     29.4780 119.2750 0.55 0.90 水源:建德洋溪水厂一级保护区
XA03  梅城       新安江   river provincial II  jiande     29.5520 119.4770 0.60 0.90
LJ01  将军岩      兰江    river national   III jiande     29.5230 119.5230 0.72 0.90 交接
QD01  街口       千岛湖   lake  national   II  chunan     29.7190 118.7300 0.88 0.85 交接
QD02  小金山      千岛湖   lake  national   I   chunan     29.5980 119.0480 0.75 0.90 水源:千岛湖一级保护区
QD03  三潭岛      千岛湖   lake  national   I   chunan     29.5560 118.9190 0.80 0.90
QD04  大坝前      千岛湖   lake  national   I   chunan     29.5150 119.1950 0.72 0.90 水源:千岛湖配水工程取水口一级保护区
QD05  茅头尖      千岛湖   lake  provincial I   chunan     29.6650 118.8700 0.82 0.90
QD06  威坪       千岛湖   lake  city       II  chunan     29.7750 118.7960 0.80 0.90
FS01  印渚       分水江   river provincial II  tonglu     29.9930 119.4420 0.65 0.90 交接
FS02  分水江大桥    分水江   river city       II  tonglu     29.8260 119.6750 0.70 0.90
PY01  尖山       浦阳江   river national   III xiaoshan   29.9520 120.2560 0.95 0.80 交接
PY02  临浦       浦阳江   river city       III xiaoshan   30.0580 120.2450 0.90 0.82
TX01  青山水库     南苕溪   lake  provincial II  linan      30.2540 119.8050 0.80 0.90 水源:青山水库一级保护区
TX02  里畈水库     南苕溪   lake  city       II  linan      30.3090 119.6760 0.70 0.90 水源:里畈水库一级保护区
TX03  瓶窑       东苕溪   river national   II  yuhang     30.3880 119.9770 0.82 0.90 水源:东苕溪水厂一级保护区
TX04  奉口       东苕溪   river provincial III yuhang     30.4200 120.0100 0.72 0.90 交接
TX05  中苕溪横畈    中苕溪   river city       II  linan      30.3400 119.7600 0.75 0.90
TX06  北苕溪漕桥    北苕溪   river city       II  yuhang     30.4250 119.8650 0.74 0.90
YH01  塘栖       京杭运河  river national   III yuhang     30.4870 120.1840 1.12 0.76 交接
YH02  义桥       京杭运河  river provincial III gongshu    30.3490 120.1590 1.05 0.80
YH03  拱宸桥      京杭运河  river city       IV  gongshu    30.3180 120.1440 0.90 0.78
YH04  艮山港      京杭运河  river city       IV  xiacheng   30.2950 120.1800 0.98 0.74
YH05  三堡船闸     京杭运河  river city       IV  jianggan   30.2630 120.2220 0.86 0.80
SH01  上塘河      上塘河   river city       IV  xiacheng   30.3050 120.1800 0.93 0.78
SH02  余杭塘河     余杭塘河  river city       IV  gongshu    30.2950 120.1100 0.90 0.80
SH03  东河       东河    river district   IV  shangcheng 30.2520 120.1730 0.95 0.82
SH04  萧绍运河     萧绍运河  river city       IV  xiaoshan   30.1780 120.3200 1.00 0.76 交接
SH05  新塘河      新塘河   river district   IV  jianggan   30.2750 120.2350 0.92 0.85
SH06  白马湖      白马湖   lake  district   IV  binjiang   30.1760 120.2000 0.85 0.90
XH01  西湖湖心     西湖    lake  provincial III xihu       30.2470 120.1450 0.75 0.90
XH02  少年宫      西湖    lake  city       III xihu       30.2600 120.1500 0.80 0.90
XH03  小南湖      西湖    lake  city       III xihu       30.2360 120.1390 0.78 0.90
XH04  西里湖      西湖    lake  city       III xihu       30.2460 120.1340 0.76 0.90
XS01  湘湖       湘湖    lake  city       III xiaoshan   30.1350 120.2200 0.82 0.90
XL01  闲林水库     闲林港   lake  district   II  yuhang     30.2530 120.0050 0.74 0.90 水源:闲林水库一级保护区
"""


def _stations() -> tuple[DemoStation, ...]:
    rows = []
    for line in _STATIONS.strip().splitlines():
        code, name, level, district, lat, lon, pm, no2, o3, start = line.split()
        rows.append(
            DemoStation(
                code, name, level, district, float(lat), float(lon),
                float(pm), float(no2), float(o3), dt.date.fromisoformat(start),
            )
        )  # fmt: skip
    return tuple(rows)


def _sections() -> tuple[DemoSection, ...]:
    rows = []
    for line in _SECTIONS.strip().splitlines():
        code, name, water, body, level, target, district, lat, lon, q, t, *marks = line.split()
        zone = next((m.split(":", 1)[1] for m in marks if m.startswith("水源:")), "")
        rows.append(
            DemoSection(
                code, name, water, body, level, target, district, float(lat), float(lon),
                float(q), float(t), "交接" in marks, bool(zone), zone,
            )
        )  # fmt: skip
    return tuple(rows)


# 国控 stations first: the city's official figures are their mean (HJ 663).
STATIONS: tuple[DemoStation, ...] = _stations()
SECTIONS: tuple[DemoSection, ...] = _sections()
