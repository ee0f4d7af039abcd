// Builds the server (tsc → dist/server) and the web app (vite → dist/web); `npm ci` runs it through `prepare`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(command, args) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: ${path.basename(command)} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`build: ${path.basename(command)} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

fs.rmSync(path.join(root, 'dist', 'server'), { recursive: true, force: true });
run(bin('tsc'), ['-p', 'tsconfig.build.json']);
if (fs.existsSync(path.join(root, 'web', 'vite.config.ts'))) {
  // The map's shapes, extracted from world-atlas (generated, not committed; skipped when up to date).
  const { ensureEuropeMap } = await import('./extract-eu-map.mjs');
  console.log(`build: map of Europe ${(ensureEuropeMap() / 1024).toFixed(0)} KiB`);
  run(bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
}
