// quickjs-emscripten: the QuickJS engine compiled by Emscripten (a 500 KB module with a function table and
// many JS imports). A run makes a fresh context, evaluates a CPU-bound script (objects and arrays, a sort
// with a comparator, string building, Map and Set, JSON, a small recursive function) and disposes the
// context; the result is the script's result, a string. The test checks it against Node's own JS.
import type { Workload } from "../manifest.js";

/**
 * The script for n iterations: an expression whose value is a string, the same in every conforming JS
 * engine (integer arithmetic only: no Math functions whose last bit an engine chooses).
 */
export function quickjsScript(n: number): string {
  return `(function (n) {
  let seed = 2463534242;
  const random = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return seed >>> 0; };
  const fib = (k) => (k < 2 ? k : fib(k - 1) + fib(k - 2));
  const totals = new Map();
  const seen = new Set();
  let checksum = 0;
  for (let i = 0; i < n; i++) {
    const points = [];
    for (let j = 0; j < 40; j++) points.push({ x: random() % 1000, y: random() % 1000, tag: "t" + (j % 7) });
    points.sort((a, b) => a.x - b.x || a.y - b.y);
    let text = "";
    for (const p of points) {
      text += p.tag + ":" + p.x.toString(16) + ";";
      totals.set(p.tag, (totals.get(p.tag) || 0) + p.y);
      seen.add(p.x * 1000 + p.y);
    }
    const copy = JSON.parse(JSON.stringify(points.slice(0, 5)));
    checksum = (Math.imul(checksum, 31) + text.length + text.charCodeAt(i % text.length) + copy[4].y) | 0;
    checksum = (checksum ^ fib(10 + (i % 6))) | 0;
  }
  const summary = [...totals].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([tag, total]) => tag + "=" + total);
  return checksum + " " + seen.size + " " + summary.join(",");
})(${n})`;
}

export const QUICKJS: Workload = {
  name: "quickjs",
  group: "packages",
  description: "quickjs-emscripten: a fresh context runs a JS script of n iterations (objects, sort, strings, Map/Set, JSON, recursion) (100)",
  export: "",
  async load() {
    const { getQuickJS } = await import("quickjs-emscripten");
    const quickjs = await getQuickJS();
    return ([n]) => {
      const context = quickjs.newContext();
      try {
        const result = context.evalCode(quickjsScript(n as number));
        if (result.error) {
          const error = context.dump(result.error);
          result.error.dispose();
          throw new Error(`the script threw: ${JSON.stringify(error)}`);
        }
        const value = context.getString(result.value);
        result.value.dispose();
        return value;
      } finally {
        context.dispose();
      }
    };
  },
  args: { full: [100], quick: [10], tiny: [1] },
  expected: {
    full: "-1506210984 3992 t0=304450,t1=283113,t2=300297,t3=300963,t4=304054,t5=252504,t6=238743",
    quick: "1070508060 400 t0=32066,t1=30370,t2=32175,t3=30808,t4=30103,t5=24866,t6=23979",
  },
};
