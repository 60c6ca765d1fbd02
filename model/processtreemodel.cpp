// SPDX-License-Identifier: GPL-3.0-or-later
#include "processtreemodel.h"

#include "casefile.h"
#include "casereader.h"
#include "database.h"
#include "eventtablemodel.h"
#include "execevent.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QtConcurrent/QtConcurrentRun>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <limits>
#include <mutex>
#include <string>
#include <tuple>
#include <unordered_map>

Q_LOGGING_CATEGORY(lcProcessTreeModel, "shimscope.processtreemodel")

namespace ShimScope
{

namespace
{
constexpr int kMaxDisplayChars = 1024; ///< a tree cell is elided by the view anyway; bound the work per cell
constexpr int kMaxTooltipChars = 4096;
constexpr int kIdChunk = 4096;              ///< ids read per query when indexForNode() walks to a node
constexpr size_t kPerIdCandidates = 100000; ///< up to this many candidates, check each by key instead of scanning
constexpr int64_t kMinKey = std::numeric_limits<int64_t>::min();

// The search index's state for one case (Shared::indexState).
enum IndexState : int
{
    IndexUnknown,   ///< not looked at, or stale: the next text search scans and asks for a build
    IndexBuilding,  ///< a build runs: searches scan meanwhile
    IndexPersisted, ///< the case's own node_search is current
    IndexInMemory,  ///< Shared::search holds temp.node_search (read-only case)
    IndexFailed,    ///< could not be built: searches scan
};

constexpr const char* kPayloadSql =
    "SELECT n.parent_id, n.parent_link, h.name, n.pid, n.start_ts, n.placeholder, n.failed, n.location, n.role, "
    "n.confidence, n.runtime, n.container_ref, instr(n.evidence, 'DISAGREEMENT') > 0, e.uid, e.auid, e.user_name, "
    "se.value, e.argc, e.argv, sc.value, c.container_id, c.short_id, c.name, c.colour_index, "
    "EXISTS (SELECT 1 FROM process_nodes k WHERE k.parent_id = n.id), sm.value "
    "FROM process_nodes n JOIN hosts h ON h.id = n.host_id LEFT JOIN exec_events e ON e.id = n.event_id "
    "LEFT JOIN strings se ON se.id = e.exe_id LEFT JOIN strings sc ON sc.id = e.cwd_id "
    "LEFT JOIN strings sm ON sm.id = e.comm_id "
    "LEFT JOIN containers c ON c.id = n.container_ref WHERE n.id = ?";

QString elided(QString text, int maxChars)
{
    if (text.size() > maxChars) {
        text.truncate(maxChars);
        text += QChar(0x2026);
    }
    return text;
}

QByteArray baseName(const QByteArray& path)
{
    const qsizetype slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.mid(slash + 1);
}

// Tooltips go through Qt::mightBeRichText(): log text must never be interpreted as HTML.
QString htmlTooltip(const QStringList& lines)
{
    QStringList escaped;
    escaped.reserve(lines.size());
    for (const QString& line : lines)
        escaped.append(line.toHtmlEscaped());
    return QStringLiteral("<qt><p style='white-space:pre'>") + escaped.join(QStringLiteral("<br/>"))
        + QStringLiteral("</p></qt>");
}

bool isBoundary(const QString& runtime)
{
    return runtime == QLatin1String("shim") || runtime == QLatin1String("conmon")
        || runtime == QLatin1String("runtime") || runtime == QLatin1String("runtime init");
}

/// The text of an FTS5 phrase: every character literal, double quotes doubled.
QString ftsPhrase(const QString& text)
{
    QString quoted = text;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

/// A LIKE pattern matching text anywhere, with LIKE's own characters escaped (ESCAPE '\').
QString likePattern(const QString& text)
{
    QString escaped;
    escaped.reserve(text.size() + 2);
    for (const QChar c : text) {
        if (c == u'%' || c == u'_' || c == u'\\')
            escaped += u'\\';
        escaped += c;
    }
    return u'%' + escaped + u'%';
}

std::vector<int64_t> intersect(const std::vector<int64_t>& a, const std::vector<int64_t>& b)
{
    std::vector<int64_t> out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

/// Thrown inside a worker when a newer request superseded it.
struct Superseded
{
};
} // namespace

/// A node's row as shown: its event, attribution and container, with display strings formatted once.
struct ProcessTreeModel::Payload
{
    bool found = false;
    int64_t parentId = 0;
    int64_t pid = 0;
    int64_t startTs = 0;
    int64_t uid = kUnknownId;
    int64_t auid = kUnknownId;
    int64_t containerRef = 0;
    int colourIndex = -1;
    bool placeholder = false;
    bool failed = false;
    bool disagreement = false;
    bool hasChildren = false;
    QString host;
    QString parentLink;
    QString location;
    QString role;
    QString confidence;
    QString runtime;
    QString userName;
    QString containerId;
    QString containerShort;
    QString containerName;
    QByteArray exe;
    QByteArray cwd;
    QByteArray comm; ///< the kernel's name; all a listing gives for a kernel thread
    QList<QByteArray> argv;
    QString processText;
    QString userText;
    QString startText;
    QString containerText;
};

/// The nodes a filter shows: its matches and their ancestors, as one array sorted by (parent, host, start, id), so
/// the children of a node are one contiguous span.
struct ProcessTreeModel::Visible
{
    struct Entry
    {
        int64_t parent = 0; ///< 0 for roots
        int hostRank = 0;
        int64_t ts = 0;
        int64_t id = 0;
        auto key() const { return std::tie(parent, hostRank, ts, id); }
    };
    std::vector<Entry> entries;
    std::vector<int64_t> ids;     ///< every shown node, sorted
    std::vector<int64_t> matches; ///< the matching nodes, sorted

    std::span<const Entry> children(int64_t parent) const
    {
        const auto first = std::lower_bound(entries.begin(), entries.end(), parent,
                                            [](const Entry& e, int64_t p) { return e.parent < p; });
        const auto last = std::upper_bound(first, entries.end(), parent,
                                           [](int64_t p, const Entry& e) { return p < e.parent; });
        return {first, last};
    }
    bool contains(int64_t id) const { return std::binary_search(ids.begin(), ids.end(), id); }
    bool matches_(int64_t id) const { return std::binary_search(matches.begin(), matches.end(), id); }
};

/// Per-case state the GUI thread shares with its workers. Workers never touch the model itself.
struct ProcessTreeModel::Shared
{
    QString path;
    bool readOnly = false;
    /// The case was replaced or the model is going away: every job and the index build stop.
    std::atomic_bool cancelled{false};
    /// Generation of the newest load or filter: an older job stops at its next check.
    std::atomic<uint64_t> latest{0};

    /// The worker connection (filters), opened by the first job that needs it; used by one job at a time.
    std::mutex workerMutex;
    std::unique_ptr<Database> worker;
    std::atomic<sqlite3*> workerHandle{nullptr};

    /// The search index: its state, and for a read-only case the connection that holds it in temp.node_search.
    std::atomic<int> indexState{IndexUnknown};
    std::atomic_bool indexRequested{false};
    std::mutex searchMutex;
    std::unique_ptr<Database> search;
    std::atomic<sqlite3*> buildHandle{nullptr};

    void interrupt()
    {
        if (sqlite3* handle = workerHandle.load())
            sqlite3_interrupt(handle); // thread-safe by design; the connection lives as long as this object
    }

    Database& workerDb()
    {
        if (!worker) {
            // The loader already ran the integrity check's first part; the full check runs once, separately.
            worker = std::make_unique<Database>(CaseFile::openReadOnly(path, CaseFile::Check::None));
            CaseFile::registerFunctions(*worker);
            workerHandle = worker->handle();
        }
        return *worker;
    }
};

/// One node of the tree as loaded so far.
struct ProcessTreeModel::Item
{
    int64_t id = 0;
    int64_t ts = 0;
    Item* parent = nullptr;
    int row = 0;
    std::vector<Item*> children;
    bool allFetched = false;
    // Where the next fetch continues (unfiltered: by key; filtered: children.size() into the visible span).
    int cursorHost = 0;
    int64_t cursorTs = kMinKey;
    int64_t cursorId = kMinKey;
    bool loaded = false;
    Payload payload;
};

struct ProcessTreeModel::JobResult
{
    std::unique_ptr<Database> db; ///< the GUI thread's connection (loads only)
    std::vector<Host> hosts;      ///< loads only
    bool filtered = false;
    std::shared_ptr<const Visible> visible;
    std::vector<std::pair<int64_t, int64_t>> rootIds; ///< (id, ts) of the first roots
    std::vector<Payload> rootPayloads;
    bool rootsExhausted = false;
    int cursorHost = 0;
    qint64 matches = -1;
    bool buildIndex = false;
    QString error;
    QString details;
};

namespace
{
using Host = ProcessTreeModel::Host;
using Visible = ProcessTreeModel::Visible;
using Payload = ProcessTreeModel::Payload;
using Filter = ProcessTreeModel::Filter;

std::vector<Host> readHosts(Database& db)
{
    std::vector<Host> hosts;
    Statement s(db, "SELECT id, name FROM hosts ORDER BY name, id");
    while (s.step())
        hosts.push_back({s.columnInt(0), s.columnText(1)});
    return hosts;
}

struct Cursor
{
    int host = 0;
    int64_t ts = kMinKey;
    int64_t id = kMinKey;
    size_t position = 0; ///< filtered: children taken from the visible span
};

/// The next children (id, start) of parentId after cursor: at most limit, or all up to and including stopAt.
std::vector<std::pair<int64_t, int64_t>> readChildIds(Database& db, const Visible* visible,
                                                      const std::vector<Host>& hosts, int64_t parentId,
                                                      Cursor& cursor, int limit, int64_t stopAt, bool& exhausted)
{
    std::vector<std::pair<int64_t, int64_t>> out;
    exhausted = false;
    if (visible) {
        const std::span<const Visible::Entry> span = visible->children(parentId);
        while (cursor.position < span.size()) {
            const Visible::Entry& e = span[cursor.position++];
            out.emplace_back(e.id, e.ts);
            if (stopAt ? e.id == stopAt : static_cast<int>(out.size()) >= limit)
                break;
        }
        exhausted = cursor.position >= span.size();
        return out;
    }
    // Keyset paging over process_nodes_parent (parent_id, start_ts[, id]) and process_nodes_roots (host_id,
    // start_ts[, id]) WHERE parent_id IS NULL: each query is an index range, never a scan or an OFFSET.
    Statement children(db, parentId ? "SELECT id, start_ts FROM process_nodes WHERE parent_id = ? AND "
                                      "(start_ts, id) > (?, ?) ORDER BY start_ts, id LIMIT ?"
                                    : "SELECT id, start_ts FROM process_nodes WHERE parent_id IS NULL AND "
                                      "host_id = ? AND (start_ts, id) > (?, ?) ORDER BY start_ts, id LIMIT ?");
    for (;;) {
        if (!parentId && cursor.host >= static_cast<int>(hosts.size())) {
            exhausted = true;
            return out;
        }
        const int want = stopAt ? kIdChunk : limit - static_cast<int>(out.size());
        children.reset();
        children.bind(1, parentId ? parentId : hosts[static_cast<size_t>(cursor.host)].id)
            .bind(2, cursor.ts)
            .bind(3, cursor.id)
            .bind(4, static_cast<int64_t>(want));
        int got = 0;
        bool found = false;
        while (children.step()) {
            ++got;
            cursor.id = children.columnInt(0);
            cursor.ts = children.columnInt(1);
            out.emplace_back(cursor.id, cursor.ts);
            if (stopAt && cursor.id == stopAt) {
                found = true;
                break;
            }
        }
        children.reset();
        if (got < want && !found) {
            // This parent (or this host's roots) has no more.
            if (parentId) {
                exhausted = true;
                return out;
            }
            ++cursor.host;
            cursor.ts = kMinKey;
            cursor.id = kMinKey;
        }
        if (found || (!stopAt && static_cast<int>(out.size()) >= limit)) {
            if (!parentId && cursor.host >= static_cast<int>(hosts.size()))
                exhausted = true;
            return out;
        }
    }
}

void formatPayload(Payload& p)
{
    if (p.placeholder && p.exe.isEmpty() && p.argv.isEmpty()) {
        p.processText = ProcessTreeModel::tr("pid %1 (not seen exec'ing)").arg(p.pid);
    } else if (p.exe.isEmpty() && p.argv.isEmpty()) {
        // A kernel thread in a listing: ps shows it by name in brackets (the ps importer keeps them), and so
        // does the tree.
        const QString name = EventTableModel::displayText(p.comm);
        p.processText = name.isEmpty()       ? ProcessTreeModel::tr("pid %1").arg(p.pid)
            : name.startsWith(u'[')          ? name
                                             : u'[' + name + u']';
    } else {
        const QByteArray exeName = baseName(p.exe);
        const QByteArray argv0 = p.argv.isEmpty() ? QByteArray() : p.argv.first();
        QString text = EventTableModel::displayText(exeName.isEmpty() ? argv0 : exeName);
        // The name a process gives itself (argv[0]) is shown when it differs from the file it runs: `systemd`
        // running /.redtail must not read as systemd.
        if (!exeName.isEmpty() && !argv0.isEmpty() && baseName(argv0) != exeName)
            text = ProcessTreeModel::tr("%1 (as %2)").arg(text, EventTableModel::displayText(argv0));
        if (p.argv.size() > 1) {
            const QString args = EventTableModel::commandLine(p.argv.mid(1));
            text += u' ' + args;
        }
        p.processText = elided(text, kMaxDisplayChars);
    }
    if (!p.userName.isEmpty())
        p.userText = EventTableModel::displayText(p.userName.toUtf8());
    else if (p.uid != kUnknownId)
        p.userText = (p.auid != kUnknownId && p.auid != EventTableModel::kUnsetAuid && p.auid != p.uid)
            ? ProcessTreeModel::tr("%1 (auid %2)").arg(p.uid).arg(p.auid)
            : QString::number(p.uid);
    p.startText = formatTimestamp(p.startTs);
    if (p.location == QLatin1String("container")) {
        const QString shortId = p.containerShort.isEmpty() ? p.containerId.left(12) : p.containerShort;
        p.containerText = EventTableModel::displayText(shortId.toUtf8());
        if (!p.containerName.isEmpty() && p.containerName != shortId)
            p.containerText += u' ' + EventTableModel::displayText(p.containerName.toUtf8());
    } else if (p.location == QLatin1String("unknown")) {
        p.containerText = ProcessTreeModel::tr("unknown");
    }
}

/// Reads the payloads of ids (out[i] for ids[i]; found stays false for an id that vanished).
void readPayloads(Database& db, Statement* cached, std::span<const int64_t> ids, std::vector<Payload>& out)
{
    std::optional<Statement> local;
    if (!cached)
        cached = &local.emplace(db, kPayloadSql);
    Statement& s = *cached;
    out.resize(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) {
        s.reset();
        s.bind(1, ids[i]);
        if (!s.step())
            continue;
        Payload& p = out[i];
        p.found = true;
        p.parentId = s.columnInt(0);
        p.parentLink = s.columnText(1);
        p.host = s.columnText(2);
        p.pid = s.columnInt(3);
        p.startTs = s.columnInt(4);
        p.placeholder = s.columnInt(5) != 0;
        p.failed = s.columnInt(6) != 0;
        p.location = s.columnText(7);
        p.role = s.columnText(8);
        p.confidence = s.columnText(9);
        p.runtime = s.columnText(10);
        p.containerRef = s.columnInt(11);
        p.disagreement = s.columnInt(12) != 0;
        p.uid = s.isNull(13) ? kUnknownId : s.columnInt(13);
        p.auid = s.isNull(14) ? kUnknownId : s.columnInt(14);
        p.userName = s.columnText(15);
        p.exe = s.columnBytes(16);
        p.argv = splitArgv(s.columnBytes(18), s.columnInt(17));
        p.cwd = s.columnBytes(19);
        p.containerId = s.columnText(20);
        p.containerShort = s.columnText(21);
        p.containerName = s.columnText(22);
        p.colourIndex = s.isNull(23) || p.location != QLatin1String("container") ? -1 : int(s.columnInt(23));
        p.hasChildren = s.columnInt(24) != 0;
        p.comm = s.columnBytes(25);
        formatPayload(p);
    }
    s.reset();
}

/// The field conditions of a filter as SQL over `process_nodes n LEFT JOIN exec_events e`, with their values.
struct FieldConditions
{
    using Binder = std::function<int(Statement&, int)>; ///< binds its values from index i, returns how many
    std::string where = "1";
    bool needsEvent = false;
    std::vector<Binder> binds;

    explicit FieldConditions(const Filter& f)
    {
        auto add = [this](const char* sql, Binder bind) {
            where += std::string(" AND ") + sql;
            if (bind)
                binds.push_back(std::move(bind));
        };
        if (!f.host.isEmpty())
            add("n.host_id = (SELECT id FROM hosts WHERE name = ?)", [host = f.host](Statement& s, int i) {
                s.bind(i, host);
                return 1;
            });
        if (f.containerRef)
            add("n.container_ref = ?", [ref = f.containerRef](Statement& s, int i) {
                s.bind(i, ref);
                return 1;
            });
        if (f.hostOnly)
            add("n.location = 'host'", {});
        if (const QString user = f.user.trimmed(); !user.isEmpty()) {
            needsEvent = true;
            bool numeric = false;
            const qint64 number = user.toLongLong(&numeric);
            if (numeric) {
                add("(e.uid = ? OR e.auid = ? OR e.user_name = ?)", [number, user](Statement& s, int i) {
                    s.bind(i, static_cast<int64_t>(number)).bind(i + 1, static_cast<int64_t>(number)).bind(i + 2, user);
                    return 3;
                });
            } else {
                add("e.user_name = ?", [user](Statement& s, int i) {
                    s.bind(i, user);
                    return 1;
                });
            }
        }
        if (f.fromNs)
            add("n.start_ts >= ?", [v = *f.fromNs](Statement& s, int i) {
                s.bind(i, v);
                return 1;
            });
        if (f.toNs)
            add("n.start_ts <= ?", [v = *f.toNs](Statement& s, int i) {
                s.bind(i, v);
                return 1;
            });
    }

    std::string select(const char* extraWhere) const
    {
        std::string sql = "SELECT n.id, n.parent_id, n.start_ts, n.host_id FROM process_nodes n ";
        if (needsEvent)
            sql += "LEFT JOIN exec_events e ON e.id = n.event_id ";
        sql += "WHERE " + where;
        if (extraWhere)
            sql += std::string(" AND ") + extraWhere;
        return sql;
    }

    /// Binds the values from index 1; returns the next free index.
    int bind(Statement& s) const
    {
        int index = 1;
        for (const Binder& b : binds)
            index += b(s, index);
        return index;
    }
};

/// Node ids whose executable, arguments or working directory contain text (sorted).
std::vector<int64_t> textMatches(ProcessTreeModel::Shared& shared, Database& db, const QString& text,
                                 bool& buildIndex)
{
    std::vector<int64_t> ids;
    auto run = [&ids](Statement& s) {
        while (s.step())
            ids.push_back(s.columnInt(0));
    };
    constexpr const char* kFts = "SELECT rowid FROM node_search WHERE node_search MATCH ? ORDER BY rowid";
    // Trigrams need three characters; shorter texts scan (bound LIKE pattern).
    if (text.size() >= 3) {
        int state = shared.indexState.load();
        if (state == IndexUnknown && CaseFile::searchIndexIsCurrent(db)) {
            state = IndexPersisted;
            shared.indexState = IndexPersisted;
        }
        if (state == IndexPersisted) {
            Statement s(db, kFts);
            s.bind(1, ftsPhrase(text));
            run(s);
            return ids;
        }
        if (state == IndexInMemory) {
            const std::lock_guard lock(shared.searchMutex);
            Statement s(*shared.search, kFts);
            s.bind(1, ftsPhrase(text));
            run(s);
            return ids;
        }
        buildIndex = state == IndexUnknown;
    }
    Statement s(db, "SELECT n.id FROM process_nodes n JOIN exec_events e ON e.id = n.event_id "
                    "LEFT JOIN strings se ON se.id = e.exe_id LEFT JOIN strings sc ON sc.id = e.cwd_id "
                    "WHERE CAST(se.value AS TEXT) LIKE ?1 ESCAPE '\\' "
                    "OR shimscope_search_text(e.argv) LIKE ?1 ESCAPE '\\' "
                    "OR CAST(sc.value AS TEXT) LIKE ?1 ESCAPE '\\' ORDER BY n.id");
    s.bind(1, likePattern(text));
    run(s);
    return ids;
}

/// The visible set of a filter: matches plus their ancestors.
std::shared_ptr<Visible> computeVisible(ProcessTreeModel::Shared& shared, Database& db, const Filter& filter,
                                        std::vector<int64_t> bookmarks, const std::vector<Host>& hosts,
                                        const std::function<bool()>& stale, bool& buildIndex)
{
    QHash<int64_t, int> hostRank;
    for (size_t i = 0; i < hosts.size(); ++i)
        hostRank.insert(hosts[i].id, static_cast<int>(i));

    struct Node
    {
        int64_t parent;
        int64_t ts;
        int64_t host;
    };
    std::unordered_map<int64_t, Node> shown;
    std::vector<int64_t> matches;

    std::optional<std::vector<int64_t>> candidates;
    if (filter.bookmarkedOnly) {
        std::sort(bookmarks.begin(), bookmarks.end());
        candidates = std::move(bookmarks);
    }
    if (const QString text = filter.text.trimmed(); !text.isEmpty()) {
        std::vector<int64_t> ids = textMatches(shared, db, text, buildIndex);
        candidates = candidates ? intersect(*candidates, ids) : std::move(ids);
    }
    if (stale())
        throw Superseded();

    const FieldConditions conditions(filter);
    auto keep = [&](Statement& s) {
        const int64_t id = s.columnInt(0);
        matches.push_back(id);
        shown.emplace(id, Node{s.columnInt(1), s.columnInt(2), s.columnInt(3)});
    };
    if (candidates && candidates->size() <= kPerIdCandidates) {
        Statement s(db, conditions.select("n.id = ?"));
        const int idIndex = conditions.bind(s);
        size_t n = 0;
        for (const int64_t id : *candidates) {
            if ((++n & 1023) == 0 && stale())
                throw Superseded();
            s.reset();
            s.bind(idIndex, id);
            if (s.step())
                keep(s);
        }
    } else {
        Statement s(db, conditions.select(nullptr));
        conditions.bind(s);
        size_t n = 0;
        while (s.step()) {
            if ((++n & 4095) == 0 && stale())
                throw Superseded();
            if (!candidates || std::binary_search(candidates->begin(), candidates->end(), s.columnInt(0)))
                keep(s);
        }
    }
    std::sort(matches.begin(), matches.end());

    // Ancestors, up to the root of each chain: an in-memory walk, reading only the nodes not already shown.
    Statement up(db, "SELECT parent_id, start_ts, host_id FROM process_nodes WHERE id = ?");
    size_t n = 0;
    for (const int64_t match : matches) {
        int64_t parent = shown.at(match).parent;
        for (int depth = 0; parent && depth < 4096 && !shown.contains(parent); ++depth) {
            if ((++n & 1023) == 0 && stale())
                throw Superseded();
            up.reset();
            up.bind(1, parent);
            if (!up.step())
                break;
            const Node node{up.columnInt(0), up.columnInt(1), up.columnInt(2)};
            shown.emplace(parent, node);
            parent = node.parent;
        }
    }

    auto visible = std::make_shared<Visible>();
    visible->entries.reserve(shown.size());
    visible->ids.reserve(shown.size());
    for (const auto& [id, node] : shown) {
        // A parent outside the shown set (a broken chain) makes the node a root of the filtered tree.
        const int64_t parent = node.parent && shown.contains(node.parent) ? node.parent : 0;
        visible->entries.push_back({parent, hostRank.value(node.host), node.ts, id});
        visible->ids.push_back(id);
    }
    std::sort(visible->entries.begin(), visible->entries.end(),
              [](const Visible::Entry& a, const Visible::Entry& b) { return a.key() < b.key(); });
    std::sort(visible->ids.begin(), visible->ids.end());
    visible->matches = std::move(matches);
    return visible;
}

/// Runs body, retrying once when an interrupt meant for an older job hit it; a superseded job returns null.
template<typename Body>
std::shared_ptr<ProcessTreeModel::JobResult> runJob(const std::function<bool()>& stale, Body body)
{
    for (int attempt = 0;; ++attempt) {
        try {
            return body();
        } catch (const Superseded&) {
            return nullptr;
        } catch (const DatabaseError& e) {
            if ((e.code() & 0xff) != SQLITE_INTERRUPT)
                throw;
            if (stale() || attempt > 0)
                return nullptr;
        }
    }
}
} // namespace

bool ProcessTreeModel::Filter::isEmpty() const
{
    return text.trimmed().isEmpty() && host.isEmpty() && containerRef == 0 && !hostOnly && user.trimmed().isEmpty()
        && !fromNs && !toNs && !bookmarkedOnly;
}

ProcessTreeModel::ProcessTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Item>())
{
    m_pool.setMaxThreadCount(1);
    m_indexPool.setMaxThreadCount(1);
    m_root->allFetched = true;
}

ProcessTreeModel::~ProcessTreeModel()
{
    cancelJobs();
    // Workers hold only the shared state; wait for them here, while this object can still receive nothing.
    m_pool.waitForDone();
    m_indexPool.waitForDone();
}

void ProcessTreeModel::cancelJobs()
{
    if (!m_shared)
        return;
    m_shared->cancelled = true;
    m_shared->interrupt();
    if (sqlite3* handle = m_shared->buildHandle.load())
        sqlite3_interrupt(handle);
}

void ProcessTreeModel::setCase(const QString& path)
{
    m_casePath = path;
    startLoad(false);
}

void ProcessTreeModel::reload()
{
    startLoad(true);
}

void ProcessTreeModel::clear()
{
    setCase(QString());
}

void ProcessTreeModel::resetTree()
{
    m_items.clear();
    m_byId.clear();
    m_root = std::make_unique<Item>();
    m_root->allFetched = true;
}

void ProcessTreeModel::startLoad(bool keepRows)
{
    cancelJobs();
    const uint64_t generation = ++m_generation;
    if (!keepRows) {
        beginResetModel();
        resetTree();
        m_payloadStatement.reset();
        m_db.reset();
        m_visible.reset();
        m_hosts.clear();
        endResetModel();
    }
    m_shared.reset();
    m_filtering = false;
    if (m_casePath.isEmpty()) {
        m_loading = false;
        return;
    }
    auto shared = std::make_shared<Shared>();
    shared->path = m_casePath;
    shared->readOnly = m_readOnly;
    shared->latest = generation;
    m_shared = shared;
    m_loading = true;
    m_filtering = !m_filter.isEmpty();
    Q_EMIT loadingStarted();

    const Filter filter = m_filter;
    std::vector<int64_t> bookmarks(m_bookmarks.cbegin(), m_bookmarks.cend());
    auto* watcher = new QFutureWatcher<std::shared_ptr<JobResult>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        const std::shared_ptr<JobResult> result = watcher->result();
        watcher->deleteLater();
        applyResult(generation, result);
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [shared, generation, filter, bookmarks] {
        const std::function<bool()> stale = [&] { return shared->cancelled || shared->latest != generation; };
        try {
            return runJob(stale, [&] {
                auto result = std::make_shared<JobResult>();
                // No quick_check here: it reads the whole file (over a second for a million nodes). The check runs
                // right after, beside the first rows (see applyResult); everything else of the open is checked.
                result->db = std::make_unique<Database>(CaseFile::openReadOnly(shared->path, CaseFile::Check::None));
                result->hosts = readHosts(*result->db);
                if (!filter.isEmpty()) {
                    const std::lock_guard lock(shared->workerMutex);
                    result->filtered = true;
                    auto visible = computeVisible(*shared, shared->workerDb(), filter, bookmarks, result->hosts,
                                                  stale, result->buildIndex);
                    result->matches = static_cast<qint64>(visible->matches.size());
                    result->visible = std::move(visible);
                }
                Cursor cursor;
                result->rootIds = readChildIds(*result->db, result->visible.get(), result->hosts, 0, cursor,
                                               kChunkSize, 0, result->rootsExhausted);
                result->cursorHost = cursor.host;
                std::vector<int64_t> ids;
                for (const auto& [id, ts] : result->rootIds)
                    ids.push_back(id);
                readPayloads(*result->db, nullptr, ids, result->rootPayloads);
                return result;
            });
        } catch (const std::exception& e) {
            auto result = std::make_shared<JobResult>();
            result->error = EventTableModel::explainLoadError(shared->path, e);
            result->details = QString::fromUtf8(e.what());
            return result;
        }
    }));

    // The integrity check of the file, beside the first rows: a damaged case is reported and closed when it ends.
    m_indexPool.start([this, shared] {
        if (shared->cancelled)
            return;
        try {
            Database db = CaseFile::openReadOnly(shared->path, CaseFile::Check::None);
            shared->buildHandle = db.handle();
            CaseFile::checkIntegrity(db);
            shared->buildHandle = nullptr;
        } catch (const std::exception& e) {
            shared->buildHandle = nullptr;
            if (shared->cancelled)
                return;
            const QString error = EventTableModel::explainLoadError(shared->path, e);
            const QString details = QString::fromUtf8(e.what());
            QMetaObject::invokeMethod(
                this,
                [this, shared, error, details] {
                    if (shared == m_shared)
                        fail(error, details);
                },
                Qt::QueuedConnection);
        }
    });
}

void ProcessTreeModel::fail(const QString& error, const QString& details)
{
    cancelJobs();
    ++m_generation;
    m_shared.reset();
    m_loading = false;
    m_filtering = false;
    beginResetModel();
    resetTree();
    m_payloadStatement.reset();
    m_db.reset();
    m_visible.reset();
    m_hosts.clear();
    endResetModel();
    const QString path = m_casePath; // a copy: receivers may call setCase()
    Q_EMIT loadingFailed(path, error, details);
}

void ProcessTreeModel::setFilter(const Filter& filter)
{
    m_filter = filter;
    if (!m_shared || m_loading) {
        // No case yet, or a load runs: the (re)load applies the filter. A running load is restarted with it.
        if (m_loading)
            startLoad(true);
        return;
    }
    startFilter();
}

void ProcessTreeModel::startFilter()
{
    const uint64_t generation = ++m_generation;
    const std::shared_ptr<Shared> shared = m_shared;
    shared->latest = generation;
    shared->interrupt(); // the previous filter, if still running
    m_filtering = true;

    const Filter filter = m_filter;
    const std::vector<Host> hosts = m_hosts;
    std::vector<int64_t> bookmarks(m_bookmarks.cbegin(), m_bookmarks.cend());
    auto* watcher = new QFutureWatcher<std::shared_ptr<JobResult>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        const std::shared_ptr<JobResult> result = watcher->result();
        watcher->deleteLater();
        applyResult(generation, result);
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [shared, generation, filter, hosts, bookmarks] {
        const std::function<bool()> stale = [&] { return shared->cancelled || shared->latest != generation; };
        if (stale())
            return std::shared_ptr<JobResult>();
        try {
            return runJob(stale, [&] {
                auto result = std::make_shared<JobResult>();
                const std::lock_guard lock(shared->workerMutex);
                Database& db = shared->workerDb();
                if (!filter.isEmpty()) {
                    result->filtered = true;
                    auto visible = computeVisible(*shared, db, filter, bookmarks, hosts, stale, result->buildIndex);
                    result->matches = static_cast<qint64>(visible->matches.size());
                    result->visible = std::move(visible);
                } else {
                    result->matches = db.queryInt("SELECT count(*) FROM process_nodes");
                }
                Cursor cursor;
                result->rootIds = readChildIds(db, result->visible.get(), hosts, 0, cursor, kChunkSize, 0,
                                               result->rootsExhausted);
                result->cursorHost = cursor.host;
                std::vector<int64_t> ids;
                for (const auto& [id, ts] : result->rootIds)
                    ids.push_back(id);
                readPayloads(db, nullptr, ids, result->rootPayloads);
                return result;
            });
        } catch (const std::exception& e) {
            auto result = std::make_shared<JobResult>();
            result->error = tr("The filter could not be applied.");
            result->details = QString::fromUtf8(e.what());
            return result;
        }
    }));
}

void ProcessTreeModel::applyResult(uint64_t generation, const std::shared_ptr<JobResult>& result)
{
    if (generation != m_generation || !result)
        return; // superseded by a newer setCase()/reload()/setFilter()
    const bool wasLoading = m_loading;
    m_loading = false;
    m_filtering = false;
    if (!result->error.isEmpty()) {
        if (wasLoading) {
            fail(result->error, result->details);
        } else {
            qCWarning(lcProcessTreeModel) << "filter failed:" << result->details;
            Q_EMIT loadingFailed(m_casePath, result->error, result->details);
        }
        return;
    }
    m_notifying = true; // as for insertions: no fetch while the reset is delivered
    beginResetModel();
    resetTree();
    if (result->db) {
        m_payloadStatement.reset();
        m_db = std::move(result->db);
        m_hosts = std::move(result->hosts);
        m_payloadStatement = std::make_unique<Statement>(*m_db, kPayloadSql);
    }
    m_visible = result->filtered ? result->visible : nullptr;
    m_matchCount = result->matches;
    m_root->allFetched = result->rootsExhausted;
    m_root->cursorHost = result->cursorHost;
    for (size_t i = 0; i < result->rootIds.size(); ++i) {
        Item& item = m_items.emplace_back();
        item.id = result->rootIds[i].first;
        item.ts = result->rootIds[i].second;
        item.parent = m_root.get();
        item.row = static_cast<int>(i);
        item.payload = std::move(result->rootPayloads[i]);
        item.loaded = true;
        m_root->children.push_back(&item);
        m_byId.insert(item.id, &item);
    }
    if (!result->rootIds.empty()) {
        m_root->cursorTs = result->rootIds.back().second;
        m_root->cursorId = result->rootIds.back().first;
    }
    endResetModel();
    m_notifying = false;

    if (result->buildIndex && m_shared && !m_shared->indexRequested.exchange(true)) {
        // First text search without a current index: it was answered by a scan; build the index for the next ones.
        const std::shared_ptr<Shared> shared = m_shared;
        shared->indexState = IndexBuilding;
        m_indexPool.start([shared] {
            try {
                if (!shared->readOnly && QFileInfo(shared->path).isWritable()) {
                    // Stored in the case, in several transactions so an import is never locked out for long.
                    try {
                        Database rw = CaseFile::openReadWrite(shared->path);
                        shared->buildHandle = rw.handle();
                        const int64_t run = CaseFile::latestRunId(rw);
                        const int64_t last = rw.queryInt("SELECT max(id) FROM process_nodes");
                        {
                            Transaction transaction(rw);
                            CaseFile::clearSearchIndex(rw);
                            transaction.commit();
                        }
                        constexpr int64_t kBatch = 100000;
                        for (int64_t from = 0; from <= last && !shared->cancelled; from += kBatch) {
                            Transaction transaction(rw);
                            CaseFile::fillSearchIndex(rw, from, from + kBatch);
                            transaction.commit();
                        }
                        if (!shared->cancelled) {
                            Transaction transaction(rw);
                            if (CaseFile::latestRunId(rw) == run)
                                CaseFile::markSearchIndex(rw, run);
                            transaction.commit();
                        }
                        shared->buildHandle = nullptr;
                        if (shared->cancelled)
                            return;
                        // A run that completed meanwhile leaves the index unmarked: the next search scans again.
                        shared->indexState = IndexUnknown;
                        shared->indexRequested = false;
                        return;
                    } catch (const DatabaseError& e) {
                        shared->buildHandle = nullptr;
                        if (shared->cancelled)
                            return;
                        qCInfo(lcProcessTreeModel) << "search index not stored in the case, built apart:" << e.what();
                    }
                }
                // A read-only case is never written: the index goes to this connection's temporary database.
                auto db = std::make_unique<Database>(CaseFile::openReadOnly(shared->path, CaseFile::Check::None));
                shared->buildHandle = db->handle();
                CaseFile::buildTemporarySearchIndex(*db);
                shared->buildHandle = nullptr;
                {
                    const std::lock_guard lock(shared->searchMutex);
                    shared->search = std::move(db);
                }
                shared->indexState = IndexInMemory;
            } catch (const std::exception& e) {
                shared->buildHandle = nullptr;
                shared->indexState = IndexFailed;
                qCWarning(lcProcessTreeModel) << "search index could not be built, searches scan:" << e.what();
            }
        });
    }

    if (wasLoading)
        Q_EMIT loadingFinished();
    if (result->filtered || !wasLoading)
        Q_EMIT filterApplied(m_matchCount);
}

int64_t ProcessTreeModel::nodeId(const QModelIndex& index) const
{
    const Item* item = itemFor(index);
    return item ? item->id : 0;
}

ProcessTreeModel::Item* ProcessTreeModel::itemFor(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    return static_cast<Item*>(index.internalPointer());
}

QModelIndex ProcessTreeModel::indexFor(const Item* item, int column) const
{
    if (!item || item == m_root.get())
        return {};
    return createIndex(item->row, column, const_cast<Item*>(item));
}

bool ProcessTreeModel::isMatch(int64_t id) const
{
    return !m_visible || m_visible->matches_(id);
}

std::vector<std::pair<int64_t, int64_t>> ProcessTreeModel::nextChildIds(Item* parent, int limit, int64_t stopAt,
                                                                        bool& exhausted)
{
    Cursor cursor;
    cursor.host = parent->cursorHost;
    cursor.ts = parent->cursorTs;
    cursor.id = parent->cursorId;
    cursor.position = parent->children.size();
    std::vector<std::pair<int64_t, int64_t>> ids;
    try {
        ids = readChildIds(*m_db, m_visible.get(), m_hosts, parent->id, cursor, limit, stopAt, exhausted);
    } catch (const std::exception& e) {
        qCWarning(lcProcessTreeModel) << "reading children failed:" << e.what();
        exhausted = true;
    }
    parent->cursorHost = cursor.host;
    parent->cursorTs = cursor.ts;
    parent->cursorId = cursor.id;
    return ids;
}

int ProcessTreeModel::appendChildren(Item* parent, int limit, int64_t stopAt, bool withPayloads)
{
    if (!m_db || parent->allFetched || m_notifying)
        return 0;
    bool exhausted = false;
    const std::vector<std::pair<int64_t, int64_t>> ids = nextChildIds(parent, limit, stopAt, exhausted);
    parent->allFetched = exhausted;
    if (ids.empty())
        return 0;
    const int first = static_cast<int>(parent->children.size());
    // Receivers of the insertion signals (views, Qt 6.4's QAbstractItemModelTester) may ask to fetch while they are
    // delivered; that would nest a second insertion into this one. They fetch again when they need rows.
    m_notifying = true;
    beginInsertRows(indexFor(parent), first, first + static_cast<int>(ids.size()) - 1);
    for (const auto& [id, ts] : ids) {
        Item& item = m_items.emplace_back();
        item.id = id;
        item.ts = ts;
        item.parent = parent;
        item.row = static_cast<int>(parent->children.size());
        parent->children.push_back(&item);
        m_byId.insert(id, &item);
    }
    if (withPayloads)
        loadPayloads(std::span<Item* const>(parent->children).subspan(static_cast<size_t>(first)));
    endInsertRows();
    m_notifying = false;
    return static_cast<int>(ids.size());
}

void ProcessTreeModel::loadPayloads(std::span<Item* const> items) const
{
    std::vector<int64_t> ids;
    std::vector<Item*> pending;
    for (Item* item : items) {
        if (!item->loaded) {
            ids.push_back(item->id);
            pending.push_back(item);
        }
    }
    if (ids.empty() || !m_db)
        return;
    std::vector<Payload> payloads;
    try {
        readPayloads(*m_db, m_payloadStatement.get(), ids, payloads);
    } catch (const std::exception& e) {
        qCWarning(lcProcessTreeModel) << "reading nodes failed:" << e.what();
        payloads.resize(ids.size());
    }
    for (size_t i = 0; i < pending.size(); ++i) {
        pending[i]->payload = std::move(payloads[i]);
        pending[i]->loaded = true;
    }
}

void ProcessTreeModel::ensureLoaded(const Item* item) const
{
    if (item->loaded || !item->parent)
        return;
    // Rows that indexForNode() added without payloads: read the ones around this row in one go.
    const std::vector<Item*>& siblings = item->parent->children;
    const size_t first = static_cast<size_t>(std::max(0, item->row - kChunkSize / 4));
    const size_t count = std::min(siblings.size() - first, static_cast<size_t>(kChunkSize));
    loadPayloads(std::span<Item* const>(siblings).subspan(first, count));
}

QModelIndex ProcessTreeModel::indexForNode(int64_t nodeId)
{
    if (!m_db || nodeId <= 0)
        return {};
    if (m_visible && !m_visible->contains(nodeId))
        return {};
    if (const Item* known = m_byId.value(nodeId))
        return indexFor(known);
    // The chain from the node up to its root (the shown root when filtered).
    std::vector<int64_t> chain;
    try {
        Statement up(*m_db, "SELECT parent_id FROM process_nodes WHERE id = ?");
        int64_t id = nodeId;
        for (int depth = 0; id && depth < 4096; ++depth) {
            up.reset();
            up.bind(1, id);
            if (!up.step())
                return {};
            chain.push_back(id);
            if (m_byId.contains(id))
                break;
            id = up.columnInt(0);
            if (m_visible && id && !m_visible->contains(id))
                break;
        }
    } catch (const std::exception& e) {
        qCWarning(lcProcessTreeModel) << "reading the chain failed:" << e.what();
        return {};
    }
    // Down from the top: each level's children up to the next node of the chain, without payloads (they are read
    // when shown).
    Item* parent = m_byId.value(chain.back(), nullptr);
    if (parent)
        chain.pop_back();
    else
        parent = m_root.get();
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        Item* next = m_byId.value(*it, nullptr);
        if (!next) {
            appendChildren(parent, 0, *it, false);
            next = m_byId.value(*it, nullptr);
        }
        if (!next || next->parent != parent)
            return {};
        parent = next;
    }
    return indexFor(parent);
}

void ProcessTreeModel::setBookmarkedNodes(const QSet<int64_t>& ids)
{
    const QSet<int64_t> old = m_bookmarks;
    m_bookmarks = ids;
    for (const QSet<int64_t>* set : std::initializer_list<const QSet<int64_t>*>{&old, &m_bookmarks}) {
        for (const int64_t id : *set) {
            if (old.contains(id) == m_bookmarks.contains(id))
                continue;
            if (const Item* item = m_byId.value(id))
                Q_EMIT dataChanged(indexFor(item, 0), indexFor(item, ColumnCount - 1));
        }
    }
    if (m_filter.bookmarkedOnly && old != m_bookmarks && m_shared && !m_loading)
        startFilter();
}

QModelIndex ProcessTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const Item* parentItem = parent.isValid() ? itemFor(parent) : m_root.get();
    if (!parentItem || (parent.isValid() && parent.column() != 0))
        return {};
    if (static_cast<size_t>(row) >= parentItem->children.size())
        return {};
    return createIndex(row, column, parentItem->children[static_cast<size_t>(row)]);
}

QModelIndex ProcessTreeModel::parent(const QModelIndex& index) const
{
    const Item* item = itemFor(index);
    if (!item || !item->parent)
        return {};
    return indexFor(item->parent);
}

int ProcessTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const Item* item = parent.isValid() ? itemFor(parent) : m_root.get();
    return item ? static_cast<int>(item->children.size()) : 0;
}

int ProcessTreeModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return ColumnCount;
}

bool ProcessTreeModel::hasChildren(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Item* item = parent.isValid() ? itemFor(parent) : m_root.get();
    if (!item)
        return false;
    if (!item->children.empty())
        return true;
    if (item->allFetched)
        return false;
    if (m_visible)
        return !m_visible->children(item->id).empty();
    ensureLoaded(item);
    return item->payload.hasChildren;
}

bool ProcessTreeModel::canFetchMore(const QModelIndex& parent) const
{
    if (!m_db || m_notifying || (parent.isValid() && parent.column() != 0))
        return false;
    const Item* item = parent.isValid() ? itemFor(parent) : m_root.get();
    if (!item || item->allFetched)
        return false;
    if (item == m_root.get())
        return true;
    if (m_visible)
        return item->children.size() < m_visible->children(item->id).size();
    ensureLoaded(item);
    return item->payload.hasChildren;
}

void ProcessTreeModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    Item* item = parent.isValid() ? itemFor(parent) : m_root.get();
    appendChildren(item, kChunkSize, 0, true);
}

Qt::ItemFlags ProcessTreeModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant ProcessTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Item* item = itemFor(index);
    if (role == NodeIdRole)
        return QVariant::fromValue<qint64>(item->id);
    if (role == MatchRole)
        return isMatch(item->id);
    if (role == BookmarkedRole)
        return m_bookmarks.contains(item->id);
    if (role == Qt::TextAlignmentRole)
        return int((index.column() == PidColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role < NodeIdRole)
        return {};

    ensureLoaded(item);
    const Payload& p = item->payload;
    if (!p.found) {
        if (role == Qt::DisplayRole && index.column() == ProcessColumn)
            return tr("(node %1 not found)").arg(item->id);
        return {};
    }

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ProcessColumn: return p.processText;
        case PidColumn: return QString::number(p.pid);
        case UserColumn: return p.userText;
        case StartColumn: return p.startText;
        case ContainerColumn: return p.containerText;
        case FlagsColumn: {
            QStringList flags;
            if (p.failed)
                flags.append(tr("failed"));
            if (p.placeholder)
                flags.append(tr("placeholder"));
            if (p.parentLink == QLatin1String("inferred"))
                flags.append(tr("inferred link"));
            if (p.confidence == QLatin1String("likely"))
                flags.append(tr("likely"));
            else if (p.confidence == QLatin1String("unknown"))
                flags.append(tr("unknown"));
            if (p.disagreement)
                flags.append(tr("disagreement"));
            if (m_bookmarks.contains(item->id))
                flags.append(tr("bookmarked"));
            return flags.join(QStringLiteral(", "));
        }
        default: return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ProcessColumn: {
            QStringList lines;
            if (p.placeholder && p.exe.isEmpty() && p.argv.isEmpty())
                lines.append(tr("pid %1 on %2: a parent never seen exec'ing").arg(p.pid).arg(p.host));
            if (!p.exe.isEmpty())
                lines.append(tr("Executable: %1").arg(elided(EventTableModel::displayText(p.exe), kMaxTooltipChars)));
            if (!p.argv.isEmpty())
                lines.append(tr("Command line: %1")
                                 .arg(elided(EventTableModel::commandLine(p.argv), kMaxTooltipChars)));
            if (!p.cwd.isEmpty())
                lines.append(
                    tr("Working directory: %1").arg(elided(EventTableModel::displayText(p.cwd), kMaxTooltipChars)));
            if (!p.parentLink.isEmpty())
                lines.append(tr("Parent link: %1").arg(p.parentLink));
            return htmlTooltip(lines);
        }
        case StartColumn: return htmlTooltip({tr("%1 UTC").arg(p.startText), tr("%1 ns since the epoch").arg(p.startTs)});
        case ContainerColumn:
        case FlagsColumn: {
            QStringList lines;
            lines.append(p.location == QLatin1String("container") ? tr("Container %1").arg(p.containerId)
                         : p.location == QLatin1String("host")    ? tr("Ran on the host")
                                                                  : tr("Where it ran is unknown"));
            if (!p.containerName.isEmpty())
                lines.append(tr("Name: %1").arg(EventTableModel::displayText(p.containerName.toUtf8())));
            lines.append(tr("Role: %1").arg(p.role));
            lines.append(tr("Confidence: %1").arg(p.confidence));
            if (p.disagreement)
                lines.append(tr("The container stated by the log disagrees with the lineage."));
            return htmlTooltip(lines);
        }
        default: return {};
        }
    case ColourIndexRole: return p.colourIndex;
    case LocationRole: return p.location;
    case ContainerIdRole: return p.containerId;
    case ContainerRefRole: return QVariant::fromValue<qint64>(p.containerRef);
    case RuntimeRole: return p.runtime;
    case BoundaryRole: return isBoundary(p.runtime);
    case RoleRole: return p.role;
    case ConfidenceRole: return p.confidence;
    case PlaceholderRole: return p.placeholder;
    case ParentLinkRole: return p.parentLink;
    case InferredLinkRole: return p.parentLink == QLatin1String("inferred");
    case FailedRole: return p.failed;
    case EntrypointRole: return p.role == QLatin1String("entrypoint");
    case TimeNsRole: return QVariant::fromValue<qint64>(p.startTs);
    case HostRole: return p.host;
    case PidRole: return QVariant::fromValue<qint64>(p.pid);
    case ExecutableRole: return p.exe;
    case ArgvRole: return QVariant::fromValue(p.argv);
    default: return {};
    }
}

QVariant ProcessTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractItemModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ProcessColumn: return tr("Process");
        case PidColumn: return tr("PID");
        case UserColumn: return tr("User");
        case StartColumn: return tr("Start (UTC)");
        case ContainerColumn: return tr("Container");
        case FlagsColumn: return tr("Flags");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ProcessColumn: return tr("Executable name and arguments as logged; control characters are shown escaped");
        case UserColumn: return tr("User name as logged, else the uid (and the audit uid when it differs)");
        case FlagsColumn:
            return tr("Failed execs, parents never seen exec'ing, inferred parent links, attributions that are not "
                      "certain, disagreements with a log-stated container, bookmarks");
        default: return {};
        }
    }
    return {};
}

QHash<int, QByteArray> ProcessTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(NodeIdRole, "nodeId");
    names.insert(ColourIndexRole, "colourIndex");
    names.insert(LocationRole, "location");
    names.insert(ContainerIdRole, "containerId");
    names.insert(ContainerRefRole, "containerRef");
    names.insert(RuntimeRole, "runtime");
    names.insert(BoundaryRole, "boundary");
    names.insert(RoleRole, "role");
    names.insert(ConfidenceRole, "confidence");
    names.insert(PlaceholderRole, "placeholder");
    names.insert(ParentLinkRole, "parentLink");
    names.insert(InferredLinkRole, "inferredLink");
    names.insert(FailedRole, "failed");
    names.insert(MatchRole, "match");
    names.insert(BookmarkedRole, "bookmarked");
    names.insert(EntrypointRole, "entrypoint");
    names.insert(TimeNsRole, "timeNs");
    names.insert(HostRole, "host");
    names.insert(PidRole, "pid");
    names.insert(ExecutableRole, "executable");
    names.insert(ArgvRole, "argv");
    return names;
}

} // namespace ShimScope
