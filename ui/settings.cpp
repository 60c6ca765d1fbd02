// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings.h"

#include "bookmarkstore.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace ShimScope
{

namespace
{
// Every key in one place. Renaming one is a migration (see migrate()).
const QString kVersionKey = QStringLiteral("settingsVersion");
const QString kRecentCasesKey = QStringLiteral("cases/recent");
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kHeaderStateKey = QStringLiteral("mainWindow/eventTableHeader");
const QString kLastDirectoryKey = QStringLiteral("dialogs/lastDirectory");
const QString kTreeHeaderStateKey = QStringLiteral("mainWindow/processTreeHeader");
const QString kAnalystKey = QStringLiteral("analyst/name");
const QString kThemeKey = QStringLiteral("appearance/theme");

QString normalized(const QString& path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}
} // namespace

Settings::Settings()
    : m_settings(std::make_unique<QSettings>())
{
    migrate();
}

Settings::Settings(const QString& iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
    migrate();
}

Settings::~Settings() = default;

void Settings::migrate()
{
    const int version = m_settings->value(kVersionKey, 0).toInt();
    if (version >= kVersion)
        return; // current, or written by a newer build: read what we understand, change nothing
    // Version 0 is "nothing written yet": there is no older layout to convert.
    m_settings->setValue(kVersionKey, kVersion);
}

QStringList Settings::recentCases() const
{
    QStringList paths;
    const QStringList stored = m_settings->value(kRecentCasesKey).toStringList();
    for (const QString& path : stored) {
        if (!path.isEmpty() && !paths.contains(path))
            paths.append(path);
    }
    return paths.mid(0, kMaxRecentCases);
}

void Settings::setRecentCases(const QStringList& paths)
{
    m_settings->setValue(kRecentCasesKey, paths.mid(0, kMaxRecentCases));
}

void Settings::addRecentCase(const QString& path)
{
    const QString absolute = normalized(path);
    QStringList paths = recentCases();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    setRecentCases(paths);
}

void Settings::removeRecentCase(const QString& path)
{
    QStringList paths = recentCases();
    paths.removeAll(normalized(path));
    paths.removeAll(path);
    setRecentCases(paths);
}

QByteArray Settings::mainWindowGeometry() const
{
    return m_settings->value(kGeometryKey).toByteArray();
}

void Settings::setMainWindowGeometry(const QByteArray& geometry)
{
    m_settings->setValue(kGeometryKey, geometry);
}

QByteArray Settings::mainWindowState() const
{
    return m_settings->value(kStateKey).toByteArray();
}

void Settings::setMainWindowState(const QByteArray& state)
{
    m_settings->setValue(kStateKey, state);
}

QByteArray Settings::eventTableHeaderState() const
{
    return m_settings->value(kHeaderStateKey).toByteArray();
}

void Settings::setEventTableHeaderState(const QByteArray& state)
{
    m_settings->setValue(kHeaderStateKey, state);
}

QByteArray Settings::processTreeHeaderState() const
{
    return m_settings->value(kTreeHeaderStateKey).toByteArray();
}

void Settings::setProcessTreeHeaderState(const QByteArray& state)
{
    m_settings->setValue(kTreeHeaderStateKey, state);
}

QString Settings::analystName() const
{
    const QString name = m_settings->value(kAnalystKey).toString().trimmed();
    if (!name.isEmpty())
        return name;
    // The login name, as import runs record it (from the password database when USER is not set).
    return BookmarkStore::defaultAnalyst();
}

void Settings::setAnalystName(const QString& name)
{
    if (name.trimmed().isEmpty())
        m_settings->remove(kAnalystKey);
    else
        m_settings->setValue(kAnalystKey, name.trimmed());
}

Settings::Theme Settings::theme() const
{
    const QString value = m_settings->value(kThemeKey).toString();
    if (value == QLatin1String("light"))
        return Theme::Light;
    if (value == QLatin1String("dark"))
        return Theme::Dark;
    return Theme::System;
}

void Settings::setTheme(Theme theme)
{
    switch (theme) {
    case Theme::System:
        m_settings->remove(kThemeKey);
        break;
    case Theme::Light:
        m_settings->setValue(kThemeKey, QStringLiteral("light"));
        break;
    case Theme::Dark:
        m_settings->setValue(kThemeKey, QStringLiteral("dark"));
        break;
    }
}

QString Settings::lastDirectory() const
{
    return m_settings->value(kLastDirectoryKey).toString();
}

void Settings::setLastDirectory(const QString& directory)
{
    m_settings->setValue(kLastDirectoryKey, directory);
}

void Settings::sync()
{
    m_settings->sync();
}

} // namespace ShimScope
