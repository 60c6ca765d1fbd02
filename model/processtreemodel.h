// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemModel>
#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace ShimScope
{

class Database;
class Statement;

/**
 * The process lineage of one case as a tree: roots (nodes without a parent) by host then start time, each node's
 * children in start order.
 *
 * Lazy so a case with a million nodes opens at once: nothing scans the node table. Children are read on demand per
 * parent (`WHERE parent_id = ?`, paged by the key (start_ts, id) over the index process_nodes_parent) in chunks of
 * kChunkSize through canFetchMore()/fetchMore(); a node's payload (event, attribution, container) is read by primary
 * key when its row is first shown.
 *
 * A filter is computed by a worker thread on its own connection: the matching nodes plus their ancestors (so the
 * lineage stays readable; ancestors have MatchRole false), held as one sorted array from which children are then
 * served. Free text uses the case's FTS5 trigram index (node_search) when it is current; otherwise it scans once and
 * builds the index in the background (persisted in the case unless it is read-only, in memory otherwise). A new
 * filter, case or reload supersedes the running one (generation counter, sqlite3_interrupt).
 *
 * The model lives on the GUI thread and owns the GUI thread's connection, opened by the loader; workers never share
 * it. Strings from the log are attacker-controlled: display text is escaped like EventTableModel's and tooltips are
 * HTML-escaped.
 */
class ProcessTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        ProcessColumn, ///< executable name and an argument summary (placeholders: "pid N (not seen exec'ing)")
        PidColumn,
        UserColumn,
        StartColumn, ///< RFC 3339 UTC
        ContainerColumn,
        FlagsColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    /// Typed values of a node, the same for every column.
    enum Role
    {
        NodeIdRole = Qt::UserRole + 1, ///< qint64, process_nodes.id
        ColourIndexRole,               ///< int, the container's colour index; -1 on the host or unknown
        LocationRole,                  ///< QString: host, container or unknown
        ContainerIdRole,               ///< QString, full container id (empty when none)
        ContainerRefRole,              ///< qint64, containers.id (0 when none)
        RuntimeRole,                   ///< QString, runtime kind of the process itself ("shim", "runtime"…), or empty
        BoundaryRole,                  ///< bool: shim, conmon, OCI runtime or runtime init — the container boundary
        RoleRole,                      ///< QString, attribution role ("entrypoint", "exec-session root"…)
        ConfidenceRole,                ///< QString: certain, likely or unknown
        PlaceholderRole,               ///< bool: a parent never seen exec'ing
        ParentLinkRole,                ///< QString: logged, pid-match, snapshot or inferred (empty for roots)
        InferredLinkRole,              ///< bool
        FailedRole,                    ///< bool: a failed exec
        MatchRole,                     ///< bool: matches the filter (false: shown only as an ancestor for context)
        BookmarkedRole,                ///< bool
        EntrypointRole,                ///< bool: a container's first process
        TimeNsRole,                    ///< qint64, start (exec) time, UTC ns since the epoch
        HostRole,                      ///< QString
        PidRole,                       ///< qint64
        ExecutableRole,                ///< QByteArray, raw bytes as logged
        ArgvRole,                      ///< QList<QByteArray>, raw bytes as logged
    };
    Q_ENUM(Role)

    struct Filter
    {
        QString text;     ///< free text over executable, arguments and working directory (substring, any case)
        QString host;     ///< exact host name
        int64_t containerRef = 0; ///< containers.id; 0 = any
        bool hostOnly = false;    ///< only processes attributed to the host
        QString user;             ///< a user name, or a number matched against uid and auid
        std::optional<int64_t> fromNs, toNs; ///< start time range, inclusive
        bool bookmarkedOnly = false;         ///< only the nodes given to setBookmarkedNodes()
        bool isEmpty() const;
        bool operator==(const Filter& other) const = default;
    };

    /// Rows read per fetchMore(); payloads are read by primary key, about 20 µs each.
    static constexpr int kChunkSize = 256;

    explicit ProcessTreeModel(QObject* parent = nullptr);
    ~ProcessTreeModel() override;

    /// Shows the case at path: clears the tree now and loads the first roots in the background. Empty path: no case.
    void setCase(const QString& path);
    /// Reloads the current case (after an import); the current rows stay until the new ones arrive.
    void reload();
    /// Shows no case.
    void clear();
    QString casePath() const { return m_casePath; }
    bool isLoading() const { return m_loading; }
    /// Whether a filter is being computed.
    bool isFiltering() const { return m_filtering; }
    /// A read-only case is never written: its search index, when it has none, is built in memory. Default false (the
    /// index is stored in the case if the file is writable). Takes effect with the next setCase().
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }
    bool isReadOnly() const { return m_readOnly; }

    /// Runs in a worker; the tree is replaced when the result arrives, then filterApplied() is emitted.
    void setFilter(const Filter& filter);
    Filter filter() const { return m_filter; }
    /// Nodes matching the current filter (all nodes when unfiltered: -1 until counted).
    qint64 matchCount() const { return m_matchCount; }

    int64_t nodeId(const QModelIndex& index) const; ///< 0 for an invalid index
    /// Loads the children of the node's ancestors as needed so the node has an index (for the bottom-up pivot).
    /// Invalid when the node is unknown or filtered out.
    QModelIndex indexForNode(int64_t nodeId);
    /// Refreshes BookmarkedRole and the Flags column (and re-runs a bookmarkedOnly filter).
    void setBookmarkedNodes(const QSet<int64_t>& ids);
    QSet<int64_t> bookmarkedNodes() const { return m_bookmarks; }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& index) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void loadingStarted();
    /// The first roots of the case are shown. The integrity check of the file continues in the background and
    /// reports loadingFailed() if it fails.
    void loadingFinished();
    /// error is a translated sentence for the user, details the underlying message. The tree is then empty.
    void loadingFailed(const QString& path, const QString& error, const QString& details);
    /// A filter (or its removal) is shown; matches = matching nodes (all nodes when unfiltered).
    void filterApplied(qint64 matches);

public:
    // Implementation types, public only so the worker functions in the .cpp can name them.
    struct Payload;
    struct Visible;
    struct Host
    {
        int64_t id = 0;
        QString name;
    };
    struct Shared;
    struct JobResult;

private:
    struct Item;

    void startLoad(bool keepRows);
    void startFilter();
    void applyResult(uint64_t generation, const std::shared_ptr<JobResult>& result);
    void fail(const QString& error, const QString& details);
    void resetTree();
    void cancelJobs();

    Item* itemFor(const QModelIndex& index) const;
    QModelIndex indexFor(const Item* item, int column = 0) const;
    /// Appends up to limit children ids of parent (all up to and including stopAt when given); returns how many.
    int appendChildren(Item* parent, int limit, int64_t stopAt, bool loadPayloads);
    std::vector<std::pair<int64_t, int64_t>> nextChildIds(Item* parent, int limit, int64_t stopAt, bool& exhausted);
    void ensureLoaded(const Item* item) const;
    void loadPayloads(std::span<Item* const> items) const;
    bool isMatch(int64_t id) const;

    QString m_casePath;
    bool m_readOnly = false;
    bool m_loading = false;
    bool m_filtering = false;
    bool m_notifying = false; ///< endResetModel()/endInsertRows() are being delivered: no fetching until they return
    Filter m_filter;
    qint64 m_matchCount = -1;
    QSet<int64_t> m_bookmarks;
    /// Bumped by every setCase()/reload()/clear()/setFilter(): a worker result with an older generation is dropped.
    uint64_t m_generation = 0;
    /// Per-case state shared with workers (their connection, the search index, cancellation).
    std::shared_ptr<Shared> m_shared;

    /// The GUI thread's own connection, opened (and checked) by the loader and handed over with the first rows.
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Statement> m_payloadStatement;
    std::vector<Host> m_hosts; ///< by name: the order of the roots
    std::shared_ptr<const Visible> m_visible; ///< the filtered set, or null when unfiltered

    // The tree as loaded so far. Items never move (deque), so QModelIndex::internalPointer() is the item. Payloads
    // are read inside const data(): an implementation detail of reading.
    std::unique_ptr<Item> m_root;
    mutable std::deque<Item> m_items;
    QHash<int64_t, Item*> m_byId;

    /// One worker at a time per model: loads and filters run in order and share the worker connection.
    QThreadPool m_pool;
    /// The integrity check of a newly opened case and the search index build, beside the filters.
    QThreadPool m_indexPool;
};

} // namespace ShimScope
