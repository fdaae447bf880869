// The `wasmi-ts` executable (tsup adds the `#!/usr/bin/env node` banner).
import { main } from "./main.js";

process.exitCode = main(process.argv.slice(2));
