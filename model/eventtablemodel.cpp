// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventtablemodel.h"

#include "casefile.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QtConcurrent/QtConcurrentRun>

#include <sqlite3.h>

#include <algorithm>
#include <exception>
#include <limits>

Q_LOGGING_CATEGORY(lcEventTableModel, "shimscope.eventtablemodel")

namespace ShimScope
{

namespace
{
constexpr int kMaxDisplayChars = 4096; ///< a command line is elided by the view anyway; bound the work per cell
constexpr int kMaxTooltipArgs = 64;
constexpr int kMaxTooltipArgChars = 400;

bool isControlOrInvisible(char32_t cp)
{
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) // C0, DEL, C1
        || cp == 0x061c                                         // Arabic letter mark
        || (cp >= 0x200b && cp <= 0x200f)                       // zero width, LRM/RLM
        || (cp >= 0x2028 && cp <= 0x202e)                       // line/paragraph separators, bidi embeddings
        || (cp >= 0x2060 && cp <= 0x2069)                       // word joiner, invisible operators, bidi isolates
        || cp == 0xfeff;                                        // zero width no-break space
}

void appendHexByte(QString& out, unsigned value)
{
    out += QStringLiteral("\\x") + QString::number(value, 16).rightJustified(2, u'0');
}

// Characters a shell would not need quoted; everything else makes commandLine() quote the argument.
bool needsQuoting(const QString& arg)
{
    if (arg.isEmpty())
        return true;
    return std::any_of(arg.cbegin(), arg.cend(), [](QChar c) {
        if (c.isLetterOrNumber() && c.unicode() < 0x80)
            return false;
        return !QStringView(u"_@%+=:,./-").contains(c);
    });
}

// Common negative exit codes of a failed execve, named in the tooltip so "failed (-2)" reads without a man page.
QString errnoName(int64_t exitCode)
{
    switch (-exitCode) {
    case 1: return QStringLiteral("EPERM");
    case 2: return QStringLiteral("ENOENT");
    case 7: return QStringLiteral("E2BIG");
    case 8: return QStringLiteral("ENOEXEC");
    case 12: return QStringLiteral("ENOMEM");
    case 13: return QStringLiteral("EACCES");
    case 14: return QStringLiteral("EFAULT");
    case 20: return QStringLiteral("ENOTDIR");
    case 21: return QStringLiteral("EISDIR");
    case 26: return QStringLiteral("ETXTBSY");
    case 36: return QStringLiteral("ENAMETOOLONG");
    case 40: return QStringLiteral("ELOOP");
    default: return {};
    }
}

QVariant optionalId(int64_t value)
{
    return value == kUnknownId ? QVariant() : QVariant::fromValue<qint64>(value);
}

QString optionalText(int64_t value)
{
    return value == kUnknownId ? QString() : QString::number(value);
}

QString elided(QString text, int maxChars)
{
    if (text.size() > maxChars) {
        text.truncate(maxChars);
        text += QChar(0x2026);
    }
    return text;
}

// Tooltips go through Qt::mightBeRichText(): log text must never be interpreted as HTML, so build the HTML here
// from escaped lines.
QString htmlTooltip(const QStringList& lines)
{
    QStringList escaped;
    escaped.reserve(lines.size());
    for (const QString& line : lines)
        escaped.append(line.toHtmlEscaped());
    return QStringLiteral("<qt><p style='white-space:pre'>") + escaped.join(QStringLiteral("<br/>"))
        + QStringLiteral("</p></qt>");
}
} // namespace

/// One row as shown: the event plus its display strings, formatted once when its page is fetched.
struct EventTableModel::CachedRow
{
    EventRow event;
    bool loaded = false;
    QString time;
    QString auid;
    QString result;
    QString executable;
    QString commandLine;
    QString cwd;
    QString source;
    QString where;
};

struct EventTableModel::Page
{
    int index = -1;
    uint64_t lastUse = 0;
    std::vector<CachedRow> rows;
};

struct EventTableModel::LoadResult
{
    std::unique_ptr<CaseReader> reader;
    std::vector<int64_t> ids;
    QString error;
    QString details;
};

QString EventTableModel::explainLoadError(const QString& path, const std::exception& error)
{
    if (!QFileInfo(path).isFile())
        return tr("There is no such file.");
    if (const auto* databaseError = dynamic_cast<const DatabaseError*>(&error)) {
        switch (databaseError->code() & 0xff) {
        case SQLITE_NOTADB: return tr("The file is not a ShimScope case file.");
        case SQLITE_CORRUPT: return tr("The case file is damaged.");
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
        case SQLITE_AUTH: return tr("The file cannot be opened for reading.");
        default: return tr("The case file could not be read.");
        }
    }
    if (dynamic_cast<const CaseFile::CaseError*>(&error)) {
        // Tell "someone else's database" from "a newer ShimScope" from "damaged" by looking, not by parsing messages.
        try {
            Database db(path, Database::Mode::ReadOnly);
            const int64_t applicationId = db.queryInt("PRAGMA application_id");
            const int version = CaseFile::schemaVersion(db);
            if (applicationId == CaseFile::kApplicationId && version > CaseFile::currentSchemaVersion())
                return tr("The case was written by a newer version of ShimScope (case format %1; this version reads "
                          "up to %2).")
                    .arg(version)
                    .arg(CaseFile::currentSchemaVersion());
            if (applicationId != CaseFile::kApplicationId || version == 0)
                return tr("The file is not a ShimScope case file.");
            return tr("The case file is damaged: it fails SQLite's integrity check.");
        } catch (const std::exception&) {
            return tr("The case file could not be read.");
        }
    }
    return tr("The case file could not be read.");
}

EventTableModel::EventTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

EventTableModel::~EventTableModel() = default;

void EventTableModel::setCase(const QString& path)
{
    m_casePath = path;
    startLoad(false);
}

void EventTableModel::reload()
{
    startLoad(true);
}

void EventTableModel::clear()
{
    setCase(QString());
}

void EventTableModel::startLoad(bool keepRows)
{
    const uint64_t generation = ++m_generation;
    if (!keepRows) {
        beginResetModel();
        m_ids.clear();
        m_pages.clear();
        m_reader.reset();
        endResetModel();
    }
    if (m_casePath.isEmpty()) {
        m_loading = false;
        return;
    }
    m_loading = true;
    Q_EMIT loadingStarted();

    // The worker opens the connection (which runs SQLite's integrity check, linear in the file size) and reads the
    // ordered ids (about a second for ten million events); the GUI thread then only runs page queries.
    // SQLite connections may move between threads as long as only one uses them at a time.
    const QString path = m_casePath;
    auto* watcher = new QFutureWatcher<std::shared_ptr<LoadResult>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        const std::shared_ptr<LoadResult> result = watcher->result();
        watcher->deleteLater();
        applyLoad(generation, result);
    });
    watcher->setFuture(QtConcurrent::run([path] {
        auto result = std::make_shared<LoadResult>();
        try {
            result->reader = std::make_unique<CaseReader>(path);
            result->ids = result->reader->eventIdsInTimeOrder();
        } catch (const std::exception& e) {
            result->reader.reset();
            result->ids.clear();
            result->error = explainLoadError(path, e);
            result->details = QString::fromUtf8(e.what());
        }
        return result;
    }));
}

void EventTableModel::applyLoad(uint64_t generation, const std::shared_ptr<LoadResult>& result)
{
    if (generation != m_generation || !result)
        return; // a newer setCase()/reload() superseded this load
    m_loading = false;
    if (!result->error.isEmpty()) {
        beginResetModel();
        m_ids.clear();
        m_pages.clear();
        m_reader.reset();
        endResetModel();
        const QString path = m_casePath; // a copy: receivers may call setCase() and change m_casePath
        const QString error = result->error;
        const QString details = result->details;
        Q_EMIT loadingFailed(path, error, details);
        return;
    }
    beginResetModel();
    m_ids = std::move(result->ids);
    m_reader = std::move(result->reader);
    m_pages.clear();
    endResetModel();
    Q_EMIT loadingFinished(rowCount());
}

int64_t EventTableModel::eventId(int row) const
{
    if (row < 0 || static_cast<size_t>(row) >= m_ids.size())
        return -1;
    return m_ids[static_cast<size_t>(row)];
}

int EventTableModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    return static_cast<int>(std::min<size_t>(m_ids.size(), static_cast<size_t>(std::numeric_limits<int>::max())));
}

int EventTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags EventTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

const EventTableModel::Page& EventTableModel::page(int pageIndex) const
{
    for (const auto& cached : m_pages) {
        if (cached->index == pageIndex) {
            cached->lastUse = ++m_useClock;
            return *cached;
        }
    }

    auto fresh = std::make_unique<Page>();
    fresh->index = pageIndex;
    fresh->lastUse = ++m_useClock;
    const size_t first = static_cast<size_t>(pageIndex) * kPageSize;
    const size_t count = std::min<size_t>(kPageSize, m_ids.size() - first);
    const std::span<const int64_t> ids(m_ids.data() + first, count);
    fresh->rows.resize(count);

    std::vector<EventRow> events;
    try {
        if (m_reader)
            events = m_reader->events(ids); // one prepared statement, `WHERE id = ?` per id: ~1 ms per page
    } catch (const std::exception& e) {
        qCWarning(lcEventTableModel) << "reading events failed:" << e.what();
    }
    // events() leaves out ids that vanished; match by id so rows never shift.
    size_t next = 0;
    for (size_t i = 0; i < count; ++i) {
        CachedRow& row = fresh->rows[i];
        row.event.id = ids[i];
        if (next >= events.size() || events[next].id != ids[i])
            continue;
        row.event = std::move(events[next++]);
        row.loaded = true;
        const EventRow& e = row.event;
        row.time = formatTimestamp(e.timeNs);
        row.auid = e.auid == kUnsetAuid ? tr("unset") : optionalText(e.auid);
        if (e.kind == EventKind::Snapshot)
            row.result = tr("listed"); // a process listing row: alive then, not an exec
        else if (e.kind == EventKind::Exit)
            row.result = tr("exited (%1)").arg(e.exitCode);
        else
            row.result = e.success ? tr("ok") : tr("failed (%1)").arg(e.exitCode);
        row.executable = elided(displayText(e.exe), kMaxDisplayChars);
        // Kernel threads and defunct processes in a listing have no argv: show their name as ps does.
        row.commandLine = elided(e.argv.isEmpty() && !e.comm.isEmpty() ? displayText(e.comm) : commandLine(e.argv),
                                 kMaxDisplayChars);
        row.cwd = elided(displayText(e.cwd), kMaxDisplayChars);
        row.source = e.sourcePath + u':' + QString::number(e.line);
        if (e.location == QLatin1String("container"))
            row.where = tr("container %1").arg(e.containerId.left(12));
        else if (e.location == QLatin1String("host"))
            row.where = tr("host");
        else if (!e.location.isEmpty())
            row.where = tr("unknown");
    }

    if (m_pages.size() >= static_cast<size_t>(kMaxCachedPages)) {
        auto oldest = std::min_element(
            m_pages.begin(), m_pages.end(), [](const auto& a, const auto& b) { return a->lastUse < b->lastUse; });
        m_pages.erase(oldest);
    }
    m_pages.push_back(std::move(fresh));
    return *m_pages.back();
}

const EventTableModel::CachedRow* EventTableModel::rowAt(int row) const
{
    if (row < 0 || static_cast<size_t>(row) >= m_ids.size())
        return nullptr;
    const Page& p = page(row / kPageSize);
    return &p.rows[static_cast<size_t>(row % kPageSize)];
}

QVariant EventTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};

    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case Qt::TextAlignmentRole:
    case EventIdRole:
    case TimeNsRole:
    case HostRole:
    case PidRole:
    case PpidRole:
    case UidRole:
    case AuidRole:
    case SuccessRole:
    case ExitCodeRole:
    case ExecutableRole:
    case CommRole:
    case ArgvRole:
    case CwdRole:
    case SourceIdRole:
    case SourcePathRole:
    case LineRole:
    case RecordRole:
    case LocationRole:
    case ContainerIdRole: break;
    default: return {};
    }

    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case PidColumn:
        case PpidColumn:
        case UidColumn:
        case AuidColumn: return int(Qt::AlignRight | Qt::AlignVCenter);
        default: return int(Qt::AlignLeft | Qt::AlignVCenter);
        }
    }
    if (role == EventIdRole)
        return QVariant::fromValue<qint64>(eventId(index.row()));

    const CachedRow* row = rowAt(index.row());
    if (!row || !row->loaded) {
        if (role == Qt::DisplayRole && index.column() == TimeColumn)
            return tr("(event %1 not found)").arg(eventId(index.row()));
        return {};
    }
    const EventRow& e = row->event;

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: return row->time;
        case HostColumn: return displayText(e.host.toUtf8());
        case WhereColumn: return row->where;
        case PidColumn: return optionalText(e.pid);
        case PpidColumn: return optionalText(e.ppid);
        case UidColumn: return optionalText(e.uid);
        case AuidColumn: return row->auid;
        case ResultColumn: return row->result;
        case ExecutableColumn: return row->executable;
        case CommandLineColumn: return row->commandLine;
        case CwdColumn: return row->cwd;
        case SourceColumn: return row->source;
        default: return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn: return htmlTooltip({tr("%1 UTC").arg(row->time), tr("%1 ns since the epoch").arg(e.timeNs)});
        case ExecutableColumn:
            return htmlTooltip(
                {tr("Executable: %1").arg(displayText(e.exe)), tr("Name (comm): %1").arg(displayText(e.comm))});
        case CommandLineColumn: {
            QStringList lines;
            const int shown = std::min<int>(static_cast<int>(e.argv.size()), kMaxTooltipArgs);
            for (int i = 0; i < shown; ++i)
                lines.append(
                    QStringLiteral("argv[%1] = %2").arg(i).arg(elided(displayText(e.argv.at(i)), kMaxTooltipArgChars)));
            if (e.argv.size() > shown)
                lines.append(tr("(%L1 more not shown)").arg(e.argv.size() - shown));
            if (e.argv.isEmpty())
                lines.append(tr("No arguments were logged."));
            if (e.argvTruncated)
                lines.append(tr("The log holds only part of this command line."));
            if (e.argvOrigin == ArgvOrigin::Proctitle)
                lines.append(tr("Taken from PROCTITLE (the kernel keeps at most 128 bytes)."));
            return htmlTooltip(lines);
        }
        case CwdColumn: return htmlTooltip({displayText(e.cwd)});
        case ResultColumn:
            if (e.success)
                return htmlTooltip({tr("The exec succeeded.")});
            if (const QString name = errnoName(e.exitCode); !name.isEmpty())
                return htmlTooltip({tr("The exec failed with exit code %1 (%2).").arg(e.exitCode).arg(name)});
            return htmlTooltip({tr("The exec failed with exit code %1.").arg(e.exitCode)});
        case AuidColumn:
            return e.auid == kUnsetAuid ? htmlTooltip({tr("No login session: audit uid 4294967295 (unset).")})
                                        : QVariant();
        case WhereColumn:
            if (e.location.isEmpty())
                return {};
            return htmlTooltip({e.containerId.isEmpty() ? tr("Ran on the host") : tr("Container %1").arg(e.containerId),
                                tr("Role: %1").arg(e.role), tr("Confidence: %1").arg(e.confidence)});
        case SourceColumn: {
            QStringList lines{tr("File: %1").arg(e.sourcePath), tr("Line: %1").arg(e.line)};
            if (!e.record.isEmpty())
                lines.append(tr("Record: %1").arg(e.record));
            return htmlTooltip(lines);
        }
        default: return {};
        }
    case TimeNsRole: return QVariant::fromValue<qint64>(e.timeNs);
    case HostRole: return e.host;
    case PidRole: return optionalId(e.pid);
    case PpidRole: return optionalId(e.ppid);
    case UidRole: return optionalId(e.uid);
    case AuidRole: return optionalId(e.auid);
    case SuccessRole: return e.success;
    case ExitCodeRole: return QVariant::fromValue<qint64>(e.exitCode);
    case ExecutableRole: return e.exe;
    case CommRole: return e.comm;
    case ArgvRole: return QVariant::fromValue(e.argv);
    case CwdRole: return e.cwd;
    case SourceIdRole: return QVariant::fromValue<qint64>(e.sourceId);
    case SourcePathRole: return e.sourcePath;
    case LineRole: return QVariant::fromValue<qint64>(e.line);
    case RecordRole: return e.record;
    case LocationRole: return e.location;
    case ContainerIdRole: return e.containerId;
    default: return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case TimeColumn: return tr("Time (UTC)");
        case HostColumn: return tr("Host");
        case WhereColumn: return tr("Ran in");
        case PidColumn: return tr("PID");
        case PpidColumn: return tr("PPID");
        case UidColumn: return tr("UID");
        case AuidColumn: return tr("AUID");
        case ResultColumn: return tr("Result");
        case ExecutableColumn: return tr("Executable");
        case CommandLineColumn: return tr("Command line");
        case CwdColumn: return tr("Working directory");
        case SourceColumn: return tr("Source");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole) {
        const bool numeric
            = section == PidColumn || section == PpidColumn || section == UidColumn || section == AuidColumn;
        return int((numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case PpidColumn: return tr("Parent process id as logged at the time of the exec");
        case AuidColumn: return tr("Audit (login) user id; \"unset\" for processes outside a login session");
        case CommandLineColumn: return tr("Arguments as logged; control characters are shown escaped");
        case SourceColumn: return tr("Imported file and line of the event's first record");
        default: return {};
        }
    }
    return {};
}

QHash<int, QByteArray> EventTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(EventIdRole, "eventId");
    names.insert(TimeNsRole, "timeNs");
    names.insert(HostRole, "host");
    names.insert(PidRole, "pid");
    names.insert(PpidRole, "ppid");
    names.insert(UidRole, "uid");
    names.insert(AuidRole, "auid");
    names.insert(SuccessRole, "success");
    names.insert(ExitCodeRole, "exitCode");
    names.insert(ExecutableRole, "executable");
    names.insert(CommRole, "comm");
    names.insert(ArgvRole, "argv");
    names.insert(CwdRole, "cwd");
    names.insert(SourceIdRole, "sourceId");
    names.insert(SourcePathRole, "sourcePath");
    names.insert(LineRole, "line");
    names.insert(RecordRole, "record");
    names.insert(LocationRole, "location");
    names.insert(ContainerIdRole, "containerId");
    return names;
}

QString EventTableModel::displayText(const QByteArray& bytes)
{
    QString out;
    out.reserve(bytes.size());
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.constData());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            switch (c) {
            case '\n': out += QStringLiteral("\\n"); break;
            case '\r': out += QStringLiteral("\\r"); break;
            case '\t': out += QStringLiteral("\\t"); break;
            default:
                if (c < 0x20 || c == 0x7f)
                    appendHexByte(out, c);
                else
                    out += QChar(static_cast<char16_t>(c));
            }
            ++i;
            continue;
        }
        // Decode one UTF-8 sequence by hand so each invalid byte shows as \xNN instead of vanishing into U+FFFD.
        int length = 0;
        char32_t cp = 0;
        if ((c & 0xe0) == 0xc0) {
            length = 2;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            length = 3;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            length = 4;
            cp = c & 0x07;
        }
        bool valid = length > 0 && i + length <= n;
        for (int k = 1; valid && k < length; ++k) {
            const unsigned char next = p[i + k];
            valid = (next & 0xc0) == 0x80;
            cp = (cp << 6) | (next & 0x3f);
        }
        static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
        if (valid)
            valid = cp >= kMinimum[length] && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
        if (!valid) {
            appendHexByte(out, c);
            ++i;
            continue;
        }
        if (isControlOrInvisible(cp)) {
            out += QStringLiteral("\\u{%1}").arg(static_cast<uint>(cp), 4, 16, QLatin1Char('0'));
        } else if (QChar::requiresSurrogates(cp)) {
            out += QChar(QChar::highSurrogate(cp));
            out += QChar(QChar::lowSurrogate(cp));
        } else {
            out += QChar(static_cast<char16_t>(cp));
        }
        i += length;
    }
    return out;
}

QString EventTableModel::commandLine(const QList<QByteArray>& argv)
{
    QString line;
    for (const QByteArray& arg : argv) {
        if (!line.isEmpty())
            line += u' ';
        QString text = displayText(arg);
        if (needsQuoting(text)) {
            text.replace(u'\'', QStringLiteral("'\\''"));
            line += u'\'' + text + u'\'';
        } else {
            line += text;
        }
        if (line.size() > kMaxDisplayChars)
            break;
    }
    return line;
}

} // namespace ShimScope
