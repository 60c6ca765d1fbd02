// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

class QSettings;

namespace ShimScope
{

/**
 * The GUI's persistent settings, typed, over QSettings. Keys live only in settings.cpp; a version key lets a
 * later build migrate what an older one wrote. Cheap to construct: create one where needed, do not keep a global.
 */
class Settings
{
public:
    /// Bumped when a key changes meaning; migrate() brings older settings forward.
    static constexpr int kVersion = 1;
    static constexpr int kMaxRecentCases = 10;

    /// The application's settings (organisation and application names from QCoreApplication).
    Settings();
    /// Settings in an INI file, for tests.
    explicit Settings(const QString& iniFile);
    ~Settings();
    Settings(const Settings&) = delete;
    Settings& operator=(const Settings&) = delete;

    /// Most recent first, absolute paths, without duplicates.
    QStringList recentCases() const;
    void setRecentCases(const QStringList& paths);
    /// Moves path to the front of the recent cases.
    void addRecentCase(const QString& path);
    void removeRecentCase(const QString& path);

    QByteArray mainWindowGeometry() const;
    void setMainWindowGeometry(const QByteArray& geometry);
    /// QMainWindow::saveState() output; MainWindow restores it with the same state version it saved.
    QByteArray mainWindowState() const;
    void setMainWindowState(const QByteArray& state);
    QByteArray eventTableHeaderState() const;
    void setEventTableHeaderState(const QByteArray& state);

    QByteArray processTreeHeaderState() const;
    void setProcessTreeHeaderState(const QByteArray& state);

    /// The name stored with bookmarks; defaults to the login name.
    QString analystName() const;
    void setAnalystName(const QString& name);

    enum class Theme
    {
        System,
        Light,
        Dark,
    };
    Theme theme() const;
    void setTheme(Theme theme);

    /// Folder the last file dialog ended in.
    QString lastDirectory() const;
    void setLastDirectory(const QString& directory);

    void sync();

private:
    void migrate();

    std::unique_ptr<QSettings> m_settings;
};

} // namespace ShimScope
