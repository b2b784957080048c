#!/usr/bin/env node
// Build (or fetch) better-sqlite3 for Electron's ABI into native/electron/,
// apart from node_modules, so plain-Node tests keep their own build.
// The desktop app loads it through better-sqlite3's `nativeBinding` option.
import { cpSync, existsSync, mkdirSync, copyFileSync, rmSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const target = join(root, 'native', 'electron', 'better_sqlite3.node');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const stamp = join(root, 'native', 'electron', 'VERSION');
if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === electronVersion) process.exit(0);

const work = join(root, '.tmp', 'electron-native');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
cpSync(join(root, 'node_modules/better-sqlite3'), join(work, 'better-sqlite3'), { recursive: true });
const pkg = join(work, 'better-sqlite3');
rmSync(join(pkg, 'build'), { recursive: true, force: true });
const bin = (name) => join(root, 'node_modules/.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: pkg, stdio: 'inherit' });
try {
  run(bin('prebuild-install'), ['--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`]);
} catch {
  console.log('No prebuilt binary; compiling better-sqlite3 against Electron headers (needs npm_config_disturl for Electron).');
  run(bin('node-gyp'), ['rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`]);
}
mkdirSync(join(root, 'native', 'electron'), { recursive: true });
copyFileSync(join(pkg, 'build', 'Release', 'better_sqlite3.node'), target);
execFileSync('node', ['-e', `require('fs').writeFileSync(${JSON.stringify(stamp)}, ${JSON.stringify(electronVersion)})`]);
console.log(`better-sqlite3 for Electron ${electronVersion} → ${target}`);
