// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QStringList>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace ShimScope
{

/// Edits one bookmark: a note, tags and a colour; shows who writes it and which process it marks.
class BookmarkDialog : public QDialog
{
    Q_OBJECT

public:
    BookmarkDialog(const QString& processText, const QString& analyst, QWidget* parent = nullptr);

    void setNote(const QString& note);
    void setTags(const QStringList& tags);
    void setColour(const QString& colour);
    QString note() const;
    QStringList tags() const;
    /// "#rrggbb" or empty.
    QString colour() const;

    /// Tags typed as "a, b  c" become {"a", "b", "c"}: trimmed, no empties, no duplicates, order kept.
    static QStringList parseTags(const QString& text);

private:
    QPlainTextEdit* m_note = nullptr;
    QLineEdit* m_tags = nullptr;
    QComboBox* m_colour = nullptr;
};

} // namespace ShimScope
