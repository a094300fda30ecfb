"""The MIME type of an evidence file, read from its first bytes (the file name's extension only when
the bytes say nothing): a photo renamed to .pdf is still a photo, and the viewer is chosen by what the
file is."""

from __future__ import annotations

import codecs
import mimetypes
from pathlib import Path

HEADER_BYTES = 512

OCTET_STREAM = "application/octet-stream"

# (offset, magic bytes, MIME type), the longer and more specific signatures first.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (0, b"BM", "image/bmp"),
    (0, b"II*\x00", "image/tiff"),
    (0, b"MM\x00*", "image/tiff"),
    (0, b"%PDF-", "application/pdf"),
    (0, b"\x1a\x45\xdf\xa3", "video/x-matroska"),  # Matroska / WebM (EBML header)
    (0, b"FLV\x01", "video/x-flv"),
    (0, b"\x00\x00\x01\xba", "video/mpeg"),
    (0, b"\x00\x00\x01\xb3", "video/mpeg"),
    (0, b"ID3", "audio/mpeg"),
    (0, b"#!AMR", "audio/amr"),
    (0, b"OggS", "audio/ogg"),
    (0, b"fLaC", "audio/flac"),
    (0, b"PK\x03\x04", "application/zip"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),  # old .doc / .xls
    (0, b"Rar!\x1a\x07", "application/vnd.rar"),
    (0, b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (0, b"{\\rtf", "application/rtf"),
)

# ISO base media (ftyp box at offset 4): the brand says which kind.
_FTYP_BRANDS: dict[bytes, str] = {
    b"qt  ": "video/quicktime",
    b"3gp4": "video/3gpp",
    b"3gp5": "video/3gpp",
    b"3gp6": "video/3gpp",
    b"3g2a": "video/3gpp2",
    b"M4A ": "audio/mp4",
    b"M4B ": "audio/mp4",
    b"heic": "image/heic",
    b"heix": "image/heic",
    b"mif1": "image/heif",
    b"avif": "image/avif",
}

# Containers whose inner type the extension names better (Office files are ZIP or OLE inside).
_CONTAINER_EXTENSIONS: dict[str, dict[str, str]] = {
    "application/zip": {
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ".ofd": "application/ofd",
    },
    "application/x-ole-storage": {
        ".doc": "application/msword",
        ".xls": "application/vnd.ms-excel",
        ".ppt": "application/vnd.ms-powerpoint",
        ".wps": "application/vnd.ms-works",
    },
}


def sniff_bytes(head: bytes, name: str = "") -> str:
    """The MIME type from the first bytes of a file, falling back on the name's extension."""
    mime = _by_magic(head)
    ext = Path(name).suffix.lower()
    if mime in _CONTAINER_EXTENSIONS:
        return _CONTAINER_EXTENSIONS[mime].get(ext, mime)
    if mime is not None:
        return mime
    guessed, _ = mimetypes.guess_type(name or "x", strict=False)
    if guessed:
        return guessed
    if head and _looks_like_text(head):
        return "text/plain"
    return OCTET_STREAM


def sniff_file(path: Path, name: str | None = None) -> str:
    with path.open("rb") as fh:
        head = fh.read(HEADER_BYTES)
    return sniff_bytes(head, name if name is not None else path.name)


def _by_magic(head: bytes) -> str | None:
    for offset, magic, mime in _SIGNATURES:
        if head[offset:offset + len(magic)] == magic:
            return mime
    if head[:4] == b"RIFF" and len(head) >= 12:
        form = head[8:12]
        return {b"WEBP": "image/webp", b"AVI ": "video/x-msvideo", b"WAVE": "audio/wav"}.get(form)
    if head[4:8] == b"ftyp" and len(head) >= 12:
        return _FTYP_BRANDS.get(head[8:12], "video/mp4")
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06:
        return "audio/mpeg"  # an MPEG audio frame without an ID3 tag
    if len(head) >= 189 and head[0] == 0x47 and head[188] == 0x47:
        return "video/mp2t"
    return None


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            # Not final: the header may end inside a multi-byte character.
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
            return True
        except UnicodeDecodeError:
            continue
    return False


def is_image(mime: str) -> bool:
    return mime.startswith("image/")


def is_media(mime: str) -> bool:
    """Audio or video: shown as a placeholder in lists and played with the system's player."""
    return mime.startswith(("audio/", "video/"))
