// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <QList>
#include <QPair>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace ShimScope
{

/// Exec activity of one container (or the host) over the bins of a Timeline.
struct TimelineSeries
{
    /// containers.id; 0 = the host (every host of the case); -1 = processes whose location is unknown.
    int64_t containerRef = 0;
    QString label;        ///< container name, else its short id; "host"; "unknown" (translated)
    int colourIndex = -1; ///< the container's colour slot; -1 for the host and unknown
    std::vector<int64_t> counts; ///< execs per bin, one entry per bin
};

/// Exec counts per bin: bin i covers [fromNs + i * binNs, fromNs + (i + 1) * binNs).
struct Timeline
{
    int64_t fromNs = 0;
    int64_t toNs = 0; ///< exclusive end, fromNs + bins * binNs (at or after the requested end)
    int64_t binNs = 0;
    /// Host first, then containers in order of first activity, then unknown; only series with an exec in range.
    QList<TimelineSeries> series;
};

/**
 * Exec activity over time, per container and for the host separately: successful and failed execs of process
 * nodes (not process listing rows, not placeholders), binned by the node's exec time. One grouped SQL pass over
 * process_nodes. fromNs/toNs (inclusive) default to the case's exec range (caseTimeRange()); bins is at least 1.
 * An empty case gives an empty Timeline (binNs 0).
 */
Timeline computeTimeline(Database& db, std::optional<int64_t> fromNs, std::optional<int64_t> toNs, int bins);

/// First and last exec time of the case (ns), {0, 0} when it has no exec. Two index lookups.
QPair<int64_t, int64_t> caseTimeRange(Database& db);

} // namespace ShimScope
