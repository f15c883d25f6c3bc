"""The thumbnails of the pages being scanned: drag to reorder, select to turn or delete.

Pages left out of the PDF (deleted, or found blank) stay in the list, dimmed and labelled, so that the
officer sees what was dropped and can put it back.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

from app.domain.scanning.batch import Batch, Left, PageEntry

PAGE_ID = Qt.ItemDataRole.UserRole
ICON = QSize(150, 212)


def _dimmed(image: QImage) -> QPixmap:
    pixmap = QPixmap.fromImage(image)
    painter = QPainter(pixmap)
    painter.fillRect(pixmap.rect(), QColor(255, 255, 255, 170))
    painter.end()
    return pixmap


class PageList(QListWidget):
    # The officer dragged pages into a new order: every page id, in the new order.
    sig_reordered = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanPages")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(ICON)
        self.setGridSize(QSize(ICON.width() + 24, ICON.height() + 48))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Snap)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(True)
        self.setSpacing(6)
        self._images: dict[str, QImage] = {}
        self.model().rowsMoved.connect(self._moved)

    def set_image(self, page_id: str, image: QImage) -> None:
        self._images[page_id] = image

    def forget(self) -> None:
        self._images.clear()
        self.clear()

    def ids(self) -> list[str]:
        return [str(self.item(i).data(PAGE_ID)) for i in range(self.count())]

    def selected_ids(self) -> list[str]:
        return [str(item.data(PAGE_ID)) for item in sorted(self.selectedItems(), key=self.row)]

    def show_batch(self, batch: Batch) -> None:
        """Redraw the list from the batch (order, labels, dimmed pages), keeping the selection."""
        selected = set(self.selected_ids())
        current = self.currentItem()
        current_id = str(current.data(PAGE_ID)) if current is not None else None
        self.blockSignals(True)
        self.clear()
        number = 0
        for entry in batch.pages:
            if entry.left_out is None:
                number += 1
            item = QListWidgetItem(self._label(entry, number))
            item.setData(PAGE_ID, entry.id)
            image = self._images.get(entry.id)
            if image is not None:
                item.setIcon(QIcon(_dimmed(image) if entry.left_out else QPixmap.fromImage(image)))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            item.setToolTip(self._tip(entry))
            if entry.left_out is not None:
                item.setForeground(QColor("#6b7280"))
            self.addItem(item)
            if entry.id in selected:
                item.setSelected(True)
            if entry.id == current_id:
                self.setCurrentItem(item, self.selectionCommand(self.indexFromItem(item)))
        self.blockSignals(False)

    def _label(self, entry: PageEntry, number: int) -> str:
        if entry.left_out is Left.BLANK:
            return self.tr("Trang trắng (bỏ)")
        if entry.left_out is Left.DELETED:
            return self.tr("Đã xoá")
        return self.tr("Trang {n}").format(n=number)

    def _tip(self, entry: PageEntry) -> str:
        parts = []
        if entry.skew:
            parts.append(self.tr("Đã chỉnh nghiêng {angle:.1f}°").format(angle=entry.skew))
        if entry.rotation:
            parts.append(self.tr("Đã xoay {angle}°").format(angle=entry.rotation))
        if entry.crop is not None:
            parts.append(self.tr("Đã cắt sát nội dung"))
        if entry.left_out is Left.BLANK:
            parts.append(self.tr("Trang trắng, không đưa vào tệp (Khôi phục để giữ lại)"))
        return "\n".join(parts)

    def _moved(
        self,
        parent: QModelIndex | QPersistentModelIndex,
        start: int,
        end: int,
        destination: QModelIndex | QPersistentModelIndex,
        row: int,
    ) -> None:
        self.sig_reordered.emit(self.ids())
