// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "processquery.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <cstdint>
#include <memory>

namespace ShimScope
{

/**
 * The container entities of one case (ProcessQuery::containers()) as a table
 * for the container list.
 *
 * setCase() reads in a worker thread (opening a case runs SQLite's integrity
 * check, linear in its size) and keeps no connection: the list is small and
 * complete once loaded. Sorting is in the model (sort()); there are tens of
 * rows, not millions.
 *
 * Names, images and command lines come from logs: DisplayRole escapes control
 * and bidi characters, tooltips are HTML-escaped. The colour is a role holding
 * the container's colour slot; the palette lives in the ui.
 */
class ContainersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ColourColumn, ///< no text: the delegate paints ColourIndexRole
        ShortIdColumn,
        NameColumn,
        ImageColumn,
        RuntimeColumn,
        HostColumn,
        ProcessesColumn,
        FirstColumn,
        LastColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    /// Typed values of a row, the same for every column.
    enum Role
    {
        ContainerRefRole = Qt::UserRole + 1, ///< qint64 containers.id
        ContainerIdRole,                     ///< QString, the full id
        ColourIndexRole,                     ///< int, the container's colour slot
        ShortIdRole,                         ///< QString
        NameRole,                            ///< QString, as logged (empty when no log named it)
        ImageRole,                           ///< QString, as logged
        RuntimeRole,                         ///< QString (runc, crun, …)
        HostRole,                            ///< QString
        ProcessesRole,                       ///< qint64 processes attributed to it
        FirstNsRole,                         ///< qint64, first activity (UTC ns)
        LastNsRole,                          ///< qint64, last activity
        EntrypointNodeRole,                  ///< qint64 process_nodes.id of its first process, 0
                                             ///< when unseen
        ShimPidRole,                         ///< qint64, invalid QVariant when no shim was seen
        EngineRole,                          ///< QString (docker, containerd, podman, kubernetes)
        ExecSessionsRole,                    ///< qint64
        RestartsRole,                        ///< qint64
        ShimNodeRole,                        ///< qint64 process_nodes.id of its shim, 0 when unseen
        SandboxIdRole,                       ///< QString, the pod sandbox id (Kubernetes), empty
                                             ///< otherwise
    };
    Q_ENUM(Role)

    explicit ContainersModel(QObject* parent = nullptr);
    ~ContainersModel() override;

    /// Shows the containers of the case at path (empty: none), loaded in the
    /// background.
    void setCase(const QString& path);
    /// Reads the case again (after an import); the rows stay until the new ones
    /// arrive.
    void reload();
    void clear();

    QString casePath() const { return m_casePath; }
    bool isLoading() const { return m_loading; }
    /// The row of a container (by containers.id), -1 if none.
    int rowOfContainer(int64_t containerRef) const;
    /// The container shown in row (nullptr when out of range).
    const ContainerRow* container(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    void loadingStarted();
    void loadingFinished();
    /// error is a translated sentence for the user, details the underlying
    /// message; the list is then empty.
    void loadingFailed(const QString& path, const QString& error, const QString& details);

private:
    struct LoadResult;

    void startLoad(bool keepRows);
    void applyLoad(uint64_t generation, const std::shared_ptr<LoadResult>& result);
    void sortRows(QList<ContainerRow>& rows) const;
    QString tooltip(const ContainerRow& row) const;

    QString m_casePath;
    bool m_loading = false;
    uint64_t m_generation = 0;
    QList<ContainerRow> m_rows;
    int m_sortColumn = -1; ///< -1: the query's order (first activity)
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace ShimScope
