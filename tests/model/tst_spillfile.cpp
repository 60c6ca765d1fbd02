// SPDX-License-Identifier: GPL-3.0-or-later
// The unnamed temporary file the lineage spills its finished nodes to.

#include "spillfile.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <stdexcept>

using namespace ShimScope;

class TestSpillFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripAcrossBuffers()
    {
        QTemporaryDir dir;
        SpillFile file(dir.path());
        // Records of uneven sizes, 3 MiB in all: they straddle the 1 MiB buffer's edges.
        QByteArray expected;
        for (int i = 0; expected.size() < 3 * 1024 * 1024; ++i) {
            const QByteArray record = QByteArray::number(i).repeated(1 + i % 97);
            const int32_t size = static_cast<int32_t>(record.size());
            file.append(&size, sizeof size);
            file.append(record.constData(), static_cast<size_t>(record.size()));
            expected += record;
        }
        QVERIFY(file.bytesWritten() > expected.size());
        // Unnamed: nothing in the folder while it is written, or after.
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
        file.rewind();
        QByteArray got;
        int32_t size = 0;
        while (file.read(&size, sizeof size)) {
            QByteArray record(size, Qt::Uninitialized);
            QVERIFY(file.read(record.data(), static_cast<size_t>(size)));
            got += record;
        }
        QCOMPARE(got.size(), expected.size());
        QVERIFY(got == expected);
        QVERIFY(!file.read(&size, sizeof size)); // still at the end
    }

    void recordsByOffset()
    {
        // As an array of fixed-size records: written out of order, read back in any order, holes read as zeros.
        QTemporaryDir dir;
        SpillFile file(dir.path());
        constexpr int64_t kRecord = 112;
        auto record = [](int64_t index) { return QByteArray(kRecord, static_cast<char>('a' + index % 26)); };
        for (const int64_t index : {5, 1, 40000, 3})
            file.writeAt(index * kRecord, record(index).constData(), kRecord);
        QByteArray got(kRecord, Qt::Uninitialized);
        for (const int64_t index : {3, 40000, 1, 5}) {
            QVERIFY(file.readAt(index * kRecord, got.data(), kRecord));
            QCOMPARE(got, record(index));
        }
        QVERIFY(file.readAt(2 * kRecord, got.data(), kRecord));
        QCOMPARE(got, QByteArray(kRecord, '\0'));
        QVERIFY(!file.readAt(40001 * kRecord, got.data(), kRecord)); // past the end
        file.writeAt(1 * kRecord, record(7).constData(), kRecord);   // written again
        QVERIFY(file.readAt(1 * kRecord, got.data(), kRecord));
        QCOMPARE(got, record(7));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
    }

    void recordCutShortThrows()
    {
        QTemporaryDir dir;
        SpillFile file(dir.path());
        const char three[3] = {'a', 'b', 'c'};
        file.append(three, sizeof three);
        file.rewind();
        int64_t value = 0;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, file.read(&value, sizeof value));
    }

    void missingFolderNamesIt()
    {
        const QString folder = QStringLiteral("/nonexistent/shimscope-spill-test");
        try {
            SpillFile file(folder);
            QFAIL("a spill file was made in a folder that does not exist");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(folder), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestSpillFile)
#include "tst_spillfile.moc"
