// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace ShimScope
{

/**
 * Paints rows in their container's colour (ContainerPalette), for any model that exposes a colour index role:
 * a tinted background on every cell, a colour chip in one column, the container boundary (shims, runc, conmon) with a
 * coloured bar on the left edge and bold text, placeholders in italics and inferred parent links with a dotted
 * underline. Roles are given per model, so the tree, the chain, the bookmarks and the container list share it.
 */
class ContainerDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    struct Roles
    {
        int colourIndex = -1;  ///< int, -1 = host / none (required)
        int boundary = -1;     ///< bool
        int placeholder = -1;  ///< bool
        int inferredLink = -1; ///< bool
        int emphasis = -1;     ///< bool: bold (the pivoted process, an entrypoint)
        int chipColumn = -1;   ///< the column that shows a colour chip
    };

    ContainerDelegate(Roles roles, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    Roles m_roles;
};

} // namespace ShimScope
