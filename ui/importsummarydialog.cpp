// SPDX-License-Identifier: GPL-3.0-or-later
#include "importsummarydialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace ShimScope
{

namespace
{
constexpr int kErrorsInCell = 3;

// Parser messages may quote log text: never let a tooltip interpret it as HTML.
QString plainTooltip(const QStringList& lines)
{
    QStringList escaped;
    for (const QString& line : lines)
        escaped.append(line.toHtmlEscaped());
    return QStringLiteral("<qt><p style='white-space:pre'>") + escaped.join(QStringLiteral("<br/>"))
        + QStringLiteral("</p></qt>");
}

QTableWidgetItem* textItem(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

QTableWidgetItem* numberItem(int64_t value)
{
    auto* item = new QTableWidgetItem;
    item->setData(Qt::DisplayRole, QVariant::fromValue<qlonglong>(value));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}
} // namespace

ImportSummaryDialog::ImportSummaryDialog(const ImportReport& report, const QString& casePath, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("importSummaryDialog"));
    setWindowTitle(tr("Import Summary"));

    const QString caseName = QFileInfo(casePath).fileName();
    const QString seconds = QLocale().toString(static_cast<double>(report.durationMs) / 1000.0, 'f', 1);
    // Not %n: without a loaded English catalogue Qt would print "event(s)".
    const QString events = report.events == 1 ? tr("1 event") : tr("%L1 events").arg(report.events);
    QString text;
    switch (report.result) {
    case ImportReport::Result::Success:
        text = tr("Imported %1 into “%2” in %3 s.").arg(events, caseName, seconds);
        break;
    case ImportReport::Result::Partial:
        text = tr("Imported %1 into “%2” in %3 s. Some inputs gave nothing that could be imported.")
                   .arg(events, caseName, seconds);
        break;
    case ImportReport::Result::Cancelled:
        text = tr("The import was cancelled; “%1” is unchanged.").arg(caseName);
        break;
    case ImportReport::Result::Failed:
        text = tr("The import failed; “%1” is unchanged.\n%2").arg(caseName, report.error);
        break;
    }
    if (report.createdCase)
        text += u'\n' + tr("Created the case file %1.").arg(QDir::toNativeSeparators(casePath));

    m_summary = new QLabel(text, this);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("importSummaryTable"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("File"), tr("Input"), tr("Format"), tr("Status"), tr("Events"),
        tr("Skipped records"), tr("Lost events"), tr("First errors"), tr("SHA-256")});
    m_table->horizontalHeaderItem(SkippedColumn)->setToolTip(tr("Records or lines the importer could not use"));
    m_table->horizontalHeaderItem(LostColumn)
        ->setToolTip(tr("Events the log itself shows as lost (gaps in the audit serial numbers)"));
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle); // paths keep their file name visible
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    fillTable(report);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("&Copy Table"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyButton"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(tableText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);

    // As large as the table wants, within the screen.
    const QRect screen = (parent ? parent->screen() : QGuiApplication::primaryScreen())->availableGeometry();
    const int frame = m_table->frameWidth() * 2;
    const int tableWidth = m_table->horizontalHeader()->length() + frame;
    const int width = std::min(
        tableWidth + layout->contentsMargins().left() + layout->contentsMargins().right(), screen.width() * 9 / 10);
    int tableHeight = m_table->horizontalHeader()->sizeHint().height() + m_table->verticalHeader()->length() + frame;
    if (tableWidth > width)
        tableHeight += m_table->horizontalScrollBar()->sizeHint().height();
    tableHeight = std::clamp(tableHeight, fontMetrics().height() * 6, screen.height() * 3 / 5);
    const int height = layout->sizeHint().height() - m_table->sizeHint().height() + tableHeight;
    resize(width, height);
}

void ImportSummaryDialog::fillTable(const ImportReport& report)
{
    const QStyle* style = this->style();
    m_table->setRowCount(static_cast<int>(report.files.size()));
    int row = 0;
    for (const FileReport& file : report.files) {
        auto* fileItem = textItem(file.path.isEmpty() ? QFileInfo(file.input).fileName() : file.path);
        fileItem->setToolTip(plainTooltip({QDir::toNativeSeparators(file.input)}));
        m_table->setItem(row, FileColumn, fileItem);
        auto* inputItem = textItem(QDir::toNativeSeparators(file.input));
        inputItem->setToolTip(plainTooltip({QDir::toNativeSeparators(file.input)}));
        m_table->setItem(row, InputColumn, inputItem);
        m_table->setItem(row, FormatColumn, textItem(file.format.isEmpty() ? tr("—") : file.format));

        QString status;
        QIcon icon;
        if (file.status == QLatin1String("imported")) {
            status = tr("imported");
            icon = style->standardIcon(QStyle::SP_DialogApplyButton);
        } else if (file.status == QLatin1String("partial")) {
            status = tr("partly imported");
            icon = style->standardIcon(QStyle::SP_MessageBoxWarning);
        } else if (file.status == QLatin1String("skipped")) {
            status = tr("skipped");
            icon = style->standardIcon(QStyle::SP_MessageBoxInformation);
        } else if (file.status == QLatin1String("failed")) {
            status = tr("failed");
            icon = style->standardIcon(QStyle::SP_MessageBoxCritical);
        } else if (file.status == QLatin1String("rejected")) {
            status = tr("rejected");
            icon = style->standardIcon(QStyle::SP_MessageBoxWarning);
        } else if (file.status == QLatin1String("bundle")) {
            status = file.layout.isEmpty() ? tr("bundle") : tr("bundle (%1 layout)").arg(file.layout);
            if (!file.host.isEmpty())
                status += tr(", host %1").arg(file.host);
            icon = style->standardIcon(QStyle::SP_DirIcon);
        } else {
            status = file.status;
        }
        if (!file.message.isEmpty())
            status += QStringLiteral(": ") + file.message;
        auto* statusItem = textItem(status);
        statusItem->setIcon(icon);
        statusItem->setData(Qt::UserRole, file.status);
        if (!file.message.isEmpty())
            statusItem->setToolTip(plainTooltip({file.message}));
        m_table->setItem(row, StatusColumn, statusItem);

        m_table->setItem(row, EventsColumn, numberItem(file.stats.events));
        m_table->setItem(row, SkippedColumn, numberItem(file.stats.recordsSkipped));
        m_table->setItem(row, LostColumn, numberItem(file.stats.lostEvents));

        QStringList errors;
        for (const RecordError& error : file.stats.errors)
            errors.append(error.line > 0 ? tr("line %1: %2").arg(error.line).arg(error.message) : error.message);
        QStringList shown = errors.mid(0, kErrorsInCell);
        if (errors.size() > kErrorsInCell)
            shown.append(tr("(%L1 more)").arg(errors.size() - kErrorsInCell));
        auto* errorsItem = textItem(shown.join(QStringLiteral("; ")));
        if (!errors.isEmpty())
            errorsItem->setToolTip(plainTooltip(errors));
        m_table->setItem(row, ErrorsColumn, errorsItem);

        auto* hashItem = textItem(QString::fromLatin1(file.sha256Hex));
        hashItem->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_table->setItem(row, Sha256Column, hashItem);
        ++row;
    }
    m_table->resizeColumnsToContents();
    // Long inputs and error lists should not push the hash out of sight; their full text is in tooltips.
    const int charWidth = fontMetrics().averageCharWidth();
    const QList<QPair<int, int>> limits{{InputColumn, 28}, {FileColumn, 28}, {StatusColumn, 36}, {ErrorsColumn, 48}};
    for (const auto& [column, chars] : limits) {
        if (m_table->columnWidth(column) > charWidth * chars)
            m_table->setColumnWidth(column, charWidth * chars);
    }
}

QString ImportSummaryDialog::summaryText() const
{
    return m_summary->text();
}

QString ImportSummaryDialog::tableText() const
{
    QStringList lines;
    QStringList header;
    for (int column = 0; column < m_table->columnCount(); ++column)
        header.append(m_table->horizontalHeaderItem(column)->text());
    lines.append(header.join(u'\t'));
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < m_table->columnCount(); ++column) {
            const QTableWidgetItem* item = m_table->item(row, column);
            cells.append(item ? item->data(Qt::DisplayRole).toString() : QString());
        }
        lines.append(cells.join(u'\t'));
    }
    return lines.join(u'\n') + u'\n';
}

} // namespace ShimScope
