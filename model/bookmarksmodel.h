// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bookmarkstore.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace ShimScope
{

/**
 * The bookmarks of one case as a flat table (a few hundred rows at most: sort
 * and filter with a proxy model).
 *
 * setCase() opens the connection and reads the bookmarks in a worker thread
 * (opening runs SQLite's integrity check for a read-only case); from then on
 * the model and its connection live on the GUI thread, where edits are written
 * at once (a few milliseconds). A read-only case (a colleague's) refuses every
 * edit: flags() has no Qt::ItemIsEditable, setData(), setBookmark() and
 * removeBookmark() return false.
 *
 * Process, host and note are text from logs or other analysts: DisplayRole
 * escapes control and bidi characters, tooltips are HTML-escaped.
 */
class BookmarksModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ColourColumn, ///< the bookmark's own colour (DecorationRole QColor)
        ProcessColumn,
        PidColumn,
        HostColumn,
        ContainerColumn,
        NoteColumn, ///< editable
        TagsColumn, ///< editable (comma separated)
        AnalystColumn,
        UpdatedColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        BookmarkIdRole = Qt::UserRole + 1, ///< qint64 bookmarks.id
        NodeIdRole,                        ///< qint64 process_nodes.id in this case, 0 when not found
        ColourRole,                        ///< QString #rrggbb or empty
        NoteRole,                          ///< QString, as written
        TagsRole,                          ///< QStringList
        ContainerIdRole,                   ///< QString full id, empty on the host or when not found
        ColourIndexRole,                   ///< int: the container's colour slot, -1 on the host (or
                                           ///< not found)
        HostRole,                          ///< QString
        PidRole,                           ///< qint64
        ExecTimeNsRole,                    ///< qint64, the key's exec time
        UpdatedAtNsRole,                   ///< qint64
        AnalystRole,                       ///< QString
    };
    Q_ENUM(Role)

    explicit BookmarksModel(QObject* parent = nullptr);
    ~BookmarksModel() override;

    /// Shows the bookmarks of the case at path (empty: none), loading in the
    /// background.
    void setCase(const QString& path, bool readOnly);
    /// Reads the bookmarks again (after an import renumbered the nodes, or a
    /// merge).
    void reload();
    void clear();

    QString casePath() const { return m_casePath; }
    bool isReadOnly() const { return m_readOnly; }
    bool isLoading() const { return m_loading; }
    /// Ready for edits: a read-write case whose connection has arrived.
    bool isEditable() const { return !m_readOnly && m_db != nullptr; }
    /// Who edits through setData() (default: the login name).
    QString analyst() const { return m_analyst; }
    void setAnalyst(const QString& analyst) { m_analyst = analyst; }

    /// Creates or updates the bookmark of a node; false in a read-only case,
    /// before loading finished, for an unknown node, a colour that is not
    /// #rrggbb, or when the write fails (lastError() says why).
    bool setBookmark(int64_t nodeId, const QString& note, const QStringList& tags, const QString& colour,
                     const QString& analyst);
    bool removeBookmark(int64_t bookmarkId);
    /// Merges another analyst's bookmarks (BookmarkStore::mergeFrom) and reloads;
    /// -1 on failure.
    int mergeFrom(const QString& otherCasePath, QString* report);
    QSet<int64_t> bookmarkedNodeIds() const;
    /// The row of a bookmark or of a node's bookmark, -1 if none.
    int rowOfBookmark(int64_t bookmarkId) const;
    int rowOfNode(int64_t nodeId) const;
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    /// The bookmarks changed: loaded, saved, removed or merged
    /// (bookmarkedNodeIds() may differ).
    void bookmarksChanged();
    void loadingFinished();
    /// error is a translated sentence, details the underlying message.
    void loadingFailed(const QString& path, const QString& error, const QString& details);

private:
    struct Row;
    struct LoadResult;

    void startLoad();
    void applyLoad(uint64_t generation, const std::shared_ptr<LoadResult>& result);
    static Row makeRow(Database& db, const Bookmark& bookmark);
    void putRow(Row row);

    QString m_casePath;
    bool m_readOnly = true;
    bool m_loading = false;
    uint64_t m_generation = 0;
    QString m_analyst;
    QString m_lastError;
    std::vector<Row> m_rows;
    /// The GUI thread's connection, opened by the worker and handed over with the
    /// rows.
    std::unique_ptr<Database> m_db;
};

} // namespace ShimScope
