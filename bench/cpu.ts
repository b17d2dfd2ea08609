/**
 * CPU of the processes under test (Linux /proc), and a CPU cap per app process (cgroup v1
 * `cpu.cfs_quota_us` or v2 `cpu.max`): on a machine with fewer cores than processes, capping each
 * app process at a fraction of a core stands in for giving each its own machine, so the scale
 * section can show whether capacity adds up across processes (nothing shared holds them back).
 * Everything here answers undefined where the system does not offer it.
 */
import fs from 'node:fs';
import path from 'node:path';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on Linux

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** CPU seconds used so far by every local process whose name is `name` (e.g. postgres). */
export function cpuSecondsNamed(name: string): number | undefined {
  try {
    let total = 0;
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== name) continue;
        const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
        total += (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
      } catch { /* the process ended meanwhile */ }
    }
    return total;
  } catch {
    return undefined;
  }
}

/** Busy and total CPU time of the whole machine so far (all cores), in seconds. */
export function machineCpu(): { busy: number; total: number } | undefined {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = v[3] + (v[4] ?? 0); // idle + iowait
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

export interface CpuCap { release(): void }

const V1 = '/sys/fs/cgroup/cpu';
const V2 = '/sys/fs/cgroup';

/**
 * Caps a process (all its threads) at `cores` of CPU time, measured every 100 ms. Undefined when no
 * writable cgroup CPU controller exists (not root, a container without it, not Linux).
 */
export function capCpu(pid: number, cores: number): CpuCap | undefined {
  const period = 100_000;
  const quota = Math.max(1000, Math.round(cores * period));
  const tries: { dir: string; write(dir: string): void }[] = [
    { dir: path.join(V1, `gg-bench-${pid}`), write: (d) => { fs.writeFileSync(path.join(d, 'cpu.cfs_period_us'), String(period)); fs.writeFileSync(path.join(d, 'cpu.cfs_quota_us'), String(quota)); } },
    { dir: path.join(V2, `gg-bench-${pid}`), write: (d) => fs.writeFileSync(path.join(d, 'cpu.max'), `${quota} ${period}`) },
  ];
  for (const t of tries) {
    if (!fs.existsSync(path.dirname(t.dir))) continue;
    try {
      fs.mkdirSync(t.dir);
    } catch {
      continue;
    }
    try {
      t.write(t.dir);
      fs.writeFileSync(path.join(t.dir, 'cgroup.procs'), String(pid));
      return { release: () => { try { fs.rmdirSync(t.dir); } catch { /* still has a process: the system removes it with the last one */ } } };
    } catch {
      try { fs.rmdirSync(t.dir); } catch { /* nothing to undo */ }
    }
  }
  return undefined;
}
