#!/usr/bin/env node
// The root package's `quayside` command; the CLI itself lives in the cli/ workspace.
import '../cli/bin/quayside.js'
