// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <stdexcept>

namespace ShimScope
{

/// An analyst's note on one process, keyed by what survives a re-import (not by
/// node id).
struct Bookmark
{
    int64_t id = 0;
    // The stable key: host name, pid and exec time (the node's start_ts; for a
    // placeholder its first-seen time), plus the SHA-256 of the source file and
    // the record id of the exec event ("line:N" when the format has no record
    // ids; both empty for a placeholder, which has no event).
    QString host;
    int64_t pid = 0;
    int64_t execTs = 0;
    QString sourceSha256;
    QString sourceRecord;
    QString note;
    QStringList tags;
    QString colour; ///< #rrggbb or empty
    QString analyst;
    int64_t createdAt = 0, updatedAt = 0; ///< ns since the epoch, UTC
    int64_t nodeId = 0;                   ///< resolved in this case, 0 if not found
};

/// Refused input of a bookmark (a colour that is not #rrggbb, a node that does
/// not exist).
class BookmarkError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/**
 * Bookmarks of a case (table bookmarks). The lineage renumbers process_nodes on
 * every import, so a bookmark stores the node's stable key and is resolved back
 * to a node each time it is read: by (host, pid, exec time) first, then by
 * source hash + record id (the same record read again), so it survives
 * re-imports and can be merged from another analyst's case of the same logs.
 *
 * Reads work on any connection; writes need a read-write one
 * (CaseFile::openReadWrite) and throw DatabaseError otherwise. Not thread-safe,
 * like its Database. Bookmarks are few: lookups are per bookmark, by index.
 */
class BookmarkStore
{
public:
    explicit BookmarkStore(Database& db);

    /// Every bookmark, newest change first, with nodeId resolved.
    QList<Bookmark> all();
    std::optional<Bookmark> forNode(int64_t nodeId);
    std::optional<Bookmark> byId(int64_t bookmarkId);
    /// Creates or updates the bookmark of a node (upsert by its stable key);
    /// created_at is kept, updated_at set. tags are trimmed, split at commas and
    /// deduplicated; colour must be #rrggbb or empty. Throws BookmarkError for an
    /// unknown node or a bad colour, DatabaseError when the case is read-only.
    Bookmark save(int64_t nodeId, const QString& note, const QStringList& tags, const QString& colour,
                  const QString& analyst);
    /// Changes an existing bookmark by id (also one whose node is not in this
    /// case). Throws like save().
    Bookmark update(int64_t bookmarkId, const QString& note, const QStringList& tags, const QString& colour,
                    const QString& analyst);
    void remove(int64_t bookmarkId);
    /// The nodes that have a bookmark in this case.
    QSet<int64_t> bookmarkedNodeIds();
    /**
     * Imports the bookmarks of another case file (opened read-only) by stable
     * key, in one transaction: a key this case lacks is added as it was (analyst
     * and times kept); for a key both have, the newer updated_at wins and the
     * older is overwritten; same-key bookmarks that differ in content are
     * conflicts, listed in report with the version kept. Bookmarks whose process
     * is not in this case are added too (they resolve once its logs are imported)
     * and listed. Returns how many bookmarks were added or replaced. Throws
     * CaseFile::CaseError or DatabaseError when the other case cannot be read.
     */
    int mergeFrom(const QString& otherCasePath, QString* report);

    /// The login name of the user running ShimScope.
    static QString defaultAnalyst();
    /// Tags as stored (comma separated) and back.
    static QString joinTags(const QStringList& tags);
    static QStringList splitTags(const QString& stored);
    /// True for "#rrggbb" (either case) and the empty string.
    static bool isValidColour(const QString& colour);

private:
    struct Key
    {
        QString host;
        int64_t pid = 0;
        int64_t execTs = 0;
        QString sourceSha256;
        QString sourceRecord;
    };
    std::optional<Key> keyOf(int64_t nodeId);
    int64_t resolve(const Bookmark& bookmark);
    Bookmark readRow(Statement& s);

    Database& m_db;
};

} // namespace ShimScope
