// The entry of a fuzz worker thread. Worker threads do not inherit tsx's TypeScript loader, so it is
// registered here before worker.ts is imported.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
