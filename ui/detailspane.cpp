// SPDX-License-Identifier: GPL-3.0-or-later
#include "detailspane.h"

#include "casereader.h"
#include "eventtablemodel.h"

#include <QApplication>
#include <QClipboard>
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

DetailsPane::~DetailsPane() = default;

void DetailsPane::setCase(const QString& path)
{
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
    if (m_reader && nodeId > 0) {
        try {
            m_details = loadProcessDetails(*m_reader, nodeId);
        } catch (const std::exception&) {
            m_details.reset();
        }
    }
    render();
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
