// SPDX-License-Identifier: GPL-3.0-or-later
// CsvParser, CsvRecordReader and CsvMapping: the real ausearch --format csv export of the main lab capture and a
// Kibana-style CSV converted from the lab's laurel output (tests/data/csv/README.md), RFC 4180 details (quotes,
// embedded newlines, CRLF, BOM, delimiters), time formats, command-line splitting, the mapping store, the sniff
// matrix over every sample and lab file, the import job, and hostile input.

#include "csvmapping.h"
#include "csvparser.h"
#include "formatsniffer.h"
#include "importjob.h"
#include "logparser.h"
#include "parsertest.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace ShimScope;
using namespace ShimScope::ParserTest;

namespace
{

const QString kCsvData = QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/csv");
const QString kLab = QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab");
constexpr int64_t kNs = 1000000000;
// 2026-12-03T00:00:00Z
constexpr int64_t kDec3 = 1796256000LL * kNs;
constexpr qint64 kRefused = std::numeric_limits<qint64>::min();

Parsed parse(const QByteArray& text, CsvParserOptions options = {})
{
    Parsed result;
    CsvParser parser([&result](ExecEvent&& event) { result.events.append(std::move(event)); },
                     QByteArrayLiteral("deflt"), std::move(options));
    int64_t lineNumber = 0;
    for (const QByteArray& line : splitLines(text))
        parser.feedLine(line, ++lineNumber);
    parser.finish();
    result.stats = parser.stats();
    return result;
}

const ExecEvent* byPid(const Parsed& r, int64_t pid)
{
    for (const ExecEvent& ev : r.events)
    {
        if (ev.pid == pid)
            return &ev;
    }
    return nullptr;
}

QList<QByteArray> words(const char* text)
{
    return QByteArray(text).split(' ');
}

bool hasError(const SourceStats& stats, int64_t line, const QString& message)
{
    for (const RecordError& e : stats.errors)
    {
        if (e.line == line && e.message == message)
            return true;
    }
    return false;
}

QString firstClaim(const QByteArray& head, const QString& name, bool withCsv)
{
    for (const LogFormat& format : logFormats())
    {
        if (!withCsv && format.id == QLatin1String("csv"))
            continue;
        if (format.sniff(head, name))
            return format.id;
    }
    return QString();
}

void writeFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(data), data.size());
}

} // namespace

class TestCsvParser : public QObject
{
    Q_OBJECT

private slots:
    // Converted fixture (Kibana-style ECS columns, jq @csv): every exec of the main capture, argv exact.
    void elasticLikeExport()
    {
        const Parsed r = parse(readFile(kCsvData + QStringLiteral("/elastic-like-main.csv.gz")));
        QCOMPARE(r.stats.events, 890);
        QCOMPARE(r.stats.recordsRead, 890);
        QCOMPARE(r.stats.recordsSkipped, 0);
        QVERIFY(r.stats.errors.isEmpty());

        const ExecEvent* grep = byPid(r, 5930);
        QVERIFY(grep);
        QCOMPARE(grep->line, 14);
        QCOMPARE(grep->kind, EventKind::Exec);
        QCOMPARE(grep->ppid, 5903);
        QCOMPARE(grep->host, QByteArray("labvm"));
        QCOMPARE(grep->userName, QByteArray("root"));
        QCOMPARE(grep->exe, QByteArray("/usr/bin/grep"));
        QCOMPARE(grep->argv, (QList<QByteArray>{"grep", "-v", "^kworker"}));
        QCOMPARE(grep->cwd, QByteArray("/tmp/shimlab/state"));
        QCOMPARE(grep->comm, QByteArray("grep"));
        QCOMPARE(grep->timeNs, kDec3 + (17 * 3600 + 35 * 60 + 33) * kNs + 148000000);

        const ExecEvent* sh = byPid(r, 5939);
        QVERIFY(sh);
        QCOMPARE(sh->exe, QByteArray("/usr/bin/dash"));
        QCOMPARE(sh->argv, (QList<QByteArray>{"/bin/sh", "-c",
                                              "cd / && /tmp/shimlab/state/nightly-cleanup.sh >/dev/null 2>&1"}));
        const ExecEvent* awk = byPid(r, 5931);
        QVERIFY(awk);
        QCOMPARE(awk->argv, (QList<QByteArray>{"awk", "{print toupper($1)}"}));
    }

    // Real ausearch 3.0.9 output: sniffed as CSV, automatic mapping finds time (DATE+TIME), exe, user, host, but no
    // pid exists in this format, so the file is refused with a reason naming its columns.
    void ausearchExport()
    {
        const QString path = kCsvData + QStringLiteral("/ausearch-main.csv.gz");
        const QByteArray text = readFile(path);
        QVERIFY(sniffCsv(text.left(65536), QStringLiteral("ausearch-main.csv")));
        QCOMPARE(firstClaim(text.left(65536), QStringLiteral("ausearch-main.csv"), true), QStringLiteral("csv"));
        const auto header = readCsvHeader(text);
        QVERIFY(header);
        QCOMPARE(header->delimiter, ',');
        QCOMPARE(header->columns.size(), 16);
        QCOMPARE(header->columns.at(4), QStringLiteral("SERIAL_NUM"));

        const CsvMapping automatic = CsvMapping::automatic(header->columns);
        QCOMPARE(automatic.column(CsvField::Time), QStringLiteral("DATE+TIME"));
        QCOMPARE(automatic.column(CsvField::Exe), QStringLiteral("OBJ_PRIME"));
        QCOMPARE(automatic.column(CsvField::User), QStringLiteral("SUBJ_SEC"));
        QCOMPARE(automatic.column(CsvField::Host), QStringLiteral("NODE"));
        QVERIFY(!automatic.isMapped(CsvField::Pid));
        QCOMPARE(automatic.missingRequired(), QStringList{QStringLiteral("pid")});

        const QString reason = refuseCsv(text.left(65536), {}, {});
        QVERIFY2(reason.contains(QLatin1String("NODE,EVENT,DATE,TIME,SERIAL_NUM")), qPrintable(reason));
        QVERIFY2(reason.contains(QLatin1String("no pid")), qPrintable(reason));
        QVERIFY2(reason.contains(QLatin1String("--csv-map")), qPrintable(reason));
        QCOMPARE(FormatSniffer::detect(path).format, QString());
        QCOMPARE(FormatSniffer::detect(path).reason, reason);

        // Read anyway: nothing becomes an event, every one of the 975 rows is counted as skipped, one reason.
        const Parsed r = parse(text);
        QCOMPARE(r.stats.events, 0);
        QCOMPARE(r.stats.recordsSkipped, 975);
        QCOMPARE(r.stats.errors.size(), 1);
        QCOMPARE(r.stats.errors.at(0).line, 1);

        // Its DATE+TIME cells (TZ=UTC, C locale: MM/DD/YY) are read as times.
        int64_t ns = 0;
        QString why;
        QVERIFY(parseCsvTime("12/03/26 17:35:32", {}, QTimeZone::utc(), &ns, &why));
        QCOMPARE(ns, kDec3 + (17 * 3600 + 35 * 60 + 32) * kNs);
    }

    void rfc4180()
    {
        // Quoted fields with delimiters, doubled quotes, an embedded CRLF line break, CRLF line ends and a BOM.
        const QByteArray text = "\xef\xbb\xbf" "time,pid,ppid,exe,command_line\r\n"
                                "2026-12-03T10:00:00Z,10,1,/bin/sh,\"sh -c \"\"echo a,b\"\"\"\r\n"
                                "2026-12-03T10:00:01Z,11,10,/usr/bin/python3,\"python3 -c 'print(1)\r\n"
                                "print(2)'\"\r\n"
                                "2026-12-03T10:00:02Z,12,10,\"/opt/my app/bin\",\"'/opt/my app/bin' --x\"\r\n";
        const Parsed r = parse(text);
        QCOMPARE(r.stats.events, 3);
        QCOMPARE(r.stats.recordsSkipped, 0);
        QCOMPARE(r.events[0].argv, (QList<QByteArray>{"sh", "-c", "echo a,b"}));
        QCOMPARE(r.events[0].line, 2);
        QCOMPARE(r.events[1].argv, (QList<QByteArray>{"python3", "-c", "print(1)\r\nprint(2)"}));
        QCOMPARE(r.events[1].line, 3);
        QCOMPARE(r.events[2].line, 5); // the record after the two-line one keeps its own line number
        QCOMPARE(r.events[2].exe, QByteArray("/opt/my app/bin"));
        QCOMPARE(r.events[2].argv, (QList<QByteArray>{"/opt/my app/bin", "--x"}));
        QCOMPARE(r.events[2].host, QByteArray("deflt"));
    }

    void delimiters_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<char>("delimiter");
        QTest::newRow("tab") << QByteArray("Timestamp\tDeviceName\tProcessId\tInitiatingProcessId\tAccountName\t"
                                           "FolderPath\tProcessCommandLine\n"
                                           "2026-12-03 10:00:00\tweb1\t42\t7\troot\t/usr/bin/id\tid -u\n")
                             << '\t';
        QTest::newRow("semicolon") << QByteArray("Timestamp;DeviceName;ProcessId;InitiatingProcessId;AccountName;"
                                                 "FolderPath;ProcessCommandLine\n"
                                                 "2026-12-03 10:00:00;web1;42;7;root;/usr/bin/id;id -u\n")
                                   << ';';
        QTest::newRow("pipe") << QByteArray("Timestamp|DeviceName|ProcessId|InitiatingProcessId|AccountName|"
                                            "FolderPath|ProcessCommandLine\n"
                                            "2026-12-03 10:00:00|web1|42|7|root|/usr/bin/id|id -u\n")
                              << '|';
        QTest::newRow("excel sep= line") << QByteArray("sep=;\nTimestamp;DeviceName;ProcessId;InitiatingProcessId;"
                                                       "AccountName;FolderPath;ProcessCommandLine\n"
                                                       "2026-12-03 10:00:00;web1;42;7;root;/usr/bin/id;id -u\n")
                                         << ';';
    }

    // Defender-style names in every delimiter: the automatic mapping covers them.
    void delimiters()
    {
        QFETCH(QByteArray, text);
        QFETCH(char, delimiter);
        QVERIFY(sniffCsv(text, {}));
        QCOMPARE(readCsvHeader(text)->delimiter, delimiter);
        const Parsed r = parse(text);
        QCOMPARE(r.stats.events, 1);
        const ExecEvent& e = r.events.at(0);
        QCOMPARE(e.pid, 42);
        QCOMPARE(e.ppid, 7);
        QCOMPARE(e.host, QByteArray("web1"));
        QCOMPARE(e.userName, QByteArray("root"));
        QCOMPARE(e.exe, QByteArray("/usr/bin/id"));
        QCOMPARE(e.argv, words("id -u"));
        QCOMPARE(e.timeNs, kDec3 + 10 * 3600 * kNs);
    }

    void automaticMappings()
    {
        const CsvMapping splunk = CsvMapping::automatic(
            {QStringLiteral("_time"), QStringLiteral("host"), QStringLiteral("pid"), QStringLiteral("ppid"),
             QStringLiteral("user"), QStringLiteral("process_path"), QStringLiteral("command_line"),
             QStringLiteral("parent_process_path"), QStringLiteral("cwd")});
        QCOMPARE(splunk.toSpec(), QStringLiteral("time=_time,host=host,pid=pid,ppid=ppid,user=user,exe=process_path,"
                                                 "commandLine=command_line,cwd=cwd"));
        QVERIFY(splunk.usable());
        const CsvMapping sysmon = CsvMapping::automatic(
            {QStringLiteral("UtcTime"), QStringLiteral("Computer"), QStringLiteral("ProcessGuid"),
             QStringLiteral("ProcessId"), QStringLiteral("Image"), QStringLiteral("CommandLine"),
             QStringLiteral("CurrentDirectory"), QStringLiteral("User"), QStringLiteral("ParentProcessGuid"),
             QStringLiteral("ParentProcessId")});
        QCOMPARE(sysmon.toSpec(), QStringLiteral("time=UtcTime,host=Computer,pid=ProcessId,ppid=ParentProcessId,"
                                                 "user=User,exe=Image,commandLine=CommandLine,cwd=CurrentDirectory,"
                                                 "guid=ProcessGuid,parentGuid=ParentProcessGuid"));
        // Only time + pid + (exe or command line) make a usable mapping.
        const CsvMapping partial =
            CsvMapping::automatic({QStringLiteral("pid"), QStringLiteral("exe"), QStringLiteral("colour")});
        QVERIFY(!partial.usable());
        QCOMPARE(partial.missingRequired(), QStringList{QStringLiteral("time")});
    }

    void givenMappingAndErrors()
    {
        // Columns no synonym knows, mapped by the user (one by index); errors name line, column and value.
        const QByteArray text = "when,box,p,pp,image,args\n"
                                "1796299200,web1,100,1,/bin/true,true\n"
                                "1796299200,web1,x,1,/bin/true,true\n"
                                "1796299200,web1,101,zz,/bin/true,true\n"
                                "yesterday,web1,102,1,/bin/true,true\n"
                                "1796299200,web1,103,1,/bin/true\n"
                                ",web1,104,1,/bin/true,true\n"
                                "1796299200000,web1,105,-1,/bin/false,\"false --x\"\n";
        CsvMapping given;
        QString error;
        QVERIFY(CsvMapping::parseSpec(QStringLiteral("time=when,host=box,pid=p,ppid=#4,commandLine=args"), &given,
                                      &error));
        const Parsed r = parse(text, {{given}, {}});
        QCOMPARE(r.stats.events, 2);
        QCOMPARE(r.stats.recordsRead, 7);
        QCOMPARE(r.stats.recordsSkipped, 5);
        QVERIFY(hasError(r.stats, 3, QStringLiteral("column 'p' (pid) value 'x' is not a number")));
        QVERIFY(hasError(r.stats, 4, QStringLiteral("column '#4' (ppid) value 'zz' is not a number")));
        QVERIFY(hasError(r.stats, 5, QStringLiteral("column 'when' (time) value 'yesterday' is not a time (ISO 8601, "
                                                    "epoch s/ms/µs/ns, MM/DD/YYYY HH:MM:SS)")));
        QVERIFY(hasError(r.stats, 6, QStringLiteral("row has 5 fields, the header has 6")));
        QVERIFY(hasError(r.stats, 7, QStringLiteral("column 'when' (time) is empty")));
        QCOMPARE(r.events[0].pid, 100);
        QCOMPARE(r.events[0].exe, QByteArray("/bin/true")); // "image" is a synonym of exe
        QCOMPARE(r.events[0].timeNs, 1796299200LL * kNs);
        QCOMPARE(r.events[1].timeNs, 1796299200LL * kNs); // milliseconds, from the magnitude
        QCOMPARE(r.events[1].ppid, kUnknownId);
        QCOMPARE(r.events[1].argv, words("false --x"));
        QCOMPARE(r.events[1].line, 8);

        // Commas inside a column name survive when they are not followed by FIELD=.
        CsvMapping comma;
        QVERIFY(CsvMapping::parseSpec(QStringLiteral("time=a,b,pid=c"), &comma, &error));
        QCOMPARE(comma.column(CsvField::Time), QStringLiteral("a,b"));
        QCOMPARE(comma.column(CsvField::Pid), QStringLiteral("c"));
        // A bad spec is refused with its text.
        CsvMapping bad;
        QVERIFY(!CsvMapping::parseSpec(QStringLiteral("colour=red"), &bad, &error));
        QVERIFY(error.contains(QLatin1String("colour=red")));
        // Exact wording of the classic case: the column called like the field.
        const Parsed plain = parse("time,pid,exe\n2026-12-03T00:00:00Z,x,/bin/sh\n");
        QVERIFY(hasError(plain.stats, 2, QStringLiteral("column 'pid' value 'x' is not a number")));
    }

    void times_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<qint64>("expected"); // ns after 2026-12-03T00:00:00Z, or kRefused
        const qint64 t = (17 * 3600 + 35 * 60 + 32) * kNs;
        QTest::newRow("rfc3339 Z") << QByteArray("2026-12-03T17:35:32Z") << QString() << QString() << t;
        QTest::newRow("rfc3339 fraction offset") << QByteArray("2026-12-03T19:35:32.123456789+02:00") << QString()
                                                 << QString() << t + 123456789;
        QTest::newRow("splunk +0000") << QByteArray("2026-12-03T17:35:32.000+0000") << QString() << QString() << t;
        QTest::newRow("no zone = UTC") << QByteArray("2026-12-03 17:35:32.5") << QString() << QString()
                                       << t + 500000000;
        QTest::newRow("no zone, Berlin") << QByteArray("2026-12-03 18:35:32") << QString()
                                         << QStringLiteral("Europe/Berlin") << t;
        QTest::newRow("offset wins over zone") << QByteArray("2026-12-03T17:35:32Z") << QString()
                                               << QStringLiteral("Europe/Berlin") << t;
        QTest::newRow("fixed offset zone") << QByteArray("2026-12-03 12:35:32") << QString()
                                           << QStringLiteral("UTC-05:00") << t;
        QTest::newRow("epoch s") << QByteArray("1796319332") << QString() << QString() << t;
        QTest::newRow("epoch s.fff") << QByteArray("1796319332.054") << QString() << QString() << t + 54000000;
        QTest::newRow("epoch ms") << QByteArray("1796319332054") << QString() << QString() << t + 54000000;
        QTest::newRow("epoch us") << QByteArray("1796319332054001") << QString() << QString() << t + 54001000;
        QTest::newRow("epoch ns") << QByteArray("1796319332054001002") << QString() << QString() << t + 54001002;
        QTest::newRow("epoch forced ms") << QByteArray("1796319332") << QStringLiteral("epoch-ms") << QString()
                                         << qint64(1796319332LL * 1000000 - kDec3);
        QTest::newRow("epoch forced s, too big") << QByteArray("1796319332054") << QStringLiteral("epoch-s")
                                                 << QString() << kRefused;
        QTest::newRow("mm/dd/yyyy") << QByteArray("12/03/2026 17:35:32") << QString() << QString() << t;
        QTest::newRow("m/d/yyyy pm ms") << QByteArray("12/3/2026 5:35:32.250 PM") << QString() << QString()
                                        << t + 250000000;
        QTest::newRow("dd/mm forced") << QByteArray("03/12/2026 17:35:32") << QStringLiteral("dmy") << QString() << t;
        QTest::newRow("kibana") << QByteArray("Dec 3, 2026 @ 17:35:32.054") << QString() << QString()
                                << t + 54000000;
        QTest::newRow("month 13") << QByteArray("13/03/2026 17:35:32") << QString() << QString() << kRefused;
        QTest::newRow("Feb 30") << QByteArray("2026-02-30T00:00:00Z") << QString() << QString() << kRefused;
        QTest::newRow("words") << QByteArray("soon") << QString() << QString() << kRefused;
        QTest::newRow("overflow") << QByteArray("99999999999999999999") << QString() << QString() << kRefused;
    }

    void times()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, format);
        QFETCH(QString, zone);
        QFETCH(qint64, expected);
        int64_t ns = 0;
        QString why;
        const QTimeZone tz = csvTimeZone(zone);
        QVERIFY(tz.isValid());
        const bool ok = parseCsvTime(text, format, tz, &ns, &why);
        if (expected == kRefused)
        {
            QVERIFY(!ok);
            QVERIFY(!why.isEmpty());
            return;
        }
        QVERIFY2(ok, qPrintable(why));
        QCOMPARE(ns - kDec3, expected);
    }

    void commandLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<bool>("splits");
        QTest::addColumn<QList<QByteArray>>("argv");
        QTest::newRow("plain") << QByteArray("ls  -la /tmp") << true << words("ls -la /tmp");
        QTest::newRow("single") << QByteArray("sh -c 'a \"b\" $c'") << true
                                << QList<QByteArray>{"sh", "-c", "a \"b\" $c"};
        QTest::newRow("double escapes") << QByteArray("echo \"a \\\"b\\\" \\$x \\n\"") << true
                                        << QList<QByteArray>{"echo", "a \"b\" $x \\n"};
        QTest::newRow("backslash blank") << QByteArray("cat my\\ file") << true << QList<QByteArray>{"cat", "my file"};
        QTest::newRow("windows path") << QByteArray("C:\\Windows\\system32\\cmd.exe /c dir") << true
                                      << QList<QByteArray>{"C:\\Windows\\system32\\cmd.exe", "/c", "dir"};
        QTest::newRow("empty argument") << QByteArray("printf '' x") << true << QList<QByteArray>{"printf", "", "x"};
        QTest::newRow("unterminated") << QByteArray("sh -c 'oops") << false << QList<QByteArray>{};
        QTest::newRow("trailing backslash") << QByteArray("echo \\") << false << QList<QByteArray>{};
    }

    void commandLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(bool, splits);
        QFETCH(QList<QByteArray>, argv);
        QList<QByteArray> out{"untouched"};
        QCOMPARE(splitCommandLine(line, &out), splits);
        QCOMPARE(out, splits ? argv : QList<QByteArray>{"untouched"});
        if (!splits)
        {
            // The parser keeps such a command line whole.
            const Parsed r = parse("time,pid,cmdline\n2026-12-03T00:00:00Z,5,\"" + line + "\"\n");
            QCOMPARE(r.stats.events, 1);
            QCOMPARE(r.events[0].argv, QList<QByteArray>{line});
        }
    }

    void kindsGuidsContainersJsonArgv()
    {
        const QByteArray text =
            "@timestamp,event.action,process.pid,process.parent.pid,process.entity_id,process.parent.entity_id,"
            "container.id,process.executable,process.args,user.id\n"
            "2026-12-03T00:00:01Z,exec,10,1,E10,E1,host,/bin/a,\"[\"\"a\"\",\"\"x y\"\"]\",0\n"
            "2026-12-03T00:00:02Z,already_running,11,1,E11,,40a5654221131f1e,/bin/b,b,alice\n"
            "2026-12-03T00:00:03Z,end,10,1,E10,E1,,/bin/a,,0\n"
            "2026-12-03T00:00:04Z,teleport,12,1,E12,E1,,/bin/c,c,0\n";
        const Parsed r = parse(text);
        QCOMPARE(r.stats.events, 3);
        QCOMPARE(r.events[0].kind, EventKind::Exec);
        QCOMPARE(r.events[0].argv, (QList<QByteArray>{"a", "x y"}));
        QCOMPARE(r.events[0].guid, QByteArray("E10"));
        QCOMPARE(r.events[0].parentGuid, QByteArray("E1"));
        QCOMPARE(r.events[0].statedContainerId, QByteArray()); // Falco's "host"
        QCOMPARE(r.events[0].uid, 0);
        QCOMPARE(r.events[1].kind, EventKind::Snapshot);
        QCOMPARE(r.events[1].statedContainerId, QByteArray("40a5654221131f1e"));
        QCOMPARE(r.events[1].statedContainerSource, QByteArray("csv container.id"));
        QCOMPARE(r.events[1].userName, QByteArray("alice")); // a name in the uid column
        QCOMPARE(r.events[2].kind, EventKind::Exit);
        QVERIFY(hasError(r.stats, 5,
                         QStringLiteral("column 'event.action' (kind) value 'teleport' is not an event kind (exec, "
                                        "snapshot, fork, exit)")));
    }

    void mappingStore()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/csv-mappings.json"));
        const CsvMappingStore store(path);
        const QStringList header = {QStringLiteral("when"), QStringLiteral("p"), QStringLiteral("image")};
        QVERIFY(!store.find(header));
        QCOMPARE(store.count(), 0);
        CsvMapping mapping;
        QString error;
        QVERIFY(CsvMapping::parseSpec(QStringLiteral("time=when,pid=p,exe=image"), &mapping, &error));
        mapping.timeZone = QStringLiteral("Europe/Berlin");
        mapping.defaultKind = EventKind::Snapshot;
        QVERIFY2(store.remember(header, mapping, &error), qPrintable(error));
        // The signature ignores case and blanks; remembering again replaces the entry.
        const QStringList respelled = {QStringLiteral(" WHEN"), QStringLiteral("P "), QStringLiteral("Image")};
        QCOMPARE(store.find(respelled), std::optional<CsvMapping>(mapping));
        QVERIFY(store.remember(respelled, mapping, &error));
        QCOMPARE(store.count(), 1);
        QVERIFY(QJsonDocument::fromJson([&] {
                    QFile f(path);
                    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
                }()).isObject());

        // chooseCsvMapping: remembered beats automatic, given beats remembered; the parser uses it.
        const QByteArray text = "when,p,image\n2026-12-03 01:00:00,5,/bin/sh\n";
        const Parsed r = parse(text, {{}, path});
        QCOMPARE(r.stats.events, 1);
        QCOMPARE(r.events[0].timeNs, kDec3); // 01:00 in Berlin is 00:00 UTC
        QCOMPARE(r.events[0].kind, EventKind::Snapshot);
        CsvMapping given;
        QVERIFY(CsvMapping::parseSpec(QStringLiteral("time=when,pid=p,exe=image"), &given, &error));
        QCOMPARE(chooseCsvMapping(header, {given}, path).origin, CsvMappingOrigin::Given);
        QCOMPARE(chooseCsvMapping(header, {}, path).origin, CsvMappingOrigin::Remembered);
        QCOMPARE(chooseCsvMapping(header, {}, {}).origin, CsvMappingOrigin::None);

        // A file it cannot understand is never overwritten.
        writeFile(path, "{not json");
        QVERIFY(!store.remember(header, mapping, &error));
        QVERIFY(error.contains(QLatin1String("not valid JSON")));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("{not json"));
    }

    // Every sample and lab file keeps the format it had before CSV existed; files nothing claimed may now be CSV,
    // and exactly these are.
    void sniffMatrix()
    {
        QStringList newlyCsv;
        int files = 0;
        for (const QString& root : {QStringLiteral(SHIMSCOPE_SAMPLES_DIR), kLab,
                                    QStringLiteral(SHIMSCOPE_SOURCE_DIR "/resources/demo/bundle")})
        {
            QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
            {
                const QString path = it.next();
                const QByteArray head = ParserTest::head(path, 64 * 1024, Gunzip::ByName);
                const QString name = QFileInfo(path).fileName();
                const QString before = firstClaim(head, name, false);
                const QString after = firstClaim(head, name, true);
                ++files;
                if (before.isEmpty() && after == QLatin1String("csv"))
                    newlyCsv.append(QDir(root).relativeFilePath(path));
                else
                    QVERIFY2(before == after, qPrintable(path));
            }
        }
        newlyCsv.sort();
        qInfo("%d files, newly claimed as csv: %s", files, qPrintable(newlyCsv.join(u' ')));
        // The lab's own TSV tables (ground truth, removed events): real delimited tables with a header.
        QCOMPARE(newlyCsv, (QStringList{QStringLiteral("debian/bundle-k-debian-apt.truth.tsv.gz"),
                                        QStringLiteral("debian/removed-events.tsv.gz"),
                                        QStringLiteral("debian/truth.tsv.gz"),
                                        QStringLiteral("main/bundle-b-docker-exec.truth.tsv.gz"),
                                        QStringLiteral("main/bundle-c-redtail.truth.tsv.gz"),
                                        QStringLiteral("main/bundle-f-runc.truth.tsv.gz"),
                                        QStringLiteral("main/removed-events.tsv.gz"),
                                        QStringLiteral("main/truth.tsv.gz"),
                                        QStringLiteral("podman/bundle-h-podman.truth.tsv.gz"),
                                        QStringLiteral("podman/removed-events.tsv.gz"),
                                        QStringLiteral("podman/truth.tsv.gz")}));
        // Near misses.
        QVERIFY(!sniffCsv("  PID TTY          TIME CMD\n 1194 pts/1    00:00:00 bash\n", {}));
        QVERIFY(!sniffCsv("time,pid,exe\n", {}));                             // header only
        QVERIFY(!sniffCsv("a,b\n1,2\n", {}));                                 // two columns
        QVERIFY(!sniffCsv("1,2,3\n4,5,6\n", {}));                             // no header
        QVERIFY(!sniffCsv("time,pid,exe\n1,2\n", {}));                        // ragged
        QVERIFY(!sniffCsv("# comment,a,b\nx,y,z\n", {}));                     // commented header
        QVERIFY(!sniffCsv(QByteArray("time,pid,exe\n1,2,\0\n", 18), {}));     // binary
        QVERIFY(sniffCsv("time,pid,exe\n1,2,3\n", {}));
    }

    void importJob()
    {
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("c.shimscope"));
        const ImportReport report = ImportJob(casePath, {kCsvData + QStringLiteral("/elastic-like-main.csv.gz"),
                                                         kCsvData + QStringLiteral("/ausearch-main.csv.gz")})
                                        .run();
        QCOMPARE(report.result, ImportReport::Result::Partial); // the ausearch input gave nothing
        QCOMPARE(report.files.size(), 2);
        QCOMPARE(report.files[0].format, QStringLiteral("csv"));
        QCOMPARE(report.files[0].status, QStringLiteral("imported"));
        QCOMPARE(report.files[0].stats.events, 890);
        QCOMPARE(report.files[1].status, QStringLiteral("skipped"));
        QVERIFY(report.files[1].message.contains(QLatin1String("SERIAL_NUM")));
        QCOMPARE(report.events, 890);

        // A file whose columns no synonym knows: skipped with its columns named, imported once mapped.
        const QString odd = dir.filePath(QStringLiteral("odd.tsv"));
        writeFile(odd, "when\tp\tthing\n2026-12-03T00:00:00Z\t7\t/bin/sh\n");
        const ImportReport skipped = ImportJob(dir.filePath(QStringLiteral("d.shimscope")), {odd}).run();
        QCOMPARE(skipped.files[0].status, QStringLiteral("skipped"));
        QVERIFY2(skipped.files[0].message.contains(QLatin1String("when,p,thing")), qPrintable(skipped.files[0].message));
        ImportOptions options;
        CsvMapping mapping;
        QString error;
        QVERIFY(CsvMapping::parseSpec(QStringLiteral("time=when,pid=p,exe=thing"), &mapping, &error));
        options.csvMappings = {mapping};
        const ImportReport mapped = ImportJob(dir.filePath(QStringLiteral("e.shimscope")), {odd}, options).run();
        QCOMPARE(mapped.files[0].status, QStringLiteral("imported"));
        QCOMPARE(mapped.events, 1);
    }

    void hostile()
    {
        // Unterminated quote at EOF: the rows before it are kept, the open record is reported at its first line.
        {
            const Parsed r = parse("time,pid,exe\n2026-12-03T00:00:00Z,1,/bin/a\n2026-12-03T00:00:00Z,2,\"/bin/b\n"
                                   "more\n");
            QCOMPARE(r.stats.events, 1);
            QCOMPARE(r.stats.recordsSkipped, 1);
            QCOMPARE(r.stats.errors.at(0).line, 3);
            QVERIFY(r.stats.errors.at(0).message.contains(QLatin1String("unterminated")));
        }
        // A 10 MB field is kept whole; a quoted field spanning 16 MiB is dropped and reading resumes.
        {
            const QByteArray big(10 * 1024 * 1024, 'A');
            const Parsed r = parse("time,pid,exe,cmdline\n2026-12-03T00:00:00Z,1,/bin/a,\"a " + big
                                   + "\"\n2026-12-03T00:00:00Z,2,/bin/b,b\n");
            QCOMPARE(r.stats.events, 2);
            QCOMPARE(r.events[0].argv.size(), 2);
            QCOMPARE(r.events[0].argv[1].size(), big.size());
            QByteArray huge = "time,pid,exe\n2026-12-03T00:00:00Z,1,\"";
            const QByteArray chunk(1024 * 1024, 'B');
            for (int i = 0; i < 17; ++i)
                huge += chunk + '\n';
            huge += "2026-12-03T00:00:00Z,3,/bin/c\n";
            const Parsed h = parse(huge);
            // The record opened on line 2 is dropped after 16 MiB; the rest of its field (line 18) is a 1-field row.
            QCOMPARE(h.stats.recordsSkipped, 2);
            QCOMPARE(h.stats.errors.at(0).line, 2);
            QVERIFY(hasError(h.stats, 18, QStringLiteral("row has 1 fields, the header has 3")));
            QCOMPARE(h.stats.events, 1);
            QCOMPARE(h.events[0].pid, 3);
        }
        // Invalid UTF-8 is kept as bytes; a formula-injection string is data, nothing else.
        {
            const Parsed r = parse("time,pid,exe,cmdline\n2026-12-03T00:00:00Z,1,/bin/\xc3\x28,x\n"
                                   "2026-12-03T00:00:00Z,2,\"=cmd|' /C calc'!A0\",\"=HYPERLINK(\"\"http://x\"\")\"\n");
            QCOMPARE(r.stats.events, 2);
            QCOMPARE(r.events[0].exe, QByteArray("/bin/\xc3\x28"));
            QCOMPARE(r.events[1].exe, QByteArray("=cmd|' /C calc'!A0"));
            QCOMPARE(r.events[1].argv, QList<QByteArray>{"=HYPERLINK(http://x)"});
        }
        // Header only: nothing, no error. A row with extra fields: skipped with its line.
        {
            const Parsed r = parse("time,pid,exe\n");
            QCOMPARE(r.stats.events, 0);
            QCOMPARE(r.stats.recordsSkipped, 0);
            const Parsed extra = parse("time,pid,exe\n2026-12-03T00:00:00Z,1,/bin/a,x,y\n"
                                       "2026-12-03T00:00:00Z,2,/bin/b,\n");
            QCOMPARE(extra.stats.events, 1); // one trailing empty field is tolerated
            QVERIFY(hasError(extra.stats, 2, QStringLiteral("row has 5 fields, the header has 3")));
        }
        // Random bytes never crash the reader or the sniffer.
        {
            QByteArray junk(256 * 1024, '\0');
            uint32_t seed = 7;
            for (char& c : junk)
            {
                seed = seed * 1103515245 + 12345;
                c = "a,;|\t\"\n\r 1"[(seed >> 16) % 11];
            }
            sniffCsv(junk.left(65536), {});
            const Parsed r = parse("time,pid,exe\n" + junk);
            QVERIFY(r.stats.recordsRead + r.stats.recordsSkipped > 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestCsvParser)
#include "tst_csvparser.moc"
