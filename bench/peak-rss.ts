/** Peak RSS of the current process, for benchmark and test children. */
import { readFileSync } from 'node:fs';

/**
 * This process's peak RSS in MB: Linux's VmHWM (of this program's memory only; getrusage's
 * maxRSS keeps the parent's peak across fork and exec, so a child of a big process reads big).
 */
export function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s*(\d+) kB/m.exec(readFileSync('/proc/self/status', 'latin1'));
    if (hwm !== null) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}
