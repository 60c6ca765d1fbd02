// SPDX-License-Identifier: GPL-3.0-or-later
// CsvMappingDialog under the offscreen platform, on the converted Kibana-style export of the main lab capture
// (tests/data/csv/): the file table, picking columns with the combos, the live preview (values and red errors),
// OK enabled only with time, pid and exe or command line, and the mapping it returns.

#include "csvmappingdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

using namespace ShimScope;

namespace
{
const QString kElastic = QStringLiteral(SHIMSCOPE_TESTDATA_DIR "/csv/elastic-like-main.csv.gz");

QString cell(const QTableWidget* table, int row, int column)
{
    const QTableWidgetItem* item = table->item(row, column);
    return item ? item->text() : QString();
}

void pick(QComboBox* combo, const QString& column)
{
    const int index = combo->findData(column);
    QVERIFY2(index >= 0, qPrintable(column));
    combo->setCurrentIndex(index);
}
} // namespace

class TestCsvMappingDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pickColumnsAndPreview()
    {
        // Start from a mapping that only names the time column: everything else is picked by hand.
        CsvMapping initial;
        initial.column(CsvField::Time) = QStringLiteral("@timestamp");
        CsvMappingDialog dialog(kElastic, initial);
        dialog.show();
        QVERIFY(dialog.loadError().isEmpty());
        QCOMPARE(dialog.header().size(), 9);
        QCOMPARE(dialog.header().at(2), QStringLiteral("process.pid"));

        // The file as it is: 20 records, raw cells.
        const QTableWidget* file = dialog.fileTable();
        QCOMPARE(file->rowCount(), CsvMappingDialog::kPreviewRows);
        QCOMPARE(file->columnCount(), 9);
        QCOMPARE(cell(file, 0, 2), QStringLiteral("5912"));
        QCOMPARE(cell(file, 0, 6), QStringLiteral("auditctl -a always,exit -F arch=b32 -S execve,execveat -k exec"));

        QVERIFY(!dialog.okButton()->isEnabled());
        QCOMPARE(dialog.previewTable()->rowCount(), 0);
        pick(dialog.fieldCombo(CsvField::Pid), QStringLiteral("process.pid"));
        QVERIFY(!dialog.okButton()->isEnabled()); // still no exe / command line
        pick(dialog.fieldCombo(CsvField::CommandLine), QStringLiteral("process.command_line"));
        QVERIFY(dialog.okButton()->isEnabled());
        pick(dialog.fieldCombo(CsvField::Exe), QStringLiteral("process.executable"));
        pick(dialog.fieldCombo(CsvField::Ppid), QStringLiteral("process.parent.pid"));

        const QTableWidget* preview = dialog.previewTable();
        QCOMPARE(preview->rowCount(), CsvMappingDialog::kPreviewRows);
        QCOMPARE(cell(preview, 0, CsvMappingDialog::LineColumn), QStringLiteral("2"));
        QCOMPARE(cell(preview, 0, CsvMappingDialog::PidColumn), QStringLiteral("5912"));
        QVERIFY2(cell(preview, 0, CsvMappingDialog::TimeColumn).startsWith(QLatin1String("2026-12-03")),
                 qPrintable(cell(preview, 0, CsvMappingDialog::TimeColumn)));
        QCOMPARE(cell(preview, 0, CsvMappingDialog::ExeColumn), QStringLiteral("/usr/sbin/auditctl"));
        QCOMPARE(cell(preview, 0, CsvMappingDialog::ArgvColumn),
                 QStringLiteral("auditctl -a always,exit -F arch=b32 -S execve,execveat -k exec"));
        // Line 14: grep -v '^kworker' comes out as three arguments.
        QCOMPARE(cell(preview, 12, CsvMappingDialog::LineColumn), QStringLiteral("14"));
        QCOMPARE(cell(preview, 12, CsvMappingDialog::ArgvColumn), QStringLiteral("grep -v ^kworker"));
        QCOMPARE(cell(preview, 12, CsvMappingDialog::ProblemColumn), QString());

        // A wrong pick shows, per row, the importer's error in red, and the mapping stays importable.
        pick(dialog.fieldCombo(CsvField::Pid), QStringLiteral("user.name"));
        QCOMPARE(preview->rowCount(), CsvMappingDialog::kPreviewRows);
        QCOMPARE(cell(preview, 0, CsvMappingDialog::PidColumn), QString());
        QCOMPARE(cell(preview, 0, CsvMappingDialog::ProblemColumn),
                 QStringLiteral("column 'user.name' (pid) value 'root' is not a number"));
        QCOMPARE(preview->item(0, CsvMappingDialog::ProblemColumn)->foreground().color(), QColor(Qt::red));
        pick(dialog.fieldCombo(CsvField::Pid), QStringLiteral("process.pid"));
        QCOMPARE(cell(preview, 0, CsvMappingDialog::ProblemColumn), QString());

        // Time zone: these times state Z, so Berlin changes nothing; an unknown zone disables OK.
        dialog.timeZoneCombo()->setCurrentText(QStringLiteral("Europe/Berlin"));
        QVERIFY(cell(preview, 0, CsvMappingDialog::TimeColumn).contains(QLatin1String("17:35:32")));
        dialog.timeZoneCombo()->setCurrentText(QStringLiteral("Not/AZone"));
        QVERIFY(!dialog.okButton()->isEnabled());
        dialog.timeZoneCombo()->setCurrentText(QStringLiteral("Europe/Berlin"));
        QVERIFY(dialog.okButton()->isEnabled());

        QVERIFY(!dialog.remember());
        dialog.rememberCheckBox()->setChecked(true);
        QVERIFY(dialog.remember());

        const CsvMapping m = dialog.mapping();
        QCOMPARE(m.toSpec(), QStringLiteral("time=@timestamp,pid=process.pid,ppid=process.parent.pid,"
                                            "exe=process.executable,commandLine=process.command_line"));
        QCOMPARE(m.column(CsvField::Host), QStringLiteral("-")); // left unmapped on purpose
        QCOMPARE(m.timeZone, QStringLiteral("Europe/Berlin"));
        QCOMPARE(m.defaultKind, EventKind::Exec);
        QVERIFY(m.usable());
    }

    // No initial mapping: the automatic one fills the combos.
    void automaticWhenNothingGiven()
    {
        CsvMappingDialog dialog(kElastic, CsvMapping());
        QCOMPARE(dialog.fieldCombo(CsvField::Host)->currentData().toString(), QStringLiteral("host.name"));
        QCOMPARE(dialog.fieldCombo(CsvField::Cwd)->currentData().toString(),
                 QStringLiteral("process.working_directory"));
        QVERIFY(dialog.okButton()->isEnabled());
        QCOMPARE(cell(dialog.previewTable(), 1, CsvMappingDialog::PidColumn), QStringLiteral("5914"));
    }

    void unreadableFile()
    {
        CsvMappingDialog dialog(QStringLiteral("/nonexistent/x.csv"), CsvMapping());
        QVERIFY(!dialog.loadError().isEmpty());
        QVERIFY(!dialog.okButton()->isEnabled());
    }
};

QTEST_MAIN(TestCsvMappingDialog)
#include "tst_csvmappingdialog.moc"
