// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditdparser.h"

#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace ShimScope;

namespace
{

/// What one parser run produced.
struct Parsed
{
    QList<ExecEvent> events;
    SourceStats stats;
    qsizetype emittedBeforeFinish = 0;
};

QString samplePath(const char* relative)
{
    return QStringLiteral(SHIMSCOPE_SAMPLES_DIR "/auditd/") + QString::fromLatin1(relative);
}

/// The file's lines without their '\n' (a '\r' stays: the parser must cope with it).
QByteArrayList readLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArrayList lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

QByteArrayList sampleLines(const char* relative)
{
    return readLines(samplePath(relative));
}

Parsed parse(const QByteArrayList& lines, const QByteArray& defaultHost = QByteArrayLiteral("testhost"))
{
    Parsed result;
    AuditdParser parser([&result](ExecEvent&& event) { result.events.append(std::move(event)); }, defaultHost);
    int64_t lineNumber = 0;
    for (const QByteArray& line : lines)
        parser.feedLine(line, ++lineNumber);
    result.emittedBeforeFinish = result.events.size();
    parser.finish();
    result.stats = parser.stats();
    return result;
}

QList<int64_t> errorLines(const SourceStats& stats)
{
    QList<int64_t> lines;
    for (const RecordError& error : stats.errors)
        lines.append(error.line);
    return lines;
}

/// Compares every field of two events (QCOMPARE inside: callers check QTest::currentTestFailed()).
void compareEvents(const ExecEvent& actual, const ExecEvent& expected)
{
    QCOMPARE(actual.line, expected.line);
    QCOMPARE(actual.record, expected.record);
    QCOMPARE(actual.serial, expected.serial);
    QCOMPARE(actual.host, expected.host);
    QCOMPARE(actual.timeNs, expected.timeNs);
    QCOMPARE(actual.kind, expected.kind);
    QCOMPARE(actual.success, expected.success);
    QCOMPARE(actual.exitCode, expected.exitCode);
    QCOMPARE(actual.syscall, expected.syscall);
    QCOMPARE(actual.arch, expected.arch);
    QCOMPARE(actual.pid, expected.pid);
    QCOMPARE(actual.ppid, expected.ppid);
    QCOMPARE(actual.uid, expected.uid);
    QCOMPARE(actual.euid, expected.euid);
    QCOMPARE(actual.auid, expected.auid);
    QCOMPARE(actual.ses, expected.ses);
    QCOMPARE(actual.tty, expected.tty);
    QCOMPARE(actual.comm, expected.comm);
    QCOMPARE(actual.exe, expected.exe);
    QCOMPARE(actual.cwd, expected.cwd);
    QCOMPARE(actual.key, expected.key);
    QCOMPARE(actual.argv, expected.argv);
    QCOMPARE(actual.argvOrigin, expected.argvOrigin);
    QCOMPARE(actual.argvTruncated, expected.argvTruncated);
    QCOMPARE(actual.path, expected.path);
    QCOMPARE(actual.dev, expected.dev);
    QCOMPARE(actual.inode, expected.inode);
}

/// Rewrites `type=NAME msg=audit(` as the kernel printk form `audit: type=NNNN audit(` (FORMATS.md 1.1).
QByteArray toPrintk(const QByteArray& line)
{
    static const std::pair<const char*, const char*> kTypes[] = {{"SYSCALL", "1300"}, {"PATH", "1302"},
                                                                 {"CWD", "1307"},     {"EXECVE", "1309"},
                                                                 {"EOE", "1320"},     {"PROCTITLE", "1327"}};
    for (const auto& [name, number] : kTypes) {
        const QByteArray prefix = QByteArray("type=") + name + " msg=audit(";
        if (line.startsWith(prefix))
            return QByteArray("audit: type=") + number + " audit(" + line.mid(prefix.size());
    }
    return line;
}

/// A minimal record with the given serial: its type does not matter for serial bookkeeping.
QByteArray serialRecord(uint64_t serial, int64_t sec = 1700000000, const char* type = "LOGIN",
                        const QByteArray& node = {})
{
    QByteArray line;
    if (!node.isEmpty())
        line = "node=" + node + ' ';
    line += QByteArray("type=") + type + " msg=audit(" + QByteArray::number(sec) + ".123:" + QByteArray::number(serial)
            + "): pid=1 uid=0 res=1";
    return line;
}

/// A SYSCALL record of an exec (pid 11, comm "tool", exe "/usr/bin/tool" unless told otherwise).
QByteArray execSyscall(const QByteArray& id, const QByteArray& arch = "c000003e", const QByteArray& nr = "59",
                       const QByteArray& extra = {}, const QByteArray& comm = "\"tool\"")
{
    QByteArray line = "type=SYSCALL msg=audit(" + id + "): arch=" + arch + " syscall=" + nr;
    line += " success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1 ppid=10 pid=11 auid=1000 uid=1000 gid=1000 euid=1000"
            " suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=pts0 ses=3 comm=";
    line += comm;
    line += " exe=\"/usr/bin/tool\"";
    line += extra;
    line += " key=(null)";
    return line;
}

/// Lines of one interleaved test event (SYSCALL, EXECVE, CWD, PATH), optionally in reverse order.
QByteArrayList generatedEvent(int n, bool reversed)
{
    const QByteArray id = "1700000000." + QByteArray::number(100 + n % 900) + ':' + QByteArray::number(1000 + n);
    QByteArrayList lines{
        "type=SYSCALL msg=audit(" + id
            + "): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1 "
              "ppid=1 pid="
            + QByteArray::number(100000 + n)
            + " auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 "
              "fsgid=0 tty=(none) ses=1 comm=\"worker\" exe=\"/usr/bin/worker\" key=(null)",
        "type=EXECVE msg=audit(" + id + "): argc=2 a0=\"worker\" a1=\"event-" + QByteArray::number(n) + "\"",
        "type=CWD msg=audit(" + id + "): cwd=\"/srv/" + QByteArray::number(n) + "\"",
        "type=PATH msg=audit(" + id + "): item=0 name=\"/usr/bin/worker\" inode=" + QByteArray::number(n)
            + " dev=fd:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL"};
    if (reversed)
        std::reverse(lines.begin(), lines.end());
    return lines;
}

// Documented real failed exec: `ausearch -x /usr/share/rustdesk/rustdesk` output quoted in a comment of rustdesk's
// src/platform/linux.rs (from rustdesk discussion #11959). PROCTITLE first, SYSCALL last, no EXECVE record.
const QByteArrayList kRustdeskFailedExec{
    "type=PROCTITLE msg=audit(1750776043.446:192757): proctitle=2F7573722F62696E2F727573746465736B002D2D73657276696365",
    "type=PATH msg=audit(1750776043.446:192757): item=0 name=\"/usr/local/bin/sh\" nametype=UNKNOWN cap_fp=0 cap_fi=0 "
    "cap_fe=0 cap_fver=0 cap_frootid=0",
    "type=CWD msg=audit(1750776043.446:192757): cwd=\"/\"",
    "type=SYSCALL msg=audit(1750776043.446:192757): arch=c000003e syscall=59 success=no exit=-2 a0=7fb7dbd22da0 "
    "a1=1d65f2c0 a2=7ffc25193360 a3=7ffc25194ec0 items=1 ppid=172208 pid=267565 auid=4294967295 uid=0 gid=0 euid=0 "
    "suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 comm=\"rustdesk\" "
    "exe=\"/usr/share/rustdesk/rustdesk\" subj=unconfined key=\"processos_criados\"",
};

} // namespace

class TestAuditdParser : public QObject
{
    Q_OBJECT

private slots:
    void samplesArePresent();
    void looksLikeAudit_data();
    void looksLikeAudit();
    void lineShapes_data();
    void lineShapes();
    void irregularLinesAreNotErrors();
    void nonAuditLinesAreErrors();
    void normalLog();
    void outOfOrderLogMatchesNormal();
    void lostEventsInSamples_data();
    void lostEventsInSamples();
    void serialTracking_data();
    void serialTracking();
    void enrichedRecordExecve();
    void enrichedSeparatorReplacedBySpace();
    void longExecveArgument();
    void forkSleepExecReversed();
    void failedExec();
    void hexEncodedFields();
    void quotedEverything();
    void valuesWithSpaces();
    void proctitleFallback_data();
    void proctitleFallback();
    void incompleteEvents();
    void archTable_data();
    void archTable();
    void everySampleParses_data();
    void everySampleParses();
    void hostileInput_data();
    void hostileInput();
    void eoeEmitsImmediately();
    void streamingInterleavedWithoutEoe();
    void openEventCapBoundsMemory();
    void manyNodes();
};

void TestAuditdParser::samplesArePresent()
{
    QVERIFY2(QFile::exists(samplePath("go-libaudit/testdata_normal.log")),
             "SHIMSCOPE_SAMPLES_DIR must point at the shared samples folder");
    QVERIFY(QFile::exists(samplePath("laurel/record-execve-long.txt")));
}

void TestAuditdParser::looksLikeAudit_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("expected");

    const QByteArrayList normal = sampleLines("go-libaudit/testdata_normal.log");
    QVERIFY(!normal.isEmpty());
    QFile forkSleep(samplePath("laurel/fork-sleep-exec.txt"));
    QVERIFY(forkSleep.open(QIODevice::ReadOnly));

    QTest::newRow("plain auditd") << normal.mid(0, 4).join('\n') << true;
    QTest::newRow("node-tagged ENRICHED") << sampleLines("laurel/record-execve.txt").join('\n') << true;
    QTest::newRow("comments and blank lines first") << forkSleep.read(4096) << true;
    QTest::newRow("syslog audispd") << QByteArray(
        "Jan 27 06:14:12 web01 audispd: node=web01 type=SYSCALL msg=audit(1485497652.303:70): "
        "arch=c000003e syscall=59 success=yes exit=0\n")
                                    << true;
    QTest::newRow("kernel printk") << QByteArray(
        "[   84.041234] audit: type=1300 audit(946684929.212:16): arch=c000003e syscall=59\n")
                                   << true;
    QTest::newRow("kernel printk via syslog, CRLF")
        << QByteArray("Jan 27 06:14:12 host kernel: [ 1498.99] audit: type=1327 audit(946684929.212:16): "
                      "proctitle=2F62696E2F7368\r\n")
        << true;
    QTest::newRow("UNKNOWN type only") << QByteArray("type=UNKNOWN[1329] msg=?\n") << false;
    QTest::newRow("Tetragon JSON") << QByteArray(
        "{\"process_exec\":{\"process\":{\"exec_id\":\"a\",\"pid\":1,\"binary\":\"/bin/sh\"}},"
        "\"node_name\":\"n\",\"time\":\"2024-01-01T00:00:00Z\"}\n")
                                   << false;
    QTest::newRow("ECS JSON carrying a raw audit line")
        << QByteArray("{\"message\":\"type=SYSCALL msg=audit(1485497652.303:70): arch=c000003e syscall=59\","
                      "\"event\":{\"module\":\"auditd\"}}\n")
        << false;
    QTest::newRow("Sysmon XML in syslog")
        << QByteArray("Jan 27 06:14:12 host sysmon: <Event><System><Provider Name=\"Linux-Sysmon\"/><EventID>1"
                      "</EventID></System></Event>\n")
        << false;
    QTest::newRow("ps output") << QByteArray("  PID TTY          TIME CMD\n    1 ?        00:00:02 systemd\n") << false;
    QTest::newRow("execsnoop") << QByteArray(
        "PCOMM            PID    PPID   RET ARGS\nbash             15887  15886    0 /bin/bash\n")
                               << false;
    QTest::newRow("malformed header") << QByteArray("type=SYSCALL msg=audit(yesterday): arch=c000003e\n") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QByteArray random(4096, Qt::Uninitialized);
    QRandomGenerator generator(20240601);
    for (char& c : random)
        c = char(generator.bounded(256));
    QTest::newRow("random bytes") << random << false;
}

void TestAuditdParser::looksLikeAudit()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, expected);
    QCOMPARE(AuditdParser::looksLikeAudit(text), expected);
}

void TestAuditdParser::lineShapes_data()
{
    QTest::addColumn<QByteArrayList>("lines");
    QTest::addColumn<QByteArray>("host");

    // Event 60 of go-libaudit normal.log (lines 8-12: SYSCALL, EXECVE, CWD with two spaces, PATH item 0 and 1).
    const QByteArrayList event = sampleLines("go-libaudit/testdata_normal.log").mid(7, 5);
    QCOMPARE(event.size(), 5);
    QVERIFY(event.at(0).startsWith("type=SYSCALL msg=audit(1492037291.038:60)"));

    const auto mapped = [&event](const auto& transform) {
        QByteArrayList out;
        for (const QByteArray& line : event)
            out.append(transform(line));
        return out;
    };
    QTest::newRow("plain") << event << QByteArray("testhost");
    QTest::newRow("node= prefix") << mapped([](const QByteArray& l) -> QByteArray { return "node=web01 " + l; })
                                  << QByteArray("web01");
    QTest::newRow("syslog audispd with node")
        << mapped([](const QByteArray& l) -> QByteArray { return "Apr 12 22:48:11 web01 audispd: node=web01 " + l; })
        << QByteArray("web01");
    QTest::newRow("syslog audisp-syslog without node")
        << mapped([](const QByteArray& l) -> QByteArray { return "Apr 12 22:48:11 web01 audisp-syslog: " + l; })
        << QByteArray("testhost");
    QTest::newRow("kernel printk, numeric types")
        << mapped([](const QByteArray& l) -> QByteArray { return "[  84.041234] " + toPrintk(l); })
        << QByteArray("testhost");
    QTest::newRow("kernel printk via syslog") << mapped([](const QByteArray& l) -> QByteArray {
        return "Apr 12 22:48:11 web01 kernel: [ 1498.990000] " + toPrintk(l);
    }) << QByteArray("testhost");
    QTest::newRow("CRLF line ends") << mapped([](const QByteArray& l) -> QByteArray { return l + '\r'; })
                                    << QByteArray("testhost");
    QTest::newRow("leading indentation (YAML block)")
        << mapped([](const QByteArray& l) -> QByteArray { return "    " + l; }) << QByteArray("testhost");
}

void TestAuditdParser::lineShapes()
{
    QFETCH(QByteArrayList, lines);
    QFETCH(QByteArray, host);

    const Parsed r = parse(lines);
    QCOMPARE(r.stats.errors.size(), 0);
    QCOMPARE(r.stats.recordsSkipped, 0);
    QCOMPARE(r.stats.recordsRead, 5);
    QCOMPARE(r.events.size(), 1);
    const ExecEvent& e = r.events.constFirst();
    QCOMPARE(e.host, host);
    QCOMPARE(e.record, QByteArray("1492037291.038:60"));
    QCOMPARE(e.serial, int64_t(60));
    QCOMPARE(e.timeNs, int64_t(1492037291038000000));
    QCOMPARE(e.pid, int64_t(13392));
    QCOMPARE(e.comm, QByteArray("cat"));
    QCOMPARE(e.argv, (QByteArrayList{"cat", "securitybeat"}));
    QCOMPARE(e.cwd, QByteArray("/home/andrew_kroh"));
    QCOMPARE(e.path, QByteArray("/usr/bin/cat"));
    QCOMPARE(e.inode, int64_t(3904));
    QCOMPARE(e.line, int64_t(1));
}

void TestAuditdParser::irregularLinesAreNotErrors()
{
    const QByteArrayList rhel7 = sampleLines("go-libaudit/auparse_testdata_audit-rhel7.log");
    const QByteArrayList serviceStart = sampleLines("laurel/record-service-start.txt");
    QVERIFY(rhel7.size() > 31 && serviceStart.size() > 3);
    const QByteArray daemonConfig = rhel7.at(11); // no ':' after the closing parenthesis
    const QByteArray unknownNoId = rhel7.at(30);
    const QByteArray unknownWithId = serviceStart.at(3);
    QVERIFY(daemonConfig.startsWith("type=DAEMON_CONFIG msg=audit(1490239800.477:34) config changed"));
    QCOMPARE(unknownNoId, QByteArray("type=UNKNOWN[1329] msg=?"));
    QVERIFY(unknownWithId.startsWith("type=UNKNOWN[1420] msg=audit("));

    const Parsed r = parse({"# a comment", daemonConfig, "", "   ", unknownNoId, "\t# indented comment", unknownWithId,
                            "----", "time->Tue Jun 24 10:40:43 2025", "\r"});
    QCOMPARE(r.stats.linesRead, 10);
    QCOMPARE(r.stats.recordsRead, 3);
    QCOMPARE(r.stats.recordsSkipped, 0);
    QCOMPARE(r.stats.errors.size(), 0);
    QCOMPARE(r.stats.lostEvents, 0);
    QCOMPARE(r.events.size(), 0);
}

void TestAuditdParser::nonAuditLinesAreErrors()
{
    const QByteArrayList normal = sampleLines("go-libaudit/testdata_normal.log");
    QByteArrayList lines = normal.mid(2, 5);                              // event 59, lines 1-5
    lines.insert(2, "hello world");                                       // line 3
    lines.insert(4, "type=SYSCALL msg=audit(tomorrow:1): arch=c000003e"); // line 5
    lines.append("kauditd_printk_skb: 32 callbacks suppressed");          // line 8
    lines.append("type=");                                                // line 9
    lines.append("type=EXECVE msg=audit(1492037291.036:59 argc=1");       // line 10: header cut
    const Parsed r = parse(lines);

    QCOMPARE(r.stats.recordsSkipped, 5);
    QCOMPARE(errorLines(r.stats), (QList<int64_t>{3, 5, 8, 9, 10}));
    QCOMPARE(r.stats.errors.at(0).message, QStringLiteral("not an audit record"));
    QVERIFY(r.stats.errors.at(1).message.contains(QLatin1String("header")));
    QCOMPARE(r.stats.recordsRead, 5);
    QCOMPARE(r.events.size(), 1);
    QCOMPARE(r.events.constFirst().argv, (QByteArrayList{"grep", "--color=auto", "mapping"}));
    QCOMPARE(r.events.constFirst().line, int64_t(1));
}

void TestAuditdParser::normalLog()
{
    const Parsed r = parse(sampleLines("go-libaudit/testdata_normal.log"));
    QCOMPARE(r.stats.linesRead, 17);
    QCOMPARE(r.stats.recordsRead, 17);
    QCOMPARE(r.stats.recordsSkipped, 0);
    QCOMPARE(r.stats.errors.size(), 0);
    QCOMPARE(r.stats.events, 2);
    QCOMPARE(r.stats.failedExecs, 0);
    QCOMPARE(r.stats.lostEvents, 0);
    QCOMPARE(r.stats.incompleteEvents, 0);
    QCOMPARE(r.events.size(), 2);

    ExecEvent grep;
    grep.line = 3;
    grep.record = "1492037291.036:59";
    grep.serial = 59;
    grep.host = "testhost";
    grep.timeNs = int64_t(1492037291036000000);
    grep.syscall = "execve";
    grep.arch = "x86_64";
    grep.pid = 13393;
    grep.ppid = 12041;
    grep.uid = 1000;
    grep.euid = 1000;
    grep.auid = 1000;
    grep.ses = 802;
    grep.tty = "pts1";
    grep.comm = "grep";
    grep.exe = "/usr/bin/grep";
    grep.cwd = "/home/andrew_kroh";
    grep.key = "user_commands";
    grep.argv = {"grep", "--color=auto", "mapping"};
    grep.argvOrigin = ArgvOrigin::Execve;
    grep.path = "/usr/bin/grep";
    grep.dev = "08:01";
    grep.inode = 2512;
    compareEvents(r.events.at(0), grep);
    if (QTest::currentTestFailed())
        return;

    ExecEvent cat = grep;
    cat.line = 8;
    cat.record = "1492037291.038:60";
    cat.serial = 60;
    cat.timeNs = int64_t(1492037291038000000);
    cat.pid = 13392;
    cat.comm = "cat";
    cat.exe = "/usr/bin/cat";
    cat.argv = {"cat", "securitybeat"};
    cat.path = "/usr/bin/cat";
    cat.inode = 3904;
    compareEvents(r.events.at(1), cat);
}

void TestAuditdParser::outOfOrderLogMatchesNormal()
{
    // out_of_order.log moves PATH item=1 of event 60 after event 61's SYSCALL and event 61's PATH to the end.
    const Parsed normal = parse(sampleLines("go-libaudit/testdata_normal.log"));
    const Parsed shuffled = parse(sampleLines("go-libaudit/testdata_out_of_order.log"));
    QCOMPARE(shuffled.stats.errors.size(), 0);
    QCOMPARE(shuffled.stats.lostEvents, 0);
    QCOMPARE(shuffled.stats.incompleteEvents, 0);
    QCOMPARE(shuffled.events.size(), normal.events.size());
    QCOMPARE(shuffled.events.size(), 2);
    for (qsizetype i = 0; i < normal.events.size(); ++i) {
        compareEvents(shuffled.events.at(i), normal.events.at(i));
        if (QTest::currentTestFailed())
            return;
    }
}

void TestAuditdParser::lostEventsInSamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int64_t>("lost");
    QTest::addColumn<int>("events");

    QTest::newRow("normal") << samplePath("go-libaudit/testdata_normal.log") << int64_t(0) << 2;
    QTest::newRow("out of order") << samplePath("go-libaudit/testdata_out_of_order.log") << int64_t(0) << 2;
    // go-libaudit's reassembler test expects EventsLost == 9 here (serials jump 49 -> 59).
    QTest::newRow("lost messages") << samplePath("go-libaudit/testdata_lost_messages.log") << int64_t(9) << 2;
    QTest::newRow("rollover 4294967295 -> 0") << samplePath("go-libaudit/testdata_rollover.log") << int64_t(0) << 1;
    QTest::newRow("laurel shell trace") << samplePath("laurel/shell-proc-trace.txt") << int64_t(0) << 4;
    QTest::newRow("laurel reordered trace") << samplePath("laurel/shell-proc-trace-reordered.txt") << int64_t(0) << 4;
}

void TestAuditdParser::lostEventsInSamples()
{
    QFETCH(QString, file);
    QFETCH(int64_t, lost);
    QFETCH(int, events);
    const Parsed r = parse(readLines(file));
    QCOMPARE(r.stats.lostEvents, lost);
    QCOMPARE(r.events.size(), events);
    QCOMPARE(r.stats.errors.size(), 0);
}

void TestAuditdParser::serialTracking_data()
{
    QTest::addColumn<QByteArrayList>("lines");
    QTest::addColumn<int64_t>("lost");

    const auto serials = [](std::initializer_list<uint64_t> list) {
        QByteArrayList lines;
        for (uint64_t s : list)
            lines.append(serialRecord(s));
        return lines;
    };
    QTest::newRow("gap") << serials({10, 11, 15}) << int64_t(3);
    QTest::newRow("gap filled by late records") << serials({10, 11, 15, 13, 12, 14}) << int64_t(0);
    QTest::newRow("gap partly filled") << serials({10, 14, 12}) << int64_t(2);
    QTest::newRow("records of earlier events") << serials({10, 10, 11, 11, 10, 12, 11}) << int64_t(0);
    QTest::newRow("wrap-around") << serials({4294967294, 4294967295, 0, 1}) << int64_t(0);
    QTest::newRow("gap across the wrap") << serials({4294967294, 1}) << int64_t(2);
    QTest::newRow("gap across the wrap, filled") << serials({4294967294, 1, 0, 4294967295}) << int64_t(0);
    QTest::newRow("reboot: big backwards jump") << serials({500000, 500001, 1, 2, 3}) << int64_t(0);
    QTest::newRow("reboot: low serial much later")
        << QByteArrayList{serialRecord(300), serialRecord(301), serialRecord(1, 1700000600),
                          serialRecord(2, 1700000600)}
        << int64_t(0);
    QTest::newRow("per node sequences") << QByteArrayList{serialRecord(10, 1700000000, "LOGIN", "a"),
                                                          serialRecord(500, 1700000000, "LOGIN", "b"),
                                                          serialRecord(11, 1700000000, "LOGIN", "a"),
                                                          serialRecord(501, 1700000000, "LOGIN", "b")}
                                        << int64_t(0);
    QTest::newRow("per node gap") << QByteArrayList{serialRecord(10, 1700000000, "LOGIN", "a"),
                                                    serialRecord(20, 1700000000, "LOGIN", "b"),
                                                    serialRecord(12, 1700000000, "LOGIN", "a")}
                                  << int64_t(1);
    // auditd writes DAEMON_* records with its own counter (audit-userspace src/auditd.c send_audit_event)
    QTest::newRow("DAEMON records are not kernel serials")
        << QByteArrayList{serialRecord(10), serialRecord(7798, 1700000000, "DAEMON_START"), serialRecord(11),
                          serialRecord(3, 1700000000, "DAEMON_END"), serialRecord(12)}
        << int64_t(0);
    QTest::newRow("numeric types count too")
        << QByteArrayList{"audit: type=1300 audit(946684929.212:16): arch=c000003e syscall=2",
                          "audit: type=1320 audit(946684929.212:16): ",
                          "audit: type=1300 audit(946684929.300:19): arch=c000003e syscall=2"}
        << int64_t(2);
}

void TestAuditdParser::serialTracking()
{
    QFETCH(QByteArrayList, lines);
    QFETCH(int64_t, lost);
    const Parsed r = parse(lines);
    QCOMPARE(r.stats.errors.size(), 0);
    QCOMPARE(r.stats.lostEvents, lost);
}

void TestAuditdParser::enrichedRecordExecve()
{
    const QByteArrayList lines = sampleLines("laurel/record-execve.txt");
    QCOMPARE(lines.size(), 7);
    QVERIFY(lines.at(0).contains('\x1d'));
    QVERIFY(lines.at(0).contains("AUID=\"user\" UID=\"root\"")); // the translations the parser must ignore

    const Parsed r = parse(lines);
    QCOMPARE(r.stats.errors.size(), 0);
    QCOMPARE(r.stats.recordsRead, 7);
    QCOMPARE(r.events.size(), 1);
    QCOMPARE(r.emittedBeforeFinish, 1); // closed by its EOE
    const ExecEvent& e = r.events.constFirst();
    QCOMPARE(e.host, QByteArray("work"));
    QCOMPARE(e.record, QByteArray("1615114232.375:15558"));
    QCOMPARE(e.serial, int64_t(15558));
    QCOMPARE(e.timeNs, int64_t(1615114232375000000));
    QCOMPARE(e.line, int64_t(1));
    QCOMPARE(e.arch, QByteArray("x86_64"));
    QCOMPARE(e.syscall, QByteArray("execve"));
    QCOMPARE(e.comm, QByteArray("whoami"));
    QCOMPARE(e.exe, QByteArray("/usr/bin/whoami"));
    QCOMPARE(e.auid, int64_t(1000)); // raw auid=1000, not AUID="user"
    QCOMPARE(e.uid, int64_t(0));     // raw uid=0, not UID="root"
    QCOMPARE(e.euid, int64_t(0));
    QCOMPARE(e.pid, int64_t(10884));
    QCOMPARE(e.ppid, int64_t(10883));
    QCOMPARE(e.ses, int64_t(1));
    QCOMPARE(e.tty, QByteArray("pts1"));
    QCOMPARE(e.key, QByteArray()); // key=(null) glued to 0x1D, not "(null)\x1dARCH=x86_64"
    QCOMPARE(e.argv, QByteArrayList{"whoami"});
    QCOMPARE(e.argvOrigin, ArgvOrigin::Execve);
    QCOMPARE(e.cwd, QByteArray("/home/user/tmp"));
    QCOMPARE(e.path, QByteArray("/usr/bin/whoami"));
    QCOMPARE(e.dev, QByteArray("ca:03"));
    QCOMPARE(e.inode, int64_t(261214));
}

void TestAuditdParser::enrichedSeparatorReplacedBySpace()
{
    // The audisp syslog plugin replaces 0x1D with a space: upper-case KEY= fields then follow the raw ones.
    const QByteArrayList raw = sampleLines("laurel/record-execve.txt");
    QByteArrayList viaSyslog;
    for (QByteArray line : raw)
        viaSyslog.append("Mar  7 10:50:32 work audispd: " + line.replace('\x1d', ' '));
    QVERIFY(viaSyslog.at(0).contains("key=(null) ARCH=x86_64 SYSCALL=execve AUID=\"user\""));

    const Parsed expected = parse(raw);
    const Parsed r = parse(viaSyslog);
    QCOMPARE(r.stats.errors.size(), 0);
    QCOMPARE(r.events.size(), 1);
    compareEvents(r.events.constFirst(), expected.events.constFirst());
    if (QTest::currentTestFailed())
        return;

    // Keys are case sensitive: translations after the raw fields never override them, even if they look numeric.
    const Parsed hostile = parse({execSyscall("1700000000.000:1", "c000003e", "59",
                                              " ARCH=aarch64 SYSCALL=clone PID=1 AUID=\"0\" COMM=\"evil\" EXE=\"/x\""),
                                  "type=EOE msg=audit(1700000000.000:1): "});
    QCOMPARE(hostile.events.size(), 1);
    QCOMPARE(hostile.events.constFirst().pid, int64_t(11));
    QCOMPARE(hostile.events.constFirst().auid, int64_t(1000));
    QCOMPARE(hostile.events.constFirst().arch, QByteArray("x86_64"));
    QCOMPARE(hostile.events.constFirst().comm, QByteArray("tool"));
    QCOMPARE(hostile.events.constFirst().exe, QByteArray("/usr/bin/tool"));
}

void TestAuditdParser::longExecveArgument()
{
    const QByteArrayList lines = sampleLines("laurel/record-execve-long.txt");
    QCOMPARE(lines.size(), 9);
    // Independent reassembly of a1 from the three EXECVE records: a1[0] in line 2, a1[1] in 3, a1[2] in 4.
    QByteArray expected;
    QList<qsizetype> chunkSizes;
    for (int i = 0; i < 3; ++i) {
        const QByteArray line = lines.at(1 + i);
        const QByteArray marker = "a1[" + QByteArray::number(i) + "]=";
        const qsizetype at = line.indexOf(marker);
        QVERIFY(at > 0);
        qsizetype end = line.indexOf(' ', at);
        if (end < 0)
            end = line.size();
        const QByteArray chunk = QByteArray::fromHex(line.mid(at + marker.size(), end - at - marker.size()));
        chunkSizes.append(chunk.size());
        expected += chunk;
    }
    QCOMPARE(chunkSizes, (QList<qsizetype>{3732, 3746, 714}));

    const Parsed r = parse(lines);
    QCOMPARE(r.stats.errors.size(), 0);
    QCOMPARE(r.stats.incompleteEvents, 0);
    QCOMPARE(r.events.size(), 1);
    const ExecEvent& e = r.events.constFirst();
    QCOMPARE(e.argvOrigin, ArgvOrigin::Execve); // EXECVE wins over the 128-byte PROCTITLE in the same event
    QVERIFY(!e.argvTruncated);
    QCOMPARE(e.argv.size(), 2);
    QCOMPARE(e.argv.at(0), QByteArray("/bin/echo"));
    const QByteArray& arg = e.argv.at(1);
    QCOMPARE(arg.size(), 8192); // a1_len=16384 hex characters
    QCOMPARE(arg, expected);
    QVERIFY(arg.startsWith("baaaa"));
    QVERIFY(arg.endsWith("aaaag"));
    // the chunk boundaries join without loss or overlap: ...c|d... at 3732 and ...e|f... at 7478
    QCOMPARE(arg.mid(3730, 4), QByteArray("acda"));
    QCOMPARE(arg.mid(7476, 4), QByteArray("aefa"));
    QCOMPARE(arg.count('a'), 8192 - 6);
    QCOMPARE(e.comm, QByteArray("echo"));
    QCOMPARE(e.exe, QByteArray("/usr/bin/echo"));
    QCOMPARE(e.cwd, QByteArray("/tmp"));
    QCOMPARE(e.path, QByteArray("/bin/echo"));
    QCOMPARE(e.auid, int64_t(1000));
}

void TestAuditdParser::forkSleepExecReversed()
{
    // aarch64 (arch=c00000b7, execve=221, clone=220); each event's records in reverse order, SYSCALL last.
    const Parsed r = parse(sampleLines("laurel/fork-sleep-exec.txt"));
    QCOMPARE(r.stats.errors.size(), 0);
    QCOMPARE(r.stats.recordsSkipped, 0);
    QCOMPARE(r.stats.recordsRead, 13);
    QCOMPARE(r.stats.incompleteEvents, 0);
    QCOMPARE(r.stats.lostEvents, 1); // the fixture has serials 6104005, 6104007, 6104008
    QCOMPARE(r.events.size(), 2);    // the clone (220) is not an exec

    const ExecEvent& parent = r.events.at(0);
    QCOMPARE(parent.line, int64_t(14)); // its first record is PATH item=2 on line 14
    QCOMPARE(parent.record, QByteArray("1783860945.368:6104005"));
    QCOMPARE(parent.arch, QByteArray("aarch64"));
    QCOMPARE(parent.syscall, QByteArray("execve"));
    QCOMPARE(parent.pid, int64_t(1578539));
    QCOMPARE(parent.ppid, int64_t(3822680));
    QCOMPARE(parent.argv, QByteArrayList{"/home/user/bin/uncaring-parent"});
    QCOMPARE(parent.path, QByteArray("/home/user/bin/uncaring-parent"));
    QCOMPARE(parent.inode, int64_t(2228401));
    QCOMPARE(parent.dev, QByteArray("fd:01"));
    QCOMPARE(parent.cwd, QByteArray("/home/user"));

    const ExecEvent& child = r.events.at(1);
    QCOMPARE(child.line, int64_t(25));
    QCOMPARE(child.pid, int64_t(1578540));
    QCOMPARE(child.ppid, int64_t(1));
    QCOMPARE(child.comm, QByteArray("true"));
    QCOMPARE(child.exe, QByteArray("/usr/bin/true"));
    QCOMPARE(child.argv, QByteArrayList{QByteArray()}); // execve(path, NULL, NULL): one empty argument
    QCOMPARE(child.argvOrigin, ArgvOrigin::Execve);
    QVERIFY(!child.argvTruncated);
    QCOMPARE(child.path, QByteArray("/bin/true")); // item 0, not the loader (item 2)
    QCOMPARE(child.inode, int64_t(24801));
}

void TestAuditdParser::failedExec()
{
    const Parsed r = parse(kRustdeskFailedExec);
    QCOMPARE(r.stats.errors.size(), 0);
    QCOMPARE(r.stats.events, 1);
    QCOMPARE(r.stats.failedExecs, 1);
    QCOMPARE(r.stats.incompleteEvents, 0);
    QCOMPARE(r.events.size(), 1);
    const ExecEvent& e = r.events.constFirst();
    QVERIFY(!e.success);
    QCOMPARE(e.exitCode, int64_t(-2));
    QCOMPARE(e.line, int64_t(1));
    QCOMPARE(e.pid, int64_t(267565));
    QCOMPARE(e.ppid, int64_t(172208));
    QCOMPARE(e.auid, int64_t(4294967295)); // unset, kept as logged
    QCOMPARE(e.ses, int64_t(4294967295));
    QCOMPARE(e.tty, QByteArray());
    QCOMPARE(e.comm, QByteArray("rustdesk"));
    QCOMPARE(e.exe, QByteArray("/usr/share/rustdesk/rustdesk")); // a failed exec still shows the caller
    QCOMPARE(e.key, QByteArray("processos_criados"));
    QCOMPARE(e.cwd, QByteArray("/"));
    QCOMPARE(e.path, QByteArray("/usr/local/bin/sh"));
    QCOMPARE(e.inode, kUnknownId);
    QCOMPARE(e.dev, QByteArray());
    QCOMPARE(e.argvOrigin, ArgvOrigin::Proctitle); // no EXECVE record for a failed exec
    QCOMPARE(e.argv, (QByteArrayList{"/usr/bin/rustdesk", "--service"}));
    QVERIFY(!e.argvTruncated);

    // success derived from exit when a writer drops success=
    QByteArray noSuccess = kRustdeskFailedExec.at(3);
    noSuccess.replace(" success=no", "");
    const Parsed derived = parse({noSuccess});
    QCOMPARE(derived.events.size(), 1);
    QVERIFY(!derived.events.constFirst().success);
    QCOMPARE(derived.stats.failedExecs, 1);
}

void TestAuditdParser::hexEncodedFields()
{
    // Several rule keys, hex-encoded and joined by 0x01 (go-libaudit aucoalesce ubuntu-17.04 YAML, "EXECVE with
    // multiple keys"); the YAML file is fed as is, indentation and all.
    const Parsed yaml = parse(sampleLines("go-libaudit/aucoalesce_testdata_ubuntu-17.04-linux-4.10.0.yaml"));
    const auto docker =
        std::find_if(yaml.events.cbegin(), yaml.events.cend(), [](const ExecEvent& e) { return e.pid == 5821; });
    QVERIFY(docker != yaml.events.cend());
    QCOMPARE(docker->key, QByteArray("exec\x01"
                                     "64bit"));
    QCOMPARE(docker->argv, (QByteArrayList{"docker", "inspect", "721df12151a7"}));
    QCOMPARE(docker->exe, QByteArray("/usr/bin/docker"));

    // Hex exe (space and parentheses force hex): go-libaudit normal.log line 1, made an execve (syscall=42 -> 59).
    QByteArray hexExe = sampleLines("go-libaudit/testdata_normal.log").at(0);
    QVERIFY(hexExe.contains("exe=2F7573722F62696E2F707974686F6E322E373B3538643163636662202864656C6574656429"));
    hexExe.replace(" syscall=42 ", " syscall=59 ");
    // Hex cwd (go-libaudit audit-rhel7.log line 11) and hex PATH name (audit-ubuntu14.log), with a SYSCALL added.
    const QByteArray hexCwd = sampleLines("go-libaudit/auparse_testdata_audit-rhel7.log").at(10);
    QVERIFY(hexCwd.contains("cwd=2F746D702F6120622063"));
    const QByteArray hexName = sampleLines("go-libaudit/auparse_testdata_audit-ubuntu14.log").at(0);
    QVERIFY(hexName.contains("name=2F73686172652F67656E6572616C2F706174685F7265646163746564"));

    const Parsed r = parse({hexExe, hexCwd, execSyscall("1500661699.656:1208725"), hexName,
                            execSyscall("1521758453.536:1428931", "c000003e", "59", " comm2=x", "6D7920636F6D6D")});
    QCOMPARE(r.events.size(), 3);
    QCOMPARE(r.events.at(0).exe, QByteArray("/usr/bin/python2.7;58d1ccfb (deleted)"));
    QCOMPARE(r.events.at(0).comm, QByteArray("google_accounts"));
    QCOMPARE(r.events.at(0).key, QByteArray()); // key=(null)
    QCOMPARE(r.events.at(1).cwd, QByteArray("/tmp/a b c"));
    QCOMPARE(r.events.at(2).path, QByteArray("/share/general/path_redacted"));
    QCOMPARE(r.events.at(2).comm, QByteArray("my comm")); // hex decoded; comm2= is another key

    // EXECVE argument in hex (laurel record-perl-reverse-shell.txt a2)
    const QByteArrayList perlLines = sampleLines("laurel/record-perl-reverse-shell.txt");
    const Parsed perl = parse(perlLines);
    QCOMPARE(perl.events.size(), 1);
    const QByteArray execve = perlLines.at(1);
    const qsizetype at = execve.indexOf(" a2=") + 4;
    const QByteArray a2 = QByteArray::fromHex(execve.mid(at));
    QVERIFY(a2.startsWith("use Socket;$i=\"10.0.0.1\";$p=1234;"));
    QCOMPARE(perl.events.constFirst().argv, (QByteArrayList{"perl", "-e", a2}));
    QCOMPARE(perl.events.constFirst().auid, int64_t(1000)); // ENRICHED AUID="user" ignored

    // Not hex: literal unquoted values, odd length, lower case (the kernel writes upper case), register values.
    const Parsed literal = parse({"type=SYSCALL msg=audit(1700000000.001:5): arch=c000003e syscall=59 success=yes "
                                  "exit=0 a0=f43de8 pid=5 comm=41424 exe=/usr/bin/plain key=6b6579",
                                  "type=CWD msg=audit(1700000000.001:5): cwd=2f746d70"});
    QCOMPARE(literal.events.size(), 1);
    QCOMPARE(literal.events.constFirst().comm, QByteArray("41424"));
    QCOMPARE(literal.events.constFirst().exe, QByteArray("/usr/bin/plain"));
    QCOMPARE(literal.events.constFirst().key, QByteArray("6b6579"));
    QCOMPARE(literal.events.constFirst().cwd, QByteArray("2f746d70"));
}

void TestAuditdParser::quotedEverything()
{
    // laurel record-weblogic.txt: a writer that quotes everything (success="yes", tty="(none)", dev="00:2f").
    const Parsed r = parse(sampleLines("laurel/record-weblogic.txt"));
    QCOMPARE(r.stats.errors.size(), 0);
    QCOMPARE(r.events.size(), 1);
    const ExecEvent& e = r.events.constFirst();
    QVERIFY(e.success);
    QCOMPARE(e.tty, QByteArray());
    QCOMPARE(e.auid, int64_t(4294967295));
    QCOMPARE(e.pid, int64_t(1362221));
    QCOMPARE(e.dev, QByteArray("00:2f"));
    QCOMPARE(e.inode, int64_t(820124));
    QCOMPARE(e.path, QByteArray("/usr/java/jdk1.8.0_151/bin/java"));
    QCOMPARE(e.cwd, QByteArray("/u01/oracle/user_projects/domains/base_domain"));
    QCOMPARE(e.argv.size(), 14);
    QCOMPARE(e.argv.constFirst(), QByteArray("/usr/java/jdk1.8.0_151/bin/java"));
    QCOMPARE(e.argv.constLast(), QByteArray("weblogic.Server"));
    QVERIFY(!e.argvTruncated);

    // The same writer in shell-proc-trace-confusion.txt: every exec there is success="yes".
    const Parsed confusion = parse(sampleLines("laurel/shell-proc-trace-confusion.txt"));
    QCOMPARE(confusion.stats.errors.size(), 0);
    QCOMPARE(confusion.events.size(), 5);
    QCOMPARE(confusion.stats.failedExecs, 0);
    const auto awk = std::find_if(confusion.events.cbegin(), confusion.events.cend(),
                                  [](const ExecEvent& x) { return x.comm == "awk"; });
    QVERIFY(awk != confusion.events.cend());
    QCOMPARE(awk->argv, (QByteArrayList{"awk", "-F)", "{print $1}"})); // a2 was hex (space inside)
    QCOMPARE(awk->dev, QByteArray("103:05"));
}

void TestAuditdParser::valuesWithSpaces()
{
    // subj==unconfined (a value starting with '='): laurel tree_00.txt
    const Parsed tree = parse(sampleLines("laurel/tree_00.txt"));
    QCOMPARE(tree.stats.errors.size(), 0);
    QCOMPARE(tree.events.size(), 1);
    QCOMPARE(tree.events.constFirst().key, QByteArray("software_mgmt"));
    QCOMPARE(tree.events.constFirst().argv, (QByteArrayList{"apt-get", "update"}));
    QCOMPARE(tree.events.constFirst().auid, int64_t(1000));

    // subj=docker-default (enforce): an AppArmor label with a space, placed before comm/exe/key so that the fields
    // after it must still be found (event 59 of go-libaudit normal.log with the label swapped in).
    QByteArrayList lines = sampleLines("go-libaudit/testdata_normal.log").mid(2, 5);
    QByteArray& syscall = lines[0];
    syscall.replace(" subj=unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023", "");
    syscall.replace(" comm=", " subj=docker-default (enforce) comm=");
    QVERIFY(syscall.contains("ses=802 subj=docker-default (enforce) comm=\"grep\""));
    const Parsed r = parse(lines);
    QCOMPARE(r.stats.errors.size(), 0);
    QCOMPARE(r.events.size(), 1);
    QCOMPARE(r.events.constFirst().comm, QByteArray("grep"));
    QCOMPARE(r.events.constFirst().exe, QByteArray("/usr/bin/grep"));
    QCOMPARE(r.events.constFirst().key, QByteArray("user_commands"));
    QCOMPARE(r.events.constFirst().ses, int64_t(802));
}

void TestAuditdParser::proctitleFallback_data()
{
    QTest::addColumn<QByteArrayList>("lines");
    QTest::addColumn<int>("origin");
    QTest::addColumn<QByteArrayList>("argv");
    QTest::addColumn<bool>("truncated");

    const QByteArray id = "1700000000.500:77";
    const QByteArray syscall = execSyscall(id);
    const QByteArray proctitleDash = "type=PROCTITLE msg=audit(" + id + "): proctitle=64617368002D70";
    const QByteArray execve = "type=EXECVE msg=audit(" + id + "): argc=2 a0=\"dash\" a1=\"-p\"";
    QByteArray long128;
    for (int i = 0; i < 16; ++i)
        long128 += QByteArray("argument") + QByteArray(i < 15 ? 1 : 0, '\0'); // 16 * 8 + 15 NULs, cut below
    long128 = long128.left(128);
    QCOMPARE(long128.size(), 128);

    QTest::newRow("hex with NUL separators") << QByteArrayList{syscall, proctitleDash} << int(ArgvOrigin::Proctitle)
                                             << QByteArrayList{"dash", "-p"} << false;
    QTest::newRow("quoted") << QByteArrayList{syscall, "type=PROCTITLE msg=audit(" + id + "): proctitle=\"bash\""}
                            << int(ArgvOrigin::Proctitle) << QByteArrayList{"bash"} << false;
    QTest::newRow("lower-case hex (laurel fixture style)")
        << QByteArrayList{syscall, "type=PROCTITLE msg=audit(" + id + "): proctitle=64617368002d70"}
        << int(ArgvOrigin::Proctitle) << QByteArrayList{"dash", "-p"} << false;
    QTest::newRow("128 bytes: cut by the kernel")
        << QByteArrayList{syscall, "type=PROCTITLE msg=audit(" + id + "): proctitle=" + long128.toHex().toUpper()}
        << int(ArgvOrigin::Proctitle) << long128.split('\0') << true;
    QTest::newRow("EXECVE wins") << QByteArrayList{syscall, execve,
                                                   "type=PROCTITLE msg=audit(" + id + "): proctitle=\"other\""}
                                 << int(ArgvOrigin::Execve) << QByteArrayList{"dash", "-p"} << false;
    QTest::newRow("EXECVE wins when PROCTITLE comes first")
        << QByteArrayList{"type=PROCTITLE msg=audit(" + id + "): proctitle=\"other\"", execve, syscall}
        << int(ArgvOrigin::Execve) << QByteArrayList{"dash", "-p"} << false;
    QTest::newRow("no argv record") << QByteArrayList{syscall} << int(ArgvOrigin::None) << QByteArrayList{} << false;
    QTest::newRow("proctitle=(null)") << QByteArrayList{syscall,
                                                        "type=PROCTITLE msg=audit(" + id + "): proctitle=(null)"}
                                      << int(ArgvOrigin::None) << QByteArrayList{} << false;
}

void TestAuditdParser::proctitleFallback()
{
    QFETCH(QByteArrayList, lines);
    QFETCH(int, origin);
    QFETCH(QByteArrayList, argv);
    QFETCH(bool, truncated);
    const Parsed r = parse(lines);
    QCOMPARE(r.stats.errors.size(), 0);
    QCOMPARE(r.events.size(), 1);
    QCOMPARE(int(r.events.constFirst().argvOrigin), origin);
    QCOMPARE(r.events.constFirst().argv, argv);
    QCOMPARE(r.events.constFirst().argvTruncated, truncated);
    QCOMPARE(r.stats.incompleteEvents, 0);
}

void TestAuditdParser::incompleteEvents()
{
    // go-libaudit test3.log: line 16 is an EXECVE whose SYSCALL is not in the file.
    const Parsed test3 = parse(sampleLines("go-libaudit/auparse_testdata_test3.log"));
    QCOMPARE(test3.events.size(), 0);
    QCOMPARE(test3.stats.incompleteEvents, 1);
    QCOMPARE(errorLines(test3.stats), QList<int64_t>{16});
    QVERIFY(test3.stats.errors.constFirst().message.contains(QLatin1String("1507304439.922:1865")));

    const QByteArray id = "1700000000.900:500";
    // fewer aK than argc: the event is emitted, flagged truncated and counted incomplete
    const Parsed missingArg = parse({execSyscall(id), "type=EXECVE msg=audit(" + id + "): argc=3 a0=\"sh\" a1=\"-c\""});
    QCOMPARE(missingArg.events.size(), 1);
    QCOMPARE(missingArg.events.constFirst().argv, (QByteArrayList{"sh", "-c"}));
    QVERIFY(missingArg.events.constFirst().argvTruncated);
    QCOMPARE(missingArg.stats.incompleteEvents, 1);
    QCOMPARE(missingArg.stats.events, 1);

    // the EXECVE record holding argc (and a1[0]) was lost: only a continuation record is left
    const Parsed lostFirst = parse({execSyscall(id), "type=EXECVE msg=audit(" + id + "):  a1[1]=6161"});
    QCOMPARE(lostFirst.events.size(), 1);
    QVERIFY(lostFirst.events.constFirst().argvTruncated);
    QCOMPARE(lostFirst.events.constFirst().argv, QByteArrayList{});
    QCOMPARE(lostFirst.stats.incompleteEvents, 1);

    // a middle chunk is missing: a1_len no longer matches
    const Parsed lostChunk =
        parse({execSyscall(id), "type=EXECVE msg=audit(" + id + "): argc=2 a0=\"x\" a1_len=12 a1[0]=616263",
               "type=EXECVE msg=audit(" + id + "):  a1[2]=676869"});
    QCOMPARE(lostChunk.events.size(), 1);
    QVERIFY(lostChunk.events.constFirst().argvTruncated);
    QCOMPARE(lostChunk.events.constFirst().argv.at(1), QByteArray("abc"));

    // chunks from records that arrive out of order are reassembled in index order
    const Parsed reordered = parse({"type=EXECVE msg=audit(" + id + "):  a1[1]=646566", execSyscall(id),
                                    "type=EXECVE msg=audit(" + id + "): argc=2 a0=\"x\" a1_len=12 a1[0]=616263"});
    QCOMPARE(reordered.events.size(), 1);
    QVERIFY(!reordered.events.constFirst().argvTruncated);
    QCOMPARE(reordered.events.constFirst().argv, (QByteArrayList{"x", "abcdef"}));
    QCOMPARE(reordered.stats.incompleteEvents, 0);

    // CWD/PATH/PROCTITLE without their SYSCALL: counted, nothing emitted, no crash
    const Parsed orphans = parse({"type=CWD msg=audit(1700000001.000:9): cwd=\"/\"",
                                  "type=PATH msg=audit(1700000001.000:9): item=0 name=\"/bin/ls\" inode=5 dev=fd:01",
                                  "type=PROCTITLE msg=audit(1700000001.001:10): proctitle=6C73"});
    QCOMPARE(orphans.events.size(), 0);
    QCOMPARE(orphans.stats.incompleteEvents, 2);
    QCOMPARE(errorLines(orphans.stats), (QList<int64_t>{1, 3}));

    // an EOE with nothing before it and records of a non-exec event are not incomplete
    const Parsed quiet =
        parse({"type=EOE msg=audit(1700000001.000:9): ",
               "type=PATH msg=audit(1700000001.000:11): item=0 name=\"/etc/passwd\"",
               "type=SYSCALL msg=audit(1700000001.000:11): arch=c000003e syscall=2 success=yes exit=3"});
    QCOMPARE(quiet.stats.incompleteEvents, 0);
    QCOMPARE(quiet.events.size(), 0);
}

void TestAuditdParser::archTable_data()
{
    QTest::addColumn<QByteArray>("arch");
    QTest::addColumn<QByteArray>("syscall");
    QTest::addColumn<QByteArray>("archName"); // empty: no event expected
    QTest::addColumn<QByteArray>("syscallName");

    QTest::newRow("x86_64 execve") << QByteArray("c000003e") << QByteArray("59") << QByteArray("x86_64")
                                   << QByteArray("execve");
    QTest::newRow("x86_64 execveat") << QByteArray("c000003e") << QByteArray("322") << QByteArray("x86_64")
                                     << QByteArray("execveat");
    QTest::newRow("x86_64 clone") << QByteArray("c000003e") << QByteArray("56") << QByteArray() << QByteArray();
    QTest::newRow("i386 execve") << QByteArray("40000003") << QByteArray("11") << QByteArray("i386")
                                 << QByteArray("execve");
    QTest::newRow("i386 execveat") << QByteArray("40000003") << QByteArray("358") << QByteArray("i386")
                                   << QByteArray("execveat");
    QTest::newRow("i386 59 is not exec") << QByteArray("40000003") << QByteArray("59") << QByteArray() << QByteArray();
    QTest::newRow("aarch64 execve") << QByteArray("c00000b7") << QByteArray("221") << QByteArray("aarch64")
                                    << QByteArray("execve");
    QTest::newRow("aarch64 execveat") << QByteArray("c00000b7") << QByteArray("281") << QByteArray("aarch64")
                                      << QByteArray("execveat");
    QTest::newRow("aarch64 59 is pipe2") << QByteArray("c00000b7") << QByteArray("59") << QByteArray() << QByteArray();
    QTest::newRow("riscv64 execve") << QByteArray("c00000f3") << QByteArray("221") << QByteArray("riscv64")
                                    << QByteArray("execve");
    QTest::newRow("loongarch64 execveat")
        << QByteArray("c0000102") << QByteArray("281") << QByteArray("loongarch64") << QByteArray("execveat");
    QTest::newRow("ppc64 execve") << QByteArray("80000015") << QByteArray("11") << QByteArray("ppc64")
                                  << QByteArray("execve");
    QTest::newRow("ppc64le execveat") << QByteArray("c0000015") << QByteArray("362") << QByteArray("ppc64le")
                                      << QByteArray("execveat");
    QTest::newRow("s390x execve") << QByteArray("80000016") << QByteArray("11") << QByteArray("s390x")
                                  << QByteArray("execve");
    QTest::newRow("s390x execveat") << QByteArray("80000016") << QByteArray("354") << QByteArray("s390x")
                                    << QByteArray("execveat");
    QTest::newRow("upper-case arch hex") << QByteArray("C000003E") << QByteArray("59") << QByteArray("x86_64")
                                         << QByteArray("execve");
    QTest::newRow("unknown arch") << QByteArray("deadbeef") << QByteArray("59") << QByteArray() << QByteArray();
    QTest::newRow("unknown arch, named syscall (ausearch -i)")
        << QByteArray("deadbeef") << QByteArray("execve") << QByteArray("deadbeef") << QByteArray("execve");
    QTest::newRow("interpreted names") << QByteArray("x86_64") << QByteArray("execveat") << QByteArray("x86_64")
                                       << QByteArray("execveat");
}

void TestAuditdParser::archTable()
{
    QFETCH(QByteArray, arch);
    QFETCH(QByteArray, syscall);
    QFETCH(QByteArray, archName);
    QFETCH(QByteArray, syscallName);
    const Parsed r = parse({execSyscall("1700000000.000:1", arch, syscall)});
    QCOMPARE(r.stats.errors.size(), 0);
    if (archName.isEmpty()) {
        QCOMPARE(r.events.size(), 0);
        QCOMPARE(r.stats.events, 0);
        return;
    }
    QCOMPARE(r.events.size(), 1);
    QCOMPARE(r.events.constFirst().arch, archName);
    QCOMPARE(r.events.constFirst().syscall, syscallName);
    QCOMPARE(r.events.constFirst().exe, QByteArray("/usr/bin/tool"));
}

void TestAuditdParser::everySampleParses_data()
{
    QTest::addColumn<QString>("file");
    QDirIterator it(QStringLiteral(SHIMSCOPE_SAMPLES_DIR "/auditd"), QDir::Files, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    QVERIFY(files.size() >= 40);
    for (const QString& file : std::as_const(files))
        QTest::newRow(qPrintable(file.section(QLatin1Char('/'), -2))) << file;
}

void TestAuditdParser::everySampleParses()
{
    QFETCH(QString, file);
    const QByteArrayList lines = readLines(file);
    QVERIFY(!lines.isEmpty());
    const Parsed r = parse(lines);
    QCOMPARE(r.stats.linesRead, int64_t(lines.size()));
    QVERIFY(r.stats.recordsRead + r.stats.recordsSkipped <= r.stats.linesRead);
    for (const RecordError& error : r.stats.errors) {
        QVERIFY2(error.line >= 1 && error.line <= lines.size(), qPrintable(error.message));
        QVERIFY(!error.message.isEmpty());
    }
    const bool isLog = file.endsWith(QLatin1String(".log"))
                       || (file.endsWith(QLatin1String(".txt")) && !file.endsWith(QLatin1String("README.txt")));
    if (isLog)
        QCOMPARE(r.stats.recordsSkipped, 0); // real logs and fixtures hold only records, comments and blank lines

    // Every SYSCALL line of an exec (by arch) must come out as exactly one event (the fixtures hold each
    // event's SYSCALL once).
    int64_t execs = 0;
    for (const QByteArray& line : lines) {
        if (!line.contains("type=SYSCALL "))
            continue;
        if ((line.contains("arch=c000003e ") && line.contains(" syscall=59 "))
            || (line.contains("arch=c00000b7 ") && line.contains(" syscall=221 ")))
            ++execs;
    }
    QCOMPARE(r.stats.events, execs);
    QCOMPARE(r.events.size(), execs);
    for (const ExecEvent& e : r.events) {
        QVERIFY(e.line >= 1 && e.line <= lines.size());
        QVERIFY(e.timeNs > 0);
        QVERIFY(e.pid > 0);
        QVERIFY(!e.record.isEmpty());
        QCOMPARE(e.record.mid(e.record.indexOf(':') + 1).toLongLong(), qlonglong(e.serial));
    }
}

void TestAuditdParser::hostileInput_data()
{
    QTest::addColumn<QByteArrayList>("lines");
    QTest::addColumn<QList<int64_t>>("errors"); // first error lines (at most SourceStats::kMaxErrors)
    QTest::addColumn<int64_t>("skipped");
    QTest::addColumn<int>("events");

    // Good records around the hostile ones: events 59 and 60 of go-libaudit normal.log.
    const QByteArrayList normal = sampleLines("go-libaudit/testdata_normal.log");
    const QByteArrayList before = normal.mid(2, 5);
    const QByteArrayList after = normal.mid(7, 5);
    const auto wrap = [&](const QByteArrayList& middle) { return before + middle + after; };
    const int64_t first = before.size() + 1; // line number of the first hostile line

    {
        QRandomGenerator generator(4242);
        QByteArrayList random;
        QList<int64_t> expectedErrors;
        int64_t skipped = 0;
        for (int i = 0; i < 300; ++i) {
            QByteArray line(generator.bounded(1, 400), Qt::Uninitialized);
            for (char& c : line) {
                c = char(generator.bounded(256));
                if (c == '\n')
                    c = 'n';
            }
            line[0] = char('A' + generator.bounded(26)); // never blank, never a comment
            random.append(line);
            ++skipped;
            if (expectedErrors.size() < SourceStats::kMaxErrors)
                expectedErrors.append(first + i);
        }
        QTest::newRow("random bytes") << wrap(random) << expectedErrors << skipped << 2;
    }
    QTest::newRow("NUL bytes") << wrap({QByteArray(64, '\0'),
                                        QByteArray("type=LOGIN msg=audit(1492037291.037:61): pid=1\0\0 uid=0", 54),
                                        QByteArray("\0type=\0", 7)})
                               << QList<int64_t>{first, first + 2} << int64_t(2) << 2;
    QTest::newRow("20 MB garbage line") << wrap({QByteArray(20 * 1024 * 1024, 'x')}) << QList<int64_t>{first}
                                        << int64_t(1) << 2;
    QTest::newRow("20 MB line of 'type=' tokens")
        << wrap({QByteArray(" type=").repeated(3 * 1024 * 1024)}) << QList<int64_t>{first} << int64_t(1) << 2;
    QTest::newRow("invalid UTF-8 in quoted values")
        << wrap({execSyscall("1492037291.037:61", "c000003e", "59", {}, "\"\xff\xfe\xc3(\""),
                 "type=EXECVE msg=audit(1492037291.037:61): argc=2 a0=\"\xc0\xaf\" a1=\"\xed\xa0\x80\""})
        << QList<int64_t>{} << int64_t(0) << 3;
    QTest::newRow("overlong timestamp") << wrap(
        {"type=SYSCALL msg=audit(99999999999999999999999.123:61): arch=c000003e syscall=59"})
                                        << QList<int64_t>{first} << int64_t(1) << 2;
    QTest::newRow("truncated last line (header)")
        << (before + after + QByteArrayList{"type=SYSCALL msg=audit(1492037298.883:6"})
        << QList<int64_t>{first + after.size()} << int64_t(1) << 2;
    QTest::newRow("truncated last line (inside a value)")
        << (before + after
            + QByteArrayList{"type=SYSCALL msg=audit(1492037298.883:62): arch=c000003e syscall=59 success=yes exit=0 "
                             "ppid=1229 pid=12992 auid=4294967295 uid=89 comm=\"pic"})
        << QList<int64_t>{first + after.size()} << int64_t(0) << 3;
}

void TestAuditdParser::hostileInput()
{
    QFETCH(QByteArrayList, lines);
    QFETCH(QList<int64_t>, errors);
    QFETCH(int64_t, skipped);
    QFETCH(int, events);

    const Parsed r = parse(lines);
    QCOMPARE(r.stats.linesRead, int64_t(lines.size()));
    QCOMPARE(errorLines(r.stats), errors);
    QCOMPARE(r.stats.recordsSkipped, skipped);
    QCOMPARE(r.events.size(), events);
    // the good events around the hostile lines come out intact
    const auto find = [&r](int64_t serial) {
        return std::find_if(r.events.cbegin(), r.events.cend(),
                            [serial](const ExecEvent& e) { return e.serial == serial; });
    };
    const auto grep = find(59);
    const auto cat = find(60);
    QVERIFY(grep != r.events.cend() && cat != r.events.cend());
    QCOMPARE(grep->argv, (QByteArrayList{"grep", "--color=auto", "mapping"}));
    QCOMPARE(grep->line, int64_t(1));
    QCOMPARE(cat->argv, (QByteArrayList{"cat", "securitybeat"}));
    QCOMPARE(cat->path, QByteArray("/usr/bin/cat"));

    if (QByteArray(QTest::currentDataTag()) == "invalid UTF-8 in quoted values") {
        const auto odd = find(61);
        QVERIFY(odd != r.events.cend());
        QCOMPARE(odd->comm, QByteArray("\xff\xfe\xc3("));
        QCOMPARE(odd->argv, (QByteArrayList{"\xc0\xaf", "\xed\xa0\x80"}));
    }
    if (QByteArray(QTest::currentDataTag()) == "truncated last line (inside a value)") {
        const auto cut = find(62);
        QVERIFY(cut != r.events.cend());
        QCOMPARE(cut->pid, int64_t(12992)); // the fields before the cut are kept
        QCOMPARE(cut->comm, QByteArray());
        QVERIFY(r.stats.errors.constFirst().message.contains(QLatin1String("comm")));
    }
}

void TestAuditdParser::eoeEmitsImmediately()
{
    const QByteArrayList lines = sampleLines("laurel/shell-proc-trace.txt");
    QList<ExecEvent> events;
    QList<int64_t> emittedAtLine;
    int64_t lineNumber = 0;
    AuditdParser parser([&](ExecEvent&& e) {
        events.append(std::move(e));
        emittedAtLine.append(lineNumber);
    });
    for (const QByteArray& line : lines)
        parser.feedLine(line, ++lineNumber);
    QCOMPARE(events.size(), 4); // all closed by their EOE before finish()
    parser.finish();
    QCOMPARE(events.size(), 4);
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QByteArray eoe = "type=EOE msg=audit(" + events.at(i).record + ")";
        QVERIFY(lines.at(emittedAtLine.at(i) - 1).startsWith(eoe));
        QCOMPARE(events.at(i).host, QByteArray()); // no node= and no default host
    }
    QCOMPARE(events.at(0).argv, (QByteArrayList{"/bin/sh", "./src/testdata/double-fork/test-script.sh"}));
    QCOMPARE(events.at(0).key, QByteArray("test-script"));
    QCOMPARE(parser.stats().events, 4);
}

void TestAuditdParser::streamingInterleavedWithoutEoe()
{
    // 20000 exec events, 48 in flight at any time, records round-robin interleaved, every other event in reverse
    // order (SYSCALL last), no EOE at all (auditd's own log files carry none): the idle window must close them while
    // streaming, keep them whole, and keep the number of open events small.
    constexpr int kEvents = 20000;
    constexpr int kConcurrent = 48;
    int started = 0;
    int emitted = 0;
    int maxOpen = 0;
    QList<ExecEvent> events;
    AuditdParser parser([&](ExecEvent&& e) {
        ++emitted;
        events.append(std::move(e));
    });

    struct Active
    {
        QByteArrayList lines;
        qsizetype next = 0;
    };
    QList<Active> active;
    int nextEvent = 0;
    int64_t lineNumber = 0;
    const auto startEvent = [&]() {
        active.append({generatedEvent(nextEvent, nextEvent % 2 == 1), 0});
        ++nextEvent;
    };
    for (int i = 0; i < kConcurrent; ++i)
        startEvent();
    for (qsizetype slot = 0; !active.isEmpty(); slot = active.isEmpty() ? 0 : (slot + 1) % active.size()) {
        Active& a = active[slot];
        if (a.next == 0)
            ++started;
        parser.feedLine(a.lines.at(a.next++), ++lineNumber);
        maxOpen = std::max(maxOpen, started - emitted);
        if (a.next == a.lines.size()) {
            active.removeAt(slot);
            if (nextEvent < kEvents)
                startEvent();
            if (active.isEmpty())
                break;
            slot = (slot + active.size() - 1) % active.size();
        }
    }
    const int beforeFinish = emitted;
    parser.finish();

    QCOMPARE(events.size(), kEvents);
    QVERIFY2(beforeFinish >= kEvents - 2048, qPrintable(QString::number(beforeFinish)));
    QVERIFY2(maxOpen <= 1024, qPrintable(QString::number(maxOpen)));
    QCOMPARE(parser.stats().incompleteEvents, 0);
    QCOMPARE(parser.stats().lostEvents, 0);
    QCOMPARE(parser.stats().errors.size(), 0);
    std::sort(events.begin(), events.end(), [](const ExecEvent& a, const ExecEvent& b) { return a.serial < b.serial; });
    for (int n = 0; n < kEvents; ++n) {
        const ExecEvent& e = events.at(n);
        QCOMPARE(e.serial, int64_t(1000 + n));
        QCOMPARE(e.pid, int64_t(100000 + n));
        QCOMPARE(e.argv, (QByteArrayList{"worker", "event-" + QByteArray::number(n)}));
        QCOMPARE(e.cwd, "/srv/" + QByteArray::number(n));
        QCOMPARE(e.inode, int64_t(n));
    }
}

void TestAuditdParser::openEventCapBoundsMemory()
{
    // Events whose records never end (one SYSCALL each, no EOE) arriving faster than the idle window can close
    // them: the cap of open events (1024) bounds what the parser holds.
    constexpr int kEvents = 10000;
    int emitted = 0;
    int maxOpen = 0;
    AuditdParser parser([&emitted](ExecEvent&&) { ++emitted; });
    for (int n = 0; n < kEvents; ++n) {
        parser.feedLine(execSyscall("1700000000.000:" + QByteArray::number(n + 1)), n + 1);
        maxOpen = std::max(maxOpen, n + 1 - emitted);
    }
    const int beforeFinish = emitted;
    parser.finish();
    QCOMPARE(emitted, kEvents);
    QVERIFY2(maxOpen <= 1024, qPrintable(QString::number(maxOpen)));
    QVERIFY(beforeFinish >= kEvents - 1024);
    QCOMPARE(parser.stats().events, kEvents);

    // and one idle event is flushed once 2048 further lines went by without its records
    int idleEmitted = 0;
    AuditdParser idle([&idleEmitted](ExecEvent&&) { ++idleEmitted; });
    idle.feedLine(execSyscall("1700000000.000:1"), 1);
    for (int n = 0; n < 2100; ++n)
        idle.feedLine(serialRecord(uint64_t(n + 2)), n + 2);
    QCOMPARE(idleEmitted, 1);
    QCOMPARE(idle.stats().lostEvents, 0);
}

void TestAuditdParser::manyNodes()
{
    // Every line from another node (aggregated logs, or a hostile file): hosts stay right past the interning cap.
    constexpr int kNodes = 20000;
    QList<ExecEvent> events;
    AuditdParser parser([&events](ExecEvent&& e) { events.append(std::move(e)); }, "fallback");
    int64_t lineNumber = 0;
    for (int n = 0; n < kNodes; ++n) {
        const QByteArray node = "node=host" + QByteArray::number(n) + ' ';
        const QByteArray id = "1700000000.000:" + QByteArray::number(n % 7 + 1);
        const QByteArray syscall = node + execSyscall(id);
        const QByteArray eoe = node + "type=EOE msg=audit(" + id + "): ";
        parser.feedLine(syscall, ++lineNumber);
        parser.feedLine(eoe, ++lineNumber);
    }
    parser.finish();
    QCOMPARE(events.size(), kNodes);
    for (int n = 0; n < kNodes; ++n)
        QCOMPARE(events.at(n).host, "host" + QByteArray::number(n));
    QCOMPARE(parser.stats().errors.size(), 0);
}

QTEST_MAIN(TestAuditdParser)
#include "tst_auditdparser.moc"
