#!/usr/bin/env node
// genlab CLI entry: runs the compiled CLI (built by `npm install` through the prepare script).
import { main } from '../dist/cli/main.js';

await main(process.argv);
