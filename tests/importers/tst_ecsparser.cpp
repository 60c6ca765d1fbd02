// SPDX-License-Identifier: GPL-3.0-or-later
#include "ecsparser.h"
#include "jsonlinesplitter.h"
#include "parsertest.h"

#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <limits>

using namespace ShimScope;
using namespace ShimScope::ParserTest;

namespace
{

Parsed parseLines(const QByteArrayList& lines)
{
    return ParserTest::parseLines<EcsParser>(lines, QByteArrayLiteral("default-host"));
}

QByteArray sample(const char* name)
{
    return readFile(QStringLiteral(SHIMSCOPE_SAMPLES_DIR "/ecs/") + QLatin1String(name));
}

} // namespace

class TestEcsParser : public QObject
{
    Q_OBJECT

private slots:
    void auditbeatSystemProcess();
    void auditdManagerIsNotAnExec();
    void defendForContainers();
    void samplesBackToBack();
    void nestedAndDottedAlike();
    void actionsAndFallbacks();
    void arrayOfHits();
    void rfc3339_data();
    void rfc3339();
    void largeIntegersExact();
    void hostileInput();
    void oversizedRecord();
    void randomBytes();
    void sniffMatrix();
};

void TestEcsParser::auditbeatSystemProcess()
{
    const QByteArrayList lines = splitLines(sample("elastic-beats_auditbeat_system_process_data.json"));
    const Parsed parsed = parseLines(lines);
    QCOMPARE(parsed.stats.recordsRead, 1);
    QCOMPARE(parsed.stats.recordsSkipped, 0);
    QVERIFY(parsed.stats.errors.isEmpty());
    QCOMPARE(parsed.events.size(), 1);
    const ExecEvent& ev = parsed.events.constFirst();
    QCOMPARE(ev.kind, EventKind::Exit); // process_stopped
    QCOMPARE(ev.line, 1);
    QCOMPARE(ev.timeNs, int64_t(1507795534853000000));
    QCOMPARE(ev.startTimeNs, int64_t(1546300801000000000));
    QCOMPARE(ev.pid, 9086);
    QCOMPARE(ev.ppid, 9085); // legacy process.ppid
    QCOMPARE(ev.guid, QByteArrayLiteral("+fYshazplsMYlr0y"));
    QCOMPARE(ev.exe, QByteArrayLiteral("/bin/zsh"));
    QCOMPARE(ev.comm, QByteArrayLiteral("zsh"));
    QCOMPARE(ev.argv, QList<QByteArray>{"zsh"});
    QCOMPARE(ev.argvOrigin, ArgvOrigin::Execve);
    QCOMPARE(ev.cwd, QByteArrayLiteral("/home/elastic"));
    QCOMPARE(ev.uid, 1000);
    QCOMPARE(ev.euid, 1000);
    QCOMPARE(ev.userName, QByteArrayLiteral("elastic"));
    QCOMPARE(ev.host, QByteArrayLiteral("default-host"));
    QVERIFY(ev.statedContainerId.isEmpty());
}

void TestEcsParser::auditdManagerIsNotAnExec()
{
    // A CONFIG_CHANGE by auditbeat: category "process" but no process start/end.
    const Parsed parsed = parseLines(splitLines(sample("elastic-integrations_auditd_manager_sample_event.json")));
    QCOMPARE(parsed.stats.recordsRead, 1);
    QCOMPARE(parsed.stats.recordsSkipped, 0);
    QCOMPARE(parsed.events.size(), 0);
}

void TestEcsParser::defendForContainers()
{
    const Parsed parsed = parseLines(splitLines(sample("elastic-integrations_cloud_defend_alerts_sample_event.json")));
    QCOMPARE(parsed.stats.recordsRead, 1);
    QCOMPARE(parsed.stats.recordsSkipped, 0);
    QCOMPARE(parsed.events.size(), 1);
    const ExecEvent& ev = parsed.events.constFirst();
    QCOMPARE(ev.kind, EventKind::Exec); // a blocked ("denied") exec
    QVERIFY(!ev.success);
    QCOMPARE(parsed.stats.failedExecs, 1);
    QCOMPARE(ev.pid, 2);
    QCOMPARE(ev.ppid, 1);
    QCOMPARE(ev.guid, QByteArrayLiteral("7241730b-b86d-4028-a8a8-83d8bbecfd6a"));
    QCOMPARE(ev.parentGuid, QByteArrayLiteral("fd38e52f-6377-43bd-90fc-051a8bc54f50"));
    QCOMPARE(ev.exe, QByteArrayLiteral("/bin/nginx"));
    QCOMPARE(ev.comm, QByteArrayLiteral("nginx"));
    QCOMPARE(ev.euid, 0); // process.user is the effective user
    QCOMPARE(ev.uid, kUnknownId);
    QCOMPARE(ev.userName, QByteArrayLiteral("root"));
    QCOMPARE(ev.statedContainerId, QByteArrayLiteral("b781c8e5-8bf9-445e-aef2-25020af698df"));
    QCOMPARE(ev.statedContainerSource, QByteArrayLiteral("ecs container.id"));
    QCOMPARE(ev.statedImage, QByteArrayLiteral("nginx:latest")); // dotted "image.name" inside nested "container"
    QVERIFY(ev.argv.isEmpty());
    // 0001-01-01 placeholders are outside int64 nanoseconds: unknown time, said so, record still used.
    QCOMPARE(ev.timeNs, 0);
    QCOMPARE(ev.startTimeNs, 0);
    QCOMPARE(parsed.stats.errors.size(), 1);
    QCOMPARE(parsed.stats.errors.constFirst().line, 1);
}

void TestEcsParser::samplesBackToBack()
{
    // The sample files have no final newline: concatenated they put "}{" on one line.
    const QByteArray all = sample("elastic-beats_auditbeat_system_process_data.json")
        + sample("elastic-integrations_auditd_manager_sample_event.json")
        + sample("elastic-integrations_cloud_defend_alerts_sample_event.json");
    const Parsed parsed = parseLines(splitLines(all));
    QCOMPARE(parsed.stats.recordsRead, 3);
    QCOMPARE(parsed.stats.recordsSkipped, 0);
    QCOMPARE(parsed.events.size(), 2);
    QCOMPARE(parsed.events.at(0).pid, 9086);
    QCOMPARE(parsed.events.at(0).line, 1);
    QCOMPARE(parsed.events.at(1).pid, 2);
    const qsizetype firstTwo = splitLines(sample("elastic-beats_auditbeat_system_process_data.json")).size()
        + splitLines(sample("elastic-integrations_auditd_manager_sample_event.json")).size();
    QCOMPARE(parsed.events.at(1).line, int64_t(firstTwo - 1)); // starts on the line where the previous ends
}

void TestEcsParser::nestedAndDottedAlike()
{
    const QByteArrayList lines = {
        R"({"@timestamp":"2024-02-29T23:59:59.123456789+01:00","event":{"action":"exec","id":"e1"},)"
        R"("process":{"pid":4242,"parent":{"pid":"1","entity_id":"P"},"entity_id":"C","executable":"/bin/sh",)"
        R"("args":["sh","-c","echo a  b"],"working_directory":"/"},"container":{"id":"abc123","name":"web",)"
        R"("image":{"name":"alpine","tag":"3"}},"host":{"name":"node-1"},"user":{"id":"0","name":"root"}})",
        R"({"@timestamp":"2024-02-29T23:59:59.123456789+01:00","event.action":"exec","event.id":"e1",)"
        R"("process.pid":"4242","process.parent.pid":1,"process.parent.entity_id":"P","process.entity_id":"C",)"
        R"("process.executable":"/bin/sh","process.args":["sh","-c","echo a  b"],"process.working_directory":"/",)"
        R"("container.id":"abc123","container.name":"web","container":{"image.name":"alpine","image.tag":"3"},)"
        R"("host.name":"node-1","user.id":0,"user.name":"root"})",
        R"({"_index":"logs","_id":"hit-7","_source":{"@timestamp":"2024-02-29T23:59:59.123456789+01:00",)"
        R"("event":{"action":"exec"},"process":{"pid":4242,"parent":{"pid":1,"entity_id":"P"},"entity_id":"C",)"
        R"("executable":"/bin/sh","args":["sh","-c","echo a  b"],"working_directory":"/"},)"
        R"("container":{"id":"abc123","name":"web","image":{"name":"alpine","tag":["3"]}},"host.name":"node-1",)"
        R"("user":{"id":"0","name":"root"}}})",
    };
    const Parsed parsed = parseLines(lines);
    QCOMPARE(parsed.stats.recordsSkipped, 0);
    QCOMPARE(parsed.events.size(), 3);
    for (const ExecEvent& ev : parsed.events) {
        QCOMPARE(ev.kind, EventKind::Exec);
        QCOMPARE(ev.timeNs, int64_t(1709247599123456789));
        QCOMPARE(ev.pid, 4242);
        QCOMPARE(ev.ppid, 1);
        QCOMPARE(ev.guid, QByteArrayLiteral("C"));
        QCOMPARE(ev.parentGuid, QByteArrayLiteral("P"));
        QCOMPARE(ev.exe, QByteArrayLiteral("/bin/sh"));
        QCOMPARE(ev.argv, (QList<QByteArray>{"sh", "-c", "echo a  b"}));
        QCOMPARE(ev.cwd, QByteArrayLiteral("/"));
        QCOMPARE(ev.statedContainerId, QByteArrayLiteral("abc123"));
        QCOMPARE(ev.statedContainerName, QByteArrayLiteral("web"));
        QCOMPARE(ev.statedImage, QByteArrayLiteral("alpine:3"));
        QCOMPARE(ev.host, QByteArrayLiteral("node-1"));
        QCOMPARE(ev.uid, 0);
        QCOMPARE(ev.userName, QByteArrayLiteral("root"));
        QVERIFY(ev.success);
    }
    QCOMPARE(parsed.events.at(0).record, QByteArrayLiteral("e1"));
    QCOMPARE(parsed.events.at(1).record, QByteArrayLiteral("e1"));
    QCOMPARE(parsed.events.at(2).record, QByteArrayLiteral("hit-7"));
    QCOMPARE(parsed.events.at(2).line, 3);
}

void TestEcsParser::actionsAndFallbacks()
{
    const QByteArrayList lines = {
        R"({"@timestamp":"2024-01-01T00:00:00Z","event":{"action":"already_running"},)"
        R"("process":{"pid":1,"start":"2023-12-31T23:00:00.5Z","command_line":"/sbin/init splash"}})",
        R"({"@timestamp":"2024-01-01T00:00:01Z","event":{"action":"fork"},"process":{"pid":2,"parent":{"pid":1}}})",
        R"({"@timestamp":"2024-01-01T00:00:02Z","event":{"action":"process_started"},"process":{"pid":3,"ppid":2,)"
        R"("exe":"/usr/bin/id"}})",
        R"({"@timestamp":"2024-01-01T00:00:03Z","event":{"action":"end"},"process":{"pid":3,"exit_code":7}})",
        R"({"@timestamp":"2024-01-01T00:00:04Z","event":{"category":["process"],"type":["start"]},)"
        R"("process":{"pid":4,"title":"a b"},"event.outcome":"failure"})",
        R"({"@timestamp":"2024-01-01T00:00:05Z","event":{"category":"network","action":"connect"}})",
        R"({"@timestamp":"2024-01-01T00:00:06Z","event":{"action":"exec"},"process":{"name":"x"}})",
    };
    const Parsed parsed = parseLines(lines);
    QCOMPARE(parsed.stats.recordsRead, 7);
    QCOMPARE(parsed.events.size(), 4);
    QCOMPARE(parsed.events.at(0).kind, EventKind::Snapshot);
    QCOMPARE(parsed.events.at(0).startTimeNs, int64_t(1704063600500000000));
    QCOMPARE(parsed.events.at(0).argv, (QList<QByteArray>{"/sbin/init", "splash"}));
    QCOMPARE(parsed.events.at(0).argvOrigin, ArgvOrigin::Proctitle); // split command line: reconstructed
    QCOMPARE(parsed.events.at(1).kind, EventKind::Exec);
    QCOMPARE(parsed.events.at(1).ppid, 2);
    QCOMPARE(parsed.events.at(1).exe, QByteArrayLiteral("/usr/bin/id"));
    QCOMPARE(parsed.events.at(2).kind, EventKind::Exit);
    QCOMPARE(parsed.events.at(2).exitCode, 7);
    QCOMPARE(parsed.events.at(3).kind, EventKind::Exec);
    QVERIFY(!parsed.events.at(3).success);
    QCOMPARE(parsed.events.at(3).argv, (QList<QByteArray>{"a", "b"}));
    // the exec without pid, executable or entity id cannot be placed
    QCOMPARE(parsed.stats.recordsSkipped, 1);
    QCOMPARE(parsed.stats.errors.constFirst().line, 7);
}

void TestEcsParser::arrayOfHits()
{
    // A Kibana / Elasticsearch export: one JSON array of hits, one hit per line.
    const QByteArrayList lines = {
        "[",
        R"(  {"_id":"a","_source":{"@timestamp":"2024-01-01T00:00:00Z","event.action":"exec","process.pid":1}},)",
        R"(  {"_id":"b","_source":{"@timestamp":"2024-01-01T00:00:01Z","event.action":"exec","process.pid":2}})",
        "]",
    };
    const Parsed parsed = parseLines(lines);
    QCOMPARE(parsed.stats.recordsSkipped, 0);
    QCOMPARE(parsed.events.size(), 2);
    QCOMPARE(parsed.events.at(0).record, QByteArrayLiteral("a"));
    QCOMPARE(parsed.events.at(1).record, QByteArrayLiteral("b"));
    QCOMPARE(parsed.events.at(1).line, 3);
    QVERIFY(sniffEcs(lines.join('\n'), QString()));
}

void TestEcsParser::rfc3339_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("ns");
    QTest::newRow("epoch") << QByteArrayLiteral("1970-01-01T00:00:00Z") << true << qint64(0);
    QTest::newRow("ms") << QByteArrayLiteral("2017-10-12T08:05:34.853Z") << true << qint64(1507795534853000000);
    QTest::newRow("ns+offset") << QByteArrayLiteral("2024-02-29T23:59:59.123456789+01:00") << true
                               << qint64(1709247599123456789);
    QTest::newRow("offset no colon") << QByteArrayLiteral("2024-03-01T00:59:59.123456789+0200") << true
                                     << qint64(1709247599123456789);
    QTest::newRow("negative offset") << QByteArrayLiteral("2017-10-12T03:05:34.853-05:00") << true
                                     << qint64(1507795534853000000);
    QTest::newRow("lowercase, space") << QByteArrayLiteral("2017-10-12 08:05:34.853z") << true
                                      << qint64(1507795534853000000);
    QTest::newRow("12 digits cut") << QByteArrayLiteral("1970-01-01T00:00:00.123456789999Z") << true
                                   << qint64(123456789);
    QTest::newRow("before epoch") << QByteArrayLiteral("1969-12-31T23:59:59.999999999Z") << true << qint64(-1);
    QTest::newRow("no zone = UTC") << QByteArrayLiteral("1970-01-01T00:00:01") << true << qint64(1000000000);
    QTest::newRow("int64 max") << QByteArrayLiteral("2262-04-11T23:47:16.854775807Z") << true
                               << std::numeric_limits<qint64>::max();
    QTest::newRow("int64 max + 1") << QByteArrayLiteral("2262-04-11T23:47:16.854775808Z") << false << qint64(0);
    QTest::newRow("year 1") << QByteArrayLiteral("0001-01-01T00:00:00Z") << false << qint64(0);
    QTest::newRow("feb 30") << QByteArrayLiteral("2023-02-29T00:00:00Z") << false << qint64(0);
    QTest::newRow("month 13") << QByteArrayLiteral("2023-13-01T00:00:00Z") << false << qint64(0);
    QTest::newRow("empty fraction") << QByteArrayLiteral("2023-01-01T00:00:00.Z") << false << qint64(0);
    QTest::newRow("trailing") << QByteArrayLiteral("2023-01-01T00:00:00Zx") << false << qint64(0);
    QTest::newRow("date only") << QByteArrayLiteral("2023-01-01") << false << qint64(0);
    QTest::newRow("empty") << QByteArray() << false << qint64(0);
}

void TestEcsParser::rfc3339()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(qint64, ns);
    int64_t out = 0;
    QCOMPARE(parseIsoTimeNs(text, &out), ok);
    if (ok)
        QCOMPARE(out, ns);
}

void TestEcsParser::largeIntegersExact()
{
    const QByteArray line = R"({"@timestamp":"2024-01-01T00:00:00Z","event":{"action":"exec"},)"
                            R"("process":{"pid":9007199254740993,"parent":{"pid":"9223372036854775807"}}})";
    const Parsed parsed = parseLines({line});
    QCOMPARE(parsed.events.size(), 1);
    QCOMPARE(parsed.events.constFirst().pid, Q_INT64_C(9007199254740993));
    QCOMPARE(parsed.events.constFirst().ppid, std::numeric_limits<int64_t>::max());
}

void TestEcsParser::hostileInput()
{
    const QByteArrayList lines = {
        "garbage",                                            // 1: not JSON
        "{",                                                  // 2: opens a record …
        R"(  "a": "}{ \" ]",)",                               // braces inside a string do not count
        R"(  "b": [1, 2],)",
        "}",                                                  // 5: … closed here, invalid JSON (trailing comma)
        R"({"@timestamp":"x","event":{"action":"exec"},"process":{"pid":5}}  trailing)", // 6
        "[1,2]",                                              // 7: not an object
        R"({"@timestamp":"2024-01-01T00:00:00Z","event":{"action":"exec"},"process":{"pid":6}})", // 8
        "{\"unterminated\": 1",                                // 9: open at the end
    };
    const Parsed parsed = parseLines(lines);
    QCOMPARE(parsed.events.size(), 2);
    QCOMPARE(parsed.events.at(0).pid, 5);
    QCOMPARE(parsed.events.at(0).timeNs, 0); // "x" is no time: kept, said so
    QCOMPARE(parsed.events.at(1).pid, 6);
    QCOMPARE(parsed.events.at(1).line, 8);
    QCOMPARE(parsed.stats.recordsSkipped, 5);
    const QList<int64_t> errorLines = {1, 2, 6, 6, 7, 9};
    QCOMPARE(parsed.stats.errors.size(), errorLines.size());
    for (qsizetype i = 0; i < errorLines.size(); ++i)
        QCOMPARE(parsed.stats.errors.at(i).line, errorLines.at(i));
}

void TestEcsParser::oversizedRecord()
{
    // A record over 16 MiB is dropped, its memory released, and the next record still parses.
    QByteArrayList lines = {"{\"big\": ["};
    const QByteArray chunk = QByteArray(1024 * 1024, 'a').prepend('"').append("\",");
    for (int i = 0; i < 17; ++i)
        lines.append(chunk);
    lines.append("\"end\"]}");
    lines.append(R"({"@timestamp":"2024-01-01T00:00:00Z","event":{"action":"exec"},"process":{"pid":6}})");
    const Parsed parsed = parseLines(lines);
    QCOMPARE(parsed.stats.recordsSkipped, 1);
    QCOMPARE(parsed.stats.errors.constFirst().line, 1);
    QCOMPARE(parsed.events.size(), 1);
    QCOMPARE(parsed.events.constFirst().line, int64_t(lines.size()));
}

void TestEcsParser::randomBytes()
{
    QRandomGenerator rng(99);
    for (int round = 0; round < 50; ++round) {
        QByteArray blob(8192, Qt::Uninitialized);
        for (char& c : blob)
            c = char(rng.bounded(256));
        if (round % 2)
            blob.prepend("{\"@timestamp\":\"2024-01-01T00:00:00Z\",\"event\":{\"action\":\"exec\"},\"process\":");
        const Parsed parsed = parseLines(blob.split('\n'));
        QVERIFY(parsed.stats.linesRead > 0);
        QVERIFY(parsed.events.size() <= parsed.stats.recordsRead);
    }
}

void TestEcsParser::sniffMatrix()
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
        const bool expected = file.contains(QLatin1String("/ecs/")) && file.endsWith(QLatin1String(".json"));
        QVERIFY2(sniffEcs(head, file) == expected, qPrintable(file));
        claimed += expected ? 1 : 0;
    }
    QCOMPARE(claimed, 3);
    const QByteArray text1 = R"({"_id":"1","_source":{"@timestamp":"2024-01-01T00:00:00Z","event.action":"exec"}})";
    QVERIFY(sniffEcs(text1, QString()));
    const QByteArray text2 = R"({"@timestamp":"2024-01-01T00:00:00Z","message":"no event fields"})";
    QVERIFY(!sniffEcs(text2, QString()));
    const QByteArray text3 = R"({"@timestamp":"t","event":{},"output":"o","rule":"r","priority":"Warning"})";
    QVERIFY(!sniffEcs(text3, QString()));
    const QByteArray text4 = R"({"@timestamp":"t","event":{},"process_exec":{}})";
    QVERIFY(!sniffEcs(text4, QString()));
    QVERIFY(!sniffEcs("{\"@timestamp\": \"2024-01-01T00:00:00Z\", \"event\": {", QString())); // cut: not guessed
}

QTEST_GUILESS_MAIN(TestEcsParser)
#include "tst_ecsparser.moc"
