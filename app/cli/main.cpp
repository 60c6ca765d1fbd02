// SPDX-License-Identifier: GPL-3.0-or-later
// shimscope-cli: the headless shell over the core library. Every decision lives in the core; this file only
// parses arguments and prints.

#include "casefile.h"
#include "casereader.h"
#include "csvmapping.h"
#include "csvparser.h"
#include "importjob.h"
#include "processquery.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <csignal>
#include <optional>
#include <cstdio>
#include <unistd.h>

using namespace ShimScope;

namespace
{
enum ExitCode
{
    ExitOk = 0,
    ExitUnusableInput = 1, ///< the import committed, but an input gave nothing usable
    ExitUsage = 2,
    ExitFailed = 3, ///< nothing was written (failure or interruption)
};

std::atomic_bool g_cancel{false};

void onSignal(int)
{
    g_cancel = true;
}

void print(FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
}

void out(const QString& text)
{
    print(stdout, text);
}

void err(const QString& text)
{
    print(stderr, text);
}

/// Renders untrusted bytes for a terminal: control characters become escapes so a log cannot drive the terminal.
QString terminalSafe(const QByteArray& bytes)
{
    QString text = QString::fromUtf8(bytes);
    QString safe;
    safe.reserve(text.size());
    for (const QChar c : std::as_const(text)) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || (c.unicode() >= 0x80 && c.unicode() < 0xa0))
            safe += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            safe += c;
    }
    return safe;
}

QString commandList()
{
    return QCoreApplication::translate("cli", "Commands:\n"
                                              "  import CASE INPUT...   import log files or folders into a case file\n"
                                              "  events CASE            list the exec events of a case\n"
                                              "  containers CASE        list the containers found and their facts\n"
                                              "  lineage CASE --pid PID print a process's chain up to PID 1, container "
                                              "boundary marked\n"
                                              "  attribution CASE --jsonl  host/container attribution of every process\n"
                                              "  csv-columns FILE       show a CSV/TSV export's columns, delimiter and "
                                              "column mapping\n"
                                              "Run 'shimscope-cli COMMAND --help' for a command's options.\n");
}

void addStandardOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli", "ShimScope: tells host from container processes in host execution logs."));
    parser.addHelpOption();
    parser.addVersionOption();
}

/// The CSV options shared by `import` and `csv-columns`.
struct CsvOptions
{
    QCommandLineOption map{QStringLiteral("csv-map"),
                           QCoreApplication::translate(
                               "cli", "CSV/TSV column mapping, FIELD=COLUMN[,FIELD=COLUMN...] (repeatable). FIELD: "
                                      "time, host, pid, ppid, uid, user, exe, commandLine (or argv), cwd, comm, guid, "
                                      "parentGuid, containerId, kind. COLUMN: a header name, #N (1-based position) "
                                      "A+B (two columns joined by a space) or - (not mapped). Required: time, pid and exe or "
                                      "commandLine; columns not given are taken from the automatic mapping."),
                           QStringLiteral("MAPPING")};
    QCommandLineOption timeZone{
        QStringLiteral("csv-timezone"),
        QCoreApplication::translate("cli", "Zone of CSV times that state none (default UTC): an IANA id such as "
                                           "Europe/Berlin, or UTC+02:00."),
        QStringLiteral("ZONE")};
    QCommandLineOption timeFormat{
        QStringLiteral("csv-time-format"),
        QCoreApplication::translate("cli", "How to read CSV times: auto (default), iso, epoch-s, epoch-ms, "
                                           "epoch-us, epoch-ns, mdy (MM/DD/YYYY) or dmy (DD/MM/YYYY)."),
        QStringLiteral("FORMAT")};
    QCommandLineOption kind{QStringLiteral("csv-kind"),
                            QCoreApplication::translate("cli", "What CSV rows without a kind column are: exec "
                                                               "(default) or snapshot (a process listing)."),
                            QStringLiteral("KIND")};
    QCommandLineOption store{
        QStringLiteral("csv-mappings"),
        QCoreApplication::translate("cli", "File of remembered CSV mappings (default %1).")
            .arg(CsvMappingStore::defaultPath()),
        QStringLiteral("FILE")};

    void addTo(QCommandLineParser& parser) const { parser.addOptions({map, timeZone, timeFormat, kind, store}); }

    QString storePath(const QCommandLineParser& parser) const
    {
        return parser.isSet(store) ? parser.value(store) : CsvMappingStore::defaultPath();
    }

    /// The mapping given on the command line; nullopt when none was. False with *error for a bad option.
    bool given(const QCommandLineParser& parser, std::optional<CsvMapping>* mapping, QString* error) const
    {
        if (!parser.isSet(map) && !parser.isSet(timeZone) && !parser.isSet(timeFormat) && !parser.isSet(kind))
            return true;
        CsvMapping result;
        for (const QString& spec : parser.values(map)) {
            if (!CsvMapping::parseSpec(spec, &result, error))
                return false;
        }
        result.timeZone = parser.value(timeZone);
        if (!csvTimeZone(result.timeZone).isValid()) {
            *error = QCoreApplication::translate("cli", "unknown time zone %1").arg(result.timeZone);
            return false;
        }
        static const QStringList formats = {QStringLiteral("auto"),    QStringLiteral("iso"),
                                            QStringLiteral("epoch-s"), QStringLiteral("epoch-ms"),
                                            QStringLiteral("epoch-us"), QStringLiteral("epoch-ns"),
                                            QStringLiteral("mdy"),     QStringLiteral("dmy")};
        result.timeFormat = parser.value(timeFormat);
        if (!result.timeFormat.isEmpty() && !formats.contains(result.timeFormat)) {
            *error = QCoreApplication::translate("cli", "unknown time format %1 (one of %2)")
                         .arg(result.timeFormat, formats.join(QStringLiteral(", ")));
            return false;
        }
        const QString k = parser.value(kind);
        if (!k.isEmpty() && k != QLatin1String("exec") && k != QLatin1String("snapshot")) {
            *error = QCoreApplication::translate("cli", "--csv-kind is exec or snapshot, not %1").arg(k);
            return false;
        }
        result.defaultKind = k == QLatin1String("snapshot") ? EventKind::Snapshot : EventKind::Exec;
        *mapping = result;
        return true;
    }
};

QString originText(CsvMappingOrigin origin)
{
    switch (origin) {
    case CsvMappingOrigin::Given:
        return QCoreApplication::translate("cli", "given on the command line");
    case CsvMappingOrigin::Remembered:
        return QCoreApplication::translate("cli", "remembered");
    case CsvMappingOrigin::Automatic:
        return QCoreApplication::translate("cli", "automatic");
    case CsvMappingOrigin::None:
        break;
    }
    return QCoreApplication::translate("cli", "none");
}

/// --remember: stores the given mapping for the header of every CSV input file. False (with messages) when one
/// does not fit.
bool rememberCsvMappings(const QStringList& inputs, const CsvMapping& given, const QString& storePath)
{
    const CsvMappingStore store(storePath);
    bool ok = true;
    int remembered = 0;
    for (const QString& input : inputs) {
        if (!QFileInfo(input).isFile())
            continue;
        QString error;
        const auto info = inspectCsvFile(input, {given}, {}, &error);
        if (!info || info->claimedBy != QLatin1String("csv"))
            continue;
        if (info->choice.origin != CsvMappingOrigin::Given) {
            err(QCoreApplication::translate("cli", "%1: the mapping does not fit, not remembered: %2\n")
                    .arg(input, info->choice.reason));
            ok = false;
            continue;
        }
        if (!store.remember(info->header.columns, info->choice.mapping, &error)) {
            err(QCoreApplication::translate("cli", "cannot remember the mapping: %1\n").arg(error));
            ok = false;
            continue;
        }
        ++remembered;
        out(QCoreApplication::translate("cli", "remembered CSV mapping %1 for the columns of %2 in %3\n")
                .arg(info->choice.mapping.toSpec(), input, storePath));
    }
    if (remembered == 0 && ok) {
        err(QCoreApplication::translate("cli", "--remember: no CSV input file to remember a mapping for\n"));
        ok = false;
    }
    return ok;
}

int runImport(const QStringList& arguments)
{
    QCommandLineParser parser;
    addStandardOptions(parser);
    parser.addPositionalArgument(QStringLiteral("CASE"),
                                 QCoreApplication::translate("cli", "Case file to create or add to (*.shimscope)."));
    parser.addPositionalArgument(QStringLiteral("INPUT"),
                                 QCoreApplication::translate("cli", "Log files (plain or compressed), folders or bundles (zip, tar, tar.gz, tar.xz, tar.bz2)."),
                                 QStringLiteral("INPUT..."));
    const QCommandLineOption hostOption(
        QStringLiteral("host"), QCoreApplication::translate("cli", "Host name for logs that do not name one."),
        QStringLiteral("NAME"));
    const QCommandLineOption analystOption(
        QStringLiteral("analyst"), QCoreApplication::translate("cli", "Name recorded as importer (default: login)."),
        QStringLiteral("NAME"));
    const QCommandLineOption progressOption(QStringLiteral("progress"),
                                            QCoreApplication::translate("cli", "Print progress to stderr."));
    const QCommandLineOption rememberOption(
        QStringLiteral("remember"),
        QCoreApplication::translate("cli", "Remember the --csv-map mapping for the columns of the CSV inputs, so "
                                           "later imports of exports with the same header need no mapping."));
    parser.addOptions({hostOption, analystOption, progressOption, rememberOption});
    const CsvOptions csv;
    csv.addTo(parser);
    parser.process(arguments);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2) {
        err(QCoreApplication::translate("cli", "import needs a case file and at least one input\n"));
        err(parser.helpText());
        return ExitUsage;
    }
    std::optional<CsvMapping> given;
    QString csvError;
    if (!csv.given(parser, &given, &csvError)) {
        err(QStringLiteral("%1\n").arg(csvError));
        return ExitUsage;
    }
    if (parser.isSet(rememberOption)) {
        if (!given) {
            err(QCoreApplication::translate("cli", "--remember needs --csv-map\n"));
            return ExitUsage;
        }
        if (!rememberCsvMappings(positional.mid(1), *given, csv.storePath(parser)))
            return ExitUsage;
    }

    ImportOptions options;
    options.host = parser.value(hostOption);
    options.importedBy = parser.value(analystOption);
    if (given)
        options.csvMappings = {*given};
    options.csvMappingStorePath = csv.storePath(parser);
    ImportJob job(positional.first(), positional.mid(1), options);
    const bool showProgress = parser.isSet(progressOption) || isatty(STDERR_FILENO);
    ImportReport report = job.run(&g_cancel, [showProgress](int64_t done, int64_t total, const QString& status) {
        if (!showProgress)
            return;
        const int percent = total > 0 ? static_cast<int>(done * 100 / total) : 0;
        err(QStringLiteral("progress: %1% %2\n").arg(percent).arg(status));
    });

    // Names and messages come from the bundle (entry names are untrusted): printed terminal-safe.
    auto safe = [](const QString& text) { return terminalSafe(text.toUtf8()); };
    for (const BundleInfo& bundle : std::as_const(report.bundles)) {
        const QString name = bundle.path.isEmpty() ? bundle.input : bundle.input + QLatin1Char(':') + bundle.path;
        out(QCoreApplication::translate("cli", "bundle %1: %2, %3 entries, layout: %4, host: %5%6\n")
                .arg(safe(name), bundle.kind)
                .arg(bundle.entries)
                .arg(bundle.layout.isEmpty() ? QCoreApplication::translate("cli", "none recognised") : bundle.layout,
                     bundle.host.isEmpty() ? QCoreApplication::translate("cli", "not named") : safe(bundle.host),
                     bundle.hostEvidence.isEmpty() ? QString()
                                                   : QCoreApplication::translate("cli", " (from %1)").arg(safe(bundle.hostEvidence))));
    }
    int rejected = 0;
    for (const FileReport& file : std::as_const(report.files)) {
        const QString name = safe(file.path.isEmpty() || file.path == file.input ? file.input
                                                                                 : file.input + QLatin1Char(':') + file.path);
        rejected += file.status == QLatin1String("rejected") ? 1 : 0;
        out(QStringLiteral("%1\n  status: %2%3\n").arg(name, file.status,
                                                     file.message.isEmpty() ? QString()
                                                                            : QStringLiteral(" (%1)").arg(safe(file.message))));
        if (!file.format.isEmpty() && file.status != QLatin1String("bundle")) {
            const SourceStats& s = file.stats;
            out(QCoreApplication::translate("cli", "  format: %1  events: %2 (failed execs: %3)  records: %4  "
                                                   "skipped: %5  lost events: %6  incomplete: %7\n")
                    .arg(file.format)
                    .arg(s.events)
                    .arg(s.failedExecs)
                    .arg(s.recordsRead)
                    .arg(s.recordsSkipped)
                    .arg(s.lostEvents)
                    .arg(s.incompleteEvents));
        } else if (file.status == QLatin1String("bundle")) {
            out(QCoreApplication::translate("cli", "  bundle: %1  layout: %2  host: %3\n")
                    .arg(file.format,
                         file.layout.isEmpty() ? QCoreApplication::translate("cli", "none recognised") : file.layout,
                         file.host.isEmpty() ? QCoreApplication::translate("cli", "not named") : safe(file.host)));
        }
        if (!file.sha256Hex.isEmpty() || !file.format.isEmpty()) {
            out(QStringLiteral("  sha256: %1  size: %2  time: %3 ms\n")
                    .arg(QString::fromLatin1(file.sha256Hex))
                    .arg(file.size)
                    .arg(file.durationMs));
        }
        for (const RecordError& e : file.stats.errors)
            out(QStringLiteral("  %1:%2: %3\n").arg(name).arg(e.line).arg(safe(e.message)));
    }
    if (rejected > 0)
        out(QCoreApplication::translate("cli", "rejected: %1 entries (not read on purpose, reasons above)\n").arg(rejected));

    if (report.result == ImportReport::Result::Success || report.result == ImportReport::Result::Partial) {
        const LineageStats& l = report.lineage;
        out(QCoreApplication::translate("cli", "lineage: %1 processes (%2 on the host, %3 in containers, %4 unknown, "
                                               "%5 parents never seen exec'ing, %9 named by a process listing), "
                                               "%6 containers, %10 disagreements with log-stated containers "
                                               "(built in %7 ms, stored in %8 ms)\n")
                .arg(l.nodes)
                .arg(l.hostNodes)
                .arg(l.containerNodes)
                .arg(l.unknownNodes)
                .arg(l.placeholders)
                .arg(l.containers)
                .arg(l.loadMs)
                .arg(l.writeMs)
                .arg(l.filledPlaceholders)
                .arg(l.disagreements));
        const QString phases = l.streamed
            ? QCoreApplication::translate("cli", "phases: events read, parsed and stored %1 ms (lineage built "
                                                 "alongside), event index %2 ms, wait for the lineage %3 ms, stored "
                                                 "%4 ms, node indexes %5 ms, commit %6 ms; at most %7 process "
                                                 "nodes in memory\n")
            : QCoreApplication::translate("cli", "phases: events read, parsed and stored %1 ms, event index %2 ms, "
                                                 "lineage built %3 ms, stored %4 ms, node indexes %5 ms, commit %6 ms; "
                                                 "at most %7 process nodes in memory\n");
        out(phases
                .arg(l.eventsMs)
                .arg(l.eventIndexMs)
                .arg(l.loadMs)
                .arg(l.writeMs)
                .arg(l.nodeIndexMs)
                .arg(l.finishMs)
                .arg(l.residentNodes));
    }
    switch (report.result) {
    case ImportReport::Result::Cancelled:
        err(QCoreApplication::translate("cli", "import interrupted: the case file was left as it was\n"));
        return ExitFailed;
    case ImportReport::Result::Failed:
        err(QCoreApplication::translate("cli", "import failed, the case file was left as it was: %1\n")
                .arg(report.error));
        return ExitFailed;
    case ImportReport::Result::Partial:
        out(QCoreApplication::translate("cli", "imported %1 events into %2; some inputs gave nothing usable\n")
                .arg(report.events)
                .arg(positional.first()));
        return ExitUnusableInput;
    case ImportReport::Result::Success:
        break;
    }
    out(QCoreApplication::translate("cli", "imported %1 events into %2 in %3 ms\n")
            .arg(report.events)
            .arg(positional.first())
            .arg(report.durationMs));
    return ExitOk;
}

QJsonValue optionalNumber(int64_t value)
{
    return value == kUnknownId ? QJsonValue() : QJsonValue(static_cast<qint64>(value));
}

int runEvents(const QStringList& arguments)
{
    QCommandLineParser parser;
    addStandardOptions(parser);
    parser.addPositionalArgument(QStringLiteral("CASE"), QCoreApplication::translate("cli", "Case file to read."));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QCoreApplication::translate("cli", "One JSON object per line."));
    const QCommandLineOption limitOption(QStringLiteral("limit"),
                                         QCoreApplication::translate("cli", "Print at most N events."),
                                         QStringLiteral("N"));
    parser.addOptions({jsonOption, limitOption});
    parser.process(arguments);
    if (parser.positionalArguments().size() != 1) {
        err(parser.helpText());
        return ExitUsage;
    }
    const bool json = parser.isSet(jsonOption);
    const int64_t limit = parser.isSet(limitOption) ? parser.value(limitOption).toLongLong() : -1;

    CaseReader reader(parser.positionalArguments().first());
    int64_t printed = 0;
    reader.forEachEvent([&](const EventRow& e) {
        if (limit >= 0 && printed >= limit)
            return false;
        ++printed;
        if (json) {
            QJsonArray argv;
            for (const QByteArray& arg : e.argv)
                argv.append(QString::fromUtf8(arg));
            QJsonObject object{
                {QStringLiteral("host"), e.host},
                {QStringLiteral("time"), formatTimestamp(e.timeNs)},
                {QStringLiteral("pid"), optionalNumber(e.pid)},
                {QStringLiteral("ppid"), optionalNumber(e.ppid)},
                {QStringLiteral("uid"), optionalNumber(e.uid)},
                {QStringLiteral("auid"), optionalNumber(e.auid)},
                {QStringLiteral("ses"), optionalNumber(e.ses)},
                {QStringLiteral("tty"), QString::fromUtf8(e.tty)},
                {QStringLiteral("success"), e.success},
                {QStringLiteral("exit"), static_cast<qint64>(e.exitCode)},
                {QStringLiteral("syscall"), e.syscall},
                {QStringLiteral("comm"), QString::fromUtf8(e.comm)},
                {QStringLiteral("exe"), QString::fromUtf8(e.exe)},
                {QStringLiteral("cwd"), QString::fromUtf8(e.cwd)},
                {QStringLiteral("argv"), argv},
                {QStringLiteral("argv_truncated"), e.argvTruncated},
                {QStringLiteral("source"),
                 QJsonObject{{QStringLiteral("file"), e.sourcePath},
                             {QStringLiteral("line"), static_cast<qint64>(e.line)},
                             {QStringLiteral("record"), e.record}}},
            };
            out(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
        } else {
            QStringList args;
            for (const QByteArray& arg : e.argv)
                args.append(terminalSafe(arg));
            out(QStringLiteral("%1 %2 pid=%3 ppid=%4 uid=%5 %6%7 %8\n")
                    .arg(formatTimestamp(e.timeNs), e.host)
                    .arg(e.pid)
                    .arg(e.ppid)
                    .arg(e.uid)
                    .arg(e.success ? QString() : QStringLiteral("FAILED(%1) ").arg(e.exitCode))
                    .arg(terminalSafe(e.exe), args.join(QLatin1Char(' '))));
        }
        return true;
    });
    std::fflush(stdout);
    return ExitOk;
}
QJsonArray argvJson(const QList<QByteArray>& argv)
{
    QJsonArray array;
    for (const QByteArray& arg : argv)
        array.append(QString::fromUtf8(arg));
    return array;
}

QString argvText(const QList<QByteArray>& argv)
{
    QStringList args;
    for (const QByteArray& arg : argv)
        args.append(terminalSafe(arg));
    return args.join(QLatin1Char(' '));
}

/// Parses --at as RFC 3339 (UTC when no zone is given) or as nanoseconds since the epoch.
std::optional<int64_t> parseTime(const QString& text)
{
    bool ok = false;
    const qlonglong ns = text.toLongLong(&ok);
    if (ok)
        return ns;
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    return time.toMSecsSinceEpoch() * 1000000 + 999999;
}

int runContainers(const QStringList& arguments)
{
    QCommandLineParser parser;
    addStandardOptions(parser);
    parser.addPositionalArgument(QStringLiteral("CASE"), QCoreApplication::translate("cli", "Case file to read."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QCoreApplication::translate("cli", "JSON output."));
    parser.addOption(jsonOption);
    parser.process(arguments);
    if (parser.positionalArguments().size() != 1) {
        err(parser.helpText());
        return ExitUsage;
    }
    CaseReader reader(parser.positionalArguments().first());
    const QList<ContainerRow> rows = ProcessQuery(reader.database()).containers();
    if (parser.isSet(jsonOption)) {
        QJsonArray array;
        for (const ContainerRow& c : rows) {
            array.append(QJsonObject{
                {QStringLiteral("host"), c.host},
                {QStringLiteral("container_id"), c.containerId},
                {QStringLiteral("short_id"), c.shortId},
                {QStringLiteral("name"), c.name.isEmpty() ? QJsonValue() : QJsonValue(c.name)},
                {QStringLiteral("runtime"), c.runtime.isEmpty() ? QJsonValue() : QJsonValue(c.runtime)},
                {QStringLiteral("engine"), c.engine.isEmpty() ? QJsonValue() : QJsonValue(c.engine)},
                {QStringLiteral("namespace"), c.namespace_.isEmpty() ? QJsonValue() : QJsonValue(c.namespace_)},
                {QStringLiteral("sandbox_id"), c.sandboxId.isEmpty() ? QJsonValue() : QJsonValue(c.sandboxId)},
                {QStringLiteral("shim_pid"), optionalNumber(c.shimPid)},
                {QStringLiteral("entrypoint_pid"), optionalNumber(c.entrypointPid)},
                {QStringLiteral("entrypoint_argv"), argvJson(c.entrypointArgv)},
                {QStringLiteral("first"), formatTimestamp(c.firstTs)},
                {QStringLiteral("last"), formatTimestamp(c.lastTs)},
                {QStringLiteral("processes"), static_cast<qint64>(c.processes)},
                {QStringLiteral("exec_sessions"), static_cast<qint64>(c.execSessions)},
                {QStringLiteral("restarts"), static_cast<qint64>(c.restarts)},
                {QStringLiteral("colour_index"), c.colourIndex},
            });
        }
        out(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        return ExitOk;
    }
    {
        Statement hosts(reader.database(), "SELECT name, os_name, os_evidence FROM hosts ORDER BY name");
        while (hosts.step()) {
            out(QCoreApplication::translate("cli", "host %1: %2\n")
                    .arg(hosts.columnText(0),
                         hosts.isNull(1) ? QCoreApplication::translate("cli", "OS not inferred")
                                         : QStringLiteral("%1 (%2)").arg(hosts.columnText(1), hosts.columnText(2))));
        }
    }
    if (rows.isEmpty())
        out(QCoreApplication::translate("cli", "no containers found\n"));
    for (const ContainerRow& c : rows) {
        out(QStringLiteral("%1  %2  host=%3 runtime=%4 engine=%5%6  processes=%7 exec-sessions=%8 restarts=%9\n")
                .arg(c.shortId, c.name.isEmpty() ? QStringLiteral("-") : c.name, c.host,
                     c.runtime.isEmpty() ? QStringLiteral("?") : c.runtime,
                     c.engine.isEmpty() ? QStringLiteral("?") : c.engine,
                     c.sandboxId.isEmpty() ? QString() : QStringLiteral(" sandbox=") + c.sandboxId.left(12))
                .arg(c.processes)
                .arg(c.execSessions)
                .arg(c.restarts));
        out(QStringLiteral("    id %1\n    active %2 .. %3\n").arg(c.containerId, formatTimestamp(c.firstTs),
                                                                 formatTimestamp(c.lastTs)));
        if (c.entrypointPid != kUnknownId)
            out(QStringLiteral("    entrypoint pid %1: %2\n").arg(c.entrypointPid).arg(argvText(c.entrypointArgv)));
    }
    return ExitOk;
}

int runLineage(const QStringList& arguments)
{
    QCommandLineParser parser;
    addStandardOptions(parser);
    parser.addPositionalArgument(QStringLiteral("CASE"), QCoreApplication::translate("cli", "Case file to read."));
    const QCommandLineOption pidOption(QStringLiteral("pid"), QCoreApplication::translate("cli", "Process id."),
                                       QStringLiteral("PID"));
    const QCommandLineOption atOption(
        QStringLiteral("at"),
        QCoreApplication::translate("cli", "The image alive at this time (RFC 3339, UTC if no zone; or ns)."),
        QStringLiteral("TIME"));
    const QCommandLineOption hostOption(QStringLiteral("host"), QCoreApplication::translate("cli", "Host name."),
                                        QStringLiteral("H"));
    parser.addOptions({pidOption, atOption, hostOption});
    parser.process(arguments);
    bool pidOk = false;
    const int64_t pid = parser.value(pidOption).toLongLong(&pidOk);
    if (parser.positionalArguments().size() != 1 || !pidOk) {
        err(QCoreApplication::translate("cli", "lineage needs a case file and --pid PID\n"));
        err(parser.helpText());
        return ExitUsage;
    }
    std::optional<int64_t> at;
    if (parser.isSet(atOption)) {
        at = parseTime(parser.value(atOption));
        if (!at) {
            err(QCoreApplication::translate("cli", "cannot read the time %1\n").arg(parser.value(atOption)));
            return ExitUsage;
        }
    }
    CaseReader reader(parser.positionalArguments().first());
    ProcessQuery query(reader.database());
    const QList<NodeRow> matches = query.findByPid(pid, parser.value(hostOption), at);
    if (matches.isEmpty()) {
        err(QCoreApplication::translate("cli", "no process with pid %1 in this case\n").arg(pid));
        return ExitUnusableInput;
    }
    for (const NodeRow& start : matches) {
        const QList<NodeRow> chain = query.chain(start.id);
        out(QStringLiteral("%1 pid %2 at %3: %4%5 (%6)\n")
                .arg(start.host)
                .arg(start.pid)
                .arg(formatTimestamp(start.timeNs), start.location,
                     start.containerId.isEmpty() ? QString() : QLatin1Char(' ') + start.containerId, start.confidence));
        std::optional<bool> previousInContainer;
        for (const NodeRow& n : chain) {
            const bool inContainer = n.location == QLatin1String("container");
            if (previousInContainer && *previousInContainer != inContainer)
                out(QStringLiteral("  ---- container boundary ----\n"));
            previousInContainer = inContainer;
            const QString what = n.placeholder ? QCoreApplication::translate("cli", "(not seen exec'ing)")
                                               : terminalSafe(n.exe) + QStringLiteral("  ") + argvText(n.argv);
            out(QStringLiteral("  %1 %2  [%3%4%5]  %6\n")
                    .arg(n.pid, 7)
                    .arg(formatTimestamp(n.timeNs),
                         n.location == QLatin1String("unknown") ? QStringLiteral("location unknown") : n.role,
                         n.location == QLatin1String("container") ? QStringLiteral(" ") + n.containerId.left(12)
                                                                  : QString(),
                         n.success ? QString() : QStringLiteral(" FAILED"), what));
        }
        out(QCoreApplication::translate("cli", "  why:\n"));
        for (const QString& line : start.evidence)
            out(QStringLiteral("    - %1\n").arg(line));
    }
    return ExitOk;
}

int runAttribution(const QStringList& arguments)
{
    QCommandLineParser parser;
    addStandardOptions(parser);
    parser.addPositionalArgument(QStringLiteral("CASE"), QCoreApplication::translate("cli", "Case file to read."));
    const QCommandLineOption jsonlOption(QStringLiteral("jsonl"),
                                         QCoreApplication::translate("cli", "One JSON object per process (default)."));
    parser.addOption(jsonlOption);
    parser.process(arguments);
    if (parser.positionalArguments().size() != 1) {
        err(parser.helpText());
        return ExitUsage;
    }
    CaseReader reader(parser.positionalArguments().first());
    ProcessQuery(reader.database()).forEachNode([](const NodeRow& n) {
        if (n.placeholder)
            return true; // a placeholder is a parent never seen exec'ing, not a process event
        QJsonObject source{{QStringLiteral("file"), n.sourceFile},
                           {QStringLiteral("line"), static_cast<qint64>(n.line)},
                           {QStringLiteral("record"), n.record.isEmpty() ? QJsonValue() : QJsonValue(n.record)}};
        QJsonObject object{
            {QStringLiteral("host"), n.host},
            {QStringLiteral("pid"), optionalNumber(n.pid)},
            {QStringLiteral("ppid"), optionalNumber(n.ppid)},
            {QStringLiteral("time"), formatTimestamp(n.timeNs)},
            {QStringLiteral("exe"), QString::fromUtf8(n.exe)},
            {QStringLiteral("argv"), argvJson(n.argv)},
            {QStringLiteral("success"), n.success},
            {QStringLiteral("location"), n.location},
            {QStringLiteral("container_id"), n.containerId.isEmpty() ? QJsonValue() : QJsonValue(n.containerId)},
            {QStringLiteral("runtime"), n.runtime.isEmpty() ? QJsonValue() : QJsonValue(n.runtime)},
            {QStringLiteral("role"), n.role},
            {QStringLiteral("confidence"), n.confidence},
            {QStringLiteral("evidence"), QJsonArray::fromStringList(n.evidence)},
            {QStringLiteral("source"), source},
        };
        out(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) + QLatin1Char('\n'));
        return true;
    });
    std::fflush(stdout);
    return ExitOk;
}
int runCsvColumns(const QStringList& arguments)
{
    QCommandLineParser parser;
    addStandardOptions(parser);
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QCoreApplication::translate("cli", "CSV/TSV export (plain or .gz)."));
    const CsvOptions csv;
    csv.addTo(parser);
    parser.process(arguments);
    if (parser.positionalArguments().size() != 1) {
        err(parser.helpText());
        return ExitUsage;
    }
    std::optional<CsvMapping> given;
    QString error;
    if (!csv.given(parser, &given, &error)) {
        err(QStringLiteral("%1\n").arg(error));
        return ExitUsage;
    }
    const QString path = parser.positionalArguments().first();
    const QString storePath = csv.storePath(parser);
    const auto info = inspectCsvFile(path, given ? QList<CsvMapping>{*given} : QList<CsvMapping>{}, storePath, &error);
    if (!info) {
        err(QStringLiteral("%1\n").arg(error));
        return ExitUnusableInput;
    }
    out(QCoreApplication::translate("cli", "file: %1\n").arg(path));
    out(QCoreApplication::translate("cli", "delimiter: %1\n").arg(csvDelimiterName(info->header.delimiter)));
    out(QCoreApplication::translate("cli", "header (line %1, %2 columns):\n")
            .arg(info->header.line)
            .arg(info->header.columns.size()));
    for (qsizetype i = 0; i < info->header.columns.size(); ++i)
        out(QStringLiteral("  #%1  %2\n").arg(i + 1).arg(terminalSafe(info->header.columns[i].toUtf8())));
    if (info->claimedBy != QLatin1String("csv")) {
        out(QCoreApplication::translate("cli", "note: format detection reads this file as %1, not as CSV\n")
                .arg(info->claimedBy.isEmpty() ? QCoreApplication::translate("cli", "nothing") : info->claimedBy));
    }
    const QString automatic = info->automatic.toSpec();
    out(QCoreApplication::translate("cli", "automatic mapping: %1\n")
            .arg(automatic.isEmpty() ? QCoreApplication::translate("cli", "(no column recognised)") : automatic));
    const QStringList missing = info->automatic.missingRequired();
    out(QCoreApplication::translate("cli", "missing for an automatic import: %1\n")
            .arg(missing.isEmpty() ? QCoreApplication::translate("cli", "nothing") : missing.join(u", ")));
    if (const auto remembered = CsvMappingStore(storePath).find(info->header.columns))
        out(QCoreApplication::translate("cli", "remembered mapping: %1\n").arg(remembered->toSpec()));
    if (info->choice.origin == CsvMappingOrigin::None) {
        out(QCoreApplication::translate("cli", "import: skipped: %1\n").arg(info->choice.reason));
        return ExitUnusableInput;
    }
    const CsvMapping& m = info->choice.mapping;
    out(QCoreApplication::translate("cli", "import: %1 mapping %2 (times without zone in %3)\n")
            .arg(originText(info->choice.origin), m.toSpec(),
                 m.timeZone.isEmpty() ? QStringLiteral("UTC") : m.timeZone));
    return ExitOk;
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("shimscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SHIMSCOPE_VERSION));
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);

    QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.size() > 1 ? arguments.at(1) : QString();
    try {
        if (command == QLatin1String("import")) {
            arguments.removeAt(1);
            return runImport(arguments);
        }
        if (command == QLatin1String("events")) {
            arguments.removeAt(1);
            return runEvents(arguments);
        }
        if (command == QLatin1String("containers")) {
            arguments.removeAt(1);
            return runContainers(arguments);
        }
        if (command == QLatin1String("lineage")) {
            arguments.removeAt(1);
            return runLineage(arguments);
        }
        if (command == QLatin1String("attribution")) {
            arguments.removeAt(1);
            return runAttribution(arguments);
        }
        if (command == QLatin1String("csv-columns")) {
            arguments.removeAt(1);
            return runCsvColumns(arguments);
        }
    } catch (const std::exception& e) {
        err(QStringLiteral("shimscope-cli: %1\n").arg(QString::fromUtf8(e.what())));
        return ExitFailed;
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        out(QStringLiteral("shimscope-cli %1\n").arg(QStringLiteral(SHIMSCOPE_VERSION)));
        return ExitOk;
    }
    const bool help = command.isEmpty() || command == QLatin1String("--help") || command == QLatin1String("-h")
        || command == QLatin1String("help");
    (help ? out : err)(QCoreApplication::translate("cli", "Usage: shimscope-cli COMMAND [options]\n") + commandList());
    return help ? ExitOk : ExitUsage;
}
