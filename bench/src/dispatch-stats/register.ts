// Registers the hooks of instrument.ts: `node --import tsx --import ./src/dispatch-stats/register.ts ...`.
import { register } from "node:module";

register("./instrument.ts", import.meta.url);
// the interpreter loop's warm-up runs training code through the loop: not the workload's dispatches
process.env.WASMI_TS_WARM_UP = "0";
