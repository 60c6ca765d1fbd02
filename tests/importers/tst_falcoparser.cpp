// SPDX-License-Identifier: GPL-3.0-or-later
#include "parsertest.h"
#include "falcoparser.h"

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
    return QStringLiteral(SHIMSCOPE_SAMPLES_DIR "/falco/") + QString::fromLatin1(name);
}

Parsed parse(const QByteArrayList& lines, const QByteArray& defaultHost = QByteArrayLiteral("testhost"))
{
    return parseLines<FalcoParser>(lines, defaultHost);
}

const char kFirst8[] = "elastic-integrations_test-falco_first8.jsonl";
const char kLast2[] = "elastic-integrations_test-falco_last2.jsonl";

} // namespace

class TestFalcoParser : public QObject
{
    Q_OBJECT

private slots:
    void sampleCounts();
    void fileOpenAlertInContainer();
    void fullIdAndImage();
    void shellSpawn();
    void kubernetesAlert();
    void newStyleAlertWithoutFields();
    void integerTimeKeepsNanoseconds();
    void hostProcessAndPids();
    void allSampleFilesParse();
    void sniffMatrix();
    void sniffRejectsLookalikes();
    void hostileInput();
};

void TestFalcoParser::sampleCounts()
{
    const Parsed first = parse(readLines(samplePath(kFirst8)));
    QCOMPARE(first.events.size(), 8);
    QCOMPARE(first.stats.recordsRead, 8);
    QCOMPARE(first.stats.recordsSkipped, 0);
    const Parsed last = parse(readLines(samplePath(kLast2)));
    QCOMPARE(last.events.size(), 2);
    QCOMPARE(last.stats.recordsSkipped, 0);
}

void TestFalcoParser::fileOpenAlertInContainer()
{
    const Parsed parsed = parse(readLines(samplePath(kFirst8)));
    const ExecEvent& e = parsed.events.at(0);
    QCOMPARE(e.line, 1);
    QCOMPARE(e.kind, EventKind::Exec);
    QCOMPARE(e.syscall, QByteArrayLiteral("openat")); // a sighting, not an exec
    QCOMPARE(e.timeNs, int64_t(1715108059341081180));
    QCOMPARE(e.host, QByteArrayLiteral("97ade2b595f0"));
    QVERIFY(e.record.isEmpty()); // no uuid in this version
    QCOMPARE(e.pid, kUnknownId);  // default rules do not output proc.pid
    QCOMPARE(e.ppid, kUnknownId);
    QCOMPARE(e.exe, QByteArrayLiteral("/bin/event-generator"));
    QCOMPARE(e.comm, QByteArrayLiteral("event-generator"));
    // proc.cmdline = proc.name + args; no proc.exe, so argv[0] is the comm.
    QCOMPARE(e.argv, (QList<QByteArray>{"event-generator", "run", "--loop"}));
    QCOMPARE(e.userName, QByteArrayLiteral("root"));
    QCOMPARE(e.uid, 0);
    QCOMPARE(e.auid, 4294967295); // loginuid -1 = unset
    QCOMPARE(e.statedContainerId, QByteArrayLiteral("9656db3bb358"));
    QCOMPARE(e.statedContainerSource, QByteArrayLiteral("falco container.id"));
    QCOMPARE(e.statedContainerName, QByteArrayLiteral("elastic-package-service-falco-event-generator-1"));
    QVERIFY(e.statedImage.isEmpty());
    QCOMPARE(parsed.events.at(1).syscall, QByteArrayLiteral("execve"));
    QCOMPARE(parsed.events.at(1).uid, 2);
    QCOMPARE(parsed.events.at(1).userName, QByteArrayLiteral("daemon"));
    QCOMPARE(parsed.events.at(1).exe, QByteArrayLiteral("/bin/busybox"));
    QCOMPARE(parsed.events.at(1).argv, (QList<QByteArray>{"login"}));
}

void TestFalcoParser::fullIdAndImage()
{
    const Parsed parsed = parse(readLines(samplePath(kFirst8)));
    const ExecEvent& e = parsed.events.at(2);
    QCOMPARE(e.line, 3);
    QCOMPARE(e.statedContainerId,
             QByteArrayLiteral("9656db3bb3588e7b23da7d48fe889434573036c27ae5a74837233de441c3601e"));
    QCOMPARE(e.statedContainerSource, QByteArrayLiteral("falco container.full_id"));
    QCOMPARE(e.statedImage, QByteArrayLiteral("falcosecurity/event-generator:0.10.0"));
    QCOMPARE(e.argv, (QList<QByteArray>{"httpd", "--loglevel", "info", "run", "^syscall.ReadSensitiveFileUntrusted$",
                                        "--sleep", "6s"}));
    QCOMPARE(e.exe, QByteArrayLiteral("/bin/event-generator"));
}

void TestFalcoParser::shellSpawn()
{
    const Parsed parsed = parse(readLines(samplePath(kFirst8)));
    const ExecEvent& e = parsed.events.at(3);
    QCOMPARE(e.line, 4);
    QCOMPARE(e.syscall, QByteArrayLiteral("execve"));
    QCOMPARE(e.exe, QByteArrayLiteral("/bin/bash"));
    // The real argv was {bash, -c, "ls > /dev/null"}: Falco joins without quoting, so it cannot be recovered.
    QCOMPARE(e.argv, (QList<QByteArray>{"bash", "-c", "ls", ">", "/dev/null"}));
    QCOMPARE(e.timeNs, int64_t(1715108067767673017));
    const ExecEvent& later = parsed.events.at(6);
    QCOMPARE(later.host, QByteArrayLiteral("a2000de987ff"));
    QCOMPARE(later.statedContainerId, QByteArrayLiteral("84c0b936c919"));
    QCOMPARE(later.timeNs, int64_t(1715606607021777225));
}

void TestFalcoParser::kubernetesAlert()
{
    const Parsed parsed = parse(readLines(samplePath(kLast2)));
    const ExecEvent& e = parsed.events.at(0);
    QCOMPARE(e.line, 1);
    QCOMPARE(e.record, QByteArrayLiteral("7466e462-ddde-434d-8dee-390ca5656f83"));
    QCOMPARE(e.host, QByteArrayLiteral("cluster-1-default-pool-131bf483-7km9"));
    // `time` has the exact ns; output_fields evt.time (1724880904518808600) went through a double upstream.
    QCOMPARE(e.timeNs, int64_t(1724880904518808525));
    QCOMPARE(e.syscall, QByteArrayLiteral("execve"));
    QCOMPARE(e.exe, QByteArrayLiteral("/bin/sh"));
    QCOMPARE(e.argv, (QList<QByteArray>{"sh"}));
    QCOMPARE(e.statedContainerId, QByteArrayLiteral("8645a7a530c3"));
    QCOMPARE(e.statedContainerName, QByteArrayLiteral("default/debug/debug"));
    QCOMPARE(e.statedImage, QByteArrayLiteral("docker.io/library/busybox:latest"));
}

void TestFalcoParser::newStyleAlertWithoutFields()
{
    const Parsed parsed = parse(readLines(samplePath(kLast2)));
    const ExecEvent& e = parsed.events.at(1);
    QCOMPARE(e.line, 2);
    QCOMPARE(e.record, QByteArrayLiteral("b791cbf1-245e-4574-9b91-f8f22a3bcbff"));
    QCOMPARE(e.host, QByteArrayLiteral("minikube"));
    QCOMPARE(e.timeNs, int64_t(1764940352137915184));
    // output_fields only carries evt_time: nothing else is stated (the output text is not parsed).
    QVERIFY(e.syscall.isEmpty());
    QVERIFY(e.exe.isEmpty());
    QVERIFY(e.argv.isEmpty());
    QVERIFY(e.statedContainerId.isEmpty());
    QCOMPARE(e.pid, kUnknownId);
}

void TestFalcoParser::integerTimeKeepsNanoseconds()
{
    const Parsed parsed = parse({
        "{\"output\":\"x\",\"rule\":\"r\",\"priority\":\"Notice\",\"output_fields\":"
        "{\"evt.time\":1724880904518808600}}",
        "{\"output\":\"x\",\"rule\":\"r\",\"priority\":\"Notice\",\"output_fields\":"
        "{\"evt_time\":1764940352137915184}}",
        "{\"output\":\"x\",\"rule\":\"r\",\"priority\":\"Notice\",\"output_fields\":"
        "{\"evt.time.iso8601\":9223372036854775807}}",
    });
    QCOMPARE(parsed.events.size(), 3);
    QCOMPARE(parsed.events.at(0).timeNs, int64_t(1724880904518808600));
    QCOMPARE(parsed.events.at(1).timeNs, int64_t(1764940352137915184));
    QCOMPARE(parsed.events.at(2).timeNs, std::numeric_limits<int64_t>::max());
    QCOMPARE(parsed.events.at(0).host, QByteArrayLiteral("testhost"));
}

void TestFalcoParser::hostProcessAndPids()
{
    const Parsed parsed = parse({
        "{\"output\":\"x\",\"rule\":\"r\",\"priority\":\"Notice\",\"time\":\"2024-01-01T00:00:00.5Z\","
        "\"output_fields\":"
        "{\"container.id\":\"host\",\"container.name\":\"host\",\"proc.pid\":4242,\"proc.ppid\":1,\"proc.exe\":\"sh\","
        "\"proc.name\":\"sh\",\"proc.cmdline\":\"sh -c id\",\"proc.cwd\":\"/root/\",\"user.loginuid\":1000,"
        "\"evt.type\":\"execve\"}}",
    });
    QCOMPARE(parsed.events.size(), 1);
    const ExecEvent& e = parsed.events.at(0);
    QCOMPARE(e.pid, 4242);
    QCOMPARE(e.ppid, 1);
    QCOMPARE(e.exe, QByteArrayLiteral("sh")); // proc.exe (argv[0]) when proc.exepath is missing
    QCOMPARE(e.argv, (QList<QByteArray>{"sh", "-c", "id"}));
    QCOMPARE(e.cwd, QByteArrayLiteral("/root/"));
    QCOMPARE(e.auid, 1000);
    QCOMPARE(e.timeNs, int64_t(1704067200500000000));
    QVERIFY(e.statedContainerId.isEmpty()); // "host" is not a container
    QVERIFY(e.statedContainerName.isEmpty());
}

void TestFalcoParser::allSampleFilesParse()
{
    int files = 0;
    for (const auto& [folder, path] : allSampleFiles())
    {
        if (folder != QLatin1String("falco"))
            continue;
        ++files;
        const QByteArrayList lines = readLines(path);
        const Parsed parsed = parse(lines);
        QCOMPARE(parsed.stats.recordsSkipped, 0);
        QCOMPARE(parsed.events.size(), lines.size()); // one alert per line
        for (const ExecEvent& e : parsed.events)
        {
            QVERIFY(e.timeNs > 1700000000000000000);
            QVERIFY(!e.host.isEmpty());
        }
    }
    QCOMPARE(files, 2);
}

void TestFalcoParser::sniffMatrix()
{
    for (const auto& [folder, path] : allSampleFiles())
        QVERIFY2(sniffFalco(head(path), path) == (folder == QLatin1String("falco")), qPrintable(path));
}

void TestFalcoParser::sniffRejectsLookalikes()
{
    QVERIFY(!sniffFalco("{\"process_exec\":{\"process\":{}},\"node_name\":\"n\"}", {}));
    QVERIFY(!sniffFalco("{\"@timestamp\":\"x\",\"ecs\":{},\"rule\":{\"name\":\"r\"},\"message\":\"m\"}", {}));
    QVERIFY(!sniffFalco("{\"output\":\"x\",\"rule\":\"r\"}", {}));
    QVERIFY(!sniffFalco("output rule priority", {}));
    QVERIFY(sniffFalco("{\"priority\":\"Notice\",\"rule\":\"r\",\"output\":\"x\"}", {}));
}

void TestFalcoParser::hostileInput()
{
    QByteArrayList lines = readLines(samplePath(kLast2));
    QByteArrayList input;
    input << lines.at(0).left(200)                       // cut alert
          << "{\"rule\":\"r\",\"output\":\"x\",}"        // malformed
          << "{\"unrelated\":1}"                         // JSON, but not an alert
          << lines.at(1);
    const Parsed parsed = parse(input);
    QCOMPARE(parsed.events.size(), 1);
    QCOMPARE(parsed.events.at(0).line, 4);
    QCOMPARE(parsed.stats.recordsSkipped, 3);
    QCOMPARE(parsed.stats.errors.at(0).line, 1);
    QCOMPARE(parsed.stats.errors.at(1).line, 2);
    QCOMPARE(parsed.stats.errors.at(2).line, 3);

    QRandomGenerator random(777);
    for (int round = 0; round < 50; ++round)
    {
        QByteArrayList noise;
        for (int i = 0; i < 40; ++i)
        {
            QByteArray line(int(random.bounded(200)), Qt::Uninitialized);
            for (char& c : line)
                c = char(random.bounded(256));
            if (random.bounded(3) == 0)
                line.prepend("{\"rule\":\"r\",\"output\":\"");
            noise << line;
        }
        const Parsed garbage = parse(noise);
        QCOMPARE(garbage.stats.events, garbage.events.size());
    }
}

QTEST_GUILESS_MAIN(TestFalcoParser)
#include "tst_falcoparser.moc"
