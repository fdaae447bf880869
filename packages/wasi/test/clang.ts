// Compiles C programs with clang for wasm32-wasi. Results are cached in node_modules/.cache/c-programs,
// named by the program and the sha256 of its source, the flags and the compiler's version, so that a
// second run compiles nothing.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The Debian packages that give clang a wasm32-wasi target (compiler, linker, libc, builtins). */
export const CLANG_APT_PACKAGES = "clang lld wasi-libc libclang-rt-14-dev-wasm32";

const CACHE_DIR = fileURLToPath(new URL("../node_modules/.cache/c-programs/", import.meta.url));

let version: string | undefined;

/** `clang --version`, or an error that says what to install. */
function clangVersion(): string {
  if (version === undefined) {
    const result = spawnSync("clang", ["--version"], { encoding: "utf8" });
    if (result.error !== undefined || result.status !== 0) {
      throw new Error(`clang is needed to compile the C test programs, and it could not be run ` +
        `(${result.error?.message ?? result.stderr.trim()}). Install it: apt-get install ${CLANG_APT_PACKAGES}`);
    }
    version = result.stdout;
  }
  return version;
}

/** Runs `clang args`; throws with clang's messages if it fails. */
export function clang(args: readonly string[]): void {
  clangVersion();
  const result = spawnSync("clang", args, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`clang ${args.join(" ")} failed:\n${result.stderr}${result.error?.message ?? ""}\n` +
      `(a missing header, crt1.o or libclang_rt.builtins-wasm32.a means the wasm32-wasi sysroot is missing: ` +
      `apt-get install ${CLANG_APT_PACKAGES})`);
  }
}

/** `source` compiled with `flags` (`clang FLAGS SOURCE -o OUT`): the path of the cached .wasm. */
export function compileC(source: string, flags: readonly string[]): string {
  const hash = createHash("sha256")
    .update(clangVersion()).update("\0")
    .update(flags.join("\0")).update("\0")
    .update(readFileSync(source))
    .digest("hex");
  const wasm = join(CACHE_DIR, `${basename(source, ".c")}-${hash}.wasm`);
  if (existsSync(wasm)) return wasm;
  mkdirSync(CACHE_DIR, { recursive: true });
  // written under another name first: test files run in parallel and may compile the same program
  const partial = `${wasm}.${process.pid}.partial`;
  try {
    clang([...flags, source, "-o", partial]);
    renameSync(partial, wasm);
  } finally {
    rmSync(partial, { force: true });
  }
  return wasm;
}
