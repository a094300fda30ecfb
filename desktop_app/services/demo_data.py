"""Realistic, reproducible demo data (演示数据): names, valid identifiers, addresses in 文水县.
Pure functions of a random.Random, so the same seed gives the same data."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段"
GIVEN = "建国志强海军丽娟桂英秀兰玉梅国庆文斌晓东红霞俊杰淑芬振华永刚春生金花宏伟丽萍德胜明亮晓燕云峰凤英瑞林宝山"
VILLAGES = ["刘胡兰村", "保贤村", "大象村", "南胡家堡村", "北胡家堡村", "东堡村", "西堡村", "南庄村", "北庄村",
            "武度村", "赵家庄村", "石侯村"]
BUSINESSES = ["养殖有限公司", "建材有限公司", "餐饮店", "商贸有限公司", "运输有限公司", "农业专业合作社",
              "建筑工程有限公司", "再生资源回收站", "食品加工厂", "汽车修理部"]
BRANDS = ["汾河", "吕梁", "文峪", "胡兰", "鑫源", "宏达", "兴旺", "金穗", "晋阳", "瑞丰", "永盛", "恒通"]

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def demo_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def person_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def resident_id(rng: random.Random, *, place: str = "141121", born_after: int = 1950, born_before: int = 2004) -> str:
    """A valid 居民身份证号 (GB 11643-1999 check digit, a real birth date)."""
    start = date(born_after, 1, 1)
    days = (date(born_before, 12, 31) - start).days
    born = start + timedelta(days=rng.randrange(days))
    body = f"{place}{born:%Y%m%d}{rng.randrange(1000):03d}"
    total = sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def credit_code(rng: random.Random, *, place: str = "141121") -> str:
    """A valid 统一社会信用代码: 9 (市场监管) 1/2/3 (企业/个体/合作社), place, 9-char organisation code
    with its own GB 11714 check, and the GB 32100-2015 check character."""
    kind = rng.choice("123")
    org = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    values = [int(c, 36) for c in org]
    c9 = 11 - sum(v * w for v, w in zip(values, ORG_WEIGHTS, strict=True)) % 11
    org += {10: "X", 11: "0"}.get(c9, str(c9))
    body = f"9{kind}{place}{org}"
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    return body + USCC_CHARS[(31 - total % 31) % 31]


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"


def address(rng: random.Random) -> str:
    return f"文水县刘胡兰镇{rng.choice(VILLAGES)}{rng.randrange(1, 200)}号"


def organisation_name(rng: random.Random) -> str:
    return f"文水县{rng.choice(BRANDS)}{rng.choice(BUSINESSES)}"
