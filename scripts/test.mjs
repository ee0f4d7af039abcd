// `npm test`: lint and type-check, then every test (unit, integration on SQLite and PostgreSQL, browser).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
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
const report = path.join(root, '.tmp', 'vitest-report.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const vitest = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
// One plain closing line that any CI can read: how many tests passed and failed.
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  const failed = r.numFailedTests ?? 0;
  console.log(
    `${r.numPassedTests ?? 0} passed, ${failed} failed, ${(r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)} skipped`,
  );
}
process.exit(vitest.status ?? 1);
