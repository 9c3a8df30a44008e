import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { grantSearchToOthers } from './search-permission';

const mode = (path: string) => statSync(path).mode & 0o7777;

describe('grantSearchToOthers (the embedded PostgreSQL run as root)', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'dvc-perm-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('adds only the search bit to folders that lack it and keeps the other bits', () => {
    const home = join(root, 'home');
    const sticky = join(home, 'shared');
    const data = join(sticky, '.data');
    mkdirSync(data, { recursive: true });
    chmodSync(home, 0o700);
    chmodSync(sticky, 0o1777);
    chmodSync(data, 0o750);
    const changed: string[] = [];
    grantSearchToOthers(data, (dir) => changed.push(dir));
    expect(mode(home)).toBe(0o701);
    expect(mode(sticky)).toBe(0o1777);
    expect(mode(data)).toBe(0o751);
    expect(changed).toEqual([data, home, root]); // mkdtemp makes 0700 folders
    // tmpdir() itself is already searchable: untouched.
    expect(changed).not.toContain(tmpdir());
  });
});
