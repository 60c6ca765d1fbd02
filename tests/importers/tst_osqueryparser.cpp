// SPDX-License-Identifier: GPL-3.0-or-later
#include "osqueryparser.h"
#include "parsertest.h"

#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace ShimScope;
using namespace ShimScope::ParserTest;

namespace
{

Parsed parseLines(const QByteArrayList& lines)
{
    return ParserTest::parseLines<OsqueryParser>(lines, QByteArrayLiteral("default-host"));
}

} // namespace

class TestOsqueryParser : public QObject
{
    Q_OBJECT

private slots:
    void docsExample();
    void processEventsRows();
    void bpfProcessEvents();
    void batchFormat();
    void largeIntegersExact();
    void hostileInput();
    void randomBytes();
    void sniffMatrix();
};

void TestOsqueryParser::docsExample()
{
    const QByteArrayList lines =
        splitLines(readFile(QStringLiteral(SHIMSCOPE_SAMPLES_DIR "/osquery/docs_process_events_example.json")));
    QCOMPARE(lines.size(), 21); // pretty-printed
    const Parsed parsed = parseLines(lines);
    QCOMPARE(parsed.stats.recordsRead, 1);
    QCOMPARE(parsed.stats.recordsSkipped, 0);
    QVERIFY(parsed.stats.errors.isEmpty());
    QCOMPARE(parsed.events.size(), 1);
    const ExecEvent& ev = parsed.events.constFirst();
    QCOMPARE(ev.kind, EventKind::Exec);
    QCOMPARE(ev.line, 1);
    QCOMPARE(ev.host, QByteArrayLiteral("vagrant"));
    QCOMPARE(ev.timeNs, int64_t(1527895541) * 1000000000); // the row's "time", not the log's unixTime
    QCOMPARE(ev.pid, 30219);
    QCOMPARE(ev.ppid, kUnknownId); // "parent": ""
    QCOMPARE(ev.exe, QByteArrayLiteral("/usr/bin/curl"));
    QCOMPARE(ev.argv, (QList<QByteArray>{"curl", "google.com"}));
    QCOMPARE(ev.argvOrigin, ArgvOrigin::Proctitle); // split from the space-joined cmdline
    QCOMPARE(ev.cwd, QByteArray());
    QCOMPARE(ev.uid, 0);
    QCOMPARE(ev.euid, 0);
    QCOMPARE(ev.auid, 1000);
    QVERIFY(ev.success);
    QVERIFY(ev.record.isEmpty()); // no eid column in the docs example
}

void TestOsqueryParser::processEventsRows()
{
    const QByteArrayList lines = {
        R"({"name":"pack_audit_process_events","hostIdentifier":"h1","calendarTime":"Mon Jun  4 10:00:00 2018 UTC",)"
        R"("unixTime":"1528106400","epoch":0,"counter":3,"numerics":false,"action":"added","columns":{"pid":"10",)"
        R"("parent":"1","path":"/bin/sh","cmdline":"sh -c true","cwd":"/root","auid":"4294967295","uid":"0",)"
        R"("euid":"0","time":"1528106399","eid":"000123","syscall":"execve"}})",
        R"({"name":"q","hostIdentifier":"h1","unixTime":1528106400,"action":"added","columns":{"pid":11,)"
        R"("parent":10,"path":"","cmdline":"","syscall":"fork","time":1528106399,"eid":"000124"}})",
        R"({"name":"q","hostIdentifier":"h1","unixTime":1528106400,"action":"removed","columns":{"pid":"12",)"
        R"("parent":"1","path":"/bin/true","cmdline":"true","syscall":"execve"}})",
        R"({"name":"q","hostIdentifier":"h1","unixTime":1528106400,"action":"snapshot","snapshot":[{"pid":"1"}]})",
        R"({"name":"q","hostIdentifier":"","unixTime":1528106401,"action":"added","columns":{"pid":"13",)"
        R"("parent":"-1","path":"/usr/bin/env","cmdline":"env  a","syscall":"execveat"}})",
        R"({"name":"osquery_info","hostIdentifier":"h1","unixTime":1,"action":"added","columns":{"version":"5.0"}})",
    };
    const Parsed parsed = parseLines(lines);
    QCOMPARE(parsed.stats.recordsRead, 6);
    QCOMPARE(parsed.stats.recordsSkipped, 0);
    QCOMPARE(parsed.events.size(), 2);
    const ExecEvent& a = parsed.events.at(0);
    QCOMPARE(a.line, 1);
    QCOMPARE(a.host, QByteArrayLiteral("h1"));
    QCOMPARE(a.pid, 10);
    QCOMPARE(a.ppid, 1);
    QCOMPARE(a.exe, QByteArrayLiteral("/bin/sh"));
    QCOMPARE(a.argv, (QList<QByteArray>{"sh", "-c", "true"}));
    QCOMPARE(a.cwd, QByteArrayLiteral("/root"));
    QCOMPARE(a.auid, int64_t(4294967295));
    QCOMPARE(a.record, QByteArrayLiteral("000123"));
    QCOMPARE(a.syscall, QByteArrayLiteral("execve"));
    QCOMPARE(a.timeNs, int64_t(1528106399) * 1000000000);
    const ExecEvent& b = parsed.events.at(1);
    QCOMPARE(b.line, 5);
    QCOMPARE(b.host, QByteArrayLiteral("default-host"));
    QCOMPARE(b.ppid, kUnknownId);
    QCOMPARE(b.syscall, QByteArrayLiteral("execveat"));
    QCOMPARE(b.argv, (QList<QByteArray>{"env", "", "a"})); // two spaces: an empty argument, or not — ambiguous
    QCOMPARE(b.timeNs, int64_t(1528106401) * 1000000000); // no time column: the log's unixTime
}

void TestOsqueryParser::bpfProcessEvents()
{
    const QByteArrayList lines = {
        R"({"name":"bpf","hostIdentifier":"k8s-node","unixTime":"1700000000","action":"added","columns":{)"
        R"("tid":"500","pid":"500","parent":"499","uid":"1000","gid":"1000","cid":"7788","exit_code":"-2",)"
        R"("probe_error":"0","syscall":"execve","path":"/nonexistent","cwd":"/home/u","cmdline":"x y",)"
        R"("duration":"12","ntime":"123456789","time":"1699999999","eid":"42"}})",
        R"({"name":"bpf","hostIdentifier":"k8s-node","unixTime":"1700000000","action":"added","columns":{)"
        R"("pid":"501","parent":"499","exit_code":"0","syscall":"execve","path":"/bin/echo","cmdline":"echo a b",)"
        R"("json_cmdline":"[\"echo\",\"a b\"]","time":"1699999999","eid":"43"}})",
    };
    const Parsed parsed = parseLines(lines);
    QCOMPARE(parsed.events.size(), 2);
    QVERIFY(!parsed.events.at(0).success);
    QCOMPARE(parsed.events.at(0).exitCode, -2);
    QCOMPARE(parsed.stats.failedExecs, 1);
    QCOMPARE(parsed.events.at(0).record, QByteArrayLiteral("42"));
    QVERIFY(parsed.events.at(0).statedContainerId.isEmpty()); // cid is a cgroup id, not a container id
    QVERIFY(parsed.events.at(1).success);
    QCOMPARE(parsed.events.at(1).argv, (QList<QByteArray>{"echo", "a b"})); // exact from json_cmdline
    QCOMPARE(parsed.events.at(1).argvOrigin, ArgvOrigin::Execve);
}

void TestOsqueryParser::batchFormat()
{
    const QByteArrayList lines = {
        R"({"name":"pe","hostIdentifier":"h","unixTime":1,"diffResults":{"added":[{"pid":"1","path":"/a",)"
        R"("cmdline":"a"},{"pid":"2","path":"/b","cmdline":"b","syscall":"clone"},{"pid":"3","path":"/c"}],)"
        R"("removed":[{"pid":"9","path":"/z"}]}})",
    };
    const Parsed parsed = parseLines(lines);
    QCOMPARE(parsed.events.size(), 2);
    QCOMPARE(parsed.events.at(0).pid, 1);
    QCOMPARE(parsed.events.at(1).pid, 3);
    QCOMPARE(parsed.events.at(1).timeNs, 1000000000);
}

void TestOsqueryParser::largeIntegersExact()
{
    const QByteArray line = R"({"name":"q","hostIdentifier":"h","unixTime":1,"action":"added","columns":)"
                            R"({"pid":9007199254740993,"parent":"9223372036854775807","path":"/x"}})";
    const Parsed parsed = parseLines({line});
    QCOMPARE(parsed.events.size(), 1);
    QCOMPARE(parsed.events.constFirst().pid, Q_INT64_C(9007199254740993));
    QCOMPARE(parsed.events.constFirst().ppid, std::numeric_limits<int64_t>::max());
}

void TestOsqueryParser::hostileInput()
{
    const QByteArrayList lines = {
        "I0604 10:00:00.000000 1234 init.cpp:100] osquery initialized", // 1: glog text
        R"({"some":"json"})",                                            // 2: not a result
        R"({"name":"q","hostIdentifier":"h","action":"added","columns":{"pid":"x","path":"/x"}})", // 3: bad pid
        R"({"name":"q","hostIdentifier":"h","action":"added","columns":[1]})", // 4: columns not an object
        R"({"name":"q","hostIdentifier":"h","action":"added","columns":{"pid":"7","path":"/ok"}})",  // 5
        "{\"name\":",                                                    // 6: open at the end
    };
    const Parsed parsed = parseLines(lines);
    QCOMPARE(parsed.events.size(), 1);
    QCOMPARE(parsed.events.constFirst().pid, 7);
    QCOMPARE(parsed.events.constFirst().line, 5);
    QCOMPARE(parsed.stats.recordsSkipped, 4);
    const QList<int64_t> errorLines = {1, 2, 3, 6};
    QCOMPARE(parsed.stats.errors.size(), errorLines.size());
    for (qsizetype i = 0; i < errorLines.size(); ++i)
        QCOMPARE(parsed.stats.errors.at(i).line, errorLines.at(i));
}

void TestOsqueryParser::randomBytes()
{
    QRandomGenerator rng(7);
    for (int round = 0; round < 50; ++round) {
        QByteArray blob(8192, Qt::Uninitialized);
        for (char& c : blob)
            c = char(rng.bounded(256));
        if (round % 2)
            blob.prepend(R"({"name":"q","hostIdentifier":"h","action":"added","columns":)");
        const Parsed parsed = parseLines(blob.split('\n'));
        QVERIFY(parsed.stats.linesRead > 0);
    }
}

void TestOsqueryParser::sniffMatrix()
{
    QStringList files;
    QDirIterator it(QStringLiteral(SHIMSCOPE_SAMPLES_DIR), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    for (const char* capture : {"main", "podman", "debian"}) {
        const QString dir = QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab/") + QLatin1String(capture);
        files.append(dir + QLatin1String("/audit.log.gz"));
        files.append(dir + QLatin1String("/laurel.jsonl.gz"));
    }
    int claimed = 0;
    for (const QString& file : std::as_const(files)) {
        const QByteArray head = ParserTest::head(file);
        const bool expected = file.endsWith(QLatin1String("osquery/docs_process_events_example.json"));
        QVERIFY2(sniffOsquery(head, file) == expected, qPrintable(file));
        claimed += expected ? 1 : 0;
    }
    QCOMPARE(claimed, 1);
    const QByteArray text1 = R"({"name":"q","hostIdentifier":"h"})";
    QVERIFY(!sniffOsquery(text1, QString())); // no rows
    QVERIFY(!sniffOsquery("not json", QString()));
}

QTEST_GUILESS_MAIN(TestOsqueryParser)
#include "tst_osqueryparser.moc"
