"""Pinyin order of names (按拼音排序): what Chinese office users expect of a list sorted by 当事人 —
Excel and WPS sort Chinese text by pinyin — instead of Unicode code point order (丁, 万, 于, 任 …).

SQLite has no Chinese collation, and a collation function called per comparison would be far too slow
for 100,000 cases; so the services store this key next to the names and the list sorts by the key
(one index, the same on PostgreSQL).

Readings come from pypinyin. Some characters read differently as a surname (单 shàn, 曾 zēng, 解 xiè …):
the first character of a name of a person (2 to 4 characters, as in a 居民身份证) is read as a surname."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

# Surnames whose reading differs from the character's commonest one (《百家姓》 readings).
SURNAME_READINGS: dict[str, str] = {
    "单": "shan4", "曾": "zeng1", "解": "xie4", "仇": "qiu2", "朴": "piao2", "查": "zha1", "区": "ou1",
    "盖": "ge3", "乐": "yue4", "缪": "miao4", "覃": "qin2", "翟": "zhai2", "召": "shao4", "折": "she2",
    "尉": "yu4", "员": "yun4", "繁": "po2", "种": "chong2", "柏": "bai3", "秘": "bi4", "黑": "he4",
    "华": "hua4", "任": "ren2", "那": "na1", "冼": "xian3", "燕": "yan1", "纪": "ji3", "沈": "shen3",
}

# Names in party_names are joined by this (services/cases/register.py)
NAME_SEPARATOR = "、"
# A person's name on a 居民身份证 has 2 to 4 characters; longer text is an organisation.
PERSON_NAME_LENGTHS = range(2, 5)


def _is_chinese(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _name_key(name: str) -> str:
    syllables = lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True)
    if (len(name) in PERSON_NAME_LENGTHS and all(_is_chinese(ch) for ch in name)
            and name[0] in SURNAME_READINGS and syllables):
        syllables[0] = SURNAME_READINGS[name[0]]
    # Space between syllables sorts before any letter: 张 (zhang1) before 张三 (zhang1 san1).
    return " ".join(s.lower() for s in syllables)


def pinyin_sort_key(names: str) -> str:
    """The sort key of one or more names joined by "、": pinyin with tone numbers, syllable by syllable,
    then the text itself so that homophones keep a stable order. Latin letters and digits stay as they
    are (lower-cased), so "ABC公司" sorts among the a's."""
    parts = [p.strip() for p in names.split(NAME_SEPARATOR) if p.strip()]
    return " / ".join(_name_key(p) for p in parts) + "\x1f" + names
