#!/usr/bin/env node
import { main } from './cli/cli.ts';

await main(process.argv);
