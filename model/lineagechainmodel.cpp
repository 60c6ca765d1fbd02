// SPDX-License-Identifier: GPL-3.0-or-later
#include "lineagechainmodel.h"

#include "casereader.h"
#include "eventtablemodel.h"

#include <QFont>

#include <algorithm>

namespace ShimScope
{

LineageChainModel::LineageChainModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

LineageChainModel::~LineageChainModel() = default;

void LineageChainModel::setCase(const QString& path)
{
    beginResetModel();
    m_rows.clear();
    m_nodeId = 0;
    m_query.reset();
    m_reader.reset();
    if (!path.isEmpty()) {
        try {
            m_reader = std::make_unique<CaseReader>(path, CaseFile::Check::None);
            m_query = std::make_unique<ProcessQuery>(m_reader->database());
        } catch (const std::exception&) {
            // The window reports unreadable cases through the event table's load; the chain stays empty.
            m_reader.reset();
        }
    }
    endResetModel();
}

bool LineageChainModel::setNode(int64_t nodeId)
{
    QList<NodeRow> rows;
    if (m_query && nodeId > 0) {
        try {
            // Each process's earlier images (same pid, exec'd again: `sh -c 'exec …'`) come right above it, so an
            // exec-session root or entrypoint that re-exec'd is still on the chain.
            for (const NodeRow& node : m_query->chain(nodeId)) {
                rows.append(node);
                int64_t predecessor = node.predecessorId;
                for (int guard = 0; predecessor > 0 && guard < 32; ++guard) {
                    const std::optional<NodeRow> earlier = m_query->node(predecessor);
                    if (!earlier)
                        break;
                    rows.append(*earlier);
                    predecessor = earlier->predecessorId;
                }
            }
        } catch (const std::exception&) {
            rows.clear();
        }
    }
    std::reverse(rows.begin(), rows.end());
    beginResetModel();
    m_rows = std::move(rows);
    m_nodeId = m_rows.isEmpty() ? 0 : nodeId;
    endResetModel();
    return !m_rows.isEmpty() || nodeId == 0;
}

bool LineageChainModel::isBoundary(const NodeRow& row)
{
    return row.role == QLatin1String("shim") || row.role == QLatin1String("runtime")
        || row.role == QLatin1String("runtime init");
}

bool LineageChainModel::isEntrypoint(const NodeRow& row)
{
    return row.role == QLatin1String("entrypoint") || row.role == QLatin1String("exec-session root");
}

int LineageChainModel::boundaryRow() const
{
    for (int row = static_cast<int>(m_rows.size()) - 1; row >= 0; --row) {
        if (isBoundary(m_rows.at(row)))
            return row;
    }
    return -1;
}

int LineageChainModel::entrypointRow() const
{
    for (int row = static_cast<int>(m_rows.size()) - 1; row >= 0; --row) {
        if (isEntrypoint(m_rows.at(row)))
            return row;
    }
    return -1;
}

int LineageChainModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LineageChainModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LineageChainModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NodeRow& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ProcessColumn: {
            // Indented by depth so the list reads as the branch of the tree it is.
            const QString indent(index.row() * 2, QLatin1Char(' '));
            QString text = indent + processDisplayName(row);
            if (row.argv.size() > 1) {
                QString args = EventTableModel::commandLine(row.argv.mid(1));
                if (args.size() > 120)
                    args = args.left(120) + QStringLiteral("…");
                text += QLatin1Char(' ') + args;
            }
            return text;
        }
        case PidColumn:
            return QVariant::fromValue<qint64>(row.pid);
        case WhereColumn:
            if (row.location == QLatin1String("container"))
                return tr("container %1").arg(row.containerName.isEmpty() ? row.containerId.left(12)
                                                                          : row.containerName);
            return row.location == QLatin1String("host") ? tr("host") : tr("unknown");
        case RoleColumn:
            return row.role;
        case LinkColumn:
            if (index.row() == 0)
                return {};
            if (m_rows.at(index.row() - 1).id == row.predecessorId)
                return tr("re-exec of the same pid");
            return row.parentLink;
        }
        return {};
    case Qt::ToolTipRole: {
        // Log text is data: every piece escaped before it meets markup.
        QStringList lines{EventTableModel::commandLine(row.argv).toHtmlEscaped()};
        for (const QString& reason : row.evidence)
            lines.append(reason.toHtmlEscaped());
        return lines.join(QStringLiteral("<br/>"));
    }
    case Qt::FontRole:
        if (index.row() == static_cast<int>(m_rows.size()) - 1 || isEntrypoint(row) || isBoundary(row)) {
            QFont font;
            font.setBold(true);
            font.setItalic(row.placeholder);
            return font;
        }
        if (row.placeholder) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case NodeIdRole:
        return QVariant::fromValue<qint64>(row.id);
    case ColourIndexRole:
        return row.location == QLatin1String("container") ? row.colourIndex : -1;
    case BoundaryRole:
        return isBoundary(row);
    case EntrypointRole:
        return isEntrypoint(row);
    case TargetRole:
        return index.row() == static_cast<int>(m_rows.size()) - 1;
    case ContainerIdRole:
        return row.containerId;
    case InferredLinkRole:
        return row.parentLink == QLatin1String("inferred");
    }
    return {};
}

QVariant LineageChainModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ProcessColumn:
        return tr("Process (oldest ancestor first)");
    case PidColumn:
        return tr("PID");
    case WhereColumn:
        return tr("Ran in");
    case RoleColumn:
        return tr("Role");
    case LinkColumn:
        return tr("Link to parent");
    }
    return {};
}

} // namespace ShimScope
