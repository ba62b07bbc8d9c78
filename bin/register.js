'use strict';
const path = require('node:path');
const { addHook } = require('pirates');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const options = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

addHook((code, filename) => transformSync(code, { ...options, filename }).code, {
  exts: ['.ts'],
  matcher: (filename) => filename.startsWith(root) && !filename.includes('node_modules'),
});
