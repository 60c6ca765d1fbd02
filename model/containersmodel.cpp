// SPDX-License-Identifier: GPL-3.0-or-later
#include "containersmodel.h"

#include "casereader.h"
#include "eventtablemodel.h"

#include <QCollator>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <exception>

namespace ShimScope
{

namespace
{
QString safe(const QString& text)
{
    return EventTableModel::displayText(text.toUtf8());
}

QString htmlTooltip(const QStringList& lines)
{
    QStringList escaped;
    for (const QString& line : lines)
        escaped.append(line.toHtmlEscaped());
    return QStringLiteral("<qt><p style='white-space:pre-wrap'>") + escaped.join(QStringLiteral("<br/>"))
        + QStringLiteral("</p></qt>");
}

QVariant optionalId(int64_t value)
{
    return value == kUnknownId ? QVariant() : QVariant::fromValue<qint64>(value);
}
} // namespace

struct ContainersModel::LoadResult
{
    QList<ContainerRow> rows;
    QString error;
    QString details;
};

ContainersModel::ContainersModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

ContainersModel::~ContainersModel() = default;

void ContainersModel::setCase(const QString& path)
{
    m_casePath = path;
    startLoad(false);
}

void ContainersModel::reload()
{
    startLoad(true);
}

void ContainersModel::clear()
{
    setCase(QString());
}

void ContainersModel::startLoad(bool keepRows)
{
    const uint64_t generation = ++m_generation;
    if (!keepRows) {
        beginResetModel();
        m_rows.clear();
        endResetModel();
    }
    if (m_casePath.isEmpty()) {
        m_loading = false;
        return;
    }
    m_loading = true;
    Q_EMIT loadingStarted();
    const QString path = m_casePath;
    auto* watcher = new QFutureWatcher<std::shared_ptr<LoadResult>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        const std::shared_ptr<LoadResult> result = watcher->result();
        watcher->deleteLater();
        applyLoad(generation, result);
    });
    // The worker's connection lives and dies in the worker: the rows are all the
    // model needs.
    watcher->setFuture(QtConcurrent::run([path] {
        auto result = std::make_shared<LoadResult>();
        try {
            CaseReader reader(path);
            result->rows = ProcessQuery(reader.database()).containers();
        } catch (const std::exception& e) {
            result->rows.clear();
            result->error = QFileInfo(path).isFile() ? tr("The containers of this case could not be read.")
                                                     : tr("There is no such file.");
            result->details = QString::fromUtf8(e.what());
        }
        return result;
    }));
}

void ContainersModel::applyLoad(uint64_t generation, const std::shared_ptr<LoadResult>& result)
{
    if (generation != m_generation || !result)
        return; // superseded by a newer setCase()/reload()
    m_loading = false;
    QList<ContainerRow> rows = std::move(result->rows);
    sortRows(rows);
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (!result->error.isEmpty()) {
        const QString path = m_casePath;
        Q_EMIT loadingFailed(path, result->error, result->details);
        return;
    }
    Q_EMIT loadingFinished();
}

int ContainersModel::rowOfContainer(int64_t containerRef) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == containerRef)
            return i;
    }
    return -1;
}

const ContainerRow* ContainersModel::container(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int ContainersModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ContainersModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags ContainersModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QString ContainersModel::tooltip(const ContainerRow& c) const
{
    QStringList lines{tr("Container %1").arg(safe(c.containerId))};
    if (!c.name.isEmpty())
        lines.append(tr("Name: %1").arg(safe(c.name)));
    lines.append(c.image.isEmpty() ? tr("Image: not named by the logs") : tr("Image: %1").arg(safe(c.image)));
    QString runtime = c.runtime.isEmpty() ? tr("unknown") : safe(c.runtime);
    if (!c.engine.isEmpty())
        runtime = tr("%1 (engine %2)").arg(runtime, safe(c.engine));
    lines.append(tr("Runtime: %1").arg(runtime));
    if (!c.namespace_.isEmpty())
        lines.append(tr("Namespace: %1").arg(safe(c.namespace_)));
    if (!c.sandboxId.isEmpty() && c.sandboxId != c.containerId)
        lines.append(tr("Pod sandbox: %1").arg(safe(c.sandboxId)));
    lines.append(tr("Host: %1").arg(safe(c.host)));
    if (c.entrypointPid != kUnknownId)
        lines.append(
            tr("Entrypoint (pid %1): %2").arg(c.entrypointPid).arg(EventTableModel::commandLine(c.entrypointArgv)));
    else
        lines.append(tr("Entrypoint: not in the logs"));
    if (c.shimPid != kUnknownId)
        lines.append(tr("Shim pid: %1").arg(c.shimPid));
    lines.append(
        tr("Processes: %L1, exec sessions: %L2, restarts: %L3").arg(c.processes).arg(c.execSessions).arg(c.restarts));
    lines.append(tr("Active %1 .. %2 UTC").arg(formatTimestamp(c.firstTs), formatTimestamp(c.lastTs)));
    return htmlTooltip(lines);
}

QVariant ContainersModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ContainerRow& c = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ColourColumn: return {};
        case ShortIdColumn: return safe(c.shortId);
        case NameColumn: return safe(c.name);
        case ImageColumn: return safe(c.image);
        case RuntimeColumn: return safe(c.runtime);
        case HostColumn: return safe(c.host);
        case ProcessesColumn: return QVariant::fromValue<qint64>(c.processes);
        case FirstColumn: return formatTimestamp(c.firstTs);
        case LastColumn: return formatTimestamp(c.lastTs);
        default: return {};
        }
    case Qt::ToolTipRole: return tooltip(c);
    case Qt::TextAlignmentRole:
        return index.column() == ProcessesColumn ? int(Qt::AlignRight | Qt::AlignVCenter)
                                                 : int(Qt::AlignLeft | Qt::AlignVCenter);
    case ContainerRefRole: return QVariant::fromValue<qint64>(c.id);
    case ContainerIdRole: return c.containerId;
    case ColourIndexRole: return c.colourIndex;
    case ShortIdRole: return c.shortId;
    case NameRole: return c.name;
    case ImageRole: return c.image;
    case RuntimeRole: return c.runtime;
    case HostRole: return c.host;
    case ProcessesRole: return QVariant::fromValue<qint64>(c.processes);
    case FirstNsRole: return QVariant::fromValue<qint64>(c.firstTs);
    case LastNsRole: return QVariant::fromValue<qint64>(c.lastTs);
    case EntrypointNodeRole: return QVariant::fromValue<qint64>(c.entrypointNodeId);
    case ShimPidRole: return optionalId(c.shimPid);
    case EngineRole: return c.engine;
    case ExecSessionsRole: return QVariant::fromValue<qint64>(c.execSessions);
    case RestartsRole: return QVariant::fromValue<qint64>(c.restarts);
    case ShimNodeRole: return QVariant::fromValue<qint64>(c.shimNodeId);
    case SandboxIdRole: return c.sandboxId;
    default: return {};
    }
}

QVariant ContainersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ColourColumn: return QString();
        case ShortIdColumn: return tr("Container");
        case NameColumn: return tr("Name");
        case ImageColumn: return tr("Image");
        case RuntimeColumn: return tr("Runtime");
        case HostColumn: return tr("Host");
        case ProcessesColumn: return tr("Processes");
        case FirstColumn: return tr("First seen (UTC)");
        case LastColumn: return tr("Last seen (UTC)");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ColourColumn: return tr("The container's colour, the same in every view");
        case ProcessesColumn:
            return tr("Processes attributed to the container (process listing rows "
                      "included)");
        case FirstColumn: return tr("First activity attributed to the container");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return int((section == ProcessesColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    return {};
}

QHash<int, QByteArray> ContainersModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ContainerRefRole, "containerRef");
    names.insert(ContainerIdRole, "containerId");
    names.insert(ColourIndexRole, "colourIndex");
    names.insert(ShortIdRole, "shortId");
    names.insert(NameRole, "name");
    names.insert(ImageRole, "image");
    names.insert(RuntimeRole, "runtime");
    names.insert(HostRole, "host");
    names.insert(ProcessesRole, "processes");
    names.insert(FirstNsRole, "firstNs");
    names.insert(LastNsRole, "lastNs");
    names.insert(EntrypointNodeRole, "entrypointNode");
    names.insert(ShimPidRole, "shimPid");
    names.insert(EngineRole, "engine");
    names.insert(ExecSessionsRole, "execSessions");
    names.insert(RestartsRole, "restarts");
    names.insert(ShimNodeRole, "shimNode");
    names.insert(SandboxIdRole, "sandboxId");
    return names;
}

void ContainersModel::sortRows(QList<ContainerRow>& rows) const
{
    QCollator collator;
    collator.setNumericMode(true);
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    // No sort column (-1): the query's order, by first activity.
    const int column = m_sortColumn < 0 ? int(FirstColumn) : m_sortColumn;
    const Qt::SortOrder order = m_sortColumn < 0 ? Qt::AscendingOrder : m_sortOrder;
    // Compare by one column, ties by first activity then id, so the order is
    // total and stable across reloads.
    auto less = [&collator, column](const ContainerRow& a, const ContainerRow& b) {
        int c = 0;
        switch (column) {
        case ColourColumn: c = a.colourIndex - b.colourIndex; break;
        case ShortIdColumn: c = collator.compare(a.shortId, b.shortId); break;
        case NameColumn: c = collator.compare(a.name, b.name); break;
        case ImageColumn: c = collator.compare(a.image, b.image); break;
        case RuntimeColumn: c = collator.compare(a.runtime, b.runtime); break;
        case HostColumn: c = collator.compare(a.host, b.host); break;
        case ProcessesColumn: c = a.processes < b.processes ? -1 : (a.processes > b.processes ? 1 : 0); break;
        case LastColumn: c = a.lastTs < b.lastTs ? -1 : (a.lastTs > b.lastTs ? 1 : 0); break;
        default: break; // FirstColumn: the tie-break below
        }
        if (c != 0)
            return c < 0;
        if (a.firstTs != b.firstTs)
            return a.firstTs < b.firstTs;
        return a.id < b.id;
    };
    if (order == Qt::AscendingOrder)
        std::sort(rows.begin(), rows.end(), less);
    else
        std::sort(rows.begin(), rows.end(),
                  [&less](const ContainerRow& a, const ContainerRow& b) { return less(b, a); });
}

void ContainersModel::sort(int column, Qt::SortOrder order)
{
    if (column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<int64_t> refs;
    refs.reserve(before.size());
    for (const QModelIndex& index : before)
        refs.append(m_rows.at(index.row()).id);
    sortRows(m_rows);
    QModelIndexList after;
    after.reserve(before.size());
    for (int i = 0; i < before.size(); ++i)
        after.append(index(rowOfContainer(refs.at(i)), before.at(i).column()));
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace ShimScope
