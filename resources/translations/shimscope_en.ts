<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ImportJob</name>
    <message>
        <source>Reading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1, line %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the case file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::EventTableModel</name>
    <message>
        <source>unset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(event %1 not found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ns since the epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Executable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (comm): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%L1 more not shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No arguments were logged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log holds only part of this command line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken from PROCTITLE (the kernel keeps at most 128 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exec succeeded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exec failed with exit code %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No login session: audit uid 4294967295 (unset).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PPID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Executable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent process id as logged at the time of the exec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit (login) user id; &quot;unset&quot; for processes outside a login session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments as logged; control characters are shown escaped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported file and line of the event&apos;s first record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not a ShimScope case file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case file is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be opened for reading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case file could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case was written by a newer version of ShimScope (case format %1; this version reads up to %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case file is damaged: it fails SQLite&apos;s integrity check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exec failed with exit code %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::ImportSummaryDialog</name>
    <message>
        <source>Import Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 into “%2” in %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 into “%2” in %3 s. Some inputs gave nothing that could be imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import was cancelled; “%1” is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import failed; “%1” is unchanged.
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created the case file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records or lines the importer could not use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events the log itself shows as lost (gaps in the audit serial numbers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partly imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%L1 more)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::MainWindow</name>
    <message>
        <source>&amp;New Case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an empty case file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a case file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Read-Only…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a case file without allowing any change to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import Files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import log files into the case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import every log file in a folder into the case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected events as tab-separated text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About ShimScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the import; the case stays as it was</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ShimScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — ShimScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> [read-only]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No case open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: 1 event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %L2 events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open the case file “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case file is not writable; it is open read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the case file “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An import into this file is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not replace the existing file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot import into “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case is open read-only. Open it with File → Open Case… to import into it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An import is already running; wait for it to finish or cancel it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing into %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled; the case is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One case at a time: opening %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit ShimScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An import is running. Cancel it and quit? The case stays as it was before the import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Case Read-Only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs (*.log *.txt *.gz *.audit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or Create the Case to Import Into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About ShimScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;ShimScope %1&lt;/h3&gt;&lt;p&gt;Tells host processes from container processes in host execution logs, and shows the evidence for each attribution.&lt;/p&gt;&lt;p&gt;License: GPL-3.0-or-later.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ShimScope cases (*.%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed (-2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Container attribution for host execution logs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A case file (*.%1) to open, or log files and folders to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[CASE | FILES...]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the case without allowing changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the given files into this case file (created if missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PATH</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
