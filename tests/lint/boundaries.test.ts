// The import boundaries in biome.json (issue 27): drivers/ and kiosk/ import nothing of server/ but
// server/contract/**, and no module imports itself back through a cycle. Each case writes deliberately
// wrong imports into temporary files inside the tree (the rules are per folder), runs biome on just
// those files and reads its JSON report. The files are removed afterwards, whatever happens.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const BIOME = join(ROOT, 'node_modules/.bin/biome');
const TAG = `lint-probe-${process.pid}`;
const written: string[] = [];

function write(path: string, text: string): string {
  const file = join(ROOT, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  written.push(file);
  return path;
}

afterAll(() => {
  for (const file of written) rmSync(file, { force: true });
  for (const dir of [`drivers/${TAG}`, `kiosk/${TAG}`, `server/contract/${TAG}`, `server/${TAG}`])
    rmSync(join(ROOT, dir), { recursive: true, force: true });
});

interface Diagnostic {
  category: string;
  location: { path: string | { file: string } };
}

/** The lint rules biome reports for these files, as "path rule". */
function lint(...paths: string[]): string[] {
  let out: string;
  try {
    out = execFileSync(BIOME, ['lint', '--reporter=json', '--max-diagnostics=none', ...paths], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? '');
  }
  const report = JSON.parse(out) as { diagnostics: Diagnostic[] };
  return report.diagnostics.map((d) => {
    const p = d.location.path;
    return `${typeof p === 'string' ? p : p.file} ${d.category}`;
  });
}

describe('import boundaries (biome.json)', () => {
  it('drivers/ importing server/ outside server/contract/ is reported', () => {
    const f = write(`drivers/${TAG}/bad.ts`, `import { x } from '../../server/queue/x.ts';\nexport const y = x;\n`);
    expect(lint(f)).toContain(`${f} lint/style/noRestrictedImports`);
  });

  it('kiosk/ importing server/ outside server/contract/ is reported', () => {
    const f = write(`kiosk/${TAG}/bad.ts`, `import { y } from '../../server/http/y.ts';\nexport const z = y;\n`);
    expect(lint(f)).toContain(`${f} lint/style/noRestrictedImports`);
  });

  it('a two-file import cycle is reported', () => {
    const a = write(`server/${TAG}/a.ts`, `import { b } from './b.ts';\nexport const a = (): number => b() + 1;\n`);
    const b = write(`server/${TAG}/b.ts`, `import { a } from './a.ts';\nexport const b = (): number => (a ? 1 : 0);\n`);
    const found = lint(a, b);
    expect(found).toContain(`${a} lint/suspicious/noImportCycles`);
    expect(found).toContain(`${b} lint/suspicious/noImportCycles`);
  });

  it('drivers/ and kiosk/ importing server/contract/ pass', () => {
    write(`server/contract/${TAG}/types.ts`, `export const ok = 1;\n`);
    const d = write(
      `drivers/${TAG}/good.ts`,
      `import { ok } from '../../server/contract/${TAG}/types.ts';\nexport const y = ok;\n`,
    );
    const k = write(
      `kiosk/${TAG}/good.ts`,
      `import { ok } from '../../server/contract/${TAG}/types.ts';\nexport const z = ok;\n`,
    );
    expect(lint(d, k)).toEqual([]);
  });
});
