// SPDX-License-Identifier: GPL-3.0-or-later
// shimscope: the GUI. Thin by design: application identity, translators and the command line; the window does the
// rest through the same slots as its menus.

#include "casefile.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <cstring>

namespace
{
struct Options
{
    QCommandLineOption readOnly{
        QStringLiteral("read-only"), QCoreApplication::translate("main", "Open the case without allowing changes.")};
    QCommandLineOption casePath{QStringLiteral("case"),
        QCoreApplication::translate("main", "Import the given files into this case file (created if missing)."),
        QCoreApplication::translate("main", "PATH")};
};

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("ShimScope"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("shimscope.io"));
    QCoreApplication::setApplicationName(QStringLiteral("ShimScope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SHIMSCOPE_VERSION));
}

void configure(QCommandLineParser& parser, const Options& options)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Container attribution for host execution logs."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("paths"),
        QCoreApplication::translate("main", "A case file (*.%1) to open, or log files and folders to import.")
            .arg(QString::fromLatin1(ShimScope::CaseFile::kSuffix)),
        QCoreApplication::translate("main", "[CASE | FILES...]"));
    parser.addOption(options.readOnly);
    parser.addOption(options.casePath);
}

/// --help and --version print and exit: they must work without a display.
bool onlyPrints(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char* flag : {"-h", "--help", "--help-all", "-?", "-v", "--version"}) {
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        }
    }
    return false;
}
} // namespace

int main(int argc, char* argv[])
{
    if (onlyPrints(argc, argv)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        QCommandLineParser parser;
        const Options options;
        configure(parser, options);
        parser.process(app); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    setIdentity();
    // No applicationDisplayName: X11 and Wayland would append it to titles that already end in "[read-only]".
    QGuiApplication::setDesktopFileName(QStringLiteral("shimscope"));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qtTranslator);
    QTranslator appTranslator;
    if (appTranslator.load(QLocale(), QStringLiteral("shimscope"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&appTranslator);

    QCommandLineParser parser;
    const Options options; // after the translators, so the help text is translated
    configure(parser, options);
    parser.process(app);

    ShimScope::MainWindow window;
    window.show();

    const QStringList paths = parser.positionalArguments();
    const bool readOnly = parser.isSet(options.readOnly);
    const QString casePath = parser.value(options.casePath);
    // Once the event loop runs, so the window is up before any dialog or progress.
    QTimer::singleShot(0, &window, [&window, paths, readOnly, casePath] {
        if (!casePath.isEmpty()) {
            if (QFileInfo::exists(casePath))
                window.openCase(casePath, readOnly);
            if (!paths.isEmpty())
                window.importInto(casePath, paths);
        } else if (!paths.isEmpty()) {
            window.openPaths(paths, readOnly);
        }
    });
    return app.exec();
}
