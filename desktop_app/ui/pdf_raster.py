"""PDF pages to PNG with QtPdf (PDFium inside Qt): the same renderer on Linux and Windows, no external
program. Used by the CLI's `document pages` and by the documents tab's preview fallback."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

DEFAULT_DPI = 110

_app: QApplication | None = None


def ensure_gui_application() -> None:
    """QImage and QtPdf need a Qt GUI application; a command-line run makes an offscreen one — a
    QApplication, so that widgets can still be made in the same process afterwards."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    args = ["enforcement-desk"]
    if not os.environ.get("QT_QPA_PLATFORM"):
        args += ["-platform", "offscreen"]
    _app = QApplication(args)


class PdfPages:
    """A loaded PDF whose pages can be drawn at any resolution."""

    def __init__(self, data: bytes) -> None:
        ensure_gui_application()
        self._bytes = QByteArray(data)
        self._buffer = QBuffer()
        self._buffer.setData(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            raise ValueError(f"无法读取 PDF：{self.document.error()}")

    @property
    def count(self) -> int:
        return int(self.document.pageCount())

    def image(self, page: int, dpi: int = DEFAULT_DPI) -> QImage:
        """The page on white (PDFium leaves the paper transparent)."""
        size = self.document.pagePointSize(page)
        px = QSize(max(1, round(size.width() * dpi / 72)), max(1, round(size.height() * dpi / 72)))
        rendered = self.document.render(page, px)
        page_image = QImage(px, QImage.Format.Format_RGB32)
        page_image.fill(QColor("white"))
        painter = QPainter(page_image)
        painter.drawImage(0, 0, rendered)
        painter.end()
        return page_image

    def close(self) -> None:
        self.document.close()
        self._buffer.close()


def rasterise(data: bytes, out_dir: Path, stem: str, dpi: int = DEFAULT_DPI) -> list[Path]:
    """Write every page as out_dir/<stem>-p<N>.png; returns the files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = PdfPages(data)
    try:
        written = []
        for i in range(pages.count):
            path = out_dir / f"{stem}-p{i + 1}.png"
            if not pages.image(i, dpi).save(str(path)):  # the format follows the .png suffix
                raise OSError(f"无法写入 {path}")
            written.append(path)
        return written
    finally:
        pages.close()
