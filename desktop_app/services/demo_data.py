"""Realistic, reproducible demo data (演示数据): names, valid identifiers, addresses in 文水县, what
officers write in a 笔录 and the scene photos they take. Pure functions of a random.Random, so the same
seed gives the same data (the photos the same bytes)."""

from __future__ import annotations

import random
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


# uuid.UUID(int=…, version=4) without the object: variant 10 and version 4 set in the bits, the same
# text as str(uuid.UUID(int=bits, version=4)) (a demo of 100,000 cases draws some two million ids).
_UUID_CLEAR = ~((0xC000 << 48) | (0xF000 << 64))
_UUID_SET = (0x8000 << 48) | (4 << 76)


def demo_uuid(rng: random.Random) -> str:
    h = "%032x" % ((rng.getrandbits(128) & _UUID_CLEAR) | _UUID_SET)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def demo_uuid7(rng: random.Random, ms: int) -> str:
    """A UUIDv7 (RFC 9562: 48 bits of Unix time in milliseconds, the version, the variant, then random
    bits, here from the seed), stamped with a moment of the demo's story. Demo cases are written in
    the order of time, so their ids — and the case ids their rows refer to — grow as they are inserted:
    every index on them is appended to instead of being written all over (at 100,000 cases the random
    keys of version 4 ids cost a fifth of the time, in pages read back and written again). To the
    program an id is an opaque string either way."""
    r = rng.getrandbits(74)
    h = "%032x" % ((ms & 0xFFFFFFFFFFFF) << 80 | 7 << 76 | (r >> 62) << 64 | 2 << 62 | (r & (1 << 62) - 1))
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


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


# ---------------------------------------------------------------------------------------------------
# Evidence and 笔录 of demo cases: scene photos and what officers write down.

# The scene an item's photos show and its 笔录 describe, by the item code's letters (GH 规划建设 …).
SCENE_OF_PREFIX = {"GH": "building", "TD": "field", "DQ": "smoke", "GF": "garbage", "SR": "street", "XQ": "farm",
                   "ZS": "noise", "NY": "field", "LY": "field", "SL": "field", "XF": "shop", "GL": "street",
                   "WH": "shop"}
SCENES = ("building", "field", "smoke", "garbage", "farm", "street")  # the scenes photographed
PHOTO_TITLES = {"building": "违法建设现场照片", "field": "占用（毁坏）土地现场照片", "smoke": "焚烧现场照片",
                "garbage": "垃圾倾倒现场照片", "farm": "养殖场现场照片", "street": "现场照片", "noise": "现场照片",
                "shop": "经营场所现场照片"}
# What the officers saw, by scene ({a} {b} {h} {k}: measured lengths, widths, heights and counts).
SCENE_FINDINGS: dict[str, tuple[str, ...]] = {
    "building": ("现场可见砖混结构房屋一处，主体已封顶，正在进行内部装修",
                 "经使用手持激光测距仪测量，该建筑东西长约{a}米、南北宽约{b}米、檐口高约{h}米",
                 "现场堆放有水泥、红砖、钢筋等建筑材料，有{k}名工人正在施工",
                 "当事人未能出示乡村建设规划许可证或其他审批文件",
                 "建筑西侧搭建有彩钢板棚一处，长约{b}米、宽约{h}米"),
    "field": ("现场地表原有植被已被破坏，可见明显的机械挖掘痕迹，挖掘深度约{h}米",
              "经使用测距仪及卷尺测量，受损地块东西长约{a}米、南北宽约{b}米",
              "现场停放挖掘机{k}台，检查时已停止作业",
              "地块四周无任何审批公示牌，现场堆有挖出的土方约{k}堆",
              "现场可见新近砍伐的树桩，树桩直径约{h}0厘米"),
    "smoke": ("现场地面有大面积过火痕迹，可见焚烧后的灰烬和未燃尽的秸秆",
              "检查时现场仍有余烟冒出，周边可闻到明显的焦糊气味",
              "经测量，过火区域长约{a}米、宽约{b}米",
              "焚烧点距最近的民房约{a}米，距乡村道路约{b}米",
              "现场留有焚烧用的打火机{k}个及编织袋若干"),
    "garbage": ("现场堆放有生活垃圾、建筑垃圾，散发明显异味",
                "经使用卷尺测量，垃圾堆长约{a}米、宽约{b}米、高约{h}米",
                "垃圾中混有碎砖、废弃装修材料及塑料制品，周边地面有车辆碾压痕迹",
                "现场附近停放有三轮运输车{k}辆，车斗内仍有残留垃圾",
                "垃圾堆放处紧邻排水渠，部分垃圾已滑入渠内"),
    "farm": ("养殖场内建有圈舍{k}栋，未见粪污贮存池、沼气池等污染防治配套设施",
             "场区外排水沟内可见粪污，颜色发黑，有明显恶臭",
             "经测量，粪污排放口距村南排水渠约{a}米，排放痕迹长约{b}米",
             "场内存栏情况与当事人陈述基本一致，现场未见无害化处理设备",
             "圈舍后侧堆放有未经处理的粪便约{k}0立方米"),
    "street": ("检查时违法行为仍在持续，周边商户反映该情况已持续多日",
               "现场情况与群众反映的内容基本一致",
               "经使用卷尺测量，涉及范围长约{a}米、宽约{b}米",
               "当事人未能出示相关审批手续或证明文件",
               "现场有群众围观，执法人员维持了现场秩序"),
    "noise": ("检查时现场设置有音响（广播喇叭）设备{k}台，正在使用",
              "执法人员在距声源约{a}米的居民楼下仍可清晰听到声音",
              "周边居民反映该噪声已持续多日，影响正常休息",
              "当事人未能出示夜间施工证明等相关文件"),
    "shop": ("现场为当事人经营的营业场所，营业面积约{a}0平方米",
             "检查时该场所正在营业，场内有顾客{k}名",
             "当事人未能出示相关管理制度及检查记录",
             "现场情况与群众反映的内容基本一致"),
}
# Scenes described in words only: their photos are of the street.
PHOTO_SCENE = {"noise": "street", "shop": "street"}
CLOSINGS = ("执法人员当场责令当事人立即停止违法行为，并告知其配合后续调查。",
            "执法人员当场送达了责令改正通知，当事人表示将配合调查。",
            "执法人员告知当事人在调查期间不得转移、毁坏现场物品。",
            "检查结束后，执法人员将现场检查情况告知当事人。")
REFUSALS = ("当事人拒绝签名，由见证人（村委会工作人员）签名见证，执法人员全程执法记录仪录像",
            "当事人以不认可检查结果为由拒绝签名，执法人员已全程录像并注明情况")
INTERVIEW_PLACES = ("刘胡兰镇综合行政执法队询问室", "刘胡兰镇人民政府二楼调解室", "当事人家中")
HOW_ANSWERS = ("没有办理任何手续。", "当时不知道需要审批，所以没有办理手续。", "向村委会口头说过，但没有拿到批准文件。")
KNOW_ANSWERS = ("现在知道了，我愿意配合调查并尽快整改。", "以前不清楚，经你们讲解现在知道了。", "知道一些，但当时没有在意。")
LAST_ANSWERS = ("没有了。", "希望政府能从轻处理，我会尽快改正。", "没有补充的了，我会按要求整改。")


def scene_of(item_code: str) -> str:
    return SCENE_OF_PREFIX.get(item_code.split("-")[0], "street")


def scene_findings(rng: random.Random, scene: str) -> list[str]:
    """Two or three of the scene's findings with measurements (in the order written)."""
    chosen = rng.sample(SCENE_FINDINGS[scene], rng.choice((2, 3)))
    return [f.format(a=rng.randint(6, 40), b=rng.randint(3, 20), h=rng.randint(2, 8), k=rng.randint(2, 6))
            for f in chosen]


def scene_photo(rng: random.Random, scene: str, size: tuple[int, int] = (640, 480)) -> bytes:
    """A small JPEG of a scene as a body camera sees it (sky, ground and the scene's objects, drawn
    from the random draws alone, so the same seed gives the same bytes)."""
    import io

    from PIL import Image, ImageDraw

    w, h = size
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    horizon = int(h * rng.uniform(0.35, 0.5))
    top = (rng.randint(120, 170), rng.randint(160, 200), rng.randint(210, 240))
    for y in range(horizon):  # a hazy sky, lighter towards the horizon
        t = y / max(1, horizon)
        draw.line([(0, y), (w, y)], fill=tuple(int(c + (235 - c) * t) for c in top))
    ground = {"field": (122, 98, 62), "farm": (110, 96, 70), "smoke": (70, 62, 50)}.get(scene, (128, 124, 116))
    draw.rectangle([0, horizon, w, h], fill=ground)
    for _ in range(220):  # texture: stones, soil, patches
        x, y = rng.randrange(w), rng.randrange(horizon, h)
        r = rng.randint(1, 4)
        shade = rng.randint(-25, 25)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(max(0, min(255, c + shade)) for c in ground))
    if scene in ("building", "street", "farm"):
        for _ in range(rng.randint(1, 3)):
            bw, bh = rng.randint(w // 4, w // 2), rng.randint(h // 4, h // 2)
            x0 = rng.randrange(0, w - bw)
            y1 = horizon + rng.randint(40, 160)
            wall = (rng.randint(150, 200), rng.randint(80, 120), rng.randint(60, 90)) if scene != "street" else (
                rng.randint(180, 220), rng.randint(180, 220), rng.randint(170, 210))
            draw.rectangle([x0, y1 - bh, x0 + bw, y1], fill=wall, outline=(60, 50, 45))
            for row in range(y1 - bh + 8, y1 - 8, 14):  # brick courses or windows
                draw.line([(x0, row), (x0 + bw, row)], fill=(max(0, wall[0] - 40), wall[1] - 30, wall[2] - 20))
            if scene == "building":
                draw.polygon([(x0 - 6, y1 - bh), (x0 + bw // 2, y1 - bh - bh // 3), (x0 + bw + 6, y1 - bh)],
                             fill=(90, 110, 140))
    if scene == "smoke":
        for _ in range(12):
            x, y = rng.randrange(w // 4, 3 * w // 4), rng.randrange(horizon // 3, horizon + 40)
            r = rng.randint(20, 60)
            g = rng.randint(110, 170)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=(g, g, g))
    if scene in ("garbage", "field"):
        for _ in range(rng.randint(4, 9)):
            x, y = rng.randrange(w), rng.randrange(horizon + 30, h)
            r = rng.randint(40, 120)
            color = (rng.randint(60, 200), rng.randint(60, 200), rng.randint(60, 200)) if scene == "garbage" \
                else (rng.randint(140, 170), rng.randint(110, 130), rng.randint(70, 90))
            draw.pieslice([x - r, y - r // 2, x + r, y + r // 2], 180, 360, fill=color)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=82, optimize=False)
    return out.getvalue()
