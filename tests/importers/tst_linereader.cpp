// SPDX-License-Identifier: GPL-3.0-or-later
// LineReader: plain and gzip text in constant memory, hashing, and clear errors on damaged input.

#include "linereader.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

using namespace ShimScope;

namespace
{
QByteArray gzip(const QByteArray& data)
{
    z_stream zs = {};
    deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size()))) + 64, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(static_cast<qsizetype>(zs.total_out));
    deflateEnd(&zs);
    return out;
}

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write test file");
    return path;
}

QList<QByteArray> readAll(LineReader& reader)
{
    QList<QByteArray> lines;
    QByteArrayView line;
    while (reader.next(&line))
        lines.append(line.toByteArray());
    return lines;
}

QByteArray numberedLines(int count)
{
    QByteArray text;
    for (int i = 1; i <= count; ++i)
        text += "line " + QByteArray::number(i) + " of the log with some padding to make it longer\n";
    return text;
}
} // namespace

class TestLineReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsPlainAndGzipIdentically_data()
    {
        QTest::addColumn<bool>("compressed");
        QTest::newRow("plain") << false;
        QTest::newRow("gzip") << true;
    }

    void readsPlainAndGzipIdentically()
    {
        QFETCH(bool, compressed);
        QTemporaryDir dir;
        // Larger than the reader's chunk, so lines straddle buffer refills.
        const QByteArray text = numberedLines(200000);
        const QByteArray stored = compressed ? gzip(text) : text;
        const QString path = write(dir, QStringLiteral("audit.log"), stored);
        LineReader reader(path);
        QVERIFY(reader.open());
        QCOMPARE(reader.isCompressed(), compressed);
        const QList<QByteArray> lines = readAll(reader);
        QVERIFY2(!reader.failed(), qPrintable(reader.error()));
        QCOMPARE(lines.size(), 200000);
        QCOMPARE(lines.first(), QByteArray("line 1 of the log with some padding to make it longer"));
        QCOMPARE(lines.last(), QByteArray("line 200000 of the log with some padding to make it longer"));
        QCOMPARE(reader.lineNumber(), int64_t(200000));
        QCOMPARE(reader.rawBytesRead(), int64_t(stored.size()));
        QCOMPARE(reader.sha256Hex(), QCryptographicHash::hash(stored, QCryptographicHash::Sha256).toHex());
    }

    void largeInputIsHashedOnAThreadInOrder()
    {
        // Past the first 8 MiB the hash is fed by a thread of its own: the digest must still cover every byte read,
        // in order, whenever it is asked for. A real capture (the lab's audit log) repeated to 40 MB.
        QFile capture(QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/lab/main/audit.log.gz"));
        QVERIFY(capture.open(QIODevice::ReadOnly));
        const QByteArray member = capture.readAll();
        QByteArray stored;
        while (stored.size() < 40 * 1024 * 1024)
            stored += member; // concatenated gzip members: one file to gzip readers
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("audit.log.gz"), stored);
        LineReader reader(path);
        QVERIFY(reader.open());
        QByteArrayView line;
        int64_t lines = 0;
        bool checkedMidway = false;
        while (reader.next(&line)) {
            ++lines;
            if (!checkedMidway && reader.rawBytesRead() > 20 * 1024 * 1024) {
                // Asked mid-way: the digest of exactly the bytes read so far.
                checkedMidway = true;
                const QByteArray soFar = stored.left(static_cast<qsizetype>(reader.rawBytesRead()));
                QCOMPARE(reader.sha256Hex(), QCryptographicHash::hash(soFar, QCryptographicHash::Sha256).toHex());
            }
        }
        QVERIFY2(!reader.failed(), qPrintable(reader.error()));
        QVERIFY(checkedMidway);
        QVERIFY(lines > 100000);
        QCOMPARE(reader.rawBytesRead(), int64_t(stored.size()));
        QCOMPARE(reader.sha256Hex(), QCryptographicHash::hash(stored, QCryptographicHash::Sha256).toHex());
    }

    void concatenatedGzipMembersAreOneFile()
    {
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("rotated.gz"), gzip("a\nb\n") + gzip("c\n"));
        LineReader reader(path);
        QVERIFY(reader.open());
        QCOMPARE(readAll(reader), (QList<QByteArray>{"a", "b", "c"}));
        QVERIFY(!reader.failed());
    }

    void lastLineWithoutNewlineAndCrLf()
    {
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("x.log"), "one\r\ntwo\nthree");
        LineReader reader(path);
        QVERIFY(reader.open());
        QCOMPARE(readAll(reader), (QList<QByteArray>{"one\r", "two", "three"}));
    }

    void truncatedGzipReportsLineAndKeepsWhatItRead()
    {
        QTemporaryDir dir;
        const QByteArray full = gzip(numberedLines(100000));
        const QString path = write(dir, QStringLiteral("cut.gz"), full.left(full.size() / 2));
        LineReader reader(path);
        QVERIFY(reader.open());
        const QList<QByteArray> lines = readAll(reader);
        QVERIFY(reader.failed());
        QVERIFY2(reader.error().contains(QStringLiteral("truncated")), qPrintable(reader.error()));
        // The error names the last complete line; the cut line after it is still handed out for the parser to judge.
        QVERIFY2(reader.error().contains(QStringLiteral("after line %1").arg(lines.size() - 1)),
                 qPrintable(reader.error()));
        QVERIFY(lines.size() > 1000);
        QVERIFY(lines.size() < 100000);
        QCOMPARE(lines.at(999), QByteArray("line 1000 of the log with some padding to make it longer"));
    }

    void corruptGzipIsAnErrorNotACrash()
    {
        QTemporaryDir dir;
        QByteArray data = gzip(numberedLines(50000));
        for (qsizetype i = data.size() / 3; i < data.size() / 3 + 64; ++i)
            data[i] = static_cast<char>(data[i] ^ 0x5a);
        const QString path = write(dir, QStringLiteral("corrupt.gz"), data);
        LineReader reader(path);
        QVERIFY(reader.open());
        readAll(reader);
        QVERIFY(reader.failed());
        QVERIFY2(reader.error().contains(QStringLiteral("after line")), qPrintable(reader.error()));
    }

    void overlongLineIsSkippedAndCounted()
    {
        QTemporaryDir dir;
        const QByteArray text = "first\n" + QByteArray(3 * 1024 * 1024, 'x') + "\nthird\n";
        const QString path = write(dir, QStringLiteral("long.log"), text);
        LineReader reader(path, 1024 * 1024);
        QVERIFY(reader.open());
        QCOMPARE(readAll(reader), (QList<QByteArray>{"first", "third"}));
        QCOMPARE(reader.skippedLineCount(), int64_t(1));
        QCOMPARE(reader.skippedLines().first().line, int64_t(2));
        QCOMPARE(reader.lineNumber(), int64_t(3));
    }

    void twentyMegabyteLineIsReadWithTheDefaultLimit()
    {
        QTemporaryDir dir;
        const QByteArray big(20 * 1024 * 1024, 'y');
        const QString path = write(dir, QStringLiteral("big.log"), "a\n" + big + "\nb\n");
        LineReader reader(path);
        QVERIFY(reader.open());
        const QList<QByteArray> lines = readAll(reader);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(1).size(), big.size());
    }

    void unreadableInputsFailOnOpen_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("directory") << QStringLiteral("dir") << QStringLiteral("directory");
        QTest::newRow("missing") << QStringLiteral("missing") << QStringLiteral("cannot open");
    }

    void unreadableInputsFailOnOpen()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = kind == QLatin1String("dir") ? dir.path() : dir.filePath(QStringLiteral("nope.log"));
        LineReader reader(path);
        QVERIFY(!reader.open());
        QVERIFY2(reader.error().contains(expected), qPrintable(reader.error()));
    }

    void fileThatShrinksWhileReadIsReported()
    {
        QTemporaryDir dir;
        const QByteArray text = numberedLines(400000); // ~24 MB: several reader chunks
        const QString path = write(dir, QStringLiteral("shrinking.log"), text);
        LineReader reader(path);
        QVERIFY(reader.open());
        QByteArrayView line;
        QVERIFY(reader.next(&line));
        QVERIFY(QFile::resize(path, text.size() / 2));
        int64_t count = 1;
        while (reader.next(&line))
            ++count;
        QVERIFY(reader.failed());
        QVERIFY2(reader.error().contains(QStringLiteral("shrank")), qPrintable(reader.error()));
        QVERIFY(count > 1000);
    }

    void fileThatIsDeletedWhileReadIsStillReadWhole()
    {
        // On Linux an open file outlives its name: everything is still read, and nothing is reported lost.
        QTemporaryDir dir;
        const QByteArray text = numberedLines(300000);
        const QString path = write(dir, QStringLiteral("deleted.log"), text);
        LineReader reader(path);
        QVERIFY(reader.open());
        QByteArrayView line;
        QVERIFY(reader.next(&line));
        QVERIFY(QFile::remove(path));
        int64_t count = 1;
        while (reader.next(&line))
            ++count;
        QVERIFY(!reader.failed());
        QCOMPARE(count, int64_t(300000));
    }

    void peekReturnsDecompressedStart()
    {
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("p.gz"), gzip("type=SYSCALL msg=audit(1.2:3): x=y\nmore\n"));
        QCOMPARE(LineReader::peek(path, 1024), QByteArray("type=SYSCALL msg=audit(1.2:3): x=y\nmore\n"));
    }
};

QTEST_GUILESS_MAIN(TestLineReader)
#include "tst_linereader.moc"
