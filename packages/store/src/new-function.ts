// Code made from strings at run time (`new Function`): the engine uses it where it pays (struct classes,
// gc.ts; the executor's JS tier), and does without it where the host forbids it.

let allowed: boolean | undefined;

/** Whether the host lets code be made from strings (not under a strict Content-Security-Policy). */
export function newFunctionAllowed(): boolean {
  if (allowed === undefined) {
    try {
      allowed = new Function("return 1")() === 1;
    } catch {
      allowed = false;
    }
  }
  return allowed;
}
