#!/usr/bin/env node
'use strict';
const fs = require('fs');
const path = require('path');

// The compiled CLI when the project is built (npm start builds it); otherwise the TypeScript sources,
// transpiled on the fly, so `npx buddie ...` works right after `npm ci` in a fresh clone.
const root = path.join(__dirname, '..');
const compiled = path.join(root, 'dist', 'cli', 'main.js');
if (fs.existsSync(compiled)) {
  require('./register-aliases');
  require(compiled);
} else {
  try {
    require.resolve('typescript');
  } catch {
    console.error('buddie: the project is not built and TypeScript is not installed. Run `npm ci` (with dev dependencies) or `npm run build`.');
    process.exit(1);
  }
  require('./ts-register');
  require(path.join(root, 'cli', 'main.ts'));
}
