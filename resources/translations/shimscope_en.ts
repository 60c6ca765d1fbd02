<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BookmarkDialog</name>
    <message>
        <source>Red (malicious)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orange (suspicious)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yellow (to check)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Green (benign)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blue (context)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purple</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvMapping</name>
    <message>
        <source>Time</source>
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
        <source>Parent PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
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
        <source>Process name (comm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process GUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent GUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column &apos;%1&apos; (%2) is not in the header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not FIELD=COLUMN with FIELD one of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no column given for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the CSV mapping file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CSV mapping file %1 is not valid JSON: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the folder of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the CSV mapping file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the given mapping leaves %1 unmapped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the remembered mapping does not fit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV/TSV export with columns %1: no column mapping fits (%2 not recognised%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; recognised %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; this is ausearch --format csv output, which has no pid, ppid or argv column: import the raw audit log instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; map the columns with --csv-map time=COLUMN,pid=COLUMN,exe=COLUMN (or commandLine=COLUMN) and --remember, or in the CSV mapping dialog</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvParser</name>
    <message>
        <source>quoted field open for more than %1 lines or %2 MiB: record dropped, reading goes on at line %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unterminated quoted field: the file ends inside the record that starts here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not an epoch time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not an ISO 8601 time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a DD/MM/YYYY HH:MM:SS time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a MM/DD/YYYY HH:MM:SS time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a time (ISO 8601, epoch s/ms/µs/ns, MM/DD/YYYY HH:MM:SS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time zone &apos;%1&apos; is unknown; no row can be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row has %1 fields, the header has %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column %1 value &apos;%2&apos; %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column %1 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not an event kind (exec, snapshot, fork, exit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no header line of delimited column names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no CSV header line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time zone &apos;%1&apos; is unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormatSniffer</name>
    <message>
        <source>%1 archive: a bundle, read entry by entry, not a log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite database: not an execution log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a recognised execution log (starts with &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <message>
        <source>%1 is listed but missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 DOES NOT MATCH (listed %2, read %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checksum manifest: %1 of %2 files match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 events read before the stop are kept)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LineReader</name>
    <message>
        <source>cannot open: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is a directory, not a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file shrank while being read (%1 of %2 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot initialise gzip decompression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read compressed data: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 after line %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decompression stopped after line %1: %2 bytes inflated from %3 (more than %4:1, a decompression bomb?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decompression stopped after line %1: more than %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>corrupt compressed data after line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compressed data ends early (truncated gzip) after line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line longer than %1 bytes skipped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcessDetails</name>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ran in container &lt;a href=&quot;shimscope:container/%1&quot;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/a&gt;%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ran on the host &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where it ran is unknown (its chain of parents breaks before any host or runtime process)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not logged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log truncated this command line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 payload in argv[%2] (%3 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inside it, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Executable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (comm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uid %1, euid %2, auid %3, session %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listed by a process snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exec succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;exec failed&lt;/b&gt; (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syscall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID / PPID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Children</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why ShimScope says so</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>named by the argument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show the container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deciding command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pod sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entrypoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show every process it ran</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exec sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, the same exec as another source recorded it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: this process was never seen exec&apos;ing; its children name it as their parent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcessQuery</name>
    <message>
        <source>pid %1 (not seen exec&apos;ing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope</name>
    <message>
        <source>symbolic link to &quot;%1&quot; (links are not followed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>character device node (not read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>block device node (not read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FIFO (named pipe, not read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>socket (not read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a regular file (type %1, not read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 pid %2 at %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::BookmarkDialog</name>
    <message>
        <source>Bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this is and why it matters (goes into reports)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. initial-access, persistence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set your name in Settings → Analyst Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyst:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::BookmarkStore</name>
    <message>
        <source>%1 is this case: nothing to merge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added, not in this case&apos;s logs: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (their bookmark names another source record: %1 in %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conflict on %1: kept %2&apos;s newer bookmark (%3) over %4&apos;s (%5)%6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged %1 bookmark(s) from %2: %3 added, %4 replaced by a newer version, %5 kept (ours newer), %6 already the same; %7 not found in this case.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::BookmarksModel</name>
    <message>
        <source>The bookmarks of this case could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case is open read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case is still loading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not in this case)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not seen exec&apos;ing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 pid %2, exec&apos;d at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command line: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No process of this case has this key (host, pid, exec time); the bookmark came from another case or an earlier import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source record %1 of the file with SHA-256 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ran in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bookmark&apos;s colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who last changed the bookmark</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::BundleReader</name>
    <message>
        <source>absolute path (rejected: names must stay inside the bundle)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>absolute path with a drive letter (rejected: names must stay inside the bundle)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>path with a &quot;..&quot; component (rejected: zip slip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top folder &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bundle name &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read this %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the zip&apos;s central directory is missing (truncated?): entries read in stored order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 inside a bundle inside a bundle: not opened (bundles are read one level deep)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot open this %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::ContainersModel</name>
    <message>
        <source>The containers of this case could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image: not named by the logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (engine %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runtime: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Namespace: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pod sandbox: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entrypoint (pid %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entrypoint: not in the logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shim pid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processes: %L1, exec sessions: %L2, restarts: %L3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active %1 .. %2 UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The container&apos;s colour, the same in every view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processes attributed to the container (process listing rows included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First activity attributed to the container</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::CsvMappingDialog</name>
    <message>
        <source>Map CSV Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file’s first rows:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not mapped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (required):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone of times that state none. Times with Z or an offset keep their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISO 8601 / RFC 3339</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch microseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch nanoseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MM/DD/YYYY hh:mm:ss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DD/MM/YYYY hh:mm:ss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process starts (exec)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process listing (snapshot)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows without a kind are:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Executable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As it would be imported:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember this mapping for files with these columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file has no header line of delimited column names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map %1 to import this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown time zone “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of the first %1 rows: %2 would be imported, %3 skipped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::DetailsPane</name>
    <message>
        <source>Select a process to see its command line, where it ran and why.</source>
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
    <message>
        <source>listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exited (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>container %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ran on the host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ran in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::FolderLevel</name>
    <message>
        <source>vanished while the folder was read</source>
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
    <message>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bundle (%1 layout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, host %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::Inflation</name>
    <message>
        <source>stopped after %1 bytes inflated from %2 stored (over %3:1: a decompression bomb?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped: larger than %1 bytes when inflated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped: the bundle inflates to more than %1 bytes in all</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::LineageChainModel</name>
    <message>
        <source>container %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>re-exec of the same pid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process (oldest ancestor first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ran in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link to parent</source>
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
        <source>The file could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>container 85209fd3eb3b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed (-13)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;CSV/TSV Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import an EDR or SIEM export, choosing which columns hold what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pivot Up to PID 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the selected process&apos;s chain of parents up to PID 1, with the container boundary and entrypoint marked (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to &amp;Container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the container the selected process ran in: its entrypoint, exec sessions and every process it ran (Ctrl+Shift+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bookmark…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookmark the selected process with a note, tags and a colour (Ctrl+B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove Bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Analyst Name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name stored with your bookmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Investigation</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> · %Ln container(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln bookmark(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n CSV/TSV file(s) were skipped because ShimScope does not know which columns hold the time, pid and command line.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Map the columns of %1 now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map Columns…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln matching process(es), shown with their ancestors</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Search executables, command lines and working directories (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every process, only host processes, or one container&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only processes of this user name or uid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookmarked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only bookmarked processes (with their ancestors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop filtering by the time range chosen in the timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows are tinted in their container&apos;s colour, the same in every view; host processes have no tint. Shims, runc and conmon are the container boundary: they run on the host, their children in the container.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 host &amp;nbsp; %2%3%4 container &amp;nbsp; &lt;b&gt;bold&lt;/b&gt; + bar: runtime boundary &amp;nbsp; &lt;i&gt;italic&lt;/i&gt;: never seen exec&apos;ing &amp;nbsp; dotted: inferred link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every process, host and containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host Only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only processes that ran on the host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a process and press Enter or Ctrl+L to see its chain up to PID 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lineage (Pivot)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This bookmark&apos;s process is not in the case (it came from another case).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exec Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters cleared to show the process.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pid %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ran in container %2 (%3). Its boundary is %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pid %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in the logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ran %2; no container runtime among its ancestors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>somewhere unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>container %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1: its entrypoint, exec sessions and every process it ran.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected process did not run in a container.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 … %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case is open read-only: bookmarks cannot be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pid %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the bookmark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case file could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expand All Below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import CSV/TSV Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delimited text (*.csv *.tsv *.txt *.gz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remember the column mapping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyst Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name, stored with each bookmark you make:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs and bundles (*.log *.txt *.audit *.json *.jsonl *.ndjson *.xml *.csv *.tsv *.gz *.xz *.bz2 *.zst *.zip *.tar *.tgz *.txz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only processes of one host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All hosts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::PivotHistory</name>
    <message>
        <source>&amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>container %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>process %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back (no earlier pivot)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward (no later pivot)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::ProcessQuery</name>
    <message>
        <source>… the chain goes on above (pid %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a child of %2, which ran in the same container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a child of %2 and inherits its answer (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no rule recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) lies between the process and the command that named the container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) is the supervisor the process ran under</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::ProcessTreeModel</name>
    <message>
        <source>pid %1 (not seen exec&apos;ing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pid %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (as %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (auid %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The filter could not be applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(node %1 not found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>placeholder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inferred link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>likely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disagreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bookmarked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pid %1 on %2: a parent never seen exec&apos;ing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Executable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command line: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working directory: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent link: %1</source>
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
        <source>Container %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ran on the host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where it ran is unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The container stated by the log disagrees with the lineage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Executable name and arguments as logged; control characters are shown escaped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name as logged, else the uid (and the audit uid when it differs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed execs, parents never seen exec&apos;ing, inferred parent links, attributions that are not certain, disagreements with a log-stated container, bookmarks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::StreamEntrySource</name>
    <message>
        <source>%1: %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::StreamLevel</name>
    <message>
        <source>%1: cannot read the archive: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot read past &quot;%2&quot;: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: more than %2 entries; the rest is not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hard link to &quot;%1&quot; (links are not followed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypted: no password given, not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>declared size %1 bytes is over the limit of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::Timeline</name>
    <message>
        <source>host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::TimelineChart</name>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Execs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag across the chart to show only that time range; Reset shows everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No exec activity to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom into the middle of the shown range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show twice the time range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole case and stop filtering by time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::ZipEntrySource</name>
    <message>
        <source>%1: %2: cannot open the entry (zip error %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2: cannot initialise inflate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compressed data ends early (truncated or corrupt entry)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>corrupt compressed data: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRC or size mismatch: the entry is corrupt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShimScope::ZipLevel</name>
    <message>
        <source>%1: cannot read the entry after &quot;%2&quot; (zip error %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: more than %2 entries; the rest is not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypted: no password given, not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compression method %1 is not supported (only stored and deflate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>declared size of %1 bytes is over the limit of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>declared to inflate from %1 to %2 bytes (over %3:1: a decompression bomb?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable entry header</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SourceExcerpt</name>
    <message>
        <source>the record is inside the bundle %1; open the bundle to read it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the source file is no longer at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the case holds no line number for this record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1 of %2 no longer holds record %3: the file changed since it was imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has fewer than %2 lines now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed since it was imported (its SHA-256 is now %2, the case recorded %3)</source>
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
