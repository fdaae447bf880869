export { execute } from "./execute.js";
export { Execution, cancelExecution, resumeExecution, startExecution } from "./execution.js";
export { OUT_OF_FUEL } from "./suspend.js";
