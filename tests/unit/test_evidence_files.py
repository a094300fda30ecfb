"""What a look inside an evidence file finds: its MIME type from its bytes, damaged images and PDFs
flagged (never an exception), thumbnails only where Pillow can render."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from PIL import Image

from desktop_app.evidence.previews import inspect_file, render_png, thumbnail
from desktop_app.evidence.sniff import is_media, sniff_bytes, sniff_file


def jpeg_bytes(size: tuple[int, int] = (640, 480)) -> bytes:
    rnd = random.Random(7)
    img = Image.frombytes("RGB", size, bytes(rnd.getrandbits(8) for _ in range(size[0] * size[1] * 3)))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def pdf_bytes() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawString(100, 700, "evidence")
    c.showPage()
    c.save()
    return out.getvalue()


@pytest.mark.parametrize(("head", "name", "mime"), [
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "photo.bin", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n....", "x", "image/png"),
    (b"%PDF-1.7\n", "scan.jpg", "application/pdf"),  # the bytes win over the name
    (b"\x00\x00\x00\x18ftypmp42\x00\x00", "DSJ0001.MP4", "video/mp4"),
    (b"\x00\x00\x00\x14ftypqt  ", "clip.mov", "video/quicktime"),
    (b"RIFF\x00\x00\x00\x00AVI LIST", "a.avi", "video/x-msvideo"),
    (b"RIFF\x00\x00\x00\x00WAVEfmt ", "a.wav", "audio/wav"),
    (b"ID3\x04\x00", "call.mp3", "audio/mpeg"),
    (b"#!AMR\n", "rec.amr", "audio/amr"),
    (b"PK\x03\x04\x14\x00", "询问笔录.docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (b"", "notes.txt", "text/plain"),
    ("现场检查情况：".encode(), "noext", "text/plain"),
    (b"\x00\x01\x02\x03", "blob", "application/octet-stream"),
])
def test_mime_type_comes_from_the_bytes(head: bytes, name: str, mime: str) -> None:
    assert sniff_bytes(head, name) == mime


def test_media_types() -> None:
    assert is_media("video/mp4") and is_media("audio/amr") and not is_media("image/jpeg")


def test_sound_images_and_pdfs_have_no_flags(tmp_path: Path) -> None:
    for name, data in (("a.jpg", jpeg_bytes()), ("b.png", png_bytes()), ("c.pdf", pdf_bytes())):
        path = tmp_path / name
        path.write_bytes(data)
        assert inspect_file(path, sniff_file(path)).flags == ()


def test_truncated_jpeg_is_flagged_with_pillows_reason(tmp_path: Path) -> None:
    data = jpeg_bytes()
    path = tmp_path / "cut.jpg"
    path.write_bytes(data[: len(data) // 2])
    found = inspect_file(path, "image/jpeg")
    assert found.flags == ("corrupt_image",)
    assert "truncated" in found.detail


@pytest.mark.parametrize("data", [png_bytes()[:200], b"\xff\xd8\xff" + bytes(500)])
def test_damaged_images_are_flagged(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.img"
    path.write_bytes(data)
    assert inspect_file(path, sniff_file(path)).flags == ("corrupt_image",)


def test_truncated_pdf_is_flagged_by_the_strict_reader(tmp_path: Path) -> None:
    data = pdf_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    assert inspect_file(path, "application/pdf").flags == ("corrupt_pdf",)


def test_huge_images_are_not_decoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    path = tmp_path / "big.png"
    path.write_bytes(png_bytes())
    assert inspect_file(path, "image/png").flags == ("preview_too_large",)
    assert thumbnail(path, tmp_path / "cache", "a" * 64, "image/png") is None


def test_thumbnail_is_a_small_cached_png(tmp_path: Path) -> None:
    path = tmp_path / "a.jpg"
    path.write_bytes(jpeg_bytes((1600, 900)))
    thumb = thumbnail(path, tmp_path / "cache", "b" * 64, "image/jpeg")
    assert thumb is not None and thumb.suffix == ".png"
    with Image.open(thumb) as img:
        assert max(img.size) <= 160
    assert thumbnail(path, tmp_path / "cache", "b" * 64, "image/jpeg") == thumb


def test_no_preview_of_a_damaged_image_and_no_exception(tmp_path: Path) -> None:
    data = jpeg_bytes()
    path = tmp_path / "cut.jpg"
    path.write_bytes(data[: len(data) // 3])
    assert thumbnail(path, tmp_path / "cache", "c" * 64, "image/jpeg") is None
    assert not render_png(path, tmp_path / "x.png", 200, "image/jpeg")
    assert not (tmp_path / "x.png").exists()
    assert list((tmp_path / "cache").rglob("*.tmp")) == []
