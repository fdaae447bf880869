// polywasm ships no type declarations; it implements the JS WebAssembly API (checked in js-api.ts).
declare module "polywasm" {
  export const WebAssembly: unknown;
}
