"""The screenshots command (issue #17): every main screen as a 1366×768 PNG on demo data, for README
and docs/. Run in-process on a small demo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from desktop_app.ui import screenshots


@pytest.mark.usefixtures("qapp")
def test_every_main_screen_is_written_at_1366_by_768(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    assert screenshots.main(["--data-dir", str(tmp_path / "data"), "--out", str(out), "--cases", "60"]) == 0
    pngs = sorted(out.glob("*.png"))
    names = {p.stem.split("-", 1)[1] for p in pngs}
    assert {"login", "dashboard-officer", "case-list", "decision-dialog", "statistics", "archive",
            "lock-screen", "workspace-documents", "workspace-evidence", "legal-review-queue", "workspace-parties",
            "workspace-records", "workspace-discussion", "system-users", "system-officers", "system-training",
            "system-items", "system-benchmarks", "system-calendar", "system-settings"} <= names
    for png in pngs:
        image = QImage(str(png))
        assert (image.width(), image.height()) == (1366, 768), png.name
        # not a blank page: a screen has text and frames in several colours
        colours = {image.pixel(x, y) for x in range(0, 1366, 37) for y in range(0, 768, 29)}
        assert len(colours) > 5, png.name
