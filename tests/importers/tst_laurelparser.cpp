// SPDX-License-Identifier: GPL-3.0-or-later
#include "laurelparser.h"
#include "parsertest.h"

#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace ShimScope;
using namespace ShimScope::ParserTest;

namespace
{

Parsed parseLines(const QByteArrayList& lines, const QByteArray& host = QByteArrayLiteral("lab-host"))
{
    return ParserTest::parseLines<LaurelParser>(lines, host);
}

QString labFile(const QString& capture, const char* name)
{
    return QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab/") + capture + QLatin1Char('/') + QLatin1String(name);
}

const ExecEvent* bySerial(const Parsed& parsed, int64_t serial)
{
    for (const ExecEvent& ev : parsed.events) {
        if (ev.serial == serial)
            return &ev;
    }
    return nullptr;
}

} // namespace

class TestLaurelParser : public QObject
{
    Q_OBJECT

private slots:
    void labCaptureMatchesTruth_data();
    void labCaptureMatchesTruth();
    void firstExecOfMainCapture();
    void percentEncodingDecoded();
    void syntheticEvent();
    void failedExecUsesProctitle();
    void largeIntegersExact();
    void hostileInput();
    void randomBytes();
    void sniffMatrix();
};

void TestLaurelParser::labCaptureMatchesTruth_data()
{
    QTest::addColumn<QString>("capture");
    QTest::addColumn<int>("lines");
    QTest::addColumn<int>("execs");
    QTest::addColumn<int>("failed");
    // Counts from tests/data/lab/README.md (laurel section): lines = audit events, execs = truth rows.
    QTest::newRow("main") << QStringLiteral("main") << 974 << 903 << 13;
    QTest::newRow("podman") << QStringLiteral("podman") << 343 << 283 << 0;
    QTest::newRow("debian") << QStringLiteral("debian") << 376 << 352 << 80;
}

void TestLaurelParser::labCaptureMatchesTruth()
{
    QFETCH(QString, capture);
    QFETCH(int, lines);
    QFETCH(int, execs);
    QFETCH(int, failed);

    const QByteArrayList laurelLines = splitLines(readFile(labFile(capture, "laurel.jsonl.gz")));
    QCOMPARE(laurelLines.size(), lines);
    const Parsed parsed = parseLines(laurelLines);
    QCOMPARE(parsed.stats.linesRead, lines);
    QCOMPARE(parsed.stats.recordsRead, lines);
    QCOMPARE(parsed.stats.recordsSkipped, 0);
    QCOMPARE(parsed.stats.incompleteEvents, 0);
    QVERIFY2(parsed.stats.errors.isEmpty(), qPrintable(parsed.stats.errors.value(0).message));
    QCOMPARE(parsed.events.size(), execs);
    QCOMPARE(parsed.stats.events, execs);
    QCOMPARE(parsed.stats.failedExecs, failed);

    QHash<int64_t, const ExecEvent*> events;
    for (const ExecEvent& ev : parsed.events) {
        QVERIFY2(!events.contains(ev.serial), "serial seen twice");
        events.insert(ev.serial, &ev);
    }
    const QByteArrayList truth = splitLines(readFile(labFile(capture, "truth.tsv.gz")));
    QCOMPARE(truth.size(), execs + 1); // header
    int withArgv = 0;
    for (qsizetype i = 1; i < truth.size(); ++i) {
        const QByteArrayList cols = truth.at(i).split('\t');
        QVERIFY(cols.size() >= 7);
        const int64_t serial = cols.at(0).toLongLong();
        const ExecEvent* ev = events.value(serial);
        QVERIFY2(ev, qPrintable(QStringLiteral("serial %1 not emitted").arg(serial)));
        const QByteArray context = "serial " + cols.at(0);
        QVERIFY2(ev->pid == cols.at(2).toLongLong(), context.constData());
        QVERIFY2(ev->ppid == cols.at(3).toLongLong(), context.constData());
        QVERIFY2(ev->exe == cols.at(4), context.constData());
        QVERIFY2(ev->success == (cols.at(6) == "yes"), context.constData());
        // truth time is "sec.msec" as in the audit header
        const QByteArrayList time = cols.at(1).split('.');
        QVERIFY2(ev->timeNs == time.at(0).toLongLong() * 1000000000 + time.at(1).toLongLong() * 1000000,
                 context.constData());
        QVERIFY2(ev->record == cols.at(1) + ':' + cols.at(0), context.constData());
        QVERIFY2(ev->syscall == "execve" || ev->syscall == "execveat", context.constData());
        QVERIFY2(ev->host == "lab-host", context.constData());
        QVERIFY2(ev->line >= 1 && ev->line <= lines, context.constData());
        if (cols.at(5) == "-") {
            // no EXECVE record (failed exec): argv, if any, is the caller's PROCTITLE
            QVERIFY2(ev->argvOrigin != ArgvOrigin::Execve, context.constData());
        } else {
            ++withArgv;
            QVERIFY2(ev->argvOrigin == ArgvOrigin::Execve, context.constData());
            QVERIFY2(!ev->argv.isEmpty() && ev->argv.constFirst() == cols.at(5), context.constData());
        }
    }
    QCOMPARE(withArgv, execs - failed);
}

void TestLaurelParser::firstExecOfMainCapture()
{
    const Parsed parsed = parseLines(splitLines(readFile(labFile(QStringLiteral("main"), "laurel.jsonl.gz"))));
    const ExecEvent* ev = bySerial(parsed, 3546);
    QVERIFY(ev);
    QCOMPARE(ev->line, 16);
    QCOMPARE(ev->record, QByteArrayLiteral("1796319332.100:3546"));
    QCOMPARE(ev->timeNs, int64_t(1796319332100000000));
    QCOMPARE(ev->kind, EventKind::Exec);
    QCOMPARE(ev->syscall, QByteArrayLiteral("execve"));
    QCOMPARE(ev->arch, QByteArrayLiteral("x86_64"));
    QVERIFY(ev->success);
    QCOMPARE(ev->exitCode, 0);
    QCOMPARE(ev->pid, 5912);
    QCOMPARE(ev->ppid, 5903);
    QCOMPARE(ev->uid, 0);
    QCOMPARE(ev->euid, 0);
    QCOMPARE(ev->auid, 0);
    QCOMPARE(ev->ses, 4);
    QCOMPARE(ev->tty, QByteArrayLiteral("(none)"));
    QCOMPARE(ev->comm, QByteArrayLiteral("auditctl"));
    QCOMPARE(ev->exe, QByteArrayLiteral("/usr/sbin/auditctl"));
    QCOMPARE(ev->key, QByteArrayLiteral("exec"));
    QCOMPARE(ev->cwd, QByteArrayLiteral("/tmp/shimlab/state"));
    QCOMPARE(ev->path, QByteArrayLiteral("/usr/sbin/auditctl"));
    QCOMPARE(ev->dev, QByteArrayLiteral("fe:00"));
    QCOMPARE(ev->inode, 1048609);
    const QList<QByteArray> argv = {"auditctl", "-a", "always,exit", "-F", "arch=b32", "-S", "execve,execveat", "-k",
                                    "exec"};
    QCOMPARE(ev->argv, argv);
    QCOMPARE(ev->argvOrigin, ArgvOrigin::Execve);
    QVERIFY(!ev->argvTruncated);
}

void TestLaurelParser::percentEncodingDecoded()
{
    // laurel writes '%' and '+' as %25 / %2b; the raw audit log has a3=".../00-dmsetup_2%3a1.02…" and a7="+30".
    const Parsed debian = parseLines(splitLines(readFile(labFile(QStringLiteral("debian"), "laurel.jsonl.gz"))));
    const ExecEvent* ev = bySerial(debian, 2701);
    QVERIFY(ev);
    QCOMPARE(ev->argv.size(), 4);
    QCOMPARE(ev->argv.at(3), QByteArrayLiteral("/tmp/apt-dpkg-install-5364ii/00-dmsetup_2%3a1.02.185-2_amd64.deb"));
    const Parsed main = parseLines(splitLines(readFile(labFile(QStringLiteral("main"), "laurel.jsonl.gz"))));
    ev = bySerial(main, 3584);
    QVERIFY(ev);
    QCOMPARE(ev->argv, (QList<QByteArray>{"find", "/var/log", "-maxdepth", "1", "-name", "*.log", "-mtime", "+30",
                                          "-print"}));
}

void TestLaurelParser::syntheticEvent()
{
    // Non-printable and non-ASCII bytes are %XX in laurel output; a '%' not followed by two hex digits is literal.
    const QByteArray line =
        R"({"ID":"1700000000.5:77","NODE":"web-1","SYSCALL":{"arch":"0xc00000b7","syscall":281,"success":"yes",)"
        R"("exit":0,"items":1,"ppid":10,"pid":11,"auid":1000,"uid":1000,"euid":0,"ses":3,"tty":"pts1","comm":"a%20b",)"
        R"("exe":"/usr/bin/x%e2%82%ac","key":["k1","k2"]},"EXECVE":{"argc":5,"ARGV":["x","a%0ab","100%","%zz",""]},)"
        R"("CWD":{"cwd":"/tmp/a%20b"},"PATH":[{"item":1,"name":"/lib/ld.so","inode":5,"dev":"08:01"},)"
        R"({"item":0,"name":"./x","inode":4,"dev":"00:2f"}]})";
    const Parsed parsed = parseLines({line}, QByteArrayLiteral("default"));
    QCOMPARE(parsed.events.size(), 1);
    const ExecEvent& ev = parsed.events.constFirst();
    QCOMPARE(ev.host, QByteArrayLiteral("web-1"));
    QCOMPARE(ev.timeNs, int64_t(1700000000500000000));
    QCOMPARE(ev.serial, 77);
    QCOMPARE(ev.syscall, QByteArrayLiteral("execveat")); // 281 on aarch64
    QCOMPARE(ev.arch, QByteArrayLiteral("aarch64"));
    QCOMPARE(ev.euid, 0);
    QCOMPARE(ev.uid, 1000);
    QCOMPARE(ev.comm, QByteArrayLiteral("a b"));
    QCOMPARE(ev.exe, QByteArrayLiteral("/usr/bin/x\xe2\x82\xac"));
    QCOMPARE(ev.key, QByteArrayLiteral("k1\x01k2"));
    QCOMPARE(ev.argv, (QList<QByteArray>{"x", "a\nb", "100%", "%zz", ""}));
    QCOMPARE(ev.cwd, QByteArrayLiteral("/tmp/a b"));
    QCOMPARE(ev.path, QByteArrayLiteral("./x"));
    QCOMPARE(ev.dev, QByteArrayLiteral("00:2f"));
    QCOMPARE(ev.inode, 4);

    // Non-exec syscalls and user-space records are read, not emitted; argc above ARGV is flagged.
    const QByteArray other = R"({"ID":"1700000001.000:78","SYSCALL":{"arch":"0xc000003e","syscall":44,"pid":1}})";
    const QByteArray login = R"({"ID":"1700000001.000:79","LOGIN":[{"pid":1}]})";
    const QByteArray shortArgv = R"({"ID":"1700000001.000:80","SYSCALL":{"arch":"0xc000003e","syscall":59,)"
                                 R"("success":"yes","pid":2},"EXECVE":{"argc":3,"ARGV":["a"]}})";
    const Parsed more = parseLines({other, login, shortArgv});
    QCOMPARE(more.stats.recordsRead, 3);
    QCOMPARE(more.stats.recordsSkipped, 0);
    QCOMPARE(more.events.size(), 1);
    QCOMPARE(more.events.constFirst().syscall, QByteArrayLiteral("execve")); // from the x86_64 number
    QCOMPARE(more.events.constFirst().host, QByteArrayLiteral("lab-host"));
    QVERIFY(more.events.constFirst().argvTruncated);
    QCOMPARE(more.stats.incompleteEvents, 1);
    QCOMPARE(more.stats.errors.size(), 1);
    QCOMPARE(more.stats.errors.constFirst().line, 3);
}

void TestLaurelParser::failedExecUsesProctitle()
{
    const Parsed parsed = parseLines(splitLines(readFile(labFile(QStringLiteral("debian"), "laurel.jsonl.gz"))));
    const ExecEvent* ev = bySerial(parsed, 2700);
    QVERIFY(ev);
    QVERIFY(!ev->success);
    QCOMPARE(ev->exitCode, -2);
    QCOMPARE(ev->pid, 4661);
    QCOMPARE(ev->auid, int64_t(4294967295));
    QCOMPARE(ev->tty, QByteArrayLiteral("pts0"));
    QCOMPARE(ev->path, QByteArrayLiteral("/usr/sbin/dpkg-split"));
    QCOMPARE(ev->argvOrigin, ArgvOrigin::Proctitle);
    QCOMPARE(ev->argv.constFirst(), QByteArrayLiteral("/usr/bin/dpkg"));
    QCOMPARE(ev->argv.size(), 8);
}

void TestLaurelParser::largeIntegersExact()
{
    // Qt 6 keeps JSON integers as qint64: no rounding through double above 2^53.
    const QJsonDocument doc = QJsonDocument::fromJson(R"({"a":9007199254740993,"b":9223372036854775807})");
    QCOMPARE(doc.object().value(QLatin1String("a")).toInteger(), Q_INT64_C(9007199254740993));
    QCOMPARE(doc.object().value(QLatin1String("b")).toInteger(), std::numeric_limits<qint64>::max());
    const QByteArray line = R"({"ID":"1700000000.000:1","SYSCALL":{"SYSCALL":"execve","success":"yes",)"
                            R"("pid":9007199254740993,"ppid":"9007199254740995","auid":4294967295},)"
                            R"("PATH":[{"item":0,"inode":18446744073709551615}]})";
    const Parsed parsed = parseLines({line});
    QCOMPARE(parsed.events.size(), 1);
    QCOMPARE(parsed.events.constFirst().pid, Q_INT64_C(9007199254740993));
    QCOMPARE(parsed.events.constFirst().ppid, Q_INT64_C(9007199254740995));
    QCOMPARE(parsed.events.constFirst().auid, Q_INT64_C(4294967295));
    QCOMPARE(parsed.events.constFirst().inode, kUnknownId); // beyond int64: not guessed
}

void TestLaurelParser::hostileInput()
{
    const QByteArrayList lines = {
        "",
        "# comment",
        "not json at all",
        R"({"ID":"1700000000.000:1","SYSCALL":{)",                         // cut
        R"({"ID":"garbage","SYSCALL":{"SYSCALL":"execve"}})",              // bad ID
        R"({"ID":"1.2:3:4","SYSCALL":{"SYSCALL":"execve"}})",               // bad ID
        R"([1,2,3])",                                                      // not an object
        R"({"ID":"1700000000.000:2","SYSCALL":"execve"})",                 // SYSCALL not an object: no exec
        R"({"ID":"1700000000.000:3","SYSCALL":{"SYSCALL":"execve","pid":"x","EXECVE":5},"EXECVE":[1],"PATH":{}})",
        QByteArray(100000, '{'),
        "{\"ID\":\"1700000000.000:4\",\"SYSCALL\":{\"SYSCALL\":\"execve\",\"pid\":5}}\r",
    };
    const Parsed parsed = parseLines(lines);
    QCOMPARE(parsed.events.size(), 2);
    QCOMPARE(parsed.events.at(0).pid, kUnknownId);
    QCOMPARE(parsed.events.at(1).pid, 5);
    QCOMPARE(parsed.events.at(1).line, 11);
    QCOMPARE(parsed.stats.recordsSkipped, 6);
    QCOMPARE(parsed.stats.errors.size(), 6);
    const QList<int64_t> expectedLines = {3, 4, 5, 6, 7, 10};
    for (qsizetype i = 0; i < expectedLines.size(); ++i)
        QCOMPARE(parsed.stats.errors.at(i).line, expectedLines.at(i));
}

void TestLaurelParser::randomBytes()
{
    QRandomGenerator rng(4242);
    for (int round = 0; round < 50; ++round) {
        QByteArray blob(4096, Qt::Uninitialized);
        for (char& c : blob)
            c = char(rng.bounded(256));
        if (round % 2)
            blob.prepend(R"({"ID":"1700000000.000:1","SYSCALL":{"SYSCALL":"execve","EXECVE":)");
        const Parsed parsed = parseLines(blob.split('\n'));
        QVERIFY(parsed.stats.linesRead > 0);
    }
}

void TestLaurelParser::sniffMatrix()
{
    QStringList files;
    QDirIterator it(QStringLiteral(SHIMSCOPE_SAMPLES_DIR), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    for (const char* capture : {"main", "podman", "debian"}) {
        files.append(labFile(QLatin1String(capture), "audit.log.gz"));
        files.append(labFile(QLatin1String(capture), "laurel.jsonl.gz"));
    }
    int claimed = 0;
    for (const QString& file : std::as_const(files)) {
        const QByteArray head = ParserTest::head(file);
        const bool expected = file.endsWith(QLatin1String("laurel.jsonl.gz"));
        QVERIFY2(sniffLaurel(head, file) == expected, qPrintable(file));
        claimed += expected ? 1 : 0;
    }
    QCOMPARE(claimed, 3);
    QVERIFY(files.size() > 60);
    // Cut in the middle of the first line (64 KiB limit) still sniffs; an auditd line does not.
    const QByteArray text1 = R"({"ID":"1796319332.100:3545","SYSC)";
    QVERIFY(sniffLaurel(text1, QString()));
    QVERIFY(!sniffLaurel("type=SYSCALL msg=audit(1796319332.100:3545): arch=c000003e", QString()));
    const QByteArray text2 = R"({"ID":"abc"})";
    QVERIFY(!sniffLaurel(text2, QString()));
    QVERIFY(!sniffLaurel("", QString()));
}

QTEST_GUILESS_MAIN(TestLaurelParser)
#include "tst_laurelparser.moc"
