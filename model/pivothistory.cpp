// SPDX-License-Identifier: GPL-3.0-or-later
#include "pivothistory.h"

#include <QAction>
#include <QKeySequence>

#include <algorithm>

namespace ShimScope
{

PivotHistory::PivotHistory(QObject* parent)
    : QObject(parent)
    , m_back(new QAction(tr("&Back"), this))
    , m_forward(new QAction(tr("&Forward"), this))
{
    m_back->setObjectName(QStringLiteral("pivotBack"));
    m_forward->setObjectName(QStringLiteral("pivotForward"));
    m_back->setShortcuts(QKeySequence::Back);
    m_forward->setShortcuts(QKeySequence::Forward);
    connect(m_back, &QAction::triggered, this, [this] { back(); });
    connect(m_forward, &QAction::triggered, this, [this] { forward(); });
    updateActions();
}

PivotHistory::~PivotHistory() = default;

void PivotHistory::visit(const PivotTarget& target)
{
    if (!target.isValid())
        return;
    if (m_index >= 0 && m_targets.at(m_index) == target) {
        m_targets[m_index].label = target.label;
        updateActions();
        return;
    }
    // A new visit makes the targets after the current one unreachable, as in a browser.
    m_targets.erase(m_targets.begin() + (m_index + 1), m_targets.end());
    m_targets.append(target);
    m_index = static_cast<int>(m_targets.size()) - 1;
    trim();
    updateActions();
    Q_EMIT currentChanged(m_targets.at(m_index));
}

bool PivotHistory::back()
{
    if (!canGoBack())
        return false;
    --m_index;
    updateActions();
    Q_EMIT currentChanged(m_targets.at(m_index));
    return true;
}

bool PivotHistory::forward()
{
    if (!canGoForward())
        return false;
    ++m_index;
    updateActions();
    Q_EMIT currentChanged(m_targets.at(m_index));
    return true;
}

PivotTarget PivotHistory::current() const
{
    return m_index >= 0 ? m_targets.at(m_index) : PivotTarget();
}

bool PivotHistory::canGoBack() const
{
    return m_index > 0;
}

bool PivotHistory::canGoForward() const
{
    return m_index >= 0 && m_index + 1 < m_targets.size();
}

void PivotHistory::clear()
{
    m_targets.clear();
    m_index = -1;
    updateActions();
}

void PivotHistory::setMaximumSize(int maximum)
{
    m_maximum = std::max(1, maximum);
    trim();
    updateActions();
}

void PivotHistory::trim()
{
    // Drop the oldest; the current target moves down with them. It is never dropped: visit() appends it last,
    // and a smaller maximum keeps the newest targets, forward ones first to go.
    while (m_targets.size() > m_maximum) {
        if (m_index > 0) {
            m_targets.removeFirst();
            --m_index;
        } else {
            m_targets.removeLast();
        }
    }
}

void PivotHistory::updateActions()
{
    auto describe = [](const PivotTarget& target) {
        if (!target.label.isEmpty())
            return target.label;
        return target.kind == PivotTarget::Container ? tr("container %1").arg(target.id)
                                                     : tr("process %1").arg(target.id);
    };
    // Tooltips may be shown as rich text: the label is escaped so a program name cannot be markup.
    auto tooltip = [](const QString& text) -> QString {
        return QStringLiteral("<qt>") + text.toHtmlEscaped() + u"</qt>";
    };
    m_back->setEnabled(canGoBack());
    m_forward->setEnabled(canGoForward());
    if (canGoBack()) {
        const QString text = tr("Back to %1").arg(describe(m_targets.at(m_index - 1)));
        m_back->setToolTip(tooltip(text));
        m_back->setStatusTip(text);
    } else {
        m_back->setToolTip(tooltip(tr("Back (no earlier pivot)")));
        m_back->setStatusTip(QString());
    }
    if (canGoForward()) {
        const QString text = tr("Forward to %1").arg(describe(m_targets.at(m_index + 1)));
        m_forward->setToolTip(tooltip(text));
        m_forward->setStatusTip(text);
    } else {
        m_forward->setToolTip(tooltip(tr("Forward (no later pivot)")));
        m_forward->setStatusTip(QString());
    }
}

} // namespace ShimScope
