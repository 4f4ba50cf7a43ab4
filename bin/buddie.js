#!/usr/bin/env node
'use strict';
const fs = require('fs');
const path = require('path');

const entry = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  console.error('buddie: the project is not built yet. Run `npm run build` (npm start does it for you).');
  process.exit(1);
}
require('./register-aliases');
require(entry);
