"""Issue 16: health was shown by colour alone. Each level has a shape of its own, wherever its
colour is shown, and its word in the tooltip and the accessible text."""

from __future__ import annotations

from itertools import combinations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage

from journal.overview import NO_CUE
from ui.style import SEVERITY_WORDS, severity_dot, severity_word
from ui.views.client_list import CLIENT_ID_ROLE, ClientListModel

LEVELS = sorted(SEVERITY_WORDS)


def _shape(severity: int) -> list[bool]:
    """Which pixels the mark covers: its shape, whatever its colour."""
    image = severity_dot(severity, 24).pixmap(24, 24).toImage()
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return [
        image.pixelColor(x, y).alpha() > 128
        for y in range(image.height())
        for x in range(image.width())
    ]


def test_each_level_has_its_own_shape(qapp) -> None:
    shapes = {level: _shape(level) for level in LEVELS}
    assert NO_CUE in shapes and len(shapes) == 4
    for one, other in combinations(LEVELS, 2):
        differ = sum(a != b for a, b in zip(shapes[one], shapes[other], strict=True))
        # A twentieth of the icon at least: told apart at a glance, not by a stray pixel.
        assert differ >= len(shapes[one]) // 20, (one, other, differ)


def test_the_client_list_names_each_clients_health(window) -> None:
    panel = window.client_list
    proxy = panel.proxy
    seen = set()
    for row in range(proxy.rowCount()):
        index = proxy.index(row, ClientListModel.HEALTH)
        client = panel.model.client_row(panel.model.row_of(index.data(CLIENT_ID_ROLE)))
        assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
        for role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            said = index.data(role)
            if client.open_cues:
                assert severity_word(client.severity) in said, said
            else:
                assert "nothing needs attention" in said
        seen.add(client.severity)
    assert len(seen) >= 2  # the demo has calm and worried clients


def test_today_paints_each_line_with_its_levels_shape(window, monkeypatch) -> None:
    """Today draws its marks through the one painter of shapes, level by level."""
    import ui.views.today as today

    painted: list[int] = []
    real = today.paint_severity

    def record(painter, rect: QRectF, severity: int) -> None:
        painted.append(int(severity))
        real(painter, rect, severity)

    monkeypatch.setattr(today, "paint_severity", record)
    window.show_today()
    window.today.grab()
    model = window.today.list.model()
    shown = [model.index(row, 0).data(today.ITEM_ROLE) for row in range(model.rowCount())]
    assert shown and painted
    assert set(painted) <= {int(item.severity) for item in shown}
    first = model.index(0, 0)
    assert severity_word(shown[0].severity) in first.data(Qt.ItemDataRole.AccessibleTextRole)


def test_evidence_in_the_timeline_reads_without_colour(window, monkeypatch) -> None:
    """An entry that is evidence of an open cue has its level's mark in the gutter, drawn by
    the one painter of shapes, and says so in words to a screen reader."""
    import ui.views.timeline.painter as timeline_painter

    painted: list[int] = []
    real = timeline_painter.paint_severity

    def record(painter, rect: QRectF, severity: int) -> None:
        painted.append(int(severity))
        real(painter, rect, severity)

    monkeypatch.setattr(timeline_painter, "paint_severity", record)
    model = window.timeline.model
    lists = window.client_list.model
    rows = [lists.client_row(number) for number in range(lists.rowCount())]
    client = next(row.id for row in rows if row.open_cues and row.severity >= 2)
    window.open_client(client)
    window.timeline.grab()
    assert model.bands, "the demo's worried client has evidence in her timeline"
    assert painted and set(painted) <= {int(level) for level in model.bands.values()}
    said = [
        model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole)
        for row in range(model.rowCount())
    ]
    evidence = [text for text in said if "evidence of a cue" in text]
    assert len(evidence) == len(model.bands)
    assert all(any(severity_word(level) in text for level in LEVELS) for text in evidence)


def test_the_chart_marks_each_cue_with_its_levels_shape(qapp, monkeypatch) -> None:
    """On paper, printed in grey, a cue's level is its marker's shape."""
    import datetime as dt

    from PySide6.QtGui import QPainter

    import ui.views.feeling_chart as chart
    from journal.reports.chart import ChartData, CueMarker

    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    cues = tuple(
        CueMarker(start + dt.timedelta(days=10 * level), "neglect", level) for level in (1, 2, 3)
    )
    data = ChartData(start, start + dt.timedelta(days=40), (), (), cues)
    shaped: list[int] = []
    real = chart.severity_shape

    def record(rect: QRectF, severity: int):
        shaped.append(int(severity))
        return real(rect, severity)

    monkeypatch.setattr(chart, "severity_shape", record)
    image = QImage(600, 240, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    chart.paint_feeling_chart(painter, QRectF(0, 0, 600, 240), data)
    painter.end()
    assert shaped == [1, 2, 3]
