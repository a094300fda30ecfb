"""What a look inside an evidence file finds, and the pictures made from it.

The original bytes are the evidence: a truncated photo or a damaged PDF is stored as it came, only
flagged (Pillow: "image file is truncated"; pypdf in strict mode). Thumbnails and viewer images are
disposable PNG renderings in a cache folder, made by Pillow alone (never by the GUI's decoder from a
damaged original), and a file that cannot be rendered gives no picture — never an exception."""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from desktop_app.evidence.sniff import is_image

logger = logging.getLogger(__name__)

THUMBNAIL_SIZE = 160
VIEWER_SIZE = 2400
PDF_CHECK_LIMIT = 512 * 1024 * 1024  # larger PDFs are not parsed at import (still stored)

# Formats Pillow decodes itself: a failure to decode one of these means the file is damaged. Others
# (HEIC without a plugin …) are simply not previewed.
CHECKED_IMAGES = frozenset({"image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff", "image/webp"})


@dataclass(frozen=True)
class Inspection:
    flags: tuple[str, ...] = ()
    detail: str = ""


def inspect_file(path: Path, mime: str) -> Inspection:
    """Flags for a stored file: corrupt_image, corrupt_pdf, preview_too_large (or none)."""
    if mime in CHECKED_IMAGES:
        return _inspect_image(path)
    if mime == "application/pdf":
        return _inspect_pdf(path)
    return Inspection()


def _inspect_image(path: Path) -> Inspection:
    # No warnings.catch_warnings here: it changes process-wide state and this runs in worker threads.
    # Pillow refuses images past 2 × MAX_IMAGE_PIXELS (DecompressionBombError) and warns below that.
    try:
        with Image.open(path) as img:
            img.verify()  # structure and checksums (PNG CRCs)
        with Image.open(path) as img:
            img.draft("RGB", (1024, 1024))  # JPEG: decode at a reduced scale, still every byte
            img.load()  # "image file is truncated" shows here
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        return Inspection(("preview_too_large",), str(exc))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        # Pillow reports damage as OSError ("image file is truncated"), SyntaxError (broken PNG
        # chunks), or cannot identify a file whose signature said it was an image.
        return Inspection(("corrupt_image",), str(exc) or type(exc).__name__)
    return Inspection()


def _inspect_pdf(path: Path) -> Inspection:
    if path.stat().st_size > PDF_CHECK_LIMIT:
        return Inspection()
    from pypdf import PdfReader

    try:
        reader = PdfReader(path, strict=True)
        if reader.is_encrypted:
            return Inspection()  # stored as it is; its pages can't be read without the password
        for page in reader.pages:
            _ = page.mediabox
            page.get_contents()
    except Exception as exc:  # pypdf raises many kinds for damaged files; any of them means damaged
        return Inspection(("corrupt_pdf",), str(exc) or type(exc).__name__)
    return Inspection()


def render_png(source: Path, dest: Path, max_side: int, mime: str = "image/jpeg") -> bool:
    """Render an image file into a PNG at most `max_side` pixels wide and high (EXIF rotation applied);
    False, with nothing written, when it can't be rendered."""
    if not is_image(mime):
        return False
    tmp = dest.with_name(f".{dest.name}.{os.urandom(4).hex()}.tmp")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with Image.open(source) as img:
            img.draft("RGB", (max_side, max_side))
            shown = ImageOps.exif_transpose(img)
            shown.thumbnail((max_side, max_side))
            if shown.mode not in ("RGB", "RGBA", "L", "LA"):
                shown = shown.convert("RGBA" if "A" in shown.getbands() else "RGB")
            shown.save(tmp, format="PNG")
        os.replace(tmp, dest)
        return True
    except Exception as exc:  # a damaged or unknown image: no picture, a placeholder instead
        logger.info("no preview for %s: %s", source.name, exc)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return False


def thumbnail(source: Path, cache: Path, sha256: str, mime: str, size: int = THUMBNAIL_SIZE) -> Path | None:
    """The cached thumbnail of a stored image (made when missing); None when there is none."""
    dest = cache / sha256[:2] / f"{sha256}-{size}.png"
    if dest.is_file():
        return dest
    if not source.is_file():
        return None
    return dest if render_png(source, dest, size, mime) else None


def viewer_image(source: Path, cache: Path, sha256: str, mime: str, size: int = VIEWER_SIZE) -> Path | None:
    """A PNG of the image for the viewer; None when the image can't be rendered."""
    return thumbnail(source, cache, sha256, mime, size)
