// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline.h"

#include "execevent.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

namespace ShimScope
{

QPair<int64_t, int64_t> caseTimeRange(Database& db)
{
    // exec_events_ts walks in time order and stops at the first exec: listing rows and exits are skipped, not sorted.
    Statement first(db, "SELECT ts FROM exec_events WHERE kind = ? ORDER BY ts LIMIT 1");
    Statement last(db, "SELECT ts FROM exec_events WHERE kind = ? ORDER BY ts DESC LIMIT 1");
    first.bind(1, static_cast<int64_t>(EventKind::Exec));
    last.bind(1, static_cast<int64_t>(EventKind::Exec));
    if (!first.step() || !last.step())
        return {0, 0};
    return {first.columnInt(0), last.columnInt(0)};
}

Timeline computeTimeline(Database& db, std::optional<int64_t> fromNs, std::optional<int64_t> toNs, int bins)
{
    Timeline timeline;
    bins = std::max(1, bins);
    if (!fromNs || !toNs) {
        const QPair<int64_t, int64_t> range = caseTimeRange(db);
        if (range.first == 0 && range.second == 0)
            return timeline;
        if (!fromNs)
            fromNs = range.first;
        if (!toNs)
            toNs = range.second;
    }
    if (*toNs < *fromNs)
        return timeline;
    const int64_t span = *toNs - *fromNs + 1;
    timeline.fromNs = *fromNs;
    timeline.binNs = std::max<int64_t>(1, (span + bins - 1) / bins);
    timeline.toNs = timeline.fromNs + timeline.binNs * bins;

    // One pass, grouped by bin and series: a scan of process_nodes with a rowid lookup of each node's event for its
    // kind (listing rows are nodes too but not execs). Placeholders have no event and drop out of the join.
    Statement s(db, "SELECT (n.start_ts - ?) / ? AS bin, "
                    "CASE WHEN n.container_ref IS NOT NULL THEN n.container_ref "
                    "WHEN n.location = 'unknown' THEN -1 ELSE 0 END AS series, count(*) "
                    "FROM process_nodes n JOIN exec_events e ON e.id = n.event_id "
                    "WHERE e.kind = ? AND n.start_ts >= ? AND n.start_ts <= ? "
                    "GROUP BY bin, series");
    s.bind(1, timeline.fromNs)
        .bind(2, timeline.binNs)
        .bind(3, static_cast<int64_t>(EventKind::Exec))
        .bind(4, timeline.fromNs)
        .bind(5, *toNs);
    QHash<int64_t, std::vector<int64_t>> counts;
    while (s.step()) {
        const int64_t bin = s.columnInt(0);
        if (bin < 0 || bin >= bins)
            continue;
        std::vector<int64_t>& series = counts[s.columnInt(1)];
        if (series.empty())
            series.assign(static_cast<size_t>(bins), 0);
        series[static_cast<size_t>(bin)] += s.columnInt(2);
    }

    if (auto host = counts.find(0); host != counts.end()) {
        timeline.series.append({0, QCoreApplication::translate("ShimScope::Timeline", "host"), -1, std::move(*host)});
    }
    Statement containers(db, "SELECT id, name, short_id, colour_index FROM containers ORDER BY first_ts, id");
    while (containers.step()) {
        const auto it = counts.find(containers.columnInt(0));
        if (it == counts.end())
            continue;
        const QString name = containers.columnText(1);
        timeline.series.append({it.key(), name.isEmpty() ? containers.columnText(2) : name,
                                static_cast<int>(containers.columnInt(3)), std::move(*it)});
    }
    if (auto unknown = counts.find(-1); unknown != counts.end()) {
        timeline.series.append(
            {-1, QCoreApplication::translate("ShimScope::Timeline", "unknown"), -1, std::move(*unknown)});
    }
    return timeline;
}

} // namespace ShimScope
