'use strict';
// Runs TypeScript sources directly (jest global setup, benchmarks during development) with the same
// @buddie/<lib> aliases as tsconfig.json: transpile-only, no type checking (tsc does that).
const fs = require('fs');
const path = require('path');
const Module = require('module');
const ts = require('typescript');

const libs = path.join(__dirname, '..', 'libs');
const original = Module._resolveFilename;
Module._resolveFilename = function resolveBuddieSource(request, ...rest) {
  const match = /^@buddie\/([a-z-]+)$/.exec(request);
  if (match) request = path.join(libs, match[1], 'src', 'index.ts');
  return original.call(this, request, ...rest);
};

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: true,
};
// Transpiled output is cached by content hash: a dozen processes booting from source share the work.
const crypto = require('crypto');
const cacheDir = path.join(__dirname, '..', 'node_modules', '.cache', 'buddie-ts');
fs.mkdirSync(cacheDir, { recursive: true });

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha1').update(ts.version).update(filename).update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let outputText;
  try {
    outputText = fs.readFileSync(cached, 'utf8');
  } catch {
    outputText = ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText;
    const temporary = `${cached}.${process.pid}`;
    fs.writeFileSync(temporary, outputText);
    fs.renameSync(temporary, cached);
  }
  module._compile(outputText, filename);
};
