// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>

namespace ShimScope
{

/// How a node's parent link was made (stored in process_nodes.parent_link).
namespace ParentLink
{
inline constexpr const char* kPidMatch = "pid-match"; ///< logged ppid matched to the newest image of that pid
inline constexpr const char* kInferred = "inferred";  ///< no record links them; a named fingerprint does
inline constexpr const char* kLogged = "logged";      ///< the log's own strong link (GUID, exec_id, entity_id)
inline constexpr const char* kSnapshot = "snapshot";  ///< a process listing gave the parent
} // namespace ParentLink

/// Figures of one lineage rebuild, for summaries and benchmarks.
struct LineageStats
{
    int64_t events = 0;
    int64_t nodes = 0;
    int64_t placeholders = 0;
    int64_t containers = 0;
    int64_t hostNodes = 0;
    int64_t containerNodes = 0;
    int64_t unknownNodes = 0;
    int64_t filledPlaceholders = 0; ///< parents never seen exec'ing that a process listing named
    int64_t disagreements = 0;      ///< processes whose log-stated container contradicts the lineage
    int64_t mergedDuplicates = 0;   ///< execs recorded by two sources, kept once
    int64_t mergedListingRows = 0;  ///< process listing rows of processes seen exec'ing, kept in the exec's node
    int64_t unplacedSnapshots = 0;  ///< listing rows without any time, left out of the lineage
    int64_t residentNodes = 0;      ///< the most process nodes held in memory at once during the build
    int64_t collections = 0;        ///< how often the build dropped the nodes it could no longer reach
    int64_t loadMs = 0;  ///< reading events and building nodes with their attribution
    int64_t writeMs = 0; ///< storing nodes and containers
    // Phases of the import run around the rebuild (CaseWriter), for the benchmark's breakdown.
    int64_t eventsMs = 0;     ///< from the run's start to its commit: reading, parsing and inserting events
    int64_t eventIndexMs = 0; ///< building the exec_events index after the bulk load
    int64_t nodeIndexMs = 0;  ///< building the process_nodes and merged_events indexes
    int64_t finishMs = 0;     ///< commit, PRAGMA optimize, rename and reopen in WAL mode
    bool streamed = false;    ///< built while the events were stored (loadMs is then the wait for the last rows)
};

struct ExecEvent;

/**
 * The events of an import into a new case, handed to the lineage as they are stored so that the rebuild at the end
 * of the run does not read them back from the case: reading 1M events (argv blobs included) through exec_events_ts
 * was ~75 % of the lineage build's instructions (callgrind, 100k events) and about 2 s of the 1M-event import.
 *
 * Each event becomes a compact row (about 90 bytes: ids, pid, ppid, times, interned program name and device) plus
 * the runtime command, strong links or listing-row arguments of the few events that have them. A worker thread
 * builds the lineage from the rows while the events are still being stored, when they come in time order (one log,
 * or logs given oldest first), and keeps no row once built. Otherwise (rows out of order, process listings) the
 * rebuild at the commit builds from the events in the case. The rebuild consumes the feed. Only for a case that
 * holds nothing but this run's events: the rebuild covers the whole case.
 */
class LineageFeed
{
public:
    /// db is the case the events go to: only the rebuild uses it, on the caller's thread.
    explicit LineageFeed(Database& db);
    ~LineageFeed();
    LineageFeed(const LineageFeed&) = delete;
    LineageFeed& operator=(const LineageFeed&) = delete;

    /// An event as stored: its row id and the ids its host and source were given. From one thread (the writer's).
    void add(int64_t eventId, int64_t hostId, int64_t sourceId, const ExecEvent& event);
    /// No more events: the worker finishes its build while the caller does other work (the event index).
    void close();

    struct Private; ///< defined in lineage.cpp
    std::unique_ptr<Private> d;
};

/**
 * Rebuilds process nodes, their parent links and their host/container attribution for the whole case from its exec
 * events, and the container entities. Runs inside the caller's transaction (the import run), so a case never holds
 * events without their lineage. See ../shared/DESIGN.md ("Process nodes and lineage", "Container attribution").
 *
 * Memory does not grow with the log: each node is written to an unnamed temporary file beside the case as it is
 * made, the nodes no later event can reach (not a pid's current image, a pending launch, a strong link, or one of
 * their 64 nearest ancestors) are dropped from memory as the build goes, and reachable ones past a budget wait on
 * disk until used. What stays is a map entry per distinct pid (bounded by pid_max) and per strong link. Cases with
 * process listings keep every node in memory instead: a listing row can still join an old image, and it reads the
 * case to match command lines.
 */
class LineageBuilder
{
public:
    explicit LineageBuilder(Database& db);
    /// feed, when given, holds every event of the case (a new case): it replaces reading them back and is consumed.
    LineageStats rebuild(const std::atomic_bool* cancel = nullptr, LineageFeed* feed = nullptr);

    /// How many nodes a build makes between two collections of the nodes it can no longer reach, at least; 0 keeps
    /// every node in memory. For tests, which compare both ways on small logs; the default suits any log.
    static void setCollectionInterval(int32_t nodes);
    static int32_t collectionInterval();

private:
    Database& m_db;
};

} // namespace ShimScope
