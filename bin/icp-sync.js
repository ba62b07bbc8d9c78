#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources directly: @swc/core strips types on require, so `npx icp-sync`
// works right after `npm ci` with no build step.
require('../bin/register');
// The job table: src/ never imports jobs/, the workers are given it.
require('../jobs');
require('../src/cli').main(process.argv);
