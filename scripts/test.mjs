// `npm test`: lint and type-check, then every test (unit, integration on SQLite and PostgreSQL, browser).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(label, command, args) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`test: ${label} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`test: ${label} passed in ${seconds} s`);
}

step('lint (biome)', bin('biome'), ['check', '.']);
step('type-check (server)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
step('type-check (web)', bin('tsc'), ['--noEmit', '-p', 'web/tsconfig.json']);
// The web app the browser tests load is the one `npm ci` built; rebuild so a changed tree is what gets tested.
step('build', process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
step('vitest', bin('vitest'), ['run', ...process.argv.slice(2)]);
