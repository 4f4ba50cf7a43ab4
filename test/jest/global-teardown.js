'use strict';
require('../../bin/ts-register');
module.exports = require('../../libs/testing/src/global-teardown.ts').default;
