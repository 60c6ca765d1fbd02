// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinechart.h"

#include "containerpalette.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QStackedLayout>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>

namespace ShimScope
{

namespace
{
constexpr int64_t kNsPerMs = 1000000;

QDateTime toDateTime(int64_t ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns / kNsPerMs, Qt::UTC);
}

int64_t toNs(const QDateTime& time)
{
    return time.toMSecsSinceEpoch() * kNsPerMs;
}

QString axisFormat(int64_t spanNs)
{
    if (spanNs < 120LL * 1000 * kNsPerMs)
        return QStringLiteral("HH:mm:ss.zzz");
    if (spanNs < 2LL * 86400 * 1000 * kNsPerMs)
        return QStringLiteral("HH:mm:ss");
    return QStringLiteral("yyyy-MM-dd HH:mm");
}
} // namespace

TimelineChart::TimelineChart(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("timelineChart"));
    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);

    m_timeAxis = new QDateTimeAxis(m_chart);
    m_timeAxis->setTitleText(tr("Time (UTC)"));
    m_countAxis = new QValueAxis(m_chart);
    m_countAxis->setTitleText(tr("Execs"));
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_countAxis, Qt::AlignLeft);
    connect(m_timeAxis, &QDateTimeAxis::rangeChanged, this, &TimelineChart::onAxisRangeChanged);

    m_view = new QChartView(m_chart, this);
    m_view->setObjectName(QStringLiteral("timelineChartView"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setRubberBand(QChartView::HorizontalRubberBand);
    m_view->setToolTip(tr("Drag across the chart to show only that time range; Reset shows everything"));

    m_hint = new QLabel(tr("No exec activity to show."), this);
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setEnabled(false);

    auto* stack = new QStackedLayout;
    stack->addWidget(m_hint);
    stack->addWidget(m_view);

    auto button = [this](const QString& text, const QString& tip, const QString& name) {
        auto* b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setObjectName(name);
        b->setAutoRaise(true);
        return b;
    };
    QToolButton* zoomIn = button(tr("Zoom In"), tr("Zoom into the middle of the shown range"),
                                 QStringLiteral("timelineZoomIn"));
    QToolButton* zoomOut = button(tr("Zoom Out"), tr("Show twice the time range"), QStringLiteral("timelineZoomOut"));
    QToolButton* reset = button(tr("Reset"), tr("Show the whole case and stop filtering by time"),
                                QStringLiteral("timelineReset"));
    connect(zoomIn, &QToolButton::clicked, this, &TimelineChart::zoomIn);
    connect(zoomOut, &QToolButton::clicked, this, &TimelineChart::zoomOut);
    connect(reset, &QToolButton::clicked, this, &TimelineChart::resetZoom);
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(zoomIn);
    buttons->addWidget(zoomOut);
    buttons->addWidget(reset);
    buttons->addStretch();

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(stack, 1);
    layout->addLayout(buttons);
    stack->setCurrentWidget(m_hint);
    applyChartTheme();
}

void TimelineChart::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyChartTheme();
}

void TimelineChart::applyChartTheme()
{
    // A chart theme resets series pens: set it, then draw the series again in the container colours.
    const bool dark = ContainerPalette::isDark(palette());
    const QChart::ChartTheme theme = dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (m_chart->theme() == theme && m_chart->property("themed").toBool())
        return;
    m_chart->setTheme(theme);
    m_chart->setProperty("themed", true);
    m_chart->setBackgroundRoundness(0);
    if (!m_timeline.series.isEmpty()) {
        const std::optional<std::pair<int64_t, int64_t>> selected = m_selected;
        setTimeline(Timeline(m_timeline));
        if (selected) {
            m_settingRange = true;
            m_timeAxis->setRange(toDateTime(selected->first), toDateTime(selected->second));
            m_settingRange = false;
            m_selected = selected;
        }
    }
}

TimelineChart::~TimelineChart() = default;

int TimelineChart::seriesCount() const
{
    return static_cast<int>(m_chart->series().size());
}

void TimelineChart::clear()
{
    setTimeline({});
}

void TimelineChart::setTimeline(const Timeline& timeline)
{
    m_timeline = timeline;
    m_settingRange = true;
    m_chart->removeAllSeries();
    auto* stack = static_cast<QStackedLayout*>(static_cast<QHBoxLayout*>(layout())->itemAt(0)->layout());
    const bool empty = timeline.series.isEmpty() || timeline.binNs <= 0 || timeline.toNs <= timeline.fromNs;
    stack->setCurrentIndex(empty ? 0 : 1);
    if (empty) {
        m_settingRange = false;
        return;
    }
    int64_t peak = 1;
    for (const TimelineSeries& data : timeline.series) {
        // Steps: each bin drawn flat across its width, so a burst reads as a block of activity.
        auto* series = new QLineSeries(m_chart);
        series->setName(data.label);
        QPen pen(ContainerPalette::colour(data.colourIndex));
        pen.setWidthF(data.containerRef == 0 ? 1.5 : 2.0);
        if (data.containerRef == 0)
            pen.setStyle(Qt::DashLine);
        series->setPen(pen);
        for (size_t bin = 0; bin < data.counts.size(); ++bin) {
            const int64_t start = timeline.fromNs + static_cast<int64_t>(bin) * timeline.binNs;
            const auto value = static_cast<qreal>(data.counts[bin]);
            series->append(static_cast<qreal>(start / kNsPerMs), value);
            series->append(static_cast<qreal>((start + timeline.binNs) / kNsPerMs), value);
            peak = std::max(peak, data.counts[bin]);
        }
        m_chart->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_countAxis);
    }
    m_countAxis->setRange(0, static_cast<qreal>(peak) * 1.1);
    m_timeAxis->setFormat(axisFormat(timeline.toNs - timeline.fromNs));
    m_timeAxis->setRange(toDateTime(timeline.fromNs), toDateTime(timeline.toNs));
    m_selected.reset();
    m_settingRange = false;
}

void TimelineChart::selectRange(int64_t fromNs, int64_t toNs)
{
    if (toNs <= fromNs)
        return;
    m_timeAxis->setRange(toDateTime(fromNs), toDateTime(toNs));
}

void TimelineChart::resetZoom()
{
    const bool hadSelection = m_selected.has_value();
    m_settingRange = true;
    if (m_timeline.toNs > m_timeline.fromNs) {
        m_timeAxis->setFormat(axisFormat(m_timeline.toNs - m_timeline.fromNs));
        m_timeAxis->setRange(toDateTime(m_timeline.fromNs), toDateTime(m_timeline.toNs));
    }
    m_settingRange = false;
    m_selected.reset();
    if (hadSelection)
        Q_EMIT rangeCleared();
}

void TimelineChart::zoomIn()
{
    const int64_t from = toNs(m_timeAxis->min());
    const int64_t to = toNs(m_timeAxis->max());
    const int64_t quarter = (to - from) / 4;
    if (quarter > kNsPerMs)
        selectRange(from + quarter, to - quarter);
}

void TimelineChart::zoomOut()
{
    const int64_t from = toNs(m_timeAxis->min());
    const int64_t to = toNs(m_timeAxis->max());
    const int64_t half = (to - from) / 2;
    const int64_t newFrom = std::max(m_timeline.fromNs, from - half);
    const int64_t newTo = std::min(m_timeline.toNs, to + half);
    if (newFrom <= m_timeline.fromNs && newTo >= m_timeline.toNs)
        resetZoom();
    else
        selectRange(newFrom, newTo);
}

void TimelineChart::onAxisRangeChanged()
{
    if (m_settingRange)
        return;
    const int64_t from = toNs(m_timeAxis->min());
    const int64_t to = toNs(m_timeAxis->max());
    m_timeAxis->setFormat(axisFormat(to - from));
    m_selected = std::make_pair(from, to);
    Q_EMIT rangeSelected(from, to);
}

} // namespace ShimScope
