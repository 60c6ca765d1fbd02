// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "casereader.h"

#include <QAbstractTableModel>
#include <QString>

#include <cstdint>
#include <exception>
#include <memory>
#include <vector>

namespace ShimScope
{

/**
 * The exec events of one case in timeline order, as a flat table.
 *
 * Lazy so it stays smooth with millions of rows: a worker thread materialises the ordered event ids (8 bytes per
 * event), and data() fetches the payloads for a page of ids by primary key, keeping a few recent pages in an LRU
 * cache. The model itself lives on the GUI thread; the worker only hands over the id list and the connection.
 *
 * Strings from the log (executables, command lines, paths) are attacker-controlled: DisplayRole shows control and
 * bidirectional-override characters escaped and invalid UTF-8 as \xNN, and tooltips are HTML-escaped.
 */
class EventTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        HostColumn,
        WhereColumn, ///< host or container (short id), from the attribution
        PidColumn,
        PpidColumn,
        UidColumn,
        AuidColumn,
        ResultColumn,
        ExecutableColumn,
        CommandLineColumn,
        CwdColumn,
        SourceColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    /// Typed values of a row, the same for every column. Unknown numeric fields are an invalid QVariant.
    enum Role
    {
        EventIdRole = Qt::UserRole + 1, ///< qint64, the event's primary key
        TimeNsRole,                     ///< qint64, UTC ns since the epoch
        HostRole,                       ///< QString
        PidRole,                        ///< qint64
        PpidRole,                       ///< qint64
        UidRole,                        ///< qint64
        AuidRole,                       ///< qint64 (4294967295 = unset, as logged)
        SuccessRole,                    ///< bool
        ExitCodeRole,                   ///< qint64
        ExecutableRole,                 ///< QByteArray, raw bytes as logged
        CommRole,                       ///< QByteArray
        ArgvRole,                       ///< QList<QByteArray>, raw bytes as logged
        CwdRole,                        ///< QByteArray
        SourceIdRole,                   ///< qint64
        SourcePathRole,                 ///< QString
        LineRole,                       ///< qint64, line of the event's first record in its source
        RecordRole,                     ///< QString, the format's record id (auditd: sec.msec:serial)
        LocationRole,                   ///< QString: host, container or unknown
        ContainerIdRole,                ///< QString, full container id (empty on the host)
    };
    Q_ENUM(Role)

    /// Rows per page fetched by primary key; one page costs about a millisecond.
    static constexpr int kPageSize = 256;
    /// Pages kept in the cache (about 8k rows, a few MB).
    static constexpr int kMaxCachedPages = 32;
    /// auditd's "unset" audit uid.
    static constexpr int64_t kUnsetAuid = 4294967295;

    explicit EventTableModel(QObject* parent = nullptr);
    ~EventTableModel() override;

    /// Shows the case at path: clears the table now and loads the id list in the background. An empty path closes.
    void setCase(const QString& path);
    /// Reloads the current case (after an import); the current rows stay until the new ones arrive.
    void reload();
    /// Shows no case.
    void clear();

    QString casePath() const { return m_casePath; }
    bool isLoading() const { return m_loading; }
    /// The event id shown in row, or -1.
    int64_t eventId(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Untrusted bytes made safe and readable for display (see the class comment).
    static QString displayText(const QByteArray& bytes);
    /// argv joined by spaces, quoting arguments that need it, each argument made safe with displayText().
    static QString commandLine(const QList<QByteArray>& argv);

    /// A translated sentence for the user on why the case at path could not be opened (not a case file, written by
    /// a newer ShimScope, damaged, unreadable).
    static QString explainLoadError(const QString& path, const std::exception& error);

Q_SIGNALS:
    void loadingStarted();
    /// The ids of the case have arrived and the table shows rows rows.
    void loadingFinished(int rows);
    /// The case at path could not be read. error is a translated sentence for the user (not a case file, written
    /// by a newer ShimScope, damaged, unreadable), details the underlying message. The table is then empty.
    void loadingFailed(const QString& path, const QString& error, const QString& details);

private:
    struct CachedRow;
    struct Page;
    struct LoadResult;

    void startLoad(bool keepRows);
    void applyLoad(uint64_t generation, const std::shared_ptr<LoadResult>& result);
    const CachedRow* rowAt(int row) const;
    const Page& page(int pageIndex) const;

    QString m_casePath;
    bool m_loading = false;
    /// Bumped by every setCase()/reload()/clear(): a worker result with an older generation is dropped.
    uint64_t m_generation = 0;
    std::vector<int64_t> m_ids;
    /// The GUI thread's own connection, opened by the worker (so the integrity check runs off the GUI thread)
    /// and handed over with the ids; from then on only used here.
    std::unique_ptr<CaseReader> m_reader;

    // The cache changes inside const data(): it is an implementation detail of reading.
    mutable std::vector<std::unique_ptr<Page>> m_pages;
    mutable uint64_t m_useClock = 0;
};

} // namespace ShimScope
