// Registers the hooks of instrument.ts: `node --import tsx --import ./src/dispatch-stats/register.ts ...`.
import { register } from "node:module";

register("./instrument.ts", import.meta.url);
