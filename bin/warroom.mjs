#!/usr/bin/env node
// `npx warroom …` from a checkout: the CLI's TypeScript (lib/cli/warroom) run through tsx, which the
// checkout installs. Needs WARROOM_URL and WARROOM_TOKEN; `npx warroom --help` lists the commands.
import { tsImport } from "tsx/esm/api";

const { main } = await tsImport("../lib/cli/warroom/main.ts", import.meta.url);
// exitCode, not exit(): output piped to another program is written out before the process ends.
process.exitCode = await main(process.argv.slice(2));
