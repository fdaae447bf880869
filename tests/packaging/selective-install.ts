// Selective installs, outside the workspace: every public package is packed (as `pnpm publish` would) and
// served by a local registry; then, for each package, an empty npm project runs `npm install <package>`,
// gets exactly that package and the workspace packages it depends on, type-checks a small program against
// the installed .d.ts files with tsc, and runs it through ESM `import` and CommonJS `require`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startRegistry } from "./registry.js";
import {
  check,
  packAll,
  packedManifest,
  publicPackages,
  ROOT,
  run,
  runtimeClosure,
  script,
  tempDir,
} from "./workspace.js";

const CONSUMERS = join(import.meta.dirname, "consumers");
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

/** The consumer's compiler settings: Node's own module rules, every .d.ts checked, and no DOM library, so
 * that a declaration of ours that needs DOM types fails here. */
const TSCONFIG = {
  compilerOptions: {
    module: "nodenext",
    moduleResolution: "nodenext",
    target: "es2022",
    lib: ["es2022"],
    types: [],
    strict: true,
    skipLibCheck: false,
    outDir: "out",
  },
  files: ["globals.d.ts", "program.mts", "program.cts"],
};

/** What the programs use of the host's globals (a real project has them from @types/node or the DOM). */
const GLOBALS = "declare const console: { log(...values: unknown[]): void };\n";

/** The commands of packages with a `bin`, run from the consumer project as a user would. */
const BIN_CHECKS: Record<string, { files: Record<string, string>; args: string[]; prints: string }> = {
  "wasmi-ts": {
    files: { "add.wat": '(module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))' },
    args: ["add.wat", "--invoke", "add", "20", "22"],
    prints: "42\n",
  },
};

function expectedOutput(program: string): string {
  const lines = program.split("\n").filter((line) => line.startsWith("// prints: "));
  return lines.map((line) => `${line.slice("// prints: ".length)}\n`).join("");
}

script("selective installs of every public package", async () => {
  const packages = publicPackages(ROOT);
  const registry = await startRegistry();
  try {
    for (const [name, tarball] of await packAll(packages, tempDir("install-packs"))) {
      registry.add(packedManifest(tarball), readFileSync(tarball));
      console.log(`registry: ${name}`);
    }
    for (const pkg of packages) {
      const short = pkg.name.slice("@wasmi-ts/".length);
      const programFile = join(CONSUMERS, `${short}.ts`);
      check(existsSync(programFile), `${pkg.name} has a consumer program (tests/packaging/consumers/${short}.ts)`);
      const program = readFileSync(programFile, "utf8");

      const project = tempDir(`install-${short}`);
      writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
      writeFileSync(join(project, ".npmrc"), `registry=${registry.url}\n`);
      await run("npm", ["install", "--no-audit", "--no-fund", "--cache", join(project, ".npm-cache"), pkg.name], {
        cwd: project,
      });
      const installed = readdirSync(join(project, "node_modules", "@wasmi-ts")).map((n) => `@wasmi-ts/${n}`);
      const closure = runtimeClosure(packages, pkg.name);
      check(
        JSON.stringify(installed.sort()) === JSON.stringify(closure),
        `npm install ${pkg.name} installed exactly ${closure.join(", ")}`,
      );

      writeFileSync(join(project, "program.mts"), program);
      writeFileSync(join(project, "program.cts"), program);
      writeFileSync(join(project, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
      writeFileSync(join(project, "globals.d.ts"), GLOBALS);
      await run(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: project });
      console.log(`ok - ${pkg.name}: the program type-checks against the installed .d.ts and .d.cts`);
      for (const file of ["out/program.mjs", "out/program.cjs"]) {
        const out = await run(process.execPath, [file], { cwd: project, capture: true });
        process.stdout.write(out);
        check(out === expectedOutput(program), `${pkg.name}: ${file} (${file.endsWith("mjs") ? "import" : "require"}) printed the expected lines`);
      }

      for (const bin of Object.keys((pkg.manifest.bin as Record<string, string> | undefined) ?? {})) {
        const binCheck = BIN_CHECKS[bin];
        check(binCheck !== undefined, `the command ${bin} of ${pkg.name} has a check in BIN_CHECKS`);
        for (const [file, text] of Object.entries(binCheck!.files)) writeFileSync(join(project, file), text);
        const out = await run(join(project, "node_modules", ".bin", bin), binCheck!.args, { cwd: project, capture: true });
        process.stdout.write(out);
        check(out === binCheck!.prints, `${bin} ${binCheck!.args.join(" ")} printed ${JSON.stringify(binCheck!.prints)}`);
      }
    }
  } finally {
    await registry.close();
  }
});
