// The package workloads on wasmi-ts (see package-workloads-on.ts).
import { runner } from "../src/runners/wasmi-ts.js";
import { packageWorkloadsOn } from "./package-workloads-on.js";

packageWorkloadsOn(runner, "package workloads on wasmi-ts (quick size)");
