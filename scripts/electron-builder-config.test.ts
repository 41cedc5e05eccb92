import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

describe('electron-builder.yml', () => {
  const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<
    string,
    unknown
  > & {
    win: { icon: string; target: { target: string }[] };
    linux: { icon: string; target: string[] };
  };

  it("validates against electron-builder's own schema (app-builder-lib/scheme.json)", () => {
    const schema = JSON.parse(
      fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // A misspelt key must fail, or this test could not catch anything.
    expect(validate({ ...config, productNmae: 'x' })).toBe(false);
  });

  it('builds Windows NSIS and Linux AppImage + deb from resources/ icons, as an asar', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.asar).toBe(true);
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(fs.existsSync(path.join(root, config.win.icon))).toBe(true);
    expect(fs.existsSync(path.join(root, config.linux.icon, '256x256.png'))).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      main: string;
    };
    expect(pkg.main).toBe('dist/main/index.mjs');
  });
});
