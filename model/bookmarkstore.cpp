// SPDX-License-Identifier: GPL-3.0-or-later
#include "bookmarkstore.h"

#include "casefile.h"
#include "casereader.h"
#include "casewriter.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

#include <chrono>
#include <string>

namespace ShimScope
{

namespace
{
constexpr const char* kBookmarkSelect = "SELECT id, host, pid, exec_ts, source_sha256, source_record, note, tags, "
                                        "colour, analyst, created_at, updated_at FROM bookmarks ";
/// A record read again has the same time; a window keeps the fallback lookup on
/// the time index.
constexpr int64_t kRecordWindowNs = int64_t(2) * 1000 * 1000 * 1000;

QString tr(const char* text)
{
    return QCoreApplication::translate("ShimScope::BookmarkStore", text);
}

int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// The position of a record in its source: the format's record id, else its
/// line.
QString recordPosition(const QString& record, int64_t line)
{
    return record.isEmpty() ? QStringLiteral("line:%1").arg(line) : record;
}

QString describeKey(const Bookmark& b)
{
    return tr("%1 pid %2 at %3").arg(b.host).arg(b.pid).arg(formatTimestamp(b.execTs));
}

/// NOT NULL text columns: an empty QString may be null, which would bind as
/// NULL.
QString notNull(const QString& text)
{
    return text.isNull() ? QString(QLatin1String("")) : text;
}

bool sameContent(const Bookmark& a, const Bookmark& b)
{
    return a.note == b.note && a.tags == b.tags && a.colour == b.colour;
}
} // namespace

BookmarkStore::BookmarkStore(Database& db)
    : m_db(db)
{
}

QString BookmarkStore::defaultAnalyst()
{
    return CaseWriter::currentUser();
}

QString BookmarkStore::joinTags(const QStringList& tags)
{
    QStringList clean;
    for (const QString& tag : tags) {
        for (const QString& part : tag.split(QLatin1Char(','))) {
            const QString t = part.simplified();
            if (!t.isEmpty() && !clean.contains(t))
                clean.append(t);
        }
    }
    return notNull(clean.join(QLatin1Char(',')));
}

QStringList BookmarkStore::splitTags(const QString& stored)
{
    QStringList tags;
    for (const QString& part : stored.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString t = part.simplified();
        if (!t.isEmpty())
            tags.append(t);
    }
    return tags;
}

bool BookmarkStore::isValidColour(const QString& colour)
{
    static const QRegularExpression pattern(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    return colour.isEmpty() || pattern.match(colour).hasMatch();
}

Bookmark BookmarkStore::readRow(Statement& s)
{
    Bookmark b;
    b.id = s.columnInt(0);
    b.host = s.columnText(1);
    b.pid = s.columnInt(2);
    b.execTs = s.columnInt(3);
    b.sourceSha256 = s.columnText(4);
    b.sourceRecord = s.columnText(5);
    b.note = s.columnText(6);
    b.tags = splitTags(s.columnText(7));
    b.colour = s.columnText(8);
    b.analyst = s.columnText(9);
    b.createdAt = s.columnInt(10);
    b.updatedAt = s.columnInt(11);
    return b;
}

std::optional<BookmarkStore::Key> BookmarkStore::keyOf(int64_t nodeId)
{
    Statement s(m_db,
                "SELECT h.name, n.pid, COALESCE(n.start_ts, 0), "
                "src.sha256, e.record, e.line "
                "FROM process_nodes n JOIN hosts h ON h.id = n.host_id "
                "LEFT JOIN exec_events e ON e.id = n.event_id LEFT JOIN "
                "sources src ON src.id = e.source_id "
                "WHERE n.id = ?");
    s.bind(1, nodeId);
    if (!s.step())
        return std::nullopt;
    Key key;
    key.host = s.columnText(0);
    key.pid = s.columnInt(1);
    key.execTs = s.columnInt(2);
    if (!s.isNull(5)) {
        key.sourceSha256 = s.columnText(3);
        key.sourceRecord = recordPosition(s.columnText(4), s.columnInt(5));
    }
    return key;
}

int64_t BookmarkStore::resolve(const Bookmark& b)
{
    // 1. The stable key, on process_nodes_host_pid. Two nodes can share it (a
    // failed exec and the image it left,
    //    logged in the same clock tick): the source record tells them apart.
    {
        Statement s(m_db,
                    "SELECT n.id, src.sha256, e.record, e.line FROM process_nodes n "
                    "JOIN hosts h ON h.id = n.host_id LEFT JOIN exec_events e ON "
                    "e.id = n.event_id "
                    "LEFT JOIN sources src ON src.id = e.source_id "
                    "WHERE h.name = ? AND n.pid = ? AND n.start_ts = ? ORDER BY "
                    "n.placeholder, n.id");
        s.bind(1, b.host).bind(2, b.pid).bind(3, b.execTs);
        int64_t first = 0;
        while (s.step()) {
            const int64_t id = s.columnInt(0);
            if (!first)
                first = id;
            if (!b.sourceRecord.isEmpty() && !s.isNull(3) && s.columnText(1) == b.sourceSha256
                && recordPosition(s.columnText(2), s.columnInt(3)) == b.sourceRecord)
                return id;
        }
        if (first)
            return first;
    }
    // 2. The same source record read again, wherever the lineage put it now
    // (merged into another source's node,
    //    or placed at another time): near the bookmarked time, on the
    //    exec_events_ts index.
    if (b.sourceSha256.isEmpty() || b.sourceRecord.isEmpty())
        return 0;
    Statement s(m_db,
                "SELECT COALESCE(m.node_id, n.id), e.record, e.line FROM exec_events e "
                "JOIN sources src ON src.id = e.source_id JOIN hosts h ON h.id = "
                "e.host_id "
                "LEFT JOIN merged_events m ON m.event_id = e.id "
                "LEFT JOIN process_nodes n ON n.event_id = e.id "
                "WHERE e.ts BETWEEN ? AND ? AND e.pid = ? AND h.name = ? AND src.sha256 "
                "= ?");
    s.bind(1, b.execTs - kRecordWindowNs).bind(2, b.execTs + kRecordWindowNs).bind(3, b.pid).bind(4, b.host);
    s.bind(5, b.sourceSha256);
    while (s.step()) {
        if (!s.isNull(0) && recordPosition(s.columnText(1), s.columnInt(2)) == b.sourceRecord)
            return s.columnInt(0);
    }
    return 0;
}

QList<Bookmark> BookmarkStore::all()
{
    QList<Bookmark> rows;
    Statement s(m_db, std::string(kBookmarkSelect) + "ORDER BY updated_at DESC, id DESC");
    while (s.step())
        rows.append(readRow(s));
    for (Bookmark& b : rows)
        b.nodeId = resolve(b);
    return rows;
}

std::optional<Bookmark> BookmarkStore::byId(int64_t bookmarkId)
{
    Statement s(m_db, std::string(kBookmarkSelect) + "WHERE id = ?");
    s.bind(1, bookmarkId);
    if (!s.step())
        return std::nullopt;
    Bookmark b = readRow(s);
    s.reset();
    b.nodeId = resolve(b);
    return b;
}

std::optional<Bookmark> BookmarkStore::forNode(int64_t nodeId)
{
    const std::optional<Key> key = keyOf(nodeId);
    if (!key)
        return std::nullopt;
    {
        Statement s(m_db, std::string(kBookmarkSelect) + "WHERE host = ? AND pid = ? AND exec_ts = ?");
        s.bind(1, key->host).bind(2, key->pid).bind(3, key->execTs);
        if (s.step()) {
            Bookmark b = readRow(s);
            b.nodeId = nodeId;
            return b;
        }
    }
    // Bookmarked under another time: the same source record.
    if (key->sourceRecord.isEmpty())
        return std::nullopt;
    Statement s(m_db,
                std::string(kBookmarkSelect)
                    + "WHERE source_sha256 = ? AND source_record = ? AND host = ? "
                      "AND pid = ? ORDER BY updated_at DESC");
    s.bind(1, key->sourceSha256).bind(2, key->sourceRecord).bind(3, key->host).bind(4, key->pid);
    while (s.step()) {
        Bookmark b = readRow(s);
        if (resolve(b) == nodeId) {
            b.nodeId = nodeId;
            return b;
        }
    }
    return std::nullopt;
}

Bookmark BookmarkStore::save(int64_t nodeId, const QString& note, const QStringList& tags, const QString& colour,
                             const QString& analyst)
{
    if (!isValidColour(colour))
        throw BookmarkError("bookmark colour must be #rrggbb: " + colour.toStdString());
    const std::optional<Key> key = keyOf(nodeId);
    if (!key)
        throw BookmarkError("no process node " + std::to_string(nodeId) + " in this case");
    // A bookmark found through its source record keeps its row (and its key)
    // rather than gaining a twin.
    if (const std::optional<Bookmark> existing = forNode(nodeId))
        return update(existing->id, note, tags, colour, analyst);

    const int64_t now = nowNs();
    Statement s(m_db,
                "INSERT INTO bookmarks (host, pid, exec_ts, source_sha256, "
                "source_record, note, tags, colour, "
                "analyst, created_at, updated_at) VALUES (?, ?, ?, ?, ?, "
                "?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (host, pid, exec_ts) DO UPDATE SET "
                "source_sha256 = excluded.source_sha256, "
                "source_record = excluded.source_record, note = "
                "excluded.note, tags = excluded.tags, "
                "colour = excluded.colour, analyst = excluded.analyst, "
                "updated_at = excluded.updated_at");
    s.bind(1, key->host).bind(2, key->pid).bind(3, key->execTs);
    s.bind(4, key->sourceSha256.isEmpty() ? QString() : key->sourceSha256);
    s.bind(5, key->sourceRecord.isEmpty() ? QString() : key->sourceRecord);
    s.bind(6, notNull(note)).bind(7, joinTags(tags));
    s.bind(8, colour.isEmpty() ? QString() : colour.toLower());
    s.bind(9, analyst.isEmpty() ? defaultAnalyst() : analyst).bind(10, now).bind(11, now);
    s.run();

    Statement read(m_db, std::string(kBookmarkSelect) + "WHERE host = ? AND pid = ? AND exec_ts = ?");
    read.bind(1, key->host).bind(2, key->pid).bind(3, key->execTs);
    if (!read.step())
        throw BookmarkError("bookmark vanished after saving it");
    Bookmark b = readRow(read);
    b.nodeId = nodeId;
    return b;
}

Bookmark BookmarkStore::update(int64_t bookmarkId, const QString& note, const QStringList& tags, const QString& colour,
                               const QString& analyst)
{
    if (!isValidColour(colour))
        throw BookmarkError("bookmark colour must be #rrggbb: " + colour.toStdString());
    Statement s(m_db,
                "UPDATE bookmarks SET note = ?, tags = ?, colour = ?, analyst = ?, "
                "updated_at = max(?, updated_at + 1) WHERE id = ?");
    s.bind(1, notNull(note)).bind(2, joinTags(tags));
    s.bind(3, colour.isEmpty() ? QString() : colour.toLower());
    s.bind(4, analyst.isEmpty() ? defaultAnalyst() : analyst).bind(5, nowNs()).bind(6, bookmarkId);
    s.run();
    if (m_db.changes() == 0)
        throw BookmarkError("no bookmark " + std::to_string(bookmarkId) + " in this case");
    std::optional<Bookmark> b = byId(bookmarkId);
    if (!b)
        throw BookmarkError("bookmark vanished after saving it");
    return *b;
}

void BookmarkStore::remove(int64_t bookmarkId)
{
    Statement s(m_db, "DELETE FROM bookmarks WHERE id = ?");
    s.bind(1, bookmarkId);
    s.run();
}

QSet<int64_t> BookmarkStore::bookmarkedNodeIds()
{
    QSet<int64_t> ids;
    for (const Bookmark& b : all()) {
        if (b.nodeId)
            ids.insert(b.nodeId);
    }
    return ids;
}

int BookmarkStore::mergeFrom(const QString& otherCasePath, QString* report)
{
    QStringList lines;
    auto finish = [&](int changed) {
        if (report)
            *report = lines.join(QLatin1Char('\n'));
        return changed;
    };
    if (QFileInfo(otherCasePath).canonicalFilePath() == QFileInfo(m_db.path()).canonicalFilePath()) {
        lines.append(tr("%1 is this case: nothing to merge.").arg(otherCasePath));
        return finish(0);
    }
    QList<Bookmark> theirs;
    {
        Database other = CaseFile::openReadOnly(otherCasePath);
        Statement s(other, std::string(kBookmarkSelect) + "ORDER BY id");
        while (s.step())
            theirs.append(readRow(s));
    }

    int added = 0, replaced = 0, keptOurs = 0, unchanged = 0, missing = 0;
    QStringList details;
    Transaction transaction(m_db);
    Statement find(m_db, std::string(kBookmarkSelect) + "WHERE host = ? AND pid = ? AND exec_ts = ?");
    Statement insert(m_db,
                     "INSERT INTO bookmarks (host, pid, exec_ts, "
                     "source_sha256, source_record, note, tags, "
                     "colour, analyst, created_at, updated_at) VALUES (?, "
                     "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Statement replace(m_db,
                      "UPDATE bookmarks SET source_sha256 = ?, "
                      "source_record = ?, note = ?, tags = ?, "
                      "colour = ?, analyst = ?, created_at = "
                      "min(created_at, ?), updated_at = ? WHERE id = ?");
    for (const Bookmark& their : std::as_const(theirs)) {
        // Values from another file are data: a colour that is not #rrggbb is
        // dropped, not stored.
        const QString colour = isValidColour(their.colour) ? their.colour.toLower() : QString();
        find.bind(1, their.host).bind(2, their.pid).bind(3, their.execTs);
        std::optional<Bookmark> ours;
        if (find.step())
            ours = readRow(find);
        find.reset();
        if (!ours) {
            insert.bind(1, their.host).bind(2, their.pid).bind(3, their.execTs);
            insert.bind(4, their.sourceSha256.isEmpty() ? QString() : their.sourceSha256);
            insert.bind(5, their.sourceRecord.isEmpty() ? QString() : their.sourceRecord);
            insert.bind(6, notNull(their.note)).bind(7, joinTags(their.tags)).bind(8, colour);
            insert.bind(9, notNull(their.analyst)).bind(10, their.createdAt).bind(11, their.updatedAt);
            insert.run();
            ++added;
            if (!resolve(their)) {
                ++missing;
                details.append(tr("added, not in this case's logs: %1 (%2)").arg(describeKey(their), their.analyst));
            }
            continue;
        }
        Bookmark incoming = their;
        incoming.colour = colour;
        if (sameContent(*ours, incoming)) {
            ++unchanged;
            continue;
        }
        const bool otherRecord = !ours->sourceRecord.isEmpty() && !their.sourceRecord.isEmpty()
            && (ours->sourceRecord != their.sourceRecord || ours->sourceSha256 != their.sourceSha256);
        const QString recordNote = otherRecord
            ? tr(" (their bookmark names another source record: %1 in %2)").arg(their.sourceRecord, their.sourceSha256)
            : QString();
        if (their.updatedAt > ours->updatedAt) {
            replace.bind(1, their.sourceSha256.isEmpty() ? QString() : their.sourceSha256);
            replace.bind(2, their.sourceRecord.isEmpty() ? QString() : their.sourceRecord);
            replace.bind(3, notNull(their.note)).bind(4, joinTags(their.tags)).bind(5, colour);
            replace.bind(6, notNull(their.analyst));
            replace.bind(7, their.createdAt).bind(8, their.updatedAt).bind(9, ours->id);
            replace.run();
            ++replaced;
            details.append(tr("conflict on %1: kept %2's newer bookmark (%3) over %4's (%5)%6")
                               .arg(describeKey(their), their.analyst, formatTimestamp(their.updatedAt), ours->analyst,
                                    formatTimestamp(ours->updatedAt), recordNote));
        } else {
            ++keptOurs;
            details.append(tr("conflict on %1: kept %2's newer bookmark (%3) over %4's (%5)%6")
                               .arg(describeKey(their), ours->analyst, formatTimestamp(ours->updatedAt), their.analyst,
                                    formatTimestamp(their.updatedAt), recordNote));
        }
    }
    transaction.commit();

    lines.append(tr("Merged %1 bookmark(s) from %2: %3 added, %4 replaced by a "
                    "newer version, %5 kept (ours newer), "
                    "%6 already the same; %7 not found in this case.")
                     .arg(theirs.size())
                     .arg(otherCasePath)
                     .arg(added)
                     .arg(replaced)
                     .arg(keptOurs)
                     .arg(unchanged)
                     .arg(missing));
    lines += details;
    return finish(added + replaced);
}

} // namespace ShimScope
