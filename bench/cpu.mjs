// CPU time spent by a browser: every process under its WebDriver driver
// (browser, renderers, the extension's process, GPU/utility), read from
// /proc. Wall time on a shared 2-core machine mostly measures the neighbours;
// CPU time measures the work, including what RootGuard does outside the page
// (its background computing verdicts), which the page's clock cannot see.

import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** pid → {ppid, cpuMs} for every readable process. */
function processTable() {
  const table = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the parenthesised command name (which may hold spaces).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const [ppid, utime, stime] = [fields[1], fields[11], fields[12]].map(Number);
    table.set(Number(name), { ppid, cpuMs: ((utime + stime) * 1000) / TICKS_PER_SECOND });
  }
  return table;
}

/** pid → CPU ms of each process descending from `rootPid` (not itself). */
export function cpuByProcess(rootPid) {
  const table = processTable();
  const result = new Map();
  const isDescendant = (pid) => {
    for (let p = table.get(pid)?.ppid; p; p = table.get(p)?.ppid) if (p === rootPid) return true;
    return false;
  };
  for (const [pid, { cpuMs }] of table) if (isDescendant(pid)) result.set(pid, cpuMs);
  return result;
}

/**
 * CPU ms spent between two snapshots: processes alive at the end, counted from
 * the first snapshot or from their start. (A process that exited in between
 * is lost; between two sessions in a tab that is at most an idle renderer.)
 */
export function cpuSpent(before, after) {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
