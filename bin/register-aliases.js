'use strict';
// Resolves the @buddie/<lib> path aliases of tsconfig.json against the compiled tree in dist/, so
// compiled apps run with plain `node` and no runtime TypeScript tooling.
const Module = require('module');
const path = require('path');

const distLibs = path.join(__dirname, '..', 'dist', 'libs');
const original = Module._resolveFilename;
Module._resolveFilename = function resolveBuddieAlias(request, ...rest) {
  const match = /^@buddie\/([a-z-]+)$/.exec(request);
  if (match) request = path.join(distLibs, match[1], 'src', 'index.js');
  return original.call(this, request, ...rest);
};
