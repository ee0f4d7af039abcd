#!/usr/bin/env node
// Runs the compiled command-line tool; `npm ci` builds dist/ through the prepare script.
import '../dist/server/cli/main.js';
