// SPDX-License-Identifier: GPL-3.0-or-later
#include "bookmarksmodel.h"

#include "casefile.h"
#include "casereader.h"
#include "eventtablemodel.h"
#include "processquery.h"

#include <QColor>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <exception>

Q_LOGGING_CATEGORY(lcBookmarksModel, "shimscope.bookmarksmodel")

namespace ShimScope
{

namespace
{
QString htmlTooltip(const QStringList& lines)
{
    QStringList escaped;
    for (const QString& line : lines)
        escaped.append(line.toHtmlEscaped());
    return QStringLiteral("<qt><p style='white-space:pre-wrap'>") + escaped.join(QStringLiteral("<br/>"))
        + QStringLiteral("</p></qt>");
}

QString safe(const QString& text)
{
    return EventTableModel::displayText(text.toUtf8());
}
} // namespace

struct BookmarksModel::Row
{
    Bookmark bookmark;
    bool found = false;
    bool placeholder = false;
    QString process;     ///< display text: the program, escaped
    QString commandLine; ///< escaped
    QString location;
    QString containerId;
    QString containerLabel;
    int colourIndex = -1;
};

struct BookmarksModel::LoadResult
{
    std::unique_ptr<Database> db;
    std::vector<Row> rows;
    QString error;
    QString details;
};

BookmarksModel::BookmarksModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_analyst(BookmarkStore::defaultAnalyst())
{
}

BookmarksModel::~BookmarksModel() = default;

void BookmarksModel::setCase(const QString& path, bool readOnly)
{
    m_casePath = path;
    m_readOnly = readOnly;
    beginResetModel();
    m_rows.clear();
    m_db.reset();
    endResetModel();
    startLoad();
}

void BookmarksModel::reload()
{
    startLoad();
}

void BookmarksModel::clear()
{
    setCase(QString(), true);
}

BookmarksModel::Row BookmarksModel::makeRow(Database& db, const Bookmark& bookmark)
{
    Row row;
    row.bookmark = bookmark;
    if (!bookmark.nodeId)
        return row;
    const std::optional<NodeRow> node = ProcessQuery(db).node(bookmark.nodeId);
    if (!node)
        return row;
    row.found = true;
    row.placeholder = node->placeholder;
    QByteArray program = node->exe;
    if (const qsizetype slash = program.lastIndexOf('/'); slash >= 0 && slash + 1 < program.size())
        program = program.mid(slash + 1);
    if (program.isEmpty() && !node->argv.isEmpty())
        program = node->argv.first();
    row.process = EventTableModel::displayText(program);
    row.commandLine = EventTableModel::commandLine(node->argv);
    row.location = node->location;
    row.containerId = node->containerId;
    row.containerLabel = node->containerName.isEmpty() ? node->containerId.left(12) : node->containerName;
    row.colourIndex = node->containerId.isEmpty() ? -1 : node->colourIndex;
    return row;
}

void BookmarksModel::startLoad()
{
    const uint64_t generation = ++m_generation;
    if (m_casePath.isEmpty()) {
        m_loading = false;
        return;
    }
    m_loading = true;
    const QString path = m_casePath;
    const bool readOnly = m_readOnly;
    // A reload keeps the current connection for edits until the new one arrives;
    // the worker opens its own.
    auto* watcher = new QFutureWatcher<std::shared_ptr<LoadResult>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        const std::shared_ptr<LoadResult> result = watcher->result();
        watcher->deleteLater();
        applyLoad(generation, result);
    });
    watcher->setFuture(QtConcurrent::run([path, readOnly] {
        auto result = std::make_shared<LoadResult>();
        try {
            if (!QFileInfo(path).isFile())
                throw CaseFile::CaseError("no case file at " + path.toStdString());
            result->db
                = std::make_unique<Database>(readOnly ? CaseFile::openReadOnly(path) : CaseFile::openReadWrite(path));
            BookmarkStore store(*result->db);
            for (const Bookmark& b : store.all())
                result->rows.push_back(makeRow(*result->db, b));
        } catch (const std::exception& e) {
            result->db.reset();
            result->rows.clear();
            result->error = QFileInfo(path).isFile() ? tr("The bookmarks of this case could not be read.")
                                                     : tr("There is no such file.");
            result->details = QString::fromUtf8(e.what());
        }
        return result;
    }));
}

void BookmarksModel::applyLoad(uint64_t generation, const std::shared_ptr<LoadResult>& result)
{
    if (generation != m_generation || !result)
        return; // superseded by a newer setCase()/reload()
    m_loading = false;
    beginResetModel();
    m_rows = std::move(result->rows);
    m_db = std::move(result->db);
    endResetModel();
    if (!result->error.isEmpty()) {
        const QString path = m_casePath;
        Q_EMIT loadingFailed(path, result->error, result->details);
        return;
    }
    Q_EMIT loadingFinished();
    Q_EMIT bookmarksChanged();
}

void BookmarksModel::putRow(Row row)
{
    const int existing = rowOfBookmark(row.bookmark.id);
    if (existing >= 0) {
        m_rows[static_cast<size_t>(existing)] = std::move(row);
        Q_EMIT dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, 0, 0); // newest first, as loaded
    m_rows.insert(m_rows.begin(), std::move(row));
    endInsertRows();
}

bool BookmarksModel::setBookmark(int64_t nodeId, const QString& note, const QStringList& tags, const QString& colour,
                                 const QString& analyst)
{
    if (!isEditable()) {
        m_lastError = m_readOnly ? tr("The case is open read-only.") : tr("The case is still loading.");
        return false;
    }
    try {
        const Bookmark saved = BookmarkStore(*m_db).save(nodeId, note, tags, colour, analyst);
        putRow(makeRow(*m_db, saved));
    } catch (const std::exception& e) {
        m_lastError = QString::fromUtf8(e.what());
        qCWarning(lcBookmarksModel) << "saving a bookmark failed:" << e.what();
        return false;
    }
    m_lastError.clear();
    Q_EMIT bookmarksChanged();
    return true;
}

bool BookmarksModel::removeBookmark(int64_t bookmarkId)
{
    if (!isEditable()) {
        m_lastError = m_readOnly ? tr("The case is open read-only.") : tr("The case is still loading.");
        return false;
    }
    try {
        BookmarkStore(*m_db).remove(bookmarkId);
    } catch (const std::exception& e) {
        m_lastError = QString::fromUtf8(e.what());
        qCWarning(lcBookmarksModel) << "removing a bookmark failed:" << e.what();
        return false;
    }
    m_lastError.clear();
    if (const int row = rowOfBookmark(bookmarkId); row >= 0) {
        beginRemoveRows({}, row, row);
        m_rows.erase(m_rows.begin() + row);
        endRemoveRows();
    }
    Q_EMIT bookmarksChanged();
    return true;
}

int BookmarksModel::mergeFrom(const QString& otherCasePath, QString* report)
{
    if (!isEditable()) {
        m_lastError = m_readOnly ? tr("The case is open read-only.") : tr("The case is still loading.");
        return -1;
    }
    int changed = 0;
    try {
        BookmarkStore store(*m_db);
        changed = store.mergeFrom(otherCasePath, report);
        std::vector<Row> rows;
        for (const Bookmark& b : store.all())
            rows.push_back(makeRow(*m_db, b));
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    } catch (const std::exception& e) {
        m_lastError = QString::fromUtf8(e.what());
        return -1;
    }
    m_lastError.clear();
    Q_EMIT bookmarksChanged();
    return changed;
}

QSet<int64_t> BookmarksModel::bookmarkedNodeIds() const
{
    QSet<int64_t> ids;
    for (const Row& row : m_rows) {
        if (row.bookmark.nodeId)
            ids.insert(row.bookmark.nodeId);
    }
    return ids;
}

int BookmarksModel::rowOfBookmark(int64_t bookmarkId) const
{
    const auto it = std::find_if(m_rows.begin(), m_rows.end(),
                                 [bookmarkId](const Row& row) { return row.bookmark.id == bookmarkId; });
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

int BookmarksModel::rowOfNode(int64_t nodeId) const
{
    if (!nodeId)
        return -1;
    const auto it = std::find_if(m_rows.begin(), m_rows.end(),
                                 [nodeId](const Row& row) { return row.bookmark.nodeId == nodeId; });
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

int BookmarksModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int BookmarksModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags BookmarksModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (isEditable() && (index.column() == NoteColumn || index.column() == TagsColumn))
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant BookmarksModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[static_cast<size_t>(index.row())];
    const Bookmark& b = row.bookmark;

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ColourColumn: return {};
        case ProcessColumn:
            if (!row.found)
                return tr("(not in this case)");
            if (row.placeholder && row.process.isEmpty())
                return tr("(not seen exec'ing)");
            return row.process;
        case PidColumn: return QVariant::fromValue<qint64>(b.pid);
        case HostColumn: return safe(b.host);
        case ContainerColumn:
            if (!row.found)
                return {};
            if (!row.containerId.isEmpty())
                return safe(row.containerLabel);
            return row.location == QLatin1String("unknown") ? tr("unknown") : tr("host");
        case NoteColumn: return safe(b.note.section(QLatin1Char('\n'), 0, 0));
        case TagsColumn: return safe(b.tags.join(QStringLiteral(", ")));
        case AnalystColumn: return safe(b.analyst);
        case UpdatedColumn: return formatTimestamp(b.updatedAt);
        default: return {};
        }
    case Qt::EditRole:
        switch (index.column()) {
        case NoteColumn: return b.note;
        case TagsColumn: return b.tags.join(QStringLiteral(", "));
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::DecorationRole:
        if (index.column() == ColourColumn && !b.colour.isEmpty())
            return QColor::fromString(b.colour);
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ProcessColumn: {
            QStringList lines{tr("%1 pid %2, exec'd at %3").arg(b.host).arg(b.pid).arg(formatTimestamp(b.execTs))};
            if (row.found && !row.commandLine.isEmpty())
                lines.append(tr("Command line: %1").arg(row.commandLine));
            if (!row.found)
                lines.append(tr("No process of this case has this key (host, pid, exec "
                                "time); the bookmark came "
                                "from another case or an earlier import."));
            if (!b.sourceRecord.isEmpty())
                lines.append(
                    tr("Source record %1 of the file with SHA-256 %2").arg(safe(b.sourceRecord), safe(b.sourceSha256)));
            return htmlTooltip(lines);
        }
        case ContainerColumn:
            if (row.containerId.isEmpty())
                return {};
            return htmlTooltip({tr("Container %1").arg(safe(row.containerId))});
        case NoteColumn: {
            if (b.note.isEmpty())
                return {};
            QStringList lines;
            for (const QString& line : b.note.split(QLatin1Char('\n')))
                lines.append(safe(line));
            return htmlTooltip(lines);
        }
        case ColourColumn: return b.colour.isEmpty() ? QVariant() : htmlTooltip({b.colour});
        case UpdatedColumn:
            return htmlTooltip({tr("Created %1").arg(formatTimestamp(b.createdAt)),
                                tr("Updated %1").arg(formatTimestamp(b.updatedAt))});
        default: return {};
        }
    case Qt::TextAlignmentRole:
        return index.column() == PidColumn ? int(Qt::AlignRight | Qt::AlignVCenter)
                                           : int(Qt::AlignLeft | Qt::AlignVCenter);
    case BookmarkIdRole: return QVariant::fromValue<qint64>(b.id);
    case NodeIdRole: return QVariant::fromValue<qint64>(b.nodeId);
    case ColourRole: return b.colour;
    case NoteRole: return b.note;
    case TagsRole: return b.tags;
    case ContainerIdRole: return row.containerId;
    case ColourIndexRole: return row.colourIndex;
    case HostRole: return b.host;
    case PidRole: return QVariant::fromValue<qint64>(b.pid);
    case ExecTimeNsRole: return QVariant::fromValue<qint64>(b.execTs);
    case UpdatedAtNsRole: return QVariant::fromValue<qint64>(b.updatedAt);
    case AnalystRole: return b.analyst;
    default: return {};
    }
}

bool BookmarksModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !isEditable()
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || (index.column() != NoteColumn && index.column() != TagsColumn))
        return false;
    const Bookmark b = m_rows[static_cast<size_t>(index.row())].bookmark;
    QString note = b.note;
    QStringList tags = b.tags;
    if (index.column() == NoteColumn)
        note = value.toString();
    else
        tags = value.typeId() == QMetaType::QStringList ? value.toStringList() : QStringList{value.toString()};
    if (note == b.note && BookmarkStore::joinTags(tags) == BookmarkStore::joinTags(b.tags))
        return true; // nothing changed: no write, no new updated_at
    try {
        // By id: a bookmark whose process is not in this case can still be edited.
        const Bookmark saved = BookmarkStore(*m_db).update(b.id, note, tags, b.colour, m_analyst);
        m_rows[static_cast<size_t>(index.row())].bookmark = saved;
    } catch (const std::exception& e) {
        m_lastError = QString::fromUtf8(e.what());
        qCWarning(lcBookmarksModel) << "editing a bookmark failed:" << e.what();
        return false;
    }
    m_lastError.clear();
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    Q_EMIT bookmarksChanged();
    return true;
}

QVariant BookmarksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ColourColumn: return QString();
        case ProcessColumn: return tr("Process");
        case PidColumn: return tr("PID");
        case HostColumn: return tr("Host");
        case ContainerColumn: return tr("Ran in");
        case NoteColumn: return tr("Note");
        case TagsColumn: return tr("Tags");
        case AnalystColumn: return tr("Analyst");
        case UpdatedColumn: return tr("Updated (UTC)");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ColourColumn: return tr("The bookmark's colour");
        case TagsColumn: return tr("Comma-separated tags");
        case AnalystColumn: return tr("Who last changed the bookmark");
        default: return {};
        }
    }
    return {};
}

QHash<int, QByteArray> BookmarksModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(BookmarkIdRole, "bookmarkId");
    names.insert(NodeIdRole, "nodeId");
    names.insert(ColourRole, "colour");
    names.insert(NoteRole, "note");
    names.insert(TagsRole, "tags");
    names.insert(ContainerIdRole, "containerId");
    names.insert(ColourIndexRole, "colourIndex");
    names.insert(HostRole, "host");
    names.insert(PidRole, "pid");
    names.insert(ExecTimeNsRole, "execTimeNs");
    names.insert(UpdatedAtNsRole, "updatedAtNs");
    names.insert(AnalystRole, "analyst");
    return names;
}

} // namespace ShimScope
