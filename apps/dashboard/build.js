'use strict';
// Builds the dashboard's static export unless apps/dashboard/out is newer than every source file,
// so `npm start` and the browser tests pay for `next build` (~30-50 s) only after a change.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = __dirname;
const marker = path.join(root, 'out', 'index.html');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['out', '.next', 'node_modules'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isStale() {
  return !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < newestSource(root);
}

function build() {
  if (!isStale() && !process.argv.includes('--force')) {
    console.log('dashboard: apps/dashboard/out is up to date');
    return 0;
  }
  const next = require.resolve('next/dist/bin/next');
  const result = spawnSync(process.execPath, [next, 'build', root], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  return result.status ?? 1;
}

module.exports = { isStale, outDir: path.join(root, 'out') };
if (require.main === module) process.exit(build());
