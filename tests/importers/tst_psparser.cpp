// SPDX-License-Identifier: GPL-3.0-or-later
// PsParser: ps snapshots of the lab captures (ps -eo lstart, ps auxww, bundle live/ps.txt), synthetic -ef/--forest/
// aux/-eo variants, snapshot-time resolution, a sniff matrix over every sample and lab file, and hostile input.

#include "execsnoopparser.h"
#include "logparser.h"
#include "parsertest.h"
#include "psparser.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace ShimScope;
using namespace ShimScope::ParserTest;

namespace
{

const QString kLab = QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab");
constexpr int64_t kNs = 1000000000;

Parsed parse(const QByteArray& text)
{
    return parseLines<PsParser>(splitLines(text), QByteArrayLiteral("labvm"));
}

bool run(const QString& program, const QStringList& args, QByteArray* output = nullptr)
{
    QProcess proc;
    proc.start(program, args);
    if (!proc.waitForFinished(60000) || proc.exitStatus() != QProcess::NormalExit || proc.exitCode() != 0)
        return false;
    if (output)
        *output = proc.readAllStandardOutput();
    return true;
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

int rowCount(const QByteArray& text)
{
    // every non-empty line except the header
    int rows = 0;
    for (const QByteArray& line : text.split('\n'))
    {
        if (!line.trimmed().isEmpty())
            ++rows;
    }
    return rows - 1;
}

QList<QByteArray> words(const char* text)
{
    return QByteArray(text).split(' ');
}

} // namespace

class TestPsParser : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString snap(const QString& capture, const QString& step, const QString& file) const
    {
        return m_dir.filePath(capture + QStringLiteral("/snap/") + step + QLatin1Char('/') + file);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const QString& capture : {QStringLiteral("main"), QStringLiteral("podman"), QStringLiteral("debian")})
        {
            QVERIFY(QDir(m_dir.path()).mkpath(capture));
            QVERIFY(run(QStringLiteral("tar"), {QStringLiteral("-xzf"), kLab + u'/' + capture + u"/snapshots.tar.gz",
                                                QStringLiteral("-C"), m_dir.filePath(capture)}));
        }
    }

    // ps -eo pid,ppid,user,lstart,args from scenario b: the shim and the container's entrypoint.
    void labPsEo()
    {
        const QByteArray text = readFile(snap(QStringLiteral("main"), QStringLiteral("173545-b"),
                                              QStringLiteral("ps-eo.txt")));
        const Parsed r = parse(text);
        QCOMPARE(r.stats.recordsSkipped, 0);
        QCOMPARE(r.events.size(), 87);
        QCOMPARE(r.stats.events, 87);

        const ExecEvent* shim = byPid(r, 6007);
        QVERIFY(shim);
        QCOMPARE(shim->kind, EventKind::Snapshot);
        QCOMPARE(shim->ppid, 1);
        QCOMPARE(shim->userName, QByteArray("root"));
        QCOMPARE(shim->uid, kUnknownId);
        QCOMPARE(shim->startTimeNs, 1796319335 * kNs); // Thu Dec  3 17:35:35 2026 UTC
        QCOMPARE(shim->timeNs, shim->startTimeNs);     // no snapshot time in the file
        QCOMPARE(shim->argv, words("/usr/bin/containerd-shim-runc-v2 -namespace moby -id "
                                   "2fe5bf26fd899a7280b1b37d28083c70db3ed4a4adde1975e6ae989c2587c29c "
                                   "-address /run/containerd/containerd.sock"));
        QVERIFY(shim->exe.isEmpty());
        QCOMPARE(shim->host, QByteArray("labvm"));
        QCOMPARE(shim->line, 66);

        // The container's entrypoint (docker run -d … sh -c 'while true; do sleep 3; done'): quoting is lost.
        const ExecEvent* entry = byPid(r, 6027);
        QVERIFY(entry);
        QCOMPARE(entry->ppid, 6007);
        QCOMPARE(entry->argv, words("sh -c while true; do sleep 3; done"));
        const ExecEvent* sleep = byPid(r, 6480);
        QVERIFY(sleep);
        QCOMPARE(sleep->ppid, 6027);
        QCOMPARE(sleep->argv, words("sleep 3"));

        const ExecEvent* kthreadd = byPid(r, 2);
        QVERIFY(kthreadd);
        QCOMPARE(kthreadd->comm, QByteArray("[kthreadd]"));
        QVERIFY(kthreadd->argv.isEmpty());
        QCOMPARE(kthreadd->ppid, 0);

        const ExecEvent* init = byPid(r, 1);
        QVERIFY(init);
        QCOMPARE(init->argv.first(), QByteArray("/process_api"));
        QCOMPARE(init->startTimeNs, (1796319335 - (17 * 3600 + 35 * 60 + 35) + (16 * 3600 + 48 * 60 + 36)) * kNs);
    }

    // ps auxww of the same moment: no PPID, START only as HH:MM (unresolvable without a snapshot time).
    void labPsAuxww()
    {
        const QByteArray text = readFile(snap(QStringLiteral("main"), QStringLiteral("173545-b"),
                                              QStringLiteral("ps-auxww.txt")));
        const Parsed r = parse(text);
        QCOMPARE(r.stats.recordsSkipped, 0);
        QCOMPARE(r.events.size(), 87);
        const ExecEvent* shim = byPid(r, 6007);
        QVERIFY(shim);
        QCOMPARE(shim->ppid, kUnknownId);
        QCOMPARE(shim->userName, QByteArray("root"));
        QVERIFY(shim->tty.isEmpty());
        QCOMPARE(shim->startTimeNs, 0);
        QCOMPARE(shim->timeNs, 0);
        QCOMPARE(shim->argv.size(), 7);
        QCOMPARE(shim->argv.at(0), QByteArray("/usr/bin/containerd-shim-runc-v2"));
        const ExecEvent* entry = byPid(r, 6027);
        QVERIFY(entry);
        QCOMPARE(entry->argv, words("sh -c while true; do sleep 3; done"));
    }

    // Every ps file of every capture: no skipped row, one event per row, and the -eo and auxww views of one
    // snapshot agree on the pid set except for the ps processes themselves.
    void allLabSnapshots()
    {
        int files = 0;
        int64_t total = 0;
        QDirIterator it(m_dir.path(), {QStringLiteral("ps-eo.txt")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
        {
            const QString eoPath = it.next();
            const QByteArray eoText = readFile(eoPath);
            const QByteArray auxText = readFile(QFileInfo(eoPath).dir().filePath(QStringLiteral("ps-auxww.txt")));
            QVERIFY(sniffPs(eoText.left(65536), eoPath));
            QVERIFY(sniffPs(auxText.left(65536), eoPath));
            const Parsed eo = parse(eoText);
            const Parsed aux = parse(auxText);
            QCOMPARE(eo.stats.recordsSkipped, 0);
            QCOMPARE(aux.stats.recordsSkipped, 0);
            QCOMPARE(eo.events.size(), rowCount(eoText));
            QCOMPARE(aux.events.size(), rowCount(auxText));
            int common = 0;
            for (const ExecEvent& ev : eo.events)
            {
                QVERIFY(ev.pid >= 1);
                QVERIFY(ev.ppid >= 0);
                QVERIFY(ev.startTimeNs > 1796300000 * kNs && ev.startTimeNs < 1796330000 * kNs);
                QVERIFY(!ev.argv.isEmpty() || ev.comm.startsWith('['));
                if (const ExecEvent* other = byPid(aux, ev.pid))
                {
                    ++common;
                    if (!ev.argv.isEmpty() && ev.argv.first() != "ps")
                        QCOMPARE(other->argv, ev.argv);
                }
            }
            QVERIFY2(common >= eo.events.size() - 2, qPrintable(eoPath));
            ++files;
            total += eo.events.size() + aux.events.size();
        }
        QCOMPARE(files, 12);
        qInfo("ps files: %d snapshot dirs, %lld rows", files, static_cast<long long>(total));
    }

    // live/ps.txt of each bundle (ps auxww): parses fully; a container process of the bundle's scenario is there.
    void bundles()
    {
        const QList<std::pair<QString, QByteArray>> bundles = {
            {QStringLiteral("main/bundle-b-docker-exec.zip"), QByteArray("containerd-shim-runc-v2")},
            {QStringLiteral("main/bundle-c-redtail.zip"), QByteArray("containerd-shim-runc-v2")},
            {QStringLiteral("main/bundle-f-runc.zip"), QByteArray()},
            {QStringLiteral("podman/bundle-h-podman.zip"), QByteArray("conmon")},
            // the --rm apt container had exited when this snapshot was taken: only the engine is left
            {QStringLiteral("debian/bundle-k-debian-apt.zip"), QByteArray("/usr/sbin/dockerd")},
        };
        for (const auto& [zip, needle] : bundles)
        {
            QByteArray text;
            const QStringList args = {QStringLiteral("-p"), kLab + u'/' + zip, QStringLiteral("live/ps.txt")};
            QVERIFY(run(QStringLiteral("unzip"), args, &text));
            QVERIFY2(sniffPs(text.left(65536), QStringLiteral("ps.txt")), qPrintable(zip));
            const Parsed r = parse(text);
            QCOMPARE(r.stats.recordsSkipped, 0);
            QCOMPARE(r.events.size(), rowCount(text));
            if (!needle.isEmpty())
            {
                bool found = false;
                for (const ExecEvent& ev : r.events)
                    found = found || (!ev.argv.isEmpty() && ev.argv.first().endsWith(needle));
                QVERIFY2(found, qPrintable(zip));
            }
            qInfo("%s live/ps.txt: %lld events", qPrintable(zip), static_cast<long long>(r.stats.events));
        }
    }

    // ps -ef --forest with a stated snapshot time: tree marks stripped, STIME resolved against the snapshot.
    void forestAndSnapshotTime()
    {
        const QByteArray text = "Thu Dec  3 17:35:45 UTC 2026\n"
                                "UID          PID    PPID  C STIME TTY          TIME CMD\n"
                                "root           2       0  0 16:48 ?        00:00:00 [kthreadd]\n"
                                "root       29272       1  0 Dec02 ?        00:00:01 containerd\n"
                                "root        6007       1  0 17:35 ?        00:00:00 /usr/bin/containerd-shim-runc-v2 "
                                "-namespace moby\n"
                                "root        6027    6007  0 17:35 ?        00:00:00  \\_ sh -c while true\n"
                                "root        6480    6027  0 17:35 ?        00:00:00  |   \\_ sleep 3\n"
                                "1000        7001    6480  0 18:00 pts/0    00:00:00      \\_ bash\n"
                                "root        7002       1  0 2025  ?        00:00:00 [sh] <defunct>\n";
        QVERIFY(sniffPs(text, QString()));
        const Parsed r = parse(text);
        QCOMPARE(r.stats.recordsSkipped, 0);
        QCOMPARE(r.events.size(), 7);
        const int64_t snapNs = 1796319345 * kNs; // 2026-12-03 17:35:45 UTC
        const int64_t midnight = (1796319345 - (17 * 3600 + 35 * 60 + 45)) * kNs;
        for (const ExecEvent& ev : r.events)
            QCOMPARE(ev.timeNs, snapNs);
        QCOMPARE(byPid(r, 2)->startTimeNs, midnight + (16 * 3600 + 48 * 60) * kNs);
        QCOMPARE(byPid(r, 29272)->startTimeNs, midnight - 86400 * kNs); // Dec02 00:00
        QCOMPARE(byPid(r, 6027)->argv, words("sh -c while true"));
        QCOMPARE(byPid(r, 6480)->argv, words("sleep 3"));
        QCOMPARE(byPid(r, 7001)->argv, words("bash"));
        QCOMPARE(byPid(r, 7001)->uid, 1000);
        QVERIFY(byPid(r, 7001)->userName.isEmpty());
        QCOMPARE(byPid(r, 7001)->tty, QByteArray("pts/0"));
        QCOMPARE(byPid(r, 7001)->startTimeNs, midnight - 86400 * kNs + 18 * 3600 * kNs); // later than snap: yesterday
        QCOMPARE(byPid(r, 7002)->comm, QByteArray("[sh] <defunct>"));
        QCOMPARE(byPid(r, 7002)->startTimeNs, 0); // a bare year is too coarse
    }

    // Any column order; COMMAND not last is one word (comm); ps auxf tree marks; STARTED in `start` forms.
    void columnOrders()
    {
        const QByteArray eo = "COMMAND            PID USER     TT       STAT  PPID\n"
                              "bash              1194 root     pts/1    Ss    1193\n";
        Parsed r = parse(eo);
        QCOMPARE(r.events.size(), 1);
        QCOMPARE(r.events[0].comm, QByteArray("bash"));
        QCOMPARE(r.events[0].ppid, 1193);
        QCOMPARE(r.events[0].tty, QByteArray("pts/1"));
        QVERIFY(r.events[0].argv.isEmpty());

        const QByteArray auxf = "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n"
                                "root        5903  0.0  0.0   7000  3000 ?        S    17:35   0:00 bash run.sh\n"
                                "root        6558  0.0  0.0   9000  3000 ?        R    17:35   0:00  \\_ ps auxf\n";
        r = parse(auxf);
        QCOMPARE(r.events.size(), 2);
        QCOMPARE(r.events[1].argv, words("ps auxf"));
        QCOMPARE(r.events[1].startTimeNs, 0);

        const QByteArray start = "  PID  STARTED CMD\n"
                                 "    1 16:48:36 /sbin/init splash\n"
                                 "   42   Dec 01 /usr/sbin/cron -f\n";
        r = parse("2026-12-03T17:35:45Z\n" + start);
        QCOMPARE(r.stats.recordsSkipped, 0);
        QCOMPARE(r.events.size(), 2);
        const int64_t midnight = (1796319345 - (17 * 3600 + 35 * 60 + 45)) * kNs;
        QCOMPARE(r.events[0].startTimeNs, midnight + (16 * 3600 + 48 * 60 + 36) * kNs);
        QCOMPARE(r.events[0].argv, words("/sbin/init splash"));
        QCOMPARE(r.events[1].startTimeNs, midnight - 2 * 86400 * kNs);
        QCOMPARE(r.events[1].argv, words("/usr/sbin/cron -f"));
    }

    // Only ps files are claimed: every file of the samples and the lab captures (decompressed first 64 KiB).
    void sniffMatrix()
    {
        int claimed = 0;
        int refused = 0;
        const QStringList roots = {QStringLiteral(SHIMSCOPE_SAMPLES_DIR), kLab, m_dir.path()};
        for (const QString& root : roots)
        {
            QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
            {
                const QString path = it.next();
                const QByteArray head = ParserTest::head(path, 64 * 1024, Gunzip::ByName);
                const QString name = QFileInfo(path).fileName();
                const bool expected = name == QLatin1String("ps-eo.txt") || name == QLatin1String("ps-auxww.txt");
                QVERIFY2(sniffPs(head, name) == expected, qPrintable(path));
                (expected ? claimed : refused)++;
            }
        }
        QCOMPARE(claimed, 24);
        qInfo("sniffPs: %d claimed, %d refused", claimed, refused);
        // Near misses: other tables and formats.
        QVERIFY(!sniffPs("COMM             PID    RET ARGS\nbash 15887 0 /usr/bin/man ls\n", QString()));
        QVERIFY(!sniffPs("TIME     PID    PPID   ARGS\n12:00:00 1 0 /bin/true\n", QString()));
        QVERIFY(!sniffPs("pid,ppid,user,args\n1,0,root,/sbin/init\n", QString()));
        QVERIFY(!sniffPs("{\"PID\": 1}\n", QString()));
        QVERIFY(!sniffPs("<Event><PID>1</PID></Event>\n", QString()));
        QVERIFY(!sniffPs("  PID TTY          TIME CMD\n", QString())); // header alone
        QVERIFY(!sniffPs("  PID TTY          TIME CMD\nnot a row\n", QString()));
        QVERIFY(sniffPs("  PID TTY          TIME CMD\n 1194 pts/1    00:00:00 bash\n", QString()));
    }

    // Through the registry: the first format that claims a ps snapshot or the bpftrace trace is the right one, with
    // whatever other formats are registered.
    void registryDetection()
    {
        const auto firstClaim = [](const QByteArray& head, const QString& name) {
            for (const LogFormat& format : logFormats())
            {
                if (format.sniff(head, name))
                    return format.id;
            }
            return QString();
        };
        QDirIterator it(m_dir.path(), {QStringLiteral("ps-*.txt")}, QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext())
        {
            const QString path = it.next();
            QCOMPARE(firstClaim(readFile(path).left(65536), QFileInfo(path).fileName()), QStringLiteral("ps"));
            ++files;
        }
        QCOMPARE(files, 24);
        for (const QString& capture : {QStringLiteral("main"), QStringLiteral("podman"), QStringLiteral("debian")})
        {
            QCOMPARE(firstClaim(head(kLab + u'/' + capture + u"/bpftrace.tsv.gz"),
                                QStringLiteral("bpftrace.tsv.gz")),
                     QStringLiteral("execsnoop"));
        }
        const QString sample = QStringLiteral(SHIMSCOPE_SAMPLES_DIR "/execsnoop/bcc_tools_execsnoop_example.txt");
        QCOMPARE(firstClaim(readFile(sample).left(65536), sample), QStringLiteral("execsnoop"));
        // The registry makes working parsers.
        for (const LogFormat& format : logFormats())
        {
            if (format.id != QLatin1String("ps") && format.id != QLatin1String("execsnoop"))
                continue;
            int events = 0;
            auto parser = format.create([&events](ExecEvent&&) { ++events; }, QByteArrayLiteral("h"));
            const bool ps = format.id == QLatin1String("ps");
            parser->feedLine(ps ? QByteArrayView("PID CMD") : QByteArrayView("PID PPID RET ARGS"), 1);
            parser->feedLine(ps ? QByteArrayView("1 /sbin/init") : QByteArrayView("2 1 0 /bin/true"), 2);
            parser->finish();
            QCOMPARE(events, 1);
        }
    }

    // Malformed rows are skipped with an error naming their line; random bytes never crash.
    void hostileInput()
    {
        const QByteArray text = "garbage before the header\n"
                                "  PID  PPID USER                      STARTED COMMAND\n"
                                "   x1     0 root     Thu Dec  3 16:48:36 2026 /bin/a\n"
                                "    2     0 root     Thu Dec 99 16:48:36 2026 /bin/b\n"
                                "    3     0 root     Thu Dec\n"
                                "    4\n"
                                "    5     1 root     Thu Dec  3 16:48:36 2026 /bin/ok\n";
        const Parsed r = parse(text);
        QCOMPARE(r.events.size(), 1);
        QCOMPARE(r.events[0].pid, 5);
        QCOMPARE(r.stats.recordsSkipped, 5);
        QCOMPARE(r.stats.errors.size(), 5);
        const QList<int64_t> lines = {1, 3, 4, 5, 6};
        for (int i = 0; i < 5; ++i)
        {
            QCOMPARE(r.stats.errors[i].line, lines[i]);
            QVERIFY(r.stats.errors[i].message.contains(QString::number(lines[i])));
        }

        QRandomGenerator rng(42);
        for (int round = 0; round < 200; ++round)
        {
            QByteArray junk(static_cast<qsizetype>(rng.bounded(4000)), '\0');
            for (char& c : junk)
                c = static_cast<char>(rng.bounded(256));
            if (round % 2 == 0)
                junk.prepend("USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND\n");
            else if (round % 3 == 0)
                junk.prepend("  PID  PPID USER STARTED COMMAND\n    1 0 root Thu ");
            sniffPs(junk, QString());
            const Parsed j = parse(junk);
            QCOMPARE(j.stats.events, j.events.size());
        }
        const QByteArray longLine = "PID CMD\n1 " + QByteArray(1 << 20, 'a') + '\n';
        const Parsed l = parse(longLine);
        QCOMPARE(l.events.size(), 1);
        QCOMPARE(l.events[0].argv.first().size(), 1 << 20);
    }
};

QTEST_GUILESS_MAIN(TestPsParser)
#include "tst_psparser.moc"
