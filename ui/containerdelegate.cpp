// SPDX-License-Identifier: GPL-3.0-or-later
#include "containerdelegate.h"

#include "containerpalette.h"

#include <QPainter>

namespace ShimScope
{

namespace
{
bool flag(const QModelIndex& index, int role)
{
    return role >= 0 && index.data(role).toBool();
}
} // namespace

ContainerDelegate::ContainerDelegate(Roles roles, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_roles(roles)
{
}

void ContainerDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant colour = index.data(m_roles.colourIndex);
    const int colourIndex = colour.isValid() ? colour.toInt() : -1;
    if (colourIndex >= 0)
        option->backgroundBrush = ContainerPalette::rowTint(colourIndex, option->palette);
    if (index.column() == m_roles.chipColumn) {
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->icon = ContainerPalette::chip(colourIndex);
        option->decorationSize = QSize(12, 12);
    }
    if (flag(index, m_roles.boundary) || flag(index, m_roles.emphasis))
        option->font.setBold(true);
    if (flag(index, m_roles.placeholder)) {
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
    }
}

void ContainerDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    if (index.column() != 0)
        return;
    painter->save();
    if (flag(index, m_roles.boundary)) {
        // The boundary: a bar in the container's colour (or the host grey for a runtime that serves none yet).
        const QVariant colour = index.data(m_roles.colourIndex);
        painter->fillRect(QRect(option.rect.left(), option.rect.top(), 4, option.rect.height()),
                          ContainerPalette::colour(colour.isValid() ? colour.toInt() : -1));
    }
    if (flag(index, m_roles.inferredLink)) {
        // An inferred parent link: dotted line under the row's first cell.
        QPen pen(option.palette.color(QPalette::Text));
        pen.setStyle(Qt::DotLine);
        painter->setPen(pen);
        const int y = option.rect.bottom() - 1;
        painter->drawLine(option.rect.left() + 6, y, option.rect.right(), y);
    }
    painter->restore();
}

} // namespace ShimScope
