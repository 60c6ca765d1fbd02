// SPDX-License-Identifier: GPL-3.0-or-later
// Bookmarks: stable keys that survive new connections and re-imports (node ids
// renumbered), read-only cases, merging another analyst's case, and the
// bookmarks model.

#include "bookmarksmodel.h"
#include "bookmarkstore.h"
#include "casefile.h"
#include "democase.h"
#include "processquery.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ShimScope;

namespace
{
struct NodeKey
{
    QString host;
    int64_t pid = 0;
    int64_t start = 0;
};

NodeKey keyOf(Database& db, int64_t nodeId)
{
    Statement s(db,
                "SELECT h.name, n.pid, n.start_ts FROM process_nodes n JOIN "
                "hosts h ON h.id = n.host_id "
                "WHERE n.id = ?");
    s.bind(1, nodeId);
    if (!s.step())
        return {};
    return {s.columnText(0), s.columnInt(1), s.columnInt(2)};
}

/// The nodes with this key (normally one).
QList<int64_t> nodesWithKey(Database& db, const NodeKey& key)
{
    Statement s(db,
                "SELECT n.id FROM process_nodes n JOIN hosts h ON h.id = n.host_id "
                "WHERE h.name = ? AND n.pid = ? AND n.start_ts = ? ORDER BY n.id");
    s.bind(1, key.host).bind(2, key.pid).bind(3, key.start);
    QList<int64_t> ids;
    while (s.step())
        ids.append(s.columnInt(0));
    return ids;
}
} // namespace

class TestBookmarks : public QObject
{
    Q_OBJECT

private:
    static bool load(BookmarksModel& model, const QString& path, bool readOnly)
    {
        QSignalSpy finished(&model, &BookmarksModel::loadingFinished);
        model.setCase(path, readOnly);
        return finished.wait(60000);
    }

    QString freshCase(const QString& name)
    {
        const QString path = m_dir.filePath(name);
        if (DemoCase::import(path).result != ImportReport::Result::Success)
            return {};
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void saveReopenAndSurviveReimport()
    {
        const QString path = freshCase(QStringLiteral("a.shimscope"));
        QVERIFY(!path.isEmpty());
        int64_t redtail = 0;
        NodeKey key;
        int64_t placeholder = 0;
        NodeKey placeholderKey;
        {
            Database db = CaseFile::openReadWrite(path);
            redtail = DemoCase::execNode(db, "/.redtail");
            QVERIFY(redtail > 0);
            key = keyOf(db, redtail);
            placeholder = db.queryInt("SELECT id FROM process_nodes WHERE "
                                      "placeholder = 1 AND event_id IS NULL "
                                      "ORDER BY id LIMIT 1");
            QVERIFY(placeholder > 0);
            placeholderKey = keyOf(db, placeholder);

            BookmarkStore store(db);
            QVERIFY(!store.forNode(redtail));
            const Bookmark saved = store.save(redtail, QStringLiteral("/.redtail runs as systemd"),
                                              {QStringLiteral("malware"), QStringLiteral(" miner , redtail")},
                                              QStringLiteral("#FF0000"), QStringLiteral("alice"));
            QVERIFY(saved.id > 0);
            QCOMPARE(saved.nodeId, redtail);
            QCOMPARE(saved.host, DemoCase::kHost);
            QCOMPARE(saved.pid, key.pid);
            QCOMPARE(saved.execTs, key.start);
            QCOMPARE(saved.tags,
                     (QStringList{QStringLiteral("malware"), QStringLiteral("miner"), QStringLiteral("redtail")}));
            QCOMPARE(saved.colour, QStringLiteral("#ff0000"));
            QCOMPARE(saved.analyst, QStringLiteral("alice"));
            QCOMPARE(saved.sourceSha256, ProcessQuery(db).sourceRecords(redtail).first().sha256);
            QCOMPARE(saved.sourceRecord, ProcessQuery(db).sourceRecords(redtail).first().record);
            QVERIFY(saved.createdAt > 0);
            QCOMPARE(saved.updatedAt, saved.createdAt);

            // Saving again updates the same row.
            const Bookmark again = store.save(redtail, QStringLiteral("miner dropped via docker exec"),
                                              {QStringLiteral("malware")}, {}, QStringLiteral("alice"));
            QCOMPARE(again.id, saved.id);
            QCOMPARE(again.createdAt, saved.createdAt);
            QVERIFY(again.updatedAt > saved.updatedAt);
            QCOMPARE(again.colour, QString());
            QCOMPARE(db.queryInt("SELECT count(*) FROM bookmarks"), int64_t(1));

            // A placeholder (a parent never seen exec'ing) is keyed by its first-seen
            // time and has no record.
            const Bookmark parent = store.save(placeholder, QStringLiteral("who is this?"), {}, {}, {});
            QVERIFY(parent.sourceRecord.isEmpty());
            QCOMPARE(parent.analyst, BookmarkStore::defaultAnalyst());
            QVERIFY(!BookmarkStore::defaultAnalyst().isEmpty());

            QVERIFY_THROWS_EXCEPTION(BookmarkError, store.save(redtail, {}, {}, QStringLiteral("red"), {}));
            QVERIFY_THROWS_EXCEPTION(BookmarkError, store.save(999999, {}, {}, {}, {}));
            QCOMPARE(store.bookmarkedNodeIds(), (QSet<int64_t>{redtail, placeholder}));
        }
        {
            // A new connection finds it.
            Database db = CaseFile::openReadOnly(path);
            BookmarkStore store(db);
            const QList<Bookmark> all = store.all();
            QCOMPARE(all.size(), 2);
            const std::optional<Bookmark> b = store.forNode(redtail);
            QVERIFY(b);
            QCOMPARE(b->note, QStringLiteral("miner dropped via docker exec"));
            QCOMPARE(b->nodeId, redtail);
            // Writes need a read-write connection.
            QVERIFY_THROWS_EXCEPTION(DatabaseError, store.save(redtail, QStringLiteral("x"), {}, {}, {}));
            QVERIFY_THROWS_EXCEPTION(DatabaseError, store.remove(b->id));
        }

        // The same bundle again: its records are duplicates of the same processes,
        // ids stay.
        QCOMPARE(DemoCase::import(path).result, ImportReport::Result::Success);
        {
            Database db = CaseFile::openReadOnly(path);
            QCOMPARE(BookmarkStore(db).forNode(nodesWithKey(db, key).value(0))->nodeId, nodesWithKey(db, key).value(0));
        }
        // An earlier capture of the same host: the lineage rebuild renumbers every
        // node (they are numbered in time order and the new events come first). The
        // bookmarks follow their keys.
        QCOMPARE(
            DemoCase::import(path, {QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/demo-2026-12-03/audit.log.gz")}).result,
            ImportReport::Result::Success);
        {
            Database db = CaseFile::openReadOnly(path);
            const QList<int64_t> now = nodesWithKey(db, key);
            QCOMPARE(now.size(), 1);
            QVERIFY2(now.first() != redtail, "the re-import was expected to renumber the nodes");
            QCOMPARE(keyOf(db, now.first()).pid, key.pid);
            QCOMPARE(ProcessQuery(db).node(now.first())->exe, QByteArray("/.redtail"));
            BookmarkStore store(db);
            const std::optional<Bookmark> b = store.forNode(now.first());
            QVERIFY(b);
            QCOMPARE(b->nodeId, now.first());
            QVERIFY(!store.forNode(redtail) || store.forNode(redtail)->nodeId == redtail); // the old id is another node
            const QList<int64_t> parent = nodesWithKey(db, placeholderKey);
            QCOMPARE(parent.size(), 1);
            QVERIFY(parent.first() != placeholder);
            QCOMPARE(store.bookmarkedNodeIds(), (QSet<int64_t>{now.first(), parent.first()}));
            for (const Bookmark& bookmark : store.all())
                QVERIFY(bookmark.nodeId == now.first() || bookmark.nodeId == parent.first());
        }
    }

    void mergeAnotherAnalystsCase()
    {
        const QString ours = freshCase(QStringLiteral("ours.shimscope"));
        const QString theirs = freshCase(QStringLiteral("theirs.shimscope"));
        QVERIFY(!ours.isEmpty() && !theirs.isEmpty());
        int64_t redtail = 0, b64 = 0, shim = 0;
        {
            Database db = CaseFile::openReadWrite(ours);
            ProcessQuery query(db);
            redtail = DemoCase::execNode(db, "/.redtail");
            b64 = query.entrypoint(DemoCase::containerRef(db, DemoCase::kB64))->id;
            shim = query.container(DemoCase::containerRef(db, DemoCase::kAlp))->shimNodeId;
            BookmarkStore store(db);
            store.save(redtail, QStringLiteral("ours: miner"), {QStringLiteral("malware")}, {},
                       QStringLiteral("alice"));
            store.save(shim, QStringLiteral("ours: the shim"), {}, {}, QStringLiteral("alice"));
        }
        QTest::qWait(5);
        {
            // Their case: the same logs imported separately (same keys), edited later
            // than ours.
            Database db = CaseFile::openReadWrite(theirs);
            BookmarkStore store(db);
            store.save(DemoCase::execNode(db, "/.redtail"), QStringLiteral("theirs: redtail miner, see ticket 42"),
                       {QStringLiteral("malware"), QStringLiteral("ticket-42")}, QStringLiteral("#00aa00"),
                       QStringLiteral("bob"));
            store.save(ProcessQuery(db).entrypoint(DemoCase::containerRef(db, DemoCase::kB64))->id,
                       QStringLiteral("base64 entrypoint"), {QStringLiteral("obfuscation")}, {}, QStringLiteral("bob"));
            // The shim: an older edit of theirs (made before ours): ours is kept.
            const Bookmark old
                = store.save(ProcessQuery(db).container(DemoCase::containerRef(db, DemoCase::kAlp))->shimNodeId,
                             QStringLiteral("theirs: old note"), {}, {}, QStringLiteral("bob"));
            Statement age(db, "UPDATE bookmarks SET updated_at = 1 WHERE id = ?");
            age.bind(1, old.id);
            age.run();
            // And one their case has but whose process our case does not (a key from
            // other logs).
            db.exec("INSERT INTO bookmarks (host, pid, exec_ts, note, tags, analyst, "
                    "created_at, updated_at) "
                    "VALUES ('other-host', 4242, 1, 'from another host', '', 'bob', "
                    "1, 1)");
        }
        Database db = CaseFile::openReadWrite(ours);
        BookmarkStore store(db);
        QString report;
        const int changed = store.mergeFrom(theirs, &report);
        QCOMPARE(changed,
                 3); // b64 and other-host added, redtail replaced by their newer version
        QVERIFY2(report.contains(QStringLiteral("2 added")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("1 replaced")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("conflict")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("bob")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("other-host pid 4242")), qPrintable(report));

        QCOMPARE(store.forNode(redtail)->note, QStringLiteral("theirs: redtail miner, see ticket 42"));
        QCOMPARE(store.forNode(redtail)->analyst, QStringLiteral("bob"));
        QCOMPARE(store.forNode(redtail)->colour, QStringLiteral("#00aa00"));
        QCOMPARE(store.forNode(b64)->tags, QStringList{QStringLiteral("obfuscation")});
        QCOMPARE(store.forNode(shim)->note, QStringLiteral("ours: the shim"));
        QCOMPARE(store.all().size(), 4);
        QCOMPARE(store.bookmarkedNodeIds(), (QSet<int64_t>{redtail, b64, shim}));

        // Merging again changes nothing.
        QCOMPARE(store.mergeFrom(theirs, &report), 0);
        QVERIFY2(report.contains(QStringLiteral("0 added")), qPrintable(report));
        QCOMPARE(store.mergeFrom(ours, &report), 0); // itself
    }

    void model()
    {
        const QString path = freshCase(QStringLiteral("model.shimscope"));
        QVERIFY(!path.isEmpty());
        int64_t redtail = 0, b64 = 0;
        QString alpShort;
        {
            Database db = CaseFile::openReadOnly(path);
            redtail = DemoCase::execNode(db, "/.redtail");
            b64 = ProcessQuery(db).entrypoint(DemoCase::containerRef(db, DemoCase::kB64))->id;
        }
        BookmarksModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(load(model, path, false));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.isEditable());
        QSignalSpy changed(&model, &BookmarksModel::bookmarksChanged);

        QVERIFY(model.setBookmark(redtail, QStringLiteral("<script>alert(1)</script>\nsecond line"),
                                  {QStringLiteral("malware")}, QStringLiteral("#123456"), QStringLiteral("carol")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(model.setBookmark(b64, QStringLiteral("entrypoint"), {}, {}, QStringLiteral("carol")));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.bookmarkedNodeIds(), (QSet<int64_t>{redtail, b64}));
        QVERIFY(!model.setBookmark(redtail, {}, {}, QStringLiteral("not a colour"), {}));
        QVERIFY(!model.lastError().isEmpty());

        const int row = model.rowOfNode(redtail);
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row, BookmarksModel::ProcessColumn).data().toString(), QStringLiteral(".redtail"));
        QCOMPARE(model.index(row, BookmarksModel::PidColumn).data().toLongLong(),
                 model.index(row, 0).data(BookmarksModel::PidRole).toLongLong());
        QCOMPARE(model.index(row, BookmarksModel::HostColumn).data().toString(), DemoCase::kHost);
        // Named by the `docker run --name lab-alp` before its shim.
        QCOMPARE(model.index(row, BookmarksModel::ContainerColumn).data().toString(), QStringLiteral("lab-alp"));
        QCOMPARE(model.index(row, 0).data(BookmarksModel::ContainerIdRole).toString(), DemoCase::kAlp);
        QVERIFY(model.index(row, 0).data(BookmarksModel::ColourIndexRole).toInt() >= 0);
        QCOMPARE(model.index(row, 0).data(BookmarksModel::ColourRole).toString(), QStringLiteral("#123456"));
        QCOMPARE(model.index(row, BookmarksModel::ColourColumn).data(Qt::DecorationRole).value<QColor>(),
                 QColor(0x12, 0x34, 0x56));
        QCOMPARE(model.index(row, BookmarksModel::AnalystColumn).data().toString(), QStringLiteral("carol"));
        // Untrusted text: shown escaped.
        QCOMPARE(model.index(row, BookmarksModel::NoteColumn).data().toString(),
                 QStringLiteral("<script>alert(1)</script>"));
        const QString tip = model.index(row, BookmarksModel::NoteColumn).data(Qt::ToolTipRole).toString();
        QVERIFY(tip.contains(QStringLiteral("&lt;script&gt;")));
        QVERIFY(!tip.contains(QStringLiteral("<script>")));
        // The host bookmark: no container.
        const int hostRow = model.rowOfNode(b64);
        QCOMPARE(model.index(hostRow, 0).data(BookmarksModel::ContainerIdRole).toString(), DemoCase::kB64);

        // Editing note and tags persists.
        model.setAnalyst(QStringLiteral("dave"));
        QVERIFY(model.flags(model.index(row, BookmarksModel::NoteColumn)) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(model.index(row, BookmarksModel::PidColumn)) & Qt::ItemIsEditable));
        QVERIFY(model.setData(model.index(row, BookmarksModel::NoteColumn), QStringLiteral("edited note")));
        QVERIFY(model.setData(model.index(row, BookmarksModel::TagsColumn), QStringLiteral("a, b,,a")));
        QVERIFY(!model.setData(model.index(row, BookmarksModel::PidColumn), 1));
        QCOMPARE(model.index(row, 0).data(BookmarksModel::NoteRole).toString(), QStringLiteral("edited note"));
        {
            Database db = CaseFile::openReadOnly(path);
            const std::optional<Bookmark> b = BookmarkStore(db).forNode(redtail);
            QCOMPARE(b->note, QStringLiteral("edited note"));
            QCOMPARE(b->tags, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
            QCOMPARE(b->analyst, QStringLiteral("dave"));
            QCOMPARE(b->colour, QStringLiteral("#123456"));
        }

        // Reload (e.g. after an import) shows the same.
        QVERIFY(load(model, path, false));
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(model.rowOfNode(redtail) >= 0);

        // Remove.
        const int64_t id = model.index(model.rowOfNode(b64), 0).data(BookmarksModel::BookmarkIdRole).toLongLong();
        QVERIFY(model.removeBookmark(id));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.bookmarkedNodeIds(), QSet<int64_t>{redtail});

        // Read-only: shown, never written.
        BookmarksModel readOnly;
        QAbstractItemModelTester readOnlyTester(&readOnly, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(load(readOnly, path, true));
        QCOMPARE(readOnly.rowCount(), 1);
        QVERIFY(!readOnly.isEditable());
        const QModelIndex note = readOnly.index(0, BookmarksModel::NoteColumn);
        QVERIFY(!(readOnly.flags(note) & Qt::ItemIsEditable));
        QVERIFY(!readOnly.setData(note, QStringLiteral("nope")));
        QVERIFY(!readOnly.setBookmark(b64, QStringLiteral("nope"), {}, {}, {}));
        QVERIFY(!readOnly.removeBookmark(readOnly.index(0, 0).data(BookmarksModel::BookmarkIdRole).toLongLong()));
        QCOMPARE(readOnly.mergeFrom(path, nullptr), -1);
        QCOMPARE(readOnly.index(0, 0).data(BookmarksModel::NoteRole).toString(), QStringLiteral("edited note"));
        {
            Database db = CaseFile::openReadOnly(path);
            QCOMPARE(db.queryInt("SELECT count(*) FROM bookmarks"), int64_t(1));
        }

        // A missing case fails to load.
        QSignalSpy failed(&model, &BookmarksModel::loadingFailed);
        model.setCase(m_dir.filePath(QStringLiteral("missing.shimscope")), false);
        QVERIFY(failed.wait(60000));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("missing.shimscope")))); // not created
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestBookmarks)
#include "tst_bookmarks.moc"
