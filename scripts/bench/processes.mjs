// CPU time of the stack's processes, read from /proc (utime + stime, in clock ticks).
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

const TICK_MS = 10; // CLK_TCK is 100 on Linux x86-64

function pidFrom(file) {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return pid > 0 && readFileSync(`/proc/${pid}/stat`) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The database server of this host (not one inside a container: it runs in another mount namespace). */
function hostDatabasePid() {
  const ownNamespace = readlinkSync('/proc/self/ns/mnt');
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if ((comm === 'mariadbd' || comm === 'mysqld') && readlinkSync(`/proc/${entry}/ns/mnt`) === ownNamespace) {
        return Number(entry);
      }
    } catch {
      // the process ended, or is not ours to read
    }
  }
  return undefined;
}

/** The processes whose CPU a benchmark reports, by role; missing ones are left out. */
export function stackProcesses(runDir) {
  const pids = join(runDir, 'pids');
  const found = {
    'order-service': pidFrom(join(pids, 'order-service.child.pid')),
    'inventory-service': pidFrom(join(pids, 'inventory-service.child.pid')),
    'payment-service': pidFrom(join(pids, 'payment-service.child.pid')),
    'broker JVM': pidFrom(join(pids, 'broker.pid')),
    'name server': pidFrom(join(pids, 'namesrv.pid')),
    database: hostDatabasePid(),
    benchmark: process.pid,
  };
  return Object.fromEntries(Object.entries(found).filter(([, pid]) => pid !== undefined));
}

export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (fields 14 and 15 of the line)
}

/** CPU ms used by each process since `snapshot()`; call the returned function to read it. */
export function cpuMeter(processes) {
  const start = Object.fromEntries(Object.entries(processes).map(([role, pid]) => [role, cpuMs(pid)]));
  return () =>
    Object.fromEntries(
      Object.entries(processes).map(([role, pid]) => {
        try {
          return [role, cpuMs(pid) - start[role]];
        } catch {
          return [role, NaN]; // restarted during the run
        }
      }),
    );
}
