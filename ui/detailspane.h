// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "processdetails.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

class QTextBrowser;
class QUrl;

namespace ShimScope
{

class CaseReader;

/**
 * The details of the selected process: full command line (copyable, base64 payloads decoded on demand), executable,
 * working directory, user ids, tty, times, pid/ppid, parent, the attribution with its confidence and evidence (each
 * process it names is a link), the container's facts and the source records by file and line.
 *
 * The HTML comes from the core (processDetailsHtml), which escapes everything taken from the logs.
 */
class DetailsPane : public QWidget
{
    Q_OBJECT

public:
    explicit DetailsPane(QWidget* parent = nullptr);
    ~DetailsPane() override;

    void setCase(const QString& path);
    /// Shows a node (0 clears).
    void showNode(int64_t nodeId);
    int64_t nodeId() const { return m_nodeId; }
    /// The plain text shown (for tests and copying).
    QString text() const;
    QString html() const;
    QTextBrowser* browser() const { return m_browser; }
    /// Follows a shimscope: link as if clicked.
    void activateLink(const QUrl& url);
    /// Whether the raw records of the shown node are still being read from their files.
    bool isReadingRecords() const { return m_readingRecords; }

Q_SIGNALS:
    void nodeActivated(qint64 nodeId);
    void containerActivated(qint64 containerRef);
    /// The raw source records of the shown node have been read (or could not be).
    void recordsRead();

private:
    void render();
    void readRecords();

    QTextBrowser* m_browser = nullptr;
    std::unique_ptr<CaseReader> m_reader;
    int64_t m_nodeId = 0;
    std::optional<ProcessDetails> m_details;
    QSet<int> m_decoded;
    QString m_casePath;
    uint64_t m_generation = 0; ///< bumped per shown node: a late excerpt of an earlier node is dropped
    bool m_readingRecords = false;
    std::shared_ptr<std::atomic_bool> m_cancel;
    /// Files whose SHA-256 was found equal to the case's, with the size and modification time they had then: a
    /// further record of the same file is read without hashing the whole file again.
    struct Verified
    {
        QString sha256;
        qint64 size = 0;
        QDateTime modified;
    };
    QHash<QString, Verified> m_verified;
};

} // namespace ShimScope
