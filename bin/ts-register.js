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
require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
