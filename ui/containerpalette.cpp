// SPDX-License-Identifier: GPL-3.0-or-later
#include "containerpalette.h"

#include <QPainter>
#include <QPixmap>

#include <array>

namespace ShimScope::ContainerPalette
{

namespace
{
// Okabe–Ito (without black), then Tol's muted scheme: 15 colours before any repeats.
constexpr std::array<QRgb, 15> kColours = {
    0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7, // Okabe–Ito
    0x332288, 0x88CCEE, 0x44AA99, 0x117733, 0x999933, 0xDDCC77, 0xCC6677, 0xAA4499, // Tol muted
};
constexpr QRgb kHost = 0x8C8C8C;

QColor blend(const QColor& a, const QColor& b, double amount)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - amount) + b.redF() * amount),
                            static_cast<float>(a.greenF() * (1 - amount) + b.greenF() * amount),
                            static_cast<float>(a.blueF() * (1 - amount) + b.blueF() * amount));
}
} // namespace

int size()
{
    return static_cast<int>(kColours.size());
}

QColor colour(int index)
{
    if (index < 0)
        return QColor(kHost);
    return QColor(kColours[static_cast<size_t>(index) % kColours.size()]);
}

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Text).lightnessF() > palette.color(QPalette::Base).lightnessF();
}

QColor rowTint(int index, const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    if (index < 0)
        return base;
    return blend(base, colour(index), isDark(palette) ? 0.30 : 0.22);
}

QIcon chip(int index, int extent)
{
    QIcon icon;
    for (const int scale : {1, 2}) {
        QPixmap pixmap(extent * scale, extent * scale);
        pixmap.setDevicePixelRatio(scale);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QRectF square(1.5, 1.5, extent - 3, extent - 3);
        if (index < 0) {
            painter.setPen(QPen(colour(-1), 1.5));
            painter.drawRoundedRect(square, 2, 2);
        } else {
            painter.setPen(QPen(colour(index).darker(140), 1));
            painter.setBrush(colour(index));
            painter.drawRoundedRect(square, 2, 2);
        }
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace ShimScope::ContainerPalette
