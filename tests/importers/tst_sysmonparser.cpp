// SPDX-License-Identifier: GPL-3.0-or-later
#include "parsertest.h"
#include "sysmonparser.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace ShimScope;
using namespace ShimScope::ParserTest;

namespace
{

const char kSample[] = SHIMSCOPE_SAMPLES_DIR "/sysmon_linux/elastic-integrations_sysmon_first29lines.log";

Parsed parse(const QByteArrayList& lines, const QByteArray& defaultHost = QByteArrayLiteral("testhost"))
{
    return parseLines<SysmonParser>(lines, defaultHost);
}

/// A ProcessCreate in the shape of the sample's records, with the fields the sample leaves as `-` filled in
/// (synthetic values, for the field mapping only).
QByteArray processCreate(const QByteArray& commandLine)
{
    return "Oct 24 17:06:01 james-ubuntu-demo sysmon: <Event><System><Provider Name=\"Linux-Sysmon\" "
           "Guid=\"{ff032593-a8d3-4f13-b0d6-01fc615a0f97}\"/><EventID>1</EventID><Version>5</Version><Level>4</Level>"
           "<Task>1</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords><TimeCreated "
           "SystemTime=\"2021-10-24T17:06:01.100000000Z\"/><EventRecordID>42</EventRecordID><Correlation/><Execution "
           "ProcessID=\"3099\" ThreadID=\"3099\"/><Channel>Linux-Sysmon/Operational</Channel><Computer>james-ubuntu-"
           "demo</Computer><Security UserId=\"0\"/></System><EventData><Data Name=\"RuleName\">-</Data><Data "
           "Name=\"UtcTime\">2021-10-24 17:06:01.093</Data><Data Name=\"ProcessGuid\">{d65774de-a8d9-6175-f014-"
           "4bfbb9550000}</Data><Data Name=\"ProcessId\">3210</Data><Data Name=\"Image\">/usr/bin/containerd-shim-"
           "runc-v2</Data><Data Name=\"CommandLine\">"
        + commandLine
        + "</Data><Data Name=\"CurrentDirectory\">/run/containerd/io.containerd.runtime.v2.task/moby/abc</Data><Data "
          "Name=\"User\">root</Data><Data Name=\"LogonGuid\">{d65774de-0000-0000-0000-000000000000}</Data><Data "
          "Name=\"LogonId\">0</Data><Data Name=\"ParentProcessGuid\">{d65774de-a8d9-6175-20ff-46a2e3550000}</Data>"
          "<Data Name=\"ParentProcessId\">3200</Data><Data Name=\"ParentImage\">/usr/bin/containerd</Data></EventData>"
          "</Event>";
}

} // namespace

class TestSysmonParser : public QObject
{
    Q_OBJECT

private slots:
    void sampleCounts();
    void sampleProcessCreate();
    void sampleProcessTerminate();
    void fieldMapping();
    void multiLineXmlExport();
    void allSampleFilesParse();
    void sniffMatrix();
    void sniffRejectsLookalikes();
    void cutEventResynchronises();
    void malformedXml();
    void oversizeEvent();
    void randomBytesDoNotCrash();
};

void TestSysmonParser::sampleCounts()
{
    const Parsed parsed = parse(readLines(QString::fromLatin1(kSample)));
    // 14 banner lines (not records), then EventID 16, 4, 23, 5×4, 1×4, 5×4.
    QCOMPARE(parsed.stats.linesRead, 29);
    QCOMPARE(parsed.stats.recordsRead, 15);
    QCOMPARE(parsed.stats.recordsSkipped, 0);
    QCOMPARE(parsed.events.size(), 12);
    QCOMPARE(parsed.stats.events, 12);
    const auto execs = std::count_if(parsed.events.cbegin(), parsed.events.cend(),
                                     [](const ExecEvent& e) { return e.kind == EventKind::Exec; });
    QCOMPARE(execs, 4);
}

void TestSysmonParser::sampleProcessCreate()
{
    const Parsed parsed = parse(readLines(QString::fromLatin1(kSample)));
    const ExecEvent& e = parsed.events.at(4);
    QCOMPARE(e.line, 22);
    QCOMPARE(e.kind, EventKind::Exec);
    QCOMPARE(e.record, QByteArrayLiteral("7"));
    QCOMPARE(e.pid, 3100);
    QCOMPARE(e.ppid, 0); // as logged: start-up enumeration without a parent
    QCOMPARE(e.guid, QByteArrayLiteral("{d65774de-8d10-6175-0000-000000000000}"));
    QVERIFY(e.parentGuid.isEmpty()); // all-zero guid = none
    QVERIFY(e.exe.isEmpty());        // `-`
    QVERIFY(e.argv.isEmpty());
    QVERIFY(e.cwd.isEmpty());
    QVERIFY(e.userName.isEmpty());
    QCOMPARE(e.host, QByteArrayLiteral("james-ubuntu-demo"));
    QCOMPARE(e.timeNs, int64_t(1635093776564000000)); // UtcTime 16:42:56.564, not TimeCreated 17:05:46
    QCOMPARE(parsed.events.at(7).pid, 3107);
    QCOMPARE(parsed.events.at(7).record, QByteArrayLiteral("10"));
    QCOMPARE(parsed.events.at(7).line, 25);
}

void TestSysmonParser::sampleProcessTerminate()
{
    const Parsed parsed = parse(readLines(QString::fromLatin1(kSample)));
    const ExecEvent& first = parsed.events.at(0);
    QCOMPARE(first.line, 18);
    QCOMPARE(first.kind, EventKind::Exit);
    QCOMPARE(first.record, QByteArrayLiteral("3"));
    QCOMPARE(first.pid, 3041);
    QVERIFY(first.guid.isEmpty());
    QVERIFY(first.exe.isEmpty()); // "<unknown process>" (XML-escaped in the log)
    QVERIFY(first.userName.isEmpty());
    QCOMPARE(first.timeNs, int64_t(1635095138421000000));
    QCOMPARE(parsed.events.at(1).userName, QByteArrayLiteral("root"));
    const ExecEvent& exit = parsed.events.at(8);
    QCOMPARE(exit.line, 26);
    QCOMPARE(exit.kind, EventKind::Exit);
    QCOMPARE(exit.pid, 3107);
    QCOMPARE(exit.guid, QByteArrayLiteral("{d65774de-8d10-6175-0000-000000000000}"));
    QVERIFY(exit.exe.isEmpty()); // "(null)"
    QCOMPARE(exit.userName, QByteArrayLiteral("root"));
    QCOMPARE(exit.timeNs, int64_t(1635095146699000000));
    QCOMPARE(parsed.events.at(11).pid, 3101);
    QCOMPARE(parsed.events.at(11).timeNs, int64_t(1635095146700000000));
}

void TestSysmonParser::fieldMapping()
{
    const Parsed parsed = parse({processCreate("/usr/bin/containerd-shim-runc-v2 -namespace moby -id abc &amp;x")});
    QCOMPARE(parsed.events.size(), 1);
    const ExecEvent& e = parsed.events.at(0);
    QCOMPARE(e.kind, EventKind::Exec);
    QCOMPARE(e.record, QByteArrayLiteral("42"));
    QCOMPARE(e.pid, 3210);
    QCOMPARE(e.ppid, 3200);
    QCOMPARE(e.guid, QByteArrayLiteral("{d65774de-a8d9-6175-f014-4bfbb9550000}"));
    QCOMPARE(e.parentGuid, QByteArrayLiteral("{d65774de-a8d9-6175-20ff-46a2e3550000}"));
    QCOMPARE(e.exe, QByteArrayLiteral("/usr/bin/containerd-shim-runc-v2"));
    QCOMPARE(e.argv,
             (QList<QByteArray>{"/usr/bin/containerd-shim-runc-v2", "-namespace", "moby", "-id", "abc", "&x"}));
    QCOMPARE(e.cwd, QByteArrayLiteral("/run/containerd/io.containerd.runtime.v2.task/moby/abc"));
    QCOMPARE(e.userName, QByteArrayLiteral("root"));
    QCOMPARE(e.host, QByteArrayLiteral("james-ubuntu-demo"));
    QCOMPARE(e.timeNs, int64_t(1635095161093000000));
    QVERIFY(e.statedContainerId.isEmpty()); // Sysmon states no containers
}

void TestSysmonParser::multiLineXmlExport()
{
    QByteArrayList lines;
    lines << "<?xml version=\"1.0\"?>\r" << "<Events>\r"
          << "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">\r" << "  <System>\r"
          << "    <Provider Name=\"Linux-Sysmon\"/>\r" << "    <EventID>5</EventID>\r"
          << "    <EventRecordID>99</EventRecordID>\r" << "    <Computer>exporthost</Computer>\r" << "  </System>\r"
          << "  <EventData>\r" << "    <Data Name=\"UtcTime\">2021-10-24 17:05:46.699</Data>\r"
          << "    <Data Name=\"ProcessGuid\">{d65774de-8d10-6175-0000-000000000000}</Data>\r"
          << "    <Data Name=\"ProcessId\">77</Data>\r" << "    <Data Name=\"Image\">/bin/x</Data>\r"
          << "  </EventData>\r" << "</Event><Event><System><EventID>3</EventID></System></Event>\r"
          << "<Event><System><EventID>5</EventID></System><EventData><Data Name=\"ProcessId\">78</Data>"
             "</EventData></Event>\r"
          << "</Events>\r";
    const Parsed parsed = parse(lines, "fallback");
    QCOMPARE(parsed.stats.recordsSkipped, 0);
    QCOMPARE(parsed.stats.recordsRead, 3);
    QCOMPARE(parsed.events.size(), 2);
    const ExecEvent& e = parsed.events.at(0);
    QCOMPARE(e.line, 3);
    QCOMPARE(e.kind, EventKind::Exit);
    QCOMPARE(e.pid, 77);
    QCOMPARE(e.exe, QByteArrayLiteral("/bin/x"));
    QCOMPARE(e.record, QByteArrayLiteral("99"));
    QCOMPARE(e.host, QByteArrayLiteral("exporthost"));
    QCOMPARE(e.timeNs, int64_t(1635095146699000000));
    QCOMPARE(parsed.events.at(1).line, 17);
    QCOMPARE(parsed.events.at(1).pid, 78);
    QCOMPARE(parsed.events.at(1).host, QByteArrayLiteral("fallback"));
}

void TestSysmonParser::allSampleFilesParse()
{
    int files = 0;
    for (const auto& [folder, path] : allSampleFiles())
    {
        if (folder != QLatin1String("sysmon_linux"))
            continue;
        ++files;
        const Parsed parsed = parse(readLines(path));
        QCOMPARE(parsed.stats.recordsSkipped, 0);
        QVERIFY(parsed.stats.recordsRead > 0);
        for (const ExecEvent& e : parsed.events)
        {
            QVERIFY(e.pid > 0);
            QVERIFY(e.timeNs > 1600000000000000000);
            QCOMPARE(e.host, QByteArrayLiteral("james-ubuntu-demo"));
        }
    }
    QCOMPARE(files, 1);
}

void TestSysmonParser::sniffMatrix()
{
    for (const auto& [folder, path] : allSampleFiles())
        QVERIFY2(sniffSysmon(head(path), path) == (folder == QLatin1String("sysmon_linux")), qPrintable(path));
}

void TestSysmonParser::sniffRejectsLookalikes()
{
    QVERIFY(!sniffSysmon("type=EXECVE msg=audit(1.2:3): argc=1 a0=\"<Event>\"", {}));
    QVERIFY(!sniffSysmon("{\"output\":\"<EventID>\",\"rule\":\"r\",\"priority\":\"Notice\"}", {}));
    QVERIFY(!sniffSysmon("<EventData><EventID>1</EventID></EventData>", {})); // no <Event> element
    QVERIFY(!sniffSysmon("Oct 24 17:05:31 h sysmon[3041]: Sysmon v1.0.0 - Monitors system events", {}));
    QVERIFY(sniffSysmon("<Event xmlns=\"x\">\n<System><EventID>1</EventID>", {}));
}

void TestSysmonParser::cutEventResynchronises()
{
    // A syslog line cut by the daemon's message-size limit, followed by a complete one.
    const QByteArray whole = processCreate("/bin/true");
    const Parsed parsed = parse({whole.left(whole.size() / 2), whole});
    QCOMPARE(parsed.events.size(), 1);
    QCOMPARE(parsed.events.at(0).line, 2);
    QCOMPARE(parsed.stats.recordsSkipped, 1);
    QCOMPARE(parsed.stats.errors.at(0).line, 1);
    const Parsed atEnd = parse({whole, whole.left(100)});
    QCOMPARE(atEnd.events.size(), 1);
    QCOMPARE(atEnd.stats.recordsSkipped, 1);
    QCOMPARE(atEnd.stats.errors.at(0).line, 2);
}

void TestSysmonParser::malformedXml()
{
    QByteArrayList lines;
    lines << "h sysmon: <Event><System><EventID>1</Foo></System></Event>"
          << "h sysmon: <Event><System></System><EventData/></Event>"
          << "h sysmon: <Event><System><EventID>1</EventID></System><EventData><Data Name=\"ProcessId\">&bogus;</Data>"
             "</EventData></Event>"
          << processCreate("/bin/ok");
    const Parsed parsed = parse(lines);
    QCOMPARE(parsed.events.size(), 1);
    QCOMPARE(parsed.events.at(0).line, 4);
    QCOMPARE(parsed.stats.recordsSkipped, 3);
    QCOMPARE(parsed.stats.errors.size(), 3);
    QCOMPARE(parsed.stats.errors.at(0).line, 1);
    QCOMPARE(parsed.stats.errors.at(1).line, 2);
    QCOMPARE(parsed.stats.errors.at(2).line, 3);
}

void TestSysmonParser::oversizeEvent()
{
    QByteArrayList lines;
    lines << "<Event><System><EventID>1</EventID></System><EventData><Data Name=\"CommandLine\">";
    const QByteArray chunk(1024 * 1024, 'a');
    for (int i = 0; i < 17; ++i)
        lines << chunk;
    lines << "</Data></EventData></Event>" << processCreate("/bin/ok");
    const Parsed parsed = parse(lines);
    QCOMPARE(parsed.events.size(), 1);
    QCOMPARE(parsed.events.at(0).line, 20);
    QCOMPARE(parsed.stats.recordsSkipped, 1);
    QCOMPARE(parsed.stats.errors.at(0).line, 1);
    QVERIFY(parsed.stats.errors.at(0).message.contains(QLatin1String("16 MiB")));
}

void TestSysmonParser::randomBytesDoNotCrash()
{
    QRandomGenerator random(4242);
    const QByteArrayList sample = readLines(QString::fromLatin1(kSample));
    for (int round = 0; round < 50; ++round)
    {
        QByteArrayList lines;
        for (int i = 0; i < 40; ++i)
        {
            QByteArray line(int(random.bounded(300)), Qt::Uninitialized);
            for (char& c : line)
                c = char(random.bounded(256));
            if (random.bounded(3) == 0)
                line.prepend("<Event><System><EventID>1</EventID>");
            if (random.bounded(3) == 0)
                line.append("</Event>");
            lines << line;
        }
        QByteArray cut = sample.at(int(random.bounded(sample.size())));
        cut.truncate(int(random.bounded(cut.size() + 1)));
        lines << cut;
        const Parsed parsed = parse(lines);
        QCOMPARE(parsed.stats.events, parsed.events.size());
    }
}

QTEST_GUILESS_MAIN(TestSysmonParser)
#include "tst_sysmonparser.moc"
