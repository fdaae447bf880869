// The package workloads on wasmi-ts with every function the JavaScript tier takes compiled at its first
// call: the tier's code of all their functions against the expected results (see package-workloads-on.ts).
import { eagerTierRunner } from "../src/runners/wasmi-ts.js";
import { packageWorkloadsOn } from "./package-workloads-on.js";

packageWorkloadsOn(eagerTierRunner, "package workloads on wasmi-ts, every function the JavaScript tier takes compiled (quick size)");
