// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonlinesplitter.h"
#include "parsertest.h"
#include "tetragonparser.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace ShimScope;
using namespace ShimScope::ParserTest;

namespace
{

QString samplePath(const char* name)
{
    return QStringLiteral(SHIMSCOPE_SAMPLES_DIR "/tetragon/") + QString::fromLatin1(name);
}

Parsed parse(const QByteArrayList& lines, const QByteArray& defaultHost = QByteArrayLiteral("testhost"))
{
    return parseLines<TetragonParser>(lines, defaultHost);
}

Parsed parseSample(const char* name)
{
    return parse(readLines(samplePath(name)));
}

const char kPretty[] = "book_00_process_lifecycle__cat_process_exec.json";

} // namespace

class TestTetragonParser : public QObject
{
    Q_OBJECT

private slots:
    void compactExecWithPod();
    void shimParentIdDiffersFromPodContainerId();
    void prettyPrintedExec();
    void execWithoutForkKeepsPid();
    void exitEvent();
    void otherEventTypesCountedNotErrors();
    void quotedArguments_data();
    void quotedArguments();
    void timesToTheNanosecond();
    void int64Precision();
    void allSampleFilesParse();
    void sniffMatrix();
    void sniffRejectsLookalikes();
    void truncatedLineResynchronises();
    void malformedRecordNamesFirstLine();
    void oversizeRecordSkipped();
    void crlfAndBracesInStrings();
    void randomBytesDoNotCrash();
};

void TestTetragonParser::compactExecWithPod()
{
    const Parsed parsed = parseSample("testdata_events.jsonl");
    QCOMPARE(parsed.events.size(), 3);
    QCOMPARE(parsed.stats.recordsRead, 3);
    QCOMPARE(parsed.stats.recordsSkipped, 0);
    QCOMPARE(parsed.stats.events, 3);
    const ExecEvent& e = parsed.events.at(0);
    QCOMPARE(e.line, 1);
    QCOMPARE(e.kind, EventKind::Exec);
    QVERIFY(e.success);
    QCOMPARE(e.pid, 68790);
    QCOMPARE(e.ppid, 68598);
    QCOMPARE(e.uid, 0);
    QCOMPARE(e.euid, 0);
    QCOMPARE(e.auid, 4294967295);
    QCOMPARE(e.exe, QByteArrayLiteral("/usr/bin/netserver"));
    QCOMPARE(e.argv, (QList<QByteArray>{"/usr/bin/netserver", "-D"}));
    QCOMPARE(e.argvOrigin, ArgvOrigin::Execve);
    QVERIFY(!e.argvTruncated);
    QCOMPARE(e.cwd, QByteArrayLiteral("/"));
    QCOMPARE(e.host, QByteArrayLiteral("my-node"));
    QCOMPARE(e.guid,
             QByteArrayLiteral("Z2tlLW1pY2hpLTIyMDM4LWRlZmF1bHQtcG9vbC00MzczMGZhYi1sOHpyOjEzNjY1ODIyNjI0ODU2OjY4Nzkw"));
    QCOMPARE(e.record, e.guid);
    QCOMPARE(e.parentGuid,
             QByteArrayLiteral("Z2tlLW1pY2hpLTIyMDM4LWRlZmF1bHQtcG9vbC00MzczMGZhYi1sOHpyOjEzNjYwNDgwNjUxNTk1OjY4NTk4"));
    QCOMPARE(e.statedContainerId,
             QByteArrayLiteral("19a02291e106ce6227b684197be232ea57c4e1a5ab2604a12608c325d701c7f4"));
    QCOMPARE(e.statedContainerSource, QByteArrayLiteral("tetragon pod.container.id"));
    QCOMPARE(e.statedContainerName, QByteArrayLiteral("default/tiefighter/spaceship"));
    QCOMPARE(e.statedImage, QByteArrayLiteral("docker.io/tgraf/netperf:latest"));
    // No envelope `time` in testdata: the exec time is the process start time.
    QCOMPARE(e.startTimeNs, int64_t(1666062978273546829));
    QCOMPARE(e.timeNs, int64_t(1666062978273546829));

    const ExecEvent& e2 = parsed.events.at(1);
    QCOMPARE(e2.line, 2);
    QCOMPARE(e2.pid, 68862);
    QCOMPARE(e2.ppid, 68635);
    QCOMPARE(e2.exe, QByteArrayLiteral("/starwars-docker"));
    QCOMPARE(e2.argv, (QList<QByteArray>{"/starwars-docker", "--port", "80", "--host", "0.0.0.0"}));
    QCOMPARE(e2.statedContainerId,
             QByteArrayLiteral("16ecce28d6808e01f6b91f990b07616c0fc8dff67036231f9911191c7ff3d1cd"));
    QCOMPARE(e2.statedContainerName, QByteArrayLiteral("default/deathstar-6f87496b94-qdlh8/deathstar"));
    QCOMPARE(parsed.events.at(2).line, 3);
}

void TestTetragonParser::shimParentIdDiffersFromPodContainerId()
{
    // FORMATS 3: the shim parent names the sandbox (-id c97e298d…) while the child's pod.container.id is the app
    // container (19a02291…). The parser states the child's own container, never the shim's sandbox id, and the
    // 31-char `docker` prefix agrees with the full id.
    const QByteArrayList lines = readLines(samplePath("testdata_events.jsonl"));
    QVERIFY(lines.first().contains("-id c97e298d5d4485f4710d3837b7d689aba6078e0c008af713053ac361cd8b0018"));
    const Parsed parsed = parse(lines);
    const ExecEvent& e = parsed.events.at(0);
    QVERIFY(!e.statedContainerId.startsWith("c97e298d"));
    QVERIFY(e.statedContainerId.startsWith("19a02291e106ce6227b684197be232e"));
}

void TestTetragonParser::prettyPrintedExec()
{
    const Parsed parsed = parseSample(kPretty);
    QCOMPARE(parsed.events.size(), 1);
    QCOMPARE(parsed.stats.recordsSkipped, 0);
    const ExecEvent& e = parsed.events.at(0);
    QCOMPARE(e.line, 1);
    QCOMPARE(e.kind, EventKind::Exec);
    QCOMPARE(e.pid, 38313);
    QCOMPARE(e.ppid, 38312);
    QCOMPARE(e.exe, QByteArrayLiteral("/usr/bin/cat"));
    QCOMPARE(e.argv, (QList<QByteArray>{"/usr/bin/cat", "/usr/share/elasticsearch/config/elasticsearch.keystore"}));
    QCOMPARE(e.cwd, QByteArrayLiteral("/usr/share/elasticsearch/"));
    QCOMPARE(e.guid, QByteArrayLiteral("bWluaWt1YmU6MzM0OTc2NjQ2MjgyMjozODMxMw=="));
    QCOMPARE(e.parentGuid, QByteArrayLiteral("bWluaWt1YmU6MzM0OTc2MDUxNjExMTozODMxMg=="));
    QCOMPARE(e.host, QByteArrayLiteral("minikube"));
    QCOMPARE(e.timeNs, int64_t(1643738516410000000));
    QCOMPARE(e.startTimeNs, int64_t(1643738516410000000));
    QCOMPARE(e.statedContainerId,
             QByteArrayLiteral("e6af4dff4ea3b8d50313c59fbaa442e377da35671e79f43b8dc53c5efcc9b659")); // no docker://
    QCOMPARE(e.statedContainerSource, QByteArrayLiteral("tetragon pod.container.id"));
    QCOMPARE(e.statedContainerName,
             QByteArrayLiteral("tenant-jobs/elasticsearch-56f8fc6988-65smb/elasticsearch"));
    QCOMPARE(e.statedImage, QByteArrayLiteral("quay.io/isovalent/jobs-app-elasticsearch:latest"));
}

void TestTetragonParser::execWithoutForkKeepsPid()
{
    // /docker-entrypoint.sh execs nginx: same pid on both sides, linked by exec ids.
    const Parsed parsed = parseSample(
        "book_03_security_observability_events__01_reaching_the_host_namespace__nginx-execution.json");
    QCOMPARE(parsed.events.size(), 1);
    const ExecEvent& e = parsed.events.at(0);
    QCOMPARE(e.pid, 12700);
    QCOMPARE(e.ppid, 12700);
    QCOMPARE(e.exe, QByteArrayLiteral("/usr/sbin/nginx"));
    QCOMPARE(e.argv, (QList<QByteArray>{"/usr/sbin/nginx", "-g", "daemon off;"}));
    QVERIFY(!e.guid.isEmpty());
    QVERIFY(e.guid != e.parentGuid);
}

void TestTetragonParser::exitEvent()
{
    const Parsed parsed =
        parseSample("book_03_security_observability_events__03_post_exploitation_techniques__"
                    "merlin-agent-7z-exit.json");
    QCOMPARE(parsed.events.size(), 1);
    const ExecEvent& e = parsed.events.at(0);
    QCOMPARE(e.kind, EventKind::Exit);
    QCOMPARE(e.pid, 45780);
    QCOMPARE(e.ppid, 45780);
    QCOMPARE(e.exe, QByteArrayLiteral("/usr/lib/p7zip/7z"));
    QCOMPARE(e.argv, (QList<QByteArray>{"/usr/lib/p7zip/7z", "a", "s3nsitiv3.7z", "../ops_bank_accounts/"}));
    QCOMPARE(e.guid, QByteArrayLiteral("bWluaWt1YmU6MjA4MjU3MzM4MjgwMToyNTc0NA=="));
    QCOMPARE(e.parentGuid, QByteArrayLiteral("bWluaWt1YmU6MjA4MTc1MTUxNjg4NDoyNTY4Nw=="));
    QCOMPARE(e.exitCode, 0); // status omitted = 0 (protobuf-JSON)
    QCOMPARE(e.timeNs, int64_t(1642593931481000000));      // envelope time = exit time
    QCOMPARE(e.startTimeNs, int64_t(1642593931478000000)); // process start
    // No pod: only the cgroup-derived 24-char docker prefix.
    QCOMPARE(e.statedContainerId, QByteArrayLiteral("a51959123c3ba99a9f50a700"));
    QCOMPARE(e.statedContainerSource, QByteArrayLiteral("tetragon process.docker"));
    QVERIFY(e.statedContainerName.isEmpty());
}

void TestTetragonParser::otherEventTypesCountedNotErrors()
{
    for (const char* name : {"book_00_process_lifecycle__cat_process_kprobe.json",
                             "book_00_four_golden_signals__process_connect.json",
                             "book_00_four_golden_signals__process_listen.json",
                             "book_00_four_golden_signals__process_close.json"})
    {
        const Parsed parsed = parseSample(name);
        QVERIFY2(parsed.events.isEmpty(), name);
        QCOMPARE(parsed.stats.recordsRead, 1);
        QCOMPARE(parsed.stats.recordsSkipped, 0);
        QVERIFY(parsed.stats.errors.isEmpty());
    }
}

void TestTetragonParser::quotedArguments_data()
{
    QTest::addColumn<QByteArray>("arguments");
    QTest::addColumn<QList<QByteArray>>("expected");
    QTest::newRow("empty") << QByteArray() << QList<QByteArray>{};
    QTest::newRow("plain") << QByteArray("-namespace k8s.io -id abc")
                           << QList<QByteArray>{"-namespace", "k8s.io", "-id", "abc"};
    QTest::newRow("quoted last") << QByteArray("-g \"daemon off;\"") << QList<QByteArray>{"-g", "daemon off;"};
    QTest::newRow("quoted middle") << QByteArray("-c \"PORT=9080 python app.py\" x")
                                   << QList<QByteArray>{"-c", "PORT=9080 python app.py", "x"};
    // args.go writes ` "arg"` with a leading space even for argv[1].
    QTest::newRow("quoted first") << QByteArray(" \"a b\" c") << QList<QByteArray>{"a b", "c"};
    QTest::newRow("inner quote") << QByteArray("-c \"echo \"hi there\"\"")
                                 << QList<QByteArray>{"-c", "echo \"hi there\""};
    QTest::newRow("empty middle") << QByteArray("a  b") << QList<QByteArray>{"a", "", "b"};
    QTest::newRow("empty last") << QByteArray("a ") << QList<QByteArray>{"a", ""};
    QTest::newRow("lone quote") << QByteArray("\"") << QList<QByteArray>{"\""};
    QTest::newRow("quote no space") << QByteArray("\"x\" y") << QList<QByteArray>{"\"x\"", "y"};
}

void TestTetragonParser::quotedArguments()
{
    QFETCH(QByteArray, arguments);
    QFETCH(QList<QByteArray>, expected);
    QCOMPARE(TetragonParser::splitArguments(arguments), expected);
}

void TestTetragonParser::timesToTheNanosecond()
{
    int64_t ns = 0;
    QVERIFY(parseIsoTimeNs("2022-10-18T03:16:18.273546829Z", &ns));
    QCOMPARE(ns, int64_t(1666062978273546829));
    QVERIFY(parseIsoTimeNs("2022-10-18T05:16:18.273546829+02:00", &ns));
    QCOMPARE(ns, int64_t(1666062978273546829));
    QVERIFY(parseIsoTimeNs("2022-10-18T03:16:18Z", &ns));
    QCOMPARE(ns, int64_t(1666062978000000000));
    QVERIFY(parseIsoTimeNs("2021-10-24 16:42:56.564", &ns)); // Sysmon UtcTime: no zone = UTC
    QCOMPARE(ns, int64_t(1635093776564000000));
    QVERIFY(parseIsoTimeNs("1969-12-31T23:59:59.5Z", &ns));
    QCOMPARE(ns, int64_t(-500000000));
    QVERIFY(!parseIsoTimeNs("2022-13-01T00:00:00Z", &ns));
    QVERIFY(!parseIsoTimeNs("2022-10-18T03:16:18.Z", &ns));
    QVERIFY(!parseIsoTimeNs("2022-10-18T03:16:18Zjunk", &ns));
    QVERIFY(!parseIsoTimeNs("Oct 24 17:05:38", &ns));
}

void TestTetragonParser::int64Precision()
{
    // Nanosecond integers exceed 2^53; Qt 6 keeps JSON integers as qint64, so nothing is lost on the way.
    QJsonObject object;
    QString error;
    QVERIFY(parseJsonRecord("{\"t\":1724880904518808600,\"u\":1724880904518808525,\"a\":4294967295}", &object,
                            &error));
    QCOMPARE(jsonIntOr(object.value(QLatin1String("t")), 0), int64_t(1724880904518808600));
    QCOMPARE(jsonIntOr(object.value(QLatin1String("u")), 0), int64_t(1724880904518808525));
    QCOMPARE(jsonBytes(object.value(QLatin1String("u"))), QByteArrayLiteral("1724880904518808525"));
    QCOMPARE(jsonIntOr(object.value(QLatin1String("a")), 0), int64_t(4294967295));
    QCOMPARE(jsonIntOr(object.value(QLatin1String("missing")), -7), int64_t(-7));
}

void TestTetragonParser::allSampleFilesParse()
{
    int files = 0;
    int64_t events = 0;
    for (const auto& [folder, path] : allSampleFiles())
    {
        if (folder != QLatin1String("tetragon"))
            continue;
        ++files;
        const Parsed parsed = parse(readLines(path));
        const QString name = QFileInfo(path).fileName();
        QVERIFY2(parsed.stats.recordsSkipped == 0, qPrintable(name));
        QVERIFY2(parsed.stats.recordsRead >= 1, qPrintable(name));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        const bool lifecycle = content.contains("\"process_exec\"") || content.contains("\"process_exit\"");
        QVERIFY2(parsed.stats.events == parsed.events.size(), qPrintable(name));
        QVERIFY2(lifecycle == !parsed.events.isEmpty(), qPrintable(name));
        for (const ExecEvent& e : parsed.events)
        {
            QVERIFY2(e.pid > 0 && e.ppid > 0, qPrintable(name));
            QVERIFY2(!e.guid.isEmpty() && !e.parentGuid.isEmpty(), qPrintable(name));
            QVERIFY2(e.exe.startsWith('/') && e.argv.value(0) == e.exe, qPrintable(name));
            QVERIFY2(e.timeNs > 1600000000000000000 && e.startTimeNs > 1600000000000000000, qPrintable(name));
            QCOMPARE(e.host.isEmpty(), false);
        }
        events += parsed.events.size();
    }
    QCOMPARE(files, 41);
    QCOMPARE(events, 3 + 27); // testdata + the 27 book process_exec/process_exit files
}

void TestTetragonParser::sniffMatrix()
{
    int claimed = 0;
    for (const auto& [folder, path] : allSampleFiles())
    {
        const bool expected = folder == QLatin1String("tetragon");
        QVERIFY2(sniffTetragon(head(path), path) == expected, qPrintable(path));
        claimed += expected ? 1 : 0;
    }
    QCOMPARE(claimed, 41);
}

void TestTetragonParser::sniffRejectsLookalikes()
{
    // ECS, osquery, laurel and Falco objects must not be claimed.
    QVERIFY(!sniffTetragon("{\"@timestamp\":\"2022-01-01T00:00:00Z\",\"ecs\":{},\"process\":{\"entity_id\":\"x\"}}",
                           {}));
    QVERIFY(!sniffTetragon("{\"hostIdentifier\":\"h\",\"columns\":{\"pid\":\"1\"},\"name\":\"process_events\"}", {}));
    QVERIFY(!sniffTetragon("{\"ID\":\"1:2\",\"SYSCALL\":{},\"EXECVE\":{}}", {}));
    QVERIFY(!sniffTetragon("{\"output\":\"x\",\"rule\":\"r\",\"priority\":\"Notice\"}", {}));
    QVERIFY(!sniffTetragon("{\"process_exec\":\"not an object\"}", {}));
    QVERIFY(!sniffTetragon("type=EXECVE msg=audit(1.2:3): argc=1 a0=\"ls\"", {}));
    QVERIFY(!sniffTetragon("", {}));
    QVERIFY(sniffTetragon("{\"process_exit\":{\"process\":{}},\"node_name\":\"n\"}", {}));
    // First record larger than the sniff window: the first key decides.
    QVERIFY(sniffTetragon("{\"process_exec\":{\"process\":{\"arguments\":\"aaaa", {}));
}

void TestTetragonParser::truncatedLineResynchronises()
{
    const QByteArrayList lines = readLines(samplePath("testdata_events.jsonl"));
    QByteArrayList damaged;
    damaged << lines.at(0).left(300) << lines.at(1) << lines.at(2).left(lines.at(2).size() - 5);
    const Parsed parsed = parse(damaged);
    QCOMPARE(parsed.events.size(), 1);
    QCOMPARE(parsed.events.at(0).line, 2);
    QCOMPARE(parsed.events.at(0).pid, 68862);
    QCOMPARE(parsed.stats.recordsSkipped, 2);
    QCOMPARE(parsed.stats.errors.size(), 2);
    QCOMPARE(parsed.stats.errors.at(0).line, 1);
    QCOMPARE(parsed.stats.errors.at(1).line, 3);
}

void TestTetragonParser::malformedRecordNamesFirstLine()
{
    QByteArrayList lines = readLines(samplePath(kPretty));
    const qsizetype count = lines.size();
    QByteArrayList input;
    input << QByteArray() << "{" << "  \"process_exec\": {" << "    \"process\": {\"pid\": 1,, }" << "  }" << "}";
    input << "not json at all";
    input << "[1, 2, 3]";
    input.append(lines);
    const Parsed parsed = parse(input);
    QCOMPARE(parsed.events.size(), 1);
    QCOMPARE(parsed.events.at(0).line, 9);
    QCOMPARE(parsed.events.at(0).pid, 38313);
    QCOMPARE(parsed.stats.recordsSkipped, 3);
    QCOMPARE(parsed.stats.errors.at(0).line, 2);
    QCOMPARE(parsed.stats.errors.at(1).line, 7);
    QCOMPARE(parsed.stats.errors.at(2).line, 8);
    QVERIFY(count > 10);
}

void TestTetragonParser::oversizeRecordSkipped()
{
    QByteArray huge = "{\"process_exec\":{\"process\":{\"arguments\":\"";
    huge.append(QByteArray(17 * 1024 * 1024, 'a'));
    huge.append("\"}}}");
    QByteArrayList input;
    input << huge << readLines(samplePath("testdata_events.jsonl")).at(0);
    const Parsed parsed = parse(input);
    QCOMPARE(parsed.events.size(), 1);
    QCOMPARE(parsed.events.at(0).line, 2);
    QCOMPARE(parsed.stats.recordsSkipped, 1);
    QCOMPARE(parsed.stats.errors.at(0).line, 1);
    QVERIFY(parsed.stats.errors.at(0).message.contains(QLatin1String("16 MiB")));
}

void TestTetragonParser::crlfAndBracesInStrings()
{
    QByteArrayList input;
    input << "{\r" << "  \"process_exec\": {\r" << "    \"process\": {\"pid\": 5, \"binary\": \"/bin/sh\",\r"
          << "      \"arguments\": \"-c \\\"{ echo }\\\"\", \"exec_id\": \"e}{\"},\r"
          << "    \"parent\": {\"pid\": 4}\r" << "  },\r" << "  \"time\": \"2024-01-01T00:00:00.000000001Z\"\r"
          << "}\r";
    input << "{\"process_exit\":{\"process\":{\"pid\":5,\"exec_id\":\"e}{\"},\"status\":3}}{\"process_kprobe\":{}}";
    const Parsed parsed = parse(input, "fallback-host");
    QCOMPARE(parsed.stats.recordsSkipped, 0);
    QCOMPARE(parsed.stats.recordsRead, 3);
    QCOMPARE(parsed.events.size(), 2);
    const ExecEvent& e = parsed.events.at(0);
    QCOMPARE(e.line, 1);
    QCOMPARE(e.pid, 5);
    QCOMPARE(e.ppid, 4);
    QCOMPARE(e.uid, 0); // omitted = 0
    QCOMPARE(e.guid, QByteArrayLiteral("e}{"));
    QCOMPARE(e.argv, (QList<QByteArray>{"/bin/sh", "-c", "{ echo }"}));
    QCOMPARE(e.timeNs, int64_t(1704067200000000001));
    QCOMPARE(e.host, QByteArrayLiteral("fallback-host"));
    QVERIFY(e.statedContainerId.isEmpty());
    const ExecEvent& x = parsed.events.at(1);
    QCOMPARE(x.kind, EventKind::Exit);
    QCOMPARE(x.line, 9);
    QCOMPARE(x.exitCode, 3);
    QCOMPARE(x.timeNs, 0); // no envelope time: unknown rather than the start time
}

void TestTetragonParser::randomBytesDoNotCrash()
{
    QRandomGenerator random(20240607);
    for (int round = 0; round < 50; ++round)
    {
        QByteArrayList lines;
        for (int i = 0; i < 40; ++i)
        {
            QByteArray line(int(random.bounded(200)), Qt::Uninitialized);
            for (char& c : line)
                c = char(random.bounded(256));
            if (random.bounded(4) == 0)
                line.prepend("{\"process_exec\":{\"process\":");
            lines << line;
        }
        const Parsed parsed = parse(lines);
        QVERIFY(parsed.stats.recordsSkipped >= 0);
        QCOMPARE(parsed.stats.events, parsed.events.size());
    }
    // Sample bytes cut at random places and shuffled.
    const QByteArrayList sample = readLines(samplePath(kPretty));
    for (int round = 0; round < 50; ++round)
    {
        QByteArrayList lines = sample;
        for (QByteArray& line : lines)
            if (random.bounded(5) == 0)
                line.truncate(int(random.bounded(line.size() + 1)));
        std::shuffle(lines.begin(), lines.end(), random);
        const Parsed parsed = parse(lines);
        QCOMPARE(parsed.stats.events, parsed.events.size());
    }
}

QTEST_GUILESS_MAIN(TestTetragonParser)
#include "tst_tetragonparser.moc"
