"""The evidence tab's dialogs: the form for new evidence, the image viewer and the 证据清单 of the case."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from mimetypes import guess_type
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.clock import SHANGHAI, to_local
from desktop_app.domain.evidence import EVIDENCE_TYPE_LABELS, EvidenceType
from desktop_app.services import evidence as evidence_service
from desktop_app.services import officers as officers_service
from desktop_app.services import records as records_service
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.evidence import EvidenceInfo, EvidenceInput
from desktop_app.services.evidence_custody import Opened
from desktop_app.ui.widgets import TONES, FormDialog, required

MEDIA_GUESS = {"video": EvidenceType.AUDIOVISUAL, "audio": EvidenceType.AUDIOVISUAL}


def size_text(n: int) -> str:
    for unit, step in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= step:
            return f"{n / step:.1f} {unit}"
    return f"{n} B"


def when_text(moment: datetime | None) -> str:
    return to_local(moment).strftime("%Y-%m-%d %H:%M") if moment is not None else ""




# ---------------------------------------------------------------------------------------------------
# The form for new evidence


class AddEvidenceDialog(FormDialog):
    """What is known about the files (type, who collected them, when, where, with which camera); checked
    by the services before anything is copied, so a refusal keeps what was typed."""

    def __init__(self, ctx: AppContext, actor: Actor, case_id: str, files: Sequence[Path],
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("添加证据"), parent, ok_text=self.tr("导入"))
        self.setObjectName("addEvidenceDialog")
        self.ctx, self.actor, self.case_id = ctx, actor, case_id
        self.files = [Path(f) for f in files]
        names = "、".join(f.name for f in self.files[:5])
        more = self.tr("等 %1 个文件").replace("%1", str(len(self.files))) if len(self.files) > 5 else ""
        files_label = QLabel(names + more)
        files_label.setWordWrap(True)
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("evidenceType")
        self.type_combo.addItem(self.tr("（请选择）"), None)
        for kind, label in EVIDENCE_TYPE_LABELS.items():
            self.type_combo.addItem(label, kind.value)
        guess = self._guess_type()
        if guess is not None:
            self.type_combo.setCurrentIndex(self.type_combo.findData(guess.value))
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("evidenceTitle")
        self.title_edit.setPlaceholderText(self.tr("默认用文件名"))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("evidenceDescription")
        self.description_edit.setFixedHeight(64)
        now = ctx.clock.local_now()
        # 取证人 picked by name (F11): officers think of names and 执法证号, not login names
        self.collector_combo = QComboBox()
        self.collector_combo.setObjectName("collectedBy")
        for o in officers_service.list_officers(ctx, now.date()):
            if o.login and o.in_post:
                note = f"（{o.certificate_number}）" if o.certified and o.certificate_number else self.tr("（无有效执法证）")
                self.collector_combo.addItem(o.name + note, o.login)
        own = self.collector_combo.findData(actor.login)
        if own < 0:
            self.collector_combo.insertItem(0, getattr(actor, "name", "") or actor.login, actor.login)
            own = 0
        self.collector_combo.setCurrentIndex(own)
        self.when_edit = QDateTimeEdit(QDateTime(now.year, now.month, now.day, now.hour, now.minute, 0))
        self.when_edit.setObjectName("collectedAt")
        self.when_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setMaximumDateTime(QDateTime(now.year, now.month, now.day, now.hour, now.minute, 59))
        self.place_edit = QLineEdit()
        self.place_edit.setObjectName("place")
        self.device_edit = QLineEdit()
        self.device_edit.setObjectName("device")
        self.device_edit.setPlaceholderText(self.tr("视听资料默认为取证人的执法记录仪"))
        self.record_combo = QComboBox()
        self.record_combo.setObjectName("record")
        self.record_combo.addItem(self.tr("（不关联）"), None)
        for rec in records_service.list_records(ctx, actor, case_id):
            self.record_combo.addItem(f"{rec.kind_label} {when_text(rec.occurred_at)} {rec.place}", rec.id)
        self.form.addRow(self.tr("文件："), files_label)
        self.form.addRow(required(self.tr("证据类型：")), self.type_combo)
        self.form.addRow(self.tr("证据名称："), self.title_edit)
        self.form.addRow(self.tr("证据说明："), self.description_edit)
        self.form.addRow(required(self.tr("取证人：")), self.collector_combo)
        self.form.addRow(required(self.tr("取证时间：")), self.when_edit)
        self.form.addRow(self.tr("取证地点："), self.place_edit)
        self.form.addRow(self.tr("执法记录仪编号："), self.device_edit)
        self.form.addRow(self.tr("所记录的笔录："), self.record_combo)

    def _guess_type(self) -> EvidenceType | None:
        kinds = set()
        for f in self.files:
            mime = guess_type(f.name)[0] or ""
            kinds.add(MEDIA_GUESS.get(mime.split("/")[0]))
        return kinds.pop() if len(kinds) == 1 else None

    def evidence_input(self) -> EvidenceInput:
        when = self.when_edit.dateTime().toPython()
        assert isinstance(when, datetime)
        return EvidenceInput(
            type=self.type_combo.currentData() or "", title=self.title_edit.text(),
            description=self.description_edit.toPlainText(), collected_by=str(self.collector_combo.currentData() or "") or None,
            collected_at=when.replace(tzinfo=SHANGHAI), place=self.place_edit.text(),
            device=self.device_edit.text().strip() or None, record_id=self.record_combo.currentData())

    def submit(self) -> bool:
        if self.type_combo.currentData() is None:
            self.fail(self.tr("证据类型：请选择证据类型（行政处罚法第四十六条列明的八类）"))
            return False
        evidence_service.check_new_evidence(self.ctx, self.actor, self.case_id, self.evidence_input())
        return True


# ---------------------------------------------------------------------------------------------------
# Viewing


class ImageViewer(QDialog):
    """An image at window size (or 1:1), from the services' rendering of the original."""

    def __init__(self, opened: Opened, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageViewer")
        item = opened.item
        self.setWindowTitle(self.tr("证据第 %1 号：%2").replace("%1", str(item.number)).replace("%2", item.title))
        self.resize(960, 720)
        self.pixmap = QPixmap(str(opened.path)) if opened.path is not None else QPixmap()
        self.image_label = QLabel()
        self.image_label.setObjectName("image")
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if self.pixmap.isNull():
            reason = "；".join(item.flag_labels) or self.tr("该图片无法显示（原件已按原样保存）")
            self.image_label.setText(reason)
            self.image_label.setWordWrap(True)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.image_label)
        self.scroll_area.setWidgetResizable(True)
        self.fit_button = QPushButton(self.tr("原始大小"))
        self.fit_button.setObjectName("fitButton")
        self.fit_button.setCheckable(True)
        self.fit_button.toggled.connect(self._refit)
        self.fit_button.setEnabled(not self.pixmap.isNull())
        info = QLabel(self.tr("%1 · %2 · SHA-256 %3").replace("%1", item.original_name)
                      .replace("%2", size_text(item.size)).replace("%3", item.sha256))
        info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(info, 1)
        row.addWidget(self.fit_button)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(row)
        self._refit()

    def _refit(self) -> None:
        if self.pixmap.isNull():
            return
        if self.fit_button.isChecked():
            self.scroll_area.setWidgetResizable(False)
            self.image_label.setPixmap(self.pixmap)
            self.image_label.adjustSize()
        else:
            self.scroll_area.setWidgetResizable(True)
            area = self.scroll_area.viewport().size() - QSize(4, 4)
            self.image_label.setPixmap(self.pixmap.scaled(area, Qt.AspectRatioMode.KeepAspectRatio,
                                                          Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._refit()


class EvidenceListDialog(QDialog):
    """证据清单 for the case file: every item in its order, media with their hashes (procedure.md)."""

    HEADERS = ("序号", "证据名称", "证据类型", "说明", "取证人", "取证时间", "取证地点", "文件名", "大小", "SHA-256")

    def __init__(self, items: Sequence[EvidenceInfo], case_number: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceListDialog")
        self.setWindowTitle(self.tr("证据清单"))
        self.resize(1100, 520)
        heading = QLabel(self.tr("证据清单　案号：%1").replace("%1", case_number or self.tr("（未立案）")))
        heading.setObjectName("heading")
        self.table = QTableWidget(len(items), len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, item in enumerate(items):
            title = item.title
            if item.removed:
                title = self.tr("%1（已删除：%2）").replace("%1", item.title).replace("%2", item.removal_reason or "")
            cells = [str(item.number), title, item.type_label, item.description, item.collected_by_name,
                     when_text(item.collected_at), item.place, item.original_name, size_text(item.size), item.sha256]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if item.removed:
                    cell.setForeground(QBrush(QColor(TONES["muted"][1])))
                self.table.setItem(r, c, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(len(self.HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        copy = QPushButton(self.tr("复制清单"))
        copy.setObjectName("copyButton")
        copy.clicked.connect(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(copy)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def as_text(self) -> str:
        """Tab-separated, for pasting into Word or Excel."""
        lines = ["\t".join(self.tr(h) for h in self.HEADERS)]
        for r in range(self.table.rowCount()):
            cells = (self.table.item(r, c) for c in range(self.table.columnCount()))
            lines.append("\t".join(cell.text() if cell is not None else "" for cell in cells))
        return "\n".join(lines)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.as_text())
