// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "processdetails.h"

#include <QSet>
#include <QWidget>

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

Q_SIGNALS:
    void nodeActivated(qint64 nodeId);
    void containerActivated(qint64 containerRef);

private:
    void render();

    QTextBrowser* m_browser = nullptr;
    std::unique_ptr<CaseReader> m_reader;
    int64_t m_nodeId = 0;
    std::optional<ProcessDetails> m_details;
    QSet<int> m_decoded;
};

} // namespace ShimScope
