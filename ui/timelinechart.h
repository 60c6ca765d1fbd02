// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline.h"

#include <QWidget>

#include <optional>
#include <utility>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QValueAxis;

namespace ShimScope
{

/**
 * Exec activity over time, one line per container in its colour and one for the host, with a legend.
 *
 * The only class that knows Qt Charts (deprecated upstream since 6.10): everything else talks to this widget in
 * case terms (nanosecond ranges, container references), so another chart engine can replace it here alone.
 * Dragging across the chart zooms to that range and reports it (rangeSelected); Reset shows the whole case again.
 */
class TimelineChart : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineChart(QWidget* parent = nullptr);
    ~TimelineChart() override;

    /// Shows a timeline (replacing the current one). An empty timeline shows a hint instead of a chart.
    void setTimeline(const Timeline& timeline);
    void clear();
    /// The range the user zoomed to, if any.
    std::optional<std::pair<int64_t, int64_t>> selectedRange() const { return m_selected; }
    int seriesCount() const;
    /// Zooms to a range as if the user had dragged across it (for tests and keyboard use).
    void selectRange(int64_t fromNs, int64_t toNs);

public Q_SLOTS:
    /// Shows the whole timeline again and clears the selected range.
    void resetZoom();
    void zoomIn();
    void zoomOut();

Q_SIGNALS:
    void rangeSelected(qint64 fromNs, qint64 toNs);
    void rangeCleared();

protected:
    void changeEvent(QEvent* event) override;

private:
    void onAxisRangeChanged();
    void applyChartTheme();

    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QDateTimeAxis* m_timeAxis = nullptr;
    QValueAxis* m_countAxis = nullptr;
    QLabel* m_hint = nullptr;
    Timeline m_timeline;
    std::optional<std::pair<int64_t, int64_t>> m_selected;
    bool m_settingRange = false; ///< the axis changes because of setTimeline/reset, not the user
};

} // namespace ShimScope
