"""Fonts for the PDFs: the official Windows faces when the PC has them, else the bundled free ones.

domain/documents.md §0 and fonts-and-qt.md: body 仿宋 (FangSong, simfang.ttf) where Windows has it, else
the bundled Song (AR PL UMing); titles and headings in a Hei face (SimHei, else WenQuanYi Zen Hei) —
no 小标宋 ships with Windows, and a Hei title is the usual substitute. Page numbers are 宋体.

Every face is a TrueType font that reportlab embeds as a subset; nothing falls back to a base-14 font.
Registration costs about 0.25 s per face, so it happens once per process and only when first needed.
"""

from __future__ import annotations

import logging
import os
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.paths import resource

logger = logging.getLogger(__name__)

# Streams Flate-compressed only, without the ASCII85 layer: binary-safe PDFs are the norm, and encoding
# embedded font subsets in pure Python ASCII85 took a fifth of a document's render time.
rl_config.useA85 = 0


class _FastDeflate:
    """zlib for reportlab's streams at level 1: compressing the embedded CJK font subsets at the default
    level was a third of a document's render time; level 1 makes files about a tenth larger."""

    @staticmethod
    def compress(data: bytes, level: int = 1) -> bytes:
        return zlib.compress(data, 1)

    def __getattr__(self, name: str) -> object:
        return getattr(zlib, name)


pdfdoc.zlib = _FastDeflate()

# The choice is a setting (documents.fonts): "auto" uses the Windows fonts when all are present.
FONT_CHOICES = ("auto", "bundled", "windows")

BUNDLED_SONG = ("fonts", "uming.ttc")
BUNDLED_HEI = ("fonts", "wqy-zenhei.ttc")


@dataclass(frozen=True)
class FontSet:
    """Registered reportlab font names by role."""

    body: str  # 仿宋 (or the Song substitute): letters and cells
    song: str  # 宋体: page numbers, small print
    hei: str  # 黑体: titles, headings, labels that stand out
    source: str  # "bundled" | "windows"

    def fallbacks(self, name: str) -> tuple[str, ...]:
        """Faces to try, in order, for a character the given face lacks."""
        order = [name, self.body, self.song, self.hei]
        return tuple(dict.fromkeys(order))


_lock = threading.Lock()
_registered: dict[tuple[str, str], str] = {}
_sets: dict[str, FontSet] = {}


def windows_fonts_dir() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def _windows_files(folder: Path) -> dict[str, Path] | None:
    wanted = {"song": "simsun.ttc", "body": "simfang.ttf", "hei": "simhei.ttf"}
    found: dict[str, Path] = {}
    for role, name in wanted.items():
        candidates = [folder / name, folder / name.upper(), folder / name.capitalize()]
        hit = next((c for c in candidates if c.is_file()), None)
        if hit is None:
            return None
        found[role] = hit
    return found


def _register(alias: str, path: Path) -> str:
    """Register one face (face 0 of a .ttc) under a stable name; returns the name."""
    key = (alias, str(path))
    name = _registered.get(key)
    if name is not None:
        return name
    name = f"ED-{alias}"  # one path per alias in a process
    font = TTFont(name, str(path), subfontIndex=0) if path.suffix.lower() == ".ttc" else TTFont(name, str(path))
    _memoise_tables(font)
    pdfmetrics.registerFont(font)
    _registered[key] = name
    return name


def _memoise_tables(font: TTFont) -> None:
    """reportlab copies each table out of the whole font file (21 MB for UMing) every time it makes a
    subset; the tables never change, so keep the copies (per face, for the process)."""
    face = font.face
    original = face.get_table
    tables: dict[str, bytes] = {}

    def get_table(tag: str) -> bytes:
        found = tables.get(tag)
        if found is None:
            found = tables[tag] = original(tag)
        return found

    face.get_table = get_table


def font_set(choice: str = "auto") -> FontSet:
    """The fonts for a setting value; registered on first use, cached for the process."""
    if choice not in FONT_CHOICES:
        raise ValueError(f"未知的字体设置“{choice}”，应为 {'、'.join(FONT_CHOICES)}")
    with _lock:
        cached = _sets.get(choice)
        if cached is not None:
            return cached
        windows = _windows_files(windows_fonts_dir()) if choice in ("auto", "windows") else None
        if choice == "windows" and windows is None:
            logger.warning("Windows fonts not found in %s; using the bundled fonts", windows_fonts_dir())
        if windows is not None:
            try:
                fs = FontSet(body=_register("FangSong", windows["body"]), song=_register("SimSun", windows["song"]),
                             hei=_register("SimHei", windows["hei"]), source="windows")
            except Exception:  # a damaged or unexpected system font must not stop documents
                logger.exception("could not load the Windows fonts; using the bundled fonts")
                windows = None
        if windows is None:
            song = _register("Song", resource(*BUNDLED_SONG))
            hei = _register("Hei", resource(*BUNDLED_HEI))
            fs = FontSet(body=song, song=song, hei=hei, source="bundled")
        _sets[choice] = fs
        return fs


_widths: dict[str, tuple[dict[int, int], int, dict[int, int]]] = {}


def font_metrics(name: str) -> tuple[dict[int, int], int, dict[int, int]]:
    """(advance widths by code point in 1/1000 em, the default width, the cmap) of a registered face."""
    found = _widths.get(name)
    if found is None:
        font = pdfmetrics.getFont(name)
        face = font.face
        found = (face.charWidths, int(face.defaultWidth), face.charToGlyph)
        _widths[name] = found
    return found


def has_glyph(name: str, ch: str) -> bool:
    return ord(ch) in font_metrics(name)[2]


def char_width(name: str, ch: str, size: float) -> float:
    widths, default, _ = font_metrics(name)
    return widths.get(ord(ch), default) * size / 1000.0


def text_width(name: str, text: str, size: float) -> float:
    widths, default, _ = font_metrics(name)
    return sum(widths.get(ord(c), default) for c in text) * size / 1000.0
