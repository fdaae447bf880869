// Process entry of the `spec` script (bundled by tsup.spec.config.ts).
import { specMain } from "./spec-cli.js";

process.exitCode = await specMain(process.argv.slice(2));
