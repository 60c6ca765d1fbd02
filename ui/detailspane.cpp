// SPDX-License-Identifier: GPL-3.0-or-later
#include "detailspane.h"

#include "casereader.h"
#include "eventtablemodel.h"
#include "sourceexcerpt.h"

#include <QApplication>
#include <QClipboard>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QScrollBar>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace ShimScope
{

DetailsPane::DetailsPane(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("detailsPane"));
    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("detailsBrowser"));
    m_browser->setOpenLinks(false);
    m_browser->setOpenExternalLinks(false);
    m_browser->setUndoRedoEnabled(false);
    m_browser->setTextInteractionFlags(Qt::TextBrowserInteraction | Qt::TextSelectableByKeyboard);
    connect(m_browser, &QTextBrowser::anchorClicked, this, &DetailsPane::activateLink);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
    render();
}

DetailsPane::~DetailsPane()
{
    if (m_cancel)
        m_cancel->store(true);
}

void DetailsPane::setCase(const QString& path)
{
    m_casePath = path;
    ++m_generation;
    if (m_cancel)
        m_cancel->store(true);
    m_reader.reset();
    m_details.reset();
    m_nodeId = 0;
    if (!path.isEmpty()) {
        try {
            m_reader = std::make_unique<CaseReader>(path, CaseFile::Check::None);
        } catch (const std::exception&) {
            // The window reports an unreadable case; the pane stays empty.
        }
    }
    render();
}

void DetailsPane::showNode(int64_t nodeId)
{
    if (nodeId == m_nodeId && m_details)
        return;
    m_nodeId = nodeId;
    m_decoded.clear();
    m_details.reset();
    ++m_generation;
    if (m_cancel)
        m_cancel->store(true);
    if (m_reader && nodeId > 0) {
        try {
            m_details = loadProcessDetails(*m_reader, nodeId);
        } catch (const std::exception&) {
            m_details.reset();
        }
    }
    render();
    readRecords();
}

void DetailsPane::readRecords()
{
    m_readingRecords = false;
    if (!m_details || m_details->records.isEmpty())
        return;
    // Re-reading a record means reading its file up to the line (a large log takes seconds): on a worker, with
    // the answer dropped if another process is shown meanwhile.
    struct Wanted
    {
        int64_t eventId;
        QString input, path;
        int64_t line;
        QString record;
        QString sha256;
    };
    QList<Wanted> wanted;
    for (const SourceRecordRow& r : std::as_const(m_details->records)) {
        if (wanted.size() < 4)
            wanted.append({r.eventId, r.input, r.path, r.line, r.record, r.sha256});
    }
    // Known-good files are not hashed again (unless they changed size or time since).
    auto alreadyVerified = [this](const QString& file, const QString& sha256) {
        const auto it = m_verified.constFind(file);
        if (it == m_verified.constEnd() || it->sha256 != sha256)
            return false;
        const QFileInfo info(file);
        return info.size() == it->size && info.lastModified() == it->modified;
    };
    m_readingRecords = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    const uint64_t generation = m_generation;
    const QString casePath = m_casePath;
    auto* watcher = new QFutureWatcher<QList<SourceExcerpt>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        const QList<SourceExcerpt> excerpts = watcher->result();
        for (const SourceExcerpt& excerpt : excerpts) {
            if (excerpt.verified && !excerpt.sha256.isEmpty()) {
                const QFileInfo info(excerpt.file);
                m_verified.insert(excerpt.file, {excerpt.sha256, info.size(), info.lastModified()});
            }
        }
        if (generation != m_generation || !m_details)
            return;
        m_details->excerpts = excerpts;
        m_readingRecords = false;
        render();
        Q_EMIT recordsRead();
    });
    QSet<QString> verifiedHashes; // hashes of files this pane already checked and that did not change since
    for (auto it = m_verified.constBegin(); it != m_verified.constEnd(); ++it) {
        if (alreadyVerified(it.key(), it->sha256))
            verifiedHashes.insert(it->sha256);
    }
    watcher->setFuture(QtConcurrent::run([wanted, casePath, cancel, verifiedHashes] {
        QList<SourceExcerpt> excerpts;
        for (const Wanted& w : wanted) {
            const bool known = verifiedHashes.contains(w.sha256);
            SourceExcerpt excerpt = readSourceExcerpt(w.input, w.path, casePath, w.line, w.record,
                                                      known ? QString() : w.sha256, 16, cancel.get());
            excerpt.eventId = w.eventId;
            excerpt.sha256 = w.sha256;
            excerpt.verified = excerpt.verified || (known && !excerpt.lines.isEmpty());
            excerpts.append(std::move(excerpt));
        }
        return excerpts;
    }));
}

QString DetailsPane::text() const
{
    return m_browser->toPlainText();
}

QString DetailsPane::html() const
{
    return m_details ? processDetailsHtml(*m_details, m_decoded) : QString();
}

void DetailsPane::render()
{
    if (!m_details) {
        m_browser->setHtml(QStringLiteral("<p style=\"color:gray\">%1</p>")
                               .arg(tr("Select a process to see its command line, where it ran and why.")));
        return;
    }
    const int scroll = m_browser->verticalScrollBar() ? m_browser->verticalScrollBar()->value() : 0;
    m_browser->setHtml(processDetailsHtml(*m_details, m_decoded));
    m_browser->verticalScrollBar()->setValue(scroll);
}

void DetailsPane::activateLink(const QUrl& url)
{
    if (url.scheme() != QLatin1String("shimscope"))
        return; // nothing in a case may open anything outside the application
    const QStringList parts = url.path().split(QLatin1Char('/'));
    if (parts.size() != 2)
        return;
    bool ok = false;
    const qint64 number = parts.at(1).toLongLong(&ok);
    if (parts.at(0) == QLatin1String("node") && ok) {
        Q_EMIT nodeActivated(number);
    } else if (parts.at(0) == QLatin1String("container") && ok) {
        Q_EMIT containerActivated(number);
    } else if (parts.at(0) == QLatin1String("decode") && ok && m_details) {
        m_decoded.insert(static_cast<int>(number));
        render();
    } else if (parts.at(0) == QLatin1String("copy") && m_details) {
        // Shell-quoted with control characters escaped: pasting it into a terminal or a ticket cannot run anything.
        QApplication::clipboard()->setText(EventTableModel::commandLine(m_details->node.argv));
    }
}

} // namespace ShimScope
