// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <cstdint>

class QAction;

namespace ShimScope
{

/// Something the investigation can pivot to: a process node or a container entity of the open case.
struct PivotTarget
{
    enum Kind
    {
        Process,
        Container,
    };
    Kind kind = Process;
    int64_t id = 0;  ///< process_nodes.id or containers.id; 0 = no target
    QString label;   ///< shown in the actions' tooltips (already made safe for display by the caller)

    bool isValid() const { return id != 0; }
    /// Same target: kind and id (the label is only its name).
    friend bool operator==(const PivotTarget& a, const PivotTarget& b) { return a.kind == b.kind && a.id == b.id; }
    friend bool operator!=(const PivotTarget& a, const PivotTarget& b) { return !(a == b); }
};

/**
 * Browser-like back/forward over pivot targets. visit() adds a target after the current one and drops the forward
 * history; back() and forward() move within it. Owns a Back and a Forward action (standard key sequences, enabled
 * state kept in sync, tooltips naming where they go) for the GUI to put in menus and tool bars.
 * Lives on the GUI thread. The history holds at most maximumSize() targets; the oldest fall off.
 */
class PivotHistory : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultMaximum = 100;

    explicit PivotHistory(QObject* parent = nullptr);
    ~PivotHistory() override;

    /// Goes to target: drops the forward history and appends it. A visit equal to the current target does nothing
    /// (but refreshes its label). An invalid target (id 0) is ignored.
    void visit(const PivotTarget& target);
    /// Moves one step; false (and nothing changes) when there is nowhere to go.
    bool back();
    bool forward();
    /// The current target; an invalid one (id 0) when the history is empty.
    PivotTarget current() const;
    bool canGoBack() const;
    bool canGoForward() const;
    /// Forgets everything (a new case). Does not emit currentChanged().
    void clear();

    int count() const { return static_cast<int>(m_targets.size()); }
    int currentIndex() const { return m_index; }
    QList<PivotTarget> targets() const { return m_targets; }
    int maximumSize() const { return m_maximum; }
    /// At least 1; trims the oldest targets when the history is longer.
    void setMaximumSize(int maximum);

    QAction* backAction() const { return m_back; }
    QAction* forwardAction() const { return m_forward; }

Q_SIGNALS:
    /// After visit(), back() and forward() moved to another target.
    void currentChanged(const ShimScope::PivotTarget& target);

private:
    void trim();
    void updateActions();

    QList<PivotTarget> m_targets;
    int m_index = -1;
    int m_maximum = kDefaultMaximum;
    QAction* m_back = nullptr;
    QAction* m_forward = nullptr;
};

} // namespace ShimScope

Q_DECLARE_METATYPE(ShimScope::PivotTarget)
