#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# CONVERTED fixture, not a tool's own export: turns the lab's real laurel output (tests/data/lab/main/laurel.jsonl.gz)
# into a CSV shaped like a Kibana "Discover" CSV export of ECS process events (dotted ECS names as columns).
# One row per audit event that has both SYSCALL and EXECVE. Arguments that are not plain words are single-quoted
# with jq's @sh, so process.command_line splits back into the exact argv. jq's @csv quotes every string.
# Usage (from the repository root): sh tests/data/csv/make-elastic-like.sh | gzip -9 -n > tests/data/csv/elastic-like-main.csv.gz
set -eu
echo '@timestamp,host.name,process.pid,process.parent.pid,user.name,process.executable,process.command_line,process.working_directory,process.name'
zcat tests/data/lab/main/laurel.jsonl.gz | jq -r '
  select(.EXECVE and .SYSCALL)
  | (.ID | split(":")[0] | split(".")) as $t
  | [(($t[0] | tonumber | todate | rtrimstr("Z")) + "." + $t[1] + "Z"), "labvm", .SYSCALL.pid, .SYSCALL.ppid,
     .SYSCALL.UID, .SYSCALL.exe,
     (.EXECVE.ARGV | map(if test("^[A-Za-z0-9_./:=,@%+-]+$") then . else @sh end) | join(" ")),
     .CWD.cwd, .SYSCALL.comm]
  | @csv'
