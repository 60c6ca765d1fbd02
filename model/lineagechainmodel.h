// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "processquery.h"

#include <QAbstractTableModel>

#include <memory>

namespace ShimScope
{

class CaseReader;

/**
 * The bottom-up pivot: one process's chain of parents up to the top of what the logs show (PID 1 when a listing
 * names it), shown top-down (the oldest ancestor first, the pivoted process last), with the container boundary
 * (shim, runtime, runtime init) and the container's entrypoint or exec-session root marked.
 *
 * A chain is a few dozen indexed lookups, so setNode() reads it on the calling (GUI) thread.
 */
class LineageChainModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ProcessColumn,
        PidColumn,
        WhereColumn,
        RoleColumn,
        LinkColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        NodeIdRole = Qt::UserRole + 1, ///< qint64
        ColourIndexRole,               ///< int, -1 outside containers
        BoundaryRole,                  ///< bool: a shim, runtime or runtime init (the container boundary)
        EntrypointRole,                ///< bool: the container's entrypoint or an exec-session root
        TargetRole,                    ///< bool: the pivoted process itself
        ContainerIdRole,               ///< QString
        InferredLinkRole,              ///< bool: its link to the row above is inferred, not logged
    };
    Q_ENUM(Role)

    explicit LineageChainModel(QObject* parent = nullptr);
    ~LineageChainModel() override;

    /// Reads chains from the case at path (its own read-only connection, opened without the integrity check: open a
    /// case here only after something else checked it, as the window does); an empty path clears.
    void setCase(const QString& path);
    /// Shows the chain of nodeId (0 clears). Returns false when the node is not in the case.
    bool setNode(int64_t nodeId);
    int64_t node() const { return m_nodeId; }
    const QList<NodeRow>& chain() const { return m_rows; }
    /// The row of the container boundary nearest to the process (the shim or runtime), or -1.
    int boundaryRow() const;
    /// The row of the entrypoint or exec-session root, or -1.
    int entrypointRow() const;

    static bool isBoundary(const NodeRow& row);
    static bool isEntrypoint(const NodeRow& row);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::unique_ptr<CaseReader> m_reader;
    std::unique_ptr<ProcessQuery> m_query;
    int64_t m_nodeId = 0;
    QList<NodeRow> m_rows; ///< oldest ancestor first
};

} // namespace ShimScope
