/** The contents of a module's sections, collected field by field in text order. */
export class ModuleOutput {
  readonly imports: Uint8Array[] = [];
  /** Type index of each defined (not imported) function. */
  readonly funcs: number[] = [];
  readonly tables: Uint8Array[] = [];
  readonly memories: Uint8Array[] = [];
  readonly globals: Uint8Array[] = [];
  readonly tags: Uint8Array[] = [];
  readonly exports: Uint8Array[] = [];
  start: number | undefined;
  readonly elems: Uint8Array[] = [];
  readonly datas: Uint8Array[] = [];
  readonly codes: Uint8Array[] = [];

  /** Names for the name section. */
  moduleName: string | undefined;
  readonly funcNames = new Map<number, string>();
  readonly localNames = new Map<number, Map<number, string>>();
}
