// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvmapping.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

#include <utility>

namespace ShimScope
{

namespace
{

constexpr int kStoreVersion = 1;
constexpr qint64 kMaxStoreBytes = 4 * 1024 * 1024;

// Translation context "CsvMapping" for the free functions of this file.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CsvMapping)
};

/// Header text reduced for synonym matching: lower case, letters and digits only ("process.command_line" and
/// "ProcessCommandLine" both become "processcommandline", "_time" becomes "time").
QString squash(const QString& name)
{
    QString out;
    for (const QChar c : name)
    {
        if (c.isLetterOrNumber())
            out += c.toLower();
    }
    return out;
}

QString normalizedName(const QString& name)
{
    return name.trimmed().simplified().toLower();
}

struct Synonyms
{
    CsvField field;
    std::initializer_list<const char*> names; // squashed
};

// Column names of common exports. Order inside a list is preference: the first that the header has wins.
// Deliberately absent: CrowdStrike's TargetProcessId/ParentProcessId (64-bit process ids, not pids, but
// "parentprocessid" is also Sysmon's real parent pid, so the latter stays a ppid), bare "name"/"date" (too vague).
const std::initializer_list<Synonyms>& synonymTable()
{
    static const std::initializer_list<Synonyms> table = {
        {CsvField::Time,
         {"timestamp", "time", "utctime", "eventtime", "timegenerated", "datetime", "eventtimestamp", "timecreated",
          "processstarttime", "ts", "createdat"}},
        {CsvField::Host,
         {"hostname", "host", "hostnamefield", "devicename", "computername", "computer", "agenthostname", "node",
          "nodename"}},
        {CsvField::Pid, {"pid", "processid", "processpid"}},
        {CsvField::Ppid,
         {"ppid", "parentpid", "processparentpid", "processppid", "parentprocessid", "initiatingprocessid"}},
        {CsvField::Uid, {"uid", "processuid", "useruid", "userid", "processuserid", "euid"}},
        {CsvField::User,
         {"user", "username", "accountname", "processusername", "subjectusername", "useraccount", "subjsec"}},
        {CsvField::Exe,
         {"exe", "executable", "processexecutable", "image", "processpath", "folderpath", "imagefilename",
          "processimage", "exepath", "path"}},
        {CsvField::CommandLine,
         {"commandline", "processcommandline", "cmdline", "processcmdline", "command", "cmd", "args", "argv",
          "processargs", "arguments"}},
        {CsvField::Cwd,
         {"cwd", "currentdirectory", "workingdirectory", "processworkingdirectory", "processcwd"}},
        {CsvField::Comm, {"comm", "processname", "filename", "processcomm"}},
        {CsvField::Guid, {"processguid", "processentityid", "entityid", "guid", "processuniqueid"}},
        {CsvField::ParentGuid,
         {"parentprocessguid", "processparententityid", "parententityid", "parentguid", "parentprocessuniqueid"}},
        {CsvField::ContainerId, {"containerid", "containerfullid", "container"}},
        // Only columns whose values are known kinds: an unknown value skips the row, so vaguer names ("event",
        // "action": ausearch's record types, CrowdStrike's event names) are left for the user to map.
        {CsvField::Kind, {"kind", "eventaction", "actiontype"}},
    };
    return table;
}

constexpr std::array<const char*, kCsvFieldCount> kFieldKeys = {
    "time", "host", "pid", "ppid", "uid", "user", "exe", "commandLine", "cwd", "comm", "guid", "parentGuid",
    "containerId", "kind",
};

QString kindKey(EventKind kind)
{
    return kind == EventKind::Snapshot ? QStringLiteral("snapshot") : QStringLiteral("exec");
}

} // namespace

QString CsvMapping::fieldKey(CsvField field)
{
    return QString::fromLatin1(kFieldKeys[static_cast<size_t>(field)]);
}

std::optional<CsvField> CsvMapping::fieldFromKey(const QString& key)
{
    const QString k = squash(key);
    for (int i = 0; i < kCsvFieldCount; ++i)
    {
        if (k == squash(QString::fromLatin1(kFieldKeys[static_cast<size_t>(i)])))
            return static_cast<CsvField>(i);
    }
    static const std::initializer_list<std::pair<const char*, CsvField>> aliases = {
        {"argv", CsvField::CommandLine},     {"args", CsvField::CommandLine}, {"cmdline", CsvField::CommandLine},
        {"command", CsvField::CommandLine},  {"cmd", CsvField::CommandLine},  {"username", CsvField::User},
        {"hostname", CsvField::Host},        {"image", CsvField::Exe},        {"executable", CsvField::Exe},
        {"container", CsvField::ContainerId}, {"parentpid", CsvField::Ppid},  {"processguid", CsvField::Guid},
        {"parentprocessguid", CsvField::ParentGuid}, {"timestamp", CsvField::Time}, {"event", CsvField::Kind},
    };
    for (const auto& [alias, field] : aliases)
    {
        if (k == QLatin1String(alias))
            return field;
    }
    return std::nullopt;
}

QString CsvMapping::fieldLabel(CsvField field)
{
    switch (field)
    {
    case CsvField::Time:
        return Text::tr("Time");
    case CsvField::Host:
        return Text::tr("Host");
    case CsvField::Pid:
        return Text::tr("PID");
    case CsvField::Ppid:
        return Text::tr("Parent PID");
    case CsvField::Uid:
        return Text::tr("UID");
    case CsvField::User:
        return Text::tr("User name");
    case CsvField::Exe:
        return Text::tr("Executable");
    case CsvField::CommandLine:
        return Text::tr("Command line");
    case CsvField::Cwd:
        return Text::tr("Working directory");
    case CsvField::Comm:
        return Text::tr("Process name (comm)");
    case CsvField::Guid:
        return Text::tr("Process GUID");
    case CsvField::ParentGuid:
        return Text::tr("Parent GUID");
    case CsvField::ContainerId:
        return Text::tr("Container id");
    case CsvField::Kind:
        return Text::tr("Event kind");
    }
    return {};
}

QStringList CsvMapping::missingRequired() const
{
    QStringList missing;
    if (!isMapped(CsvField::Time))
        missing.append(fieldKey(CsvField::Time));
    if (!isMapped(CsvField::Pid))
        missing.append(fieldKey(CsvField::Pid));
    if (!isMapped(CsvField::Exe) && !isMapped(CsvField::CommandLine))
        missing.append(QStringLiteral("exe|commandLine"));
    return missing;
}

int CsvMapping::columnIndex(const QString& spec, const QStringList& header)
{
    const QString wanted = normalizedName(spec);
    for (int i = 0; i < header.size(); ++i)
    {
        if (normalizedName(header[i]) == wanted)
            return i;
    }
    if (spec.startsWith(QLatin1Char('#')))
    {
        bool ok = false;
        const int n = spec.mid(1).toInt(&ok);
        if (ok && n >= 1 && n <= header.size())
            return n - 1;
    }
    return -1;
}

bool CsvMapping::fitsHeader(const QStringList& header, QString* why) const
{
    for (int i = 0; i < kCsvFieldCount; ++i)
    {
        const QString& spec = columns[static_cast<size_t>(i)];
        if (!isMapped(static_cast<CsvField>(i)) || columnIndex(spec, header) >= 0)
            continue;
        // "A+B": both parts must exist.
        const QStringList parts = spec.split(QLatin1Char('+'));
        bool all = parts.size() == 2;
        for (const QString& part : parts)
            all = all && columnIndex(part, header) >= 0;
        if (all)
            continue;
        if (why)
            *why = Text::tr("column '%1' (%2) is not in the header").arg(spec, fieldKey(static_cast<CsvField>(i)));
        return false;
    }
    return true;
}

void CsvMapping::overlay(const CsvMapping& other)
{
    for (int i = 0; i < kCsvFieldCount; ++i)
    {
        const QString& spec = other.columns[static_cast<size_t>(i)];
        if (spec == QLatin1String("-"))
            columns[static_cast<size_t>(i)].clear();
        else if (!spec.isEmpty())
            columns[static_cast<size_t>(i)] = spec;
    }
    if (!other.timeZone.isEmpty())
        timeZone = other.timeZone;
    if (!other.timeFormat.isEmpty())
        timeFormat = other.timeFormat;
    if (other.defaultKind != EventKind::Exec)
        defaultKind = other.defaultKind;
}

QString CsvMapping::toSpec() const
{
    QStringList parts;
    for (int i = 0; i < kCsvFieldCount; ++i)
    {
        if (isMapped(static_cast<CsvField>(i)))
            parts.append(fieldKey(static_cast<CsvField>(i)) + QLatin1Char('=') + columns[static_cast<size_t>(i)]);
    }
    return parts.join(QLatin1Char(','));
}

bool CsvMapping::parseSpec(const QString& spec, CsvMapping* mapping, QString* error)
{
    // Column names may contain commas only when they are not followed by FIELD=: split on ',' and glue back the
    // pieces that are not assignments.
    QStringList items;
    for (const QString& piece : spec.split(QLatin1Char(',')))
    {
        const qsizetype eq = piece.indexOf(QLatin1Char('='));
        const bool assignment = eq > 0 && fieldFromKey(piece.left(eq).trimmed());
        if (assignment || items.isEmpty())
            items.append(piece);
        else
            items.last() += QLatin1Char(',') + piece;
    }
    for (const QString& item : std::as_const(items))
    {
        if (item.trimmed().isEmpty())
            continue;
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const auto field = eq > 0 ? fieldFromKey(item.left(eq).trimmed()) : std::nullopt;
        if (!field)
        {
            *error = Text::tr("'%1' is not FIELD=COLUMN with FIELD one of %2")
                         .arg(item, QStringList({QStringLiteral("time"), QStringLiteral("host"), QStringLiteral("pid"),
                                                 QStringLiteral("ppid"), QStringLiteral("uid"), QStringLiteral("user"),
                                                 QStringLiteral("exe"), QStringLiteral("commandLine"),
                                                 QStringLiteral("cwd"), QStringLiteral("comm"), QStringLiteral("guid"),
                                                 QStringLiteral("parentGuid"), QStringLiteral("containerId"),
                                                 QStringLiteral("kind")})
                                        .join(QStringLiteral(", ")));
            return false;
        }
        const QString column = item.mid(eq + 1).trimmed();
        if (column.isEmpty())
        {
            *error = Text::tr("no column given for %1").arg(fieldKey(*field));
            return false;
        }
        mapping->column(*field) = column;
    }
    return true;
}

CsvMapping CsvMapping::automatic(const QStringList& header)
{
    CsvMapping mapping;
    QStringList squashed;
    for (const QString& name : header)
        squashed.append(squash(name));
    for (const Synonyms& entry : synonymTable())
    {
        for (const char* name : entry.names)
        {
            const qsizetype at = squashed.indexOf(QLatin1String(name));
            if (at >= 0)
            {
                mapping.column(entry.field) = header[at].trimmed();
                break;
            }
        }
    }
    // ausearch --format csv writes the date (MM/DD/YY in the C locale) and the time of day in two columns; a TIME
    // column alone is no timestamp.
    const qsizetype date = squashed.indexOf(QLatin1String("date"));
    const qsizetype time = squashed.indexOf(QLatin1String("time"));
    if (date >= 0 && time >= 0)
        mapping.column(CsvField::Time) = header[date].trimmed() + QLatin1Char('+') + header[time].trimmed();
    // ausearch: OBJ_PRIME of an "executed" row is the file run; its SUBJ_SEC the uid's name (synonym above).
    if (squashed.contains(QLatin1String("serialnum")) && squashed.contains(QLatin1String("objprime")))
    {
        mapping.column(CsvField::Exe) = header[squashed.indexOf(QLatin1String("objprime"))].trimmed();
    }
    return mapping;
}

QString CsvMapping::headerSignature(const QStringList& header)
{
    QStringList names;
    for (const QString& name : header)
        names.append(normalizedName(name));
    return names.join(QLatin1Char('\x1f'));
}

QJsonObject CsvMapping::toJson() const
{
    QJsonObject fields;
    for (int i = 0; i < kCsvFieldCount; ++i)
    {
        if (!columns[static_cast<size_t>(i)].isEmpty())
            fields.insert(fieldKey(static_cast<CsvField>(i)), columns[static_cast<size_t>(i)]);
    }
    QJsonObject object{{QStringLiteral("fields"), fields}, {QStringLiteral("defaultKind"), kindKey(defaultKind)}};
    if (!timeZone.isEmpty())
        object.insert(QStringLiteral("timeZone"), timeZone);
    if (!timeFormat.isEmpty())
        object.insert(QStringLiteral("timeFormat"), timeFormat);
    return object;
}

CsvMapping CsvMapping::fromJson(const QJsonObject& object)
{
    CsvMapping mapping;
    const QJsonObject fields = object.value(QStringLiteral("fields")).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it)
    {
        if (const auto field = fieldFromKey(it.key()))
            mapping.column(*field) = it.value().toString();
    }
    mapping.timeZone = object.value(QStringLiteral("timeZone")).toString();
    mapping.timeFormat = object.value(QStringLiteral("timeFormat")).toString();
    if (object.value(QStringLiteral("defaultKind")).toString() == QLatin1String("snapshot"))
        mapping.defaultKind = EventKind::Snapshot;
    return mapping;
}

QString CsvMappingStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/ShimScope/csv-mappings.json");
}

CsvMappingStore::CsvMappingStore(QString path)
    : m_path(std::move(path))
{
}

QJsonObject CsvMappingStore::load(QString* error) const
{
    QFile file(m_path);
    if (!file.exists())
        return {};
    if (file.size() > kMaxStoreBytes || !file.open(QIODevice::ReadOnly))
    {
        if (error)
            *error = Text::tr("cannot read the CSV mapping file %1").arg(m_path);
        return {};
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
    {
        if (error)
            *error = Text::tr("the CSV mapping file %1 is not valid JSON: %2").arg(m_path, parseError.errorString());
        return {};
    }
    return doc.object();
}

std::optional<CsvMapping> CsvMappingStore::find(const QStringList& header, QString* error) const
{
    const QString signature = CsvMapping::headerSignature(header);
    const QJsonArray entries = load(error).value(QStringLiteral("mappings")).toArray();
    for (const QJsonValue& entry : entries)
    {
        const QJsonObject object = entry.toObject();
        if (object.value(QStringLiteral("signature")).toString() == signature)
            return CsvMapping::fromJson(object.value(QStringLiteral("mapping")).toObject());
    }
    return std::nullopt;
}

int CsvMappingStore::count() const
{
    return static_cast<int>(load(nullptr).value(QStringLiteral("mappings")).toArray().size());
}

bool CsvMappingStore::remember(const QStringList& header, const CsvMapping& mapping, QString* error) const
{
    QString loadError;
    QJsonObject root = load(&loadError);
    if (!loadError.isEmpty())
    {
        // Never overwrite a file we could not understand: it may hold mappings a newer version wrote.
        if (error)
            *error = loadError;
        return false;
    }
    const QString signature = CsvMapping::headerSignature(header);
    QJsonArray kept;
    for (const QJsonValue& entry : root.value(QStringLiteral("mappings")).toArray())
    {
        if (entry.toObject().value(QStringLiteral("signature")).toString() != signature)
            kept.append(entry);
    }
    kept.append(QJsonObject{
        {QStringLiteral("signature"), signature},
        {QStringLiteral("columns"), QJsonArray::fromStringList(header)},
        {QStringLiteral("mapping"), mapping.toJson()},
        {QStringLiteral("saved"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
    });
    root.insert(QStringLiteral("version"), kStoreVersion);
    root.insert(QStringLiteral("mappings"), kept);

    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
    {
        if (error)
            *error = Text::tr("cannot create the folder of %1").arg(m_path);
        return false;
    }
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0
        || !file.commit())
    {
        if (error)
            *error = Text::tr("cannot write the CSV mapping file %1: %2").arg(m_path, file.errorString());
        return false;
    }
    return true;
}

CsvMappingChoice chooseCsvMapping(const QStringList& header, const QList<CsvMapping>& given, const QString& storePath)
{
    const CsvMapping automatic = CsvMapping::automatic(header);
    QStringList problems;
    for (const CsvMapping& mapping : given)
    {
        CsvMapping combined = automatic;
        combined.overlay(mapping);
        QString why;
        if (!combined.fitsHeader(header, &why))
            problems.append(why);
        else if (!combined.usable())
            problems.append(Text::tr("the given mapping leaves %1 unmapped").arg(combined.missingRequired().join(u", ")));
        else
            return {combined, CsvMappingOrigin::Given, {}};
    }
    if (!storePath.isEmpty())
    {
        QString error;
        if (const auto remembered = CsvMappingStore(storePath).find(header, &error))
        {
            QString why;
            if (remembered->usable() && remembered->fitsHeader(header, &why))
                return {*remembered, CsvMappingOrigin::Remembered, {}};
            problems.append(Text::tr("the remembered mapping does not fit: %1").arg(why));
        }
        else if (!error.isEmpty())
        {
            problems.append(error);
        }
    }
    if (automatic.usable() && automatic.fitsHeader(header))
        return {automatic, CsvMappingOrigin::Automatic, {}};

    QStringList quoted;
    for (const QString& name : header)
        quoted.append(name.trimmed());
    const QString known = automatic.toSpec();
    QString reason = Text::tr("CSV/TSV export with columns %1: no column mapping fits (%2 not recognised%3)")
                         .arg(quoted.join(QLatin1Char(',')), automatic.missingRequired().join(u", "),
                              known.isEmpty() ? QString() : Text::tr("; recognised %1").arg(known));
    if (automatic.missingRequired().contains(QStringLiteral("pid"))
        && header.contains(QStringLiteral("SERIAL_NUM")) && header.contains(QStringLiteral("OBJ_PRIME")))
    {
        reason += Text::tr("; this is ausearch --format csv output, which has no pid, ppid or argv column: import the raw "
                     "audit log instead");
    }
    if (!problems.isEmpty())
        reason += QStringLiteral("; ") + problems.join(QStringLiteral("; "));
    reason += Text::tr("; map the columns with --csv-map time=COLUMN,pid=COLUMN,exe=COLUMN (or commandLine=COLUMN) and "
                 "--remember, or in the CSV mapping dialog");
    return {automatic, CsvMappingOrigin::None, reason};
}

} // namespace ShimScope
