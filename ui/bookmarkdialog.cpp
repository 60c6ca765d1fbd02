// SPDX-License-Identifier: GPL-3.0-or-later
#include "bookmarkdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QRegularExpression>

namespace ShimScope
{

namespace
{
struct NamedColour
{
    const char* name;
    const char* hex;
};
// Marker colours for findings (not container colours): the usual triage scale plus two neutrals.
constexpr NamedColour kColours[] = {
    {QT_TRANSLATE_NOOP("BookmarkDialog", "Red (malicious)"), "#d62728"},
    {QT_TRANSLATE_NOOP("BookmarkDialog", "Orange (suspicious)"), "#ff7f0e"},
    {QT_TRANSLATE_NOOP("BookmarkDialog", "Yellow (to check)"), "#e6c000"},
    {QT_TRANSLATE_NOOP("BookmarkDialog", "Green (benign)"), "#2ca02c"},
    {QT_TRANSLATE_NOOP("BookmarkDialog", "Blue (context)"), "#1f77b4"},
    {QT_TRANSLATE_NOOP("BookmarkDialog", "Purple"), "#9467bd"},
};

QIcon swatch(const QColor& colour)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setPen(colour.darker(150));
    painter.setBrush(colour);
    painter.drawRoundedRect(QRectF(1, 1, 12, 12), 2, 2);
    return QIcon(pixmap);
}
} // namespace

BookmarkDialog::BookmarkDialog(const QString& processText, const QString& analyst, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("bookmarkDialog"));
    setWindowTitle(tr("Bookmark"));
    auto* process = new QLabel(processText, this);
    process->setTextFormat(Qt::PlainText);
    process->setWordWrap(true);
    process->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_note = new QPlainTextEdit(this);
    m_note->setObjectName(QStringLiteral("bookmarkNote"));
    m_note->setPlaceholderText(tr("What this is and why it matters (goes into reports)"));
    m_note->setTabChangesFocus(true);
    m_tags = new QLineEdit(this);
    m_tags->setObjectName(QStringLiteral("bookmarkTags"));
    m_tags->setPlaceholderText(tr("e.g. initial-access, persistence"));
    m_colour = new QComboBox(this);
    m_colour->setObjectName(QStringLiteral("bookmarkColour"));
    m_colour->addItem(tr("No colour"), QString());
    for (const NamedColour& colour : kColours)
        m_colour->addItem(swatch(QColor(QLatin1String(colour.hex))), tr(colour.name), QString::fromLatin1(colour.hex));

    auto* analystLabel = new QLabel(analyst, this);
    analystLabel->setTextFormat(Qt::PlainText);
    analystLabel->setToolTip(tr("Set your name in Settings → Analyst Name"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Process:"), process);
    form->addRow(tr("&Note:"), m_note);
    form->addRow(tr("&Tags:"), m_tags);
    form->addRow(tr("&Colour:"), m_colour);
    form->addRow(tr("Analyst:"), analystLabel);
    form->addRow(buttons);
    resize(fontMetrics().averageCharWidth() * 70, sizeHint().height());
}

void BookmarkDialog::setNote(const QString& note)
{
    m_note->setPlainText(note);
}

void BookmarkDialog::setTags(const QStringList& tags)
{
    m_tags->setText(tags.join(QStringLiteral(", ")));
}

void BookmarkDialog::setColour(const QString& colour)
{
    int index = m_colour->findData(colour.toLower());
    if (index < 0 && QColor::isValidColorName(colour)) {
        m_colour->addItem(swatch(QColor::fromString(colour)), colour, colour.toLower());
        index = m_colour->count() - 1;
    }
    m_colour->setCurrentIndex(std::max(index, 0));
}

QString BookmarkDialog::note() const
{
    return m_note->toPlainText().trimmed();
}

QStringList BookmarkDialog::tags() const
{
    return parseTags(m_tags->text());
}

QString BookmarkDialog::colour() const
{
    return m_colour->currentData().toString();
}

QStringList BookmarkDialog::parseTags(const QString& text)
{
    QStringList tags;
    for (const QString& part : text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
        if (!tags.contains(part))
            tags.append(part);
    }
    return tags;
}

} // namespace ShimScope
