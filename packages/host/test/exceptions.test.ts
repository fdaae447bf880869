import { describe, expect, it } from "vitest";
import {
  CompileError, Engine, Exception, Func, HostSuspend, Instance, LinkError, Linker, Module, Store, Tag, Trap, TrapCode,
  ValType, WASM2_FEATURES,
} from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

// Exception handling (WebAssembly 3.0) through the host API: throw, throw_ref, try_table and its catch
// clauses, the legacy try/catch/catch_all/delegate/rethrow, tags, and exceptions crossing the host.

const { I32, I64, F64 } = ValType;

function setup(wat: string, define?: (linker: Linker<null>, store: Store<null>) => void, engine = new Engine()) {
  const store = new Store(engine, null);
  const linker = new Linker<null>(engine);
  define?.(linker, store);
  const instance = linker.instantiate(store, new Module(engine, parseWat(wat)));
  return { store, instance, call: (name: string, ...args: unknown[]) => instance.getFunc(name)!.call(...args) };
}

/** What `run` threw (it must throw). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

describe("throw and try_table", () => {
  const wat = `(module
    (tag $e (export "e") (param i32 i64 f64))
    (tag $other (param i32))
    (func $thrower (param i32)
      (if (i32.eq (local.get 0) (i32.const 1)) (then (throw $e (i32.const 7) (i64.const -5) (f64.const 2.5))))
      (if (i32.eq (local.get 0) (i32.const 2)) (then (throw $other (i32.const 9)))))
    (func $middle (param i32) (call $thrower (local.get 0)))
    (func (export "catch") (param i32) (result i32 i64 f64)
      (block $h (result i32 i64 f64)
        (try_table (catch $e $h)
          (call $middle (local.get 0)))
        (return (i32.const 0) (i64.const 0) (f64.const 0))))
    (func (export "catch-all") (param i32) (result i32)
      (block $h
        (try_table (catch_all $h) (call $middle (local.get 0)))
        (return (i32.const 0)))
      (i32.const 1))
    (func (export "to-function-label") (param i32) (result i32 i64 f64)
      (try_table (catch $e 0) (call $middle (local.get 0)))
      (i32.const -1) (i64.const -1) (f64.const -1))
    (func (export "to-loop") (result i32) (local $n i32)
      (i32.const 0) (i64.const 0) (f64.const 0)
      (loop $again (param i32 i64 f64)
        (drop) (drop) (drop)
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (try_table (catch $e $again)
          (call $thrower (i32.lt_u (local.get $n) (i32.const 3)))))
      (local.get $n)))`;

  it("a catch clause takes the values of an exception thrown several Wasm frames deeper", () => {
    const { call } = setup(wat);
    expect(call("catch", 1)).toEqual([7, -5n, 2.5]);
    expect(call("catch", 0)).toEqual([0, 0n, 0]);
  });

  it("an exception of another tag passes by and leaves as an Exception", () => {
    const { call, instance } = setup(wat);
    const e = thrown(() => call("catch", 2));
    expect(e).toBeInstanceOf(Exception);
    expect((e as Exception).is(instance.getTag("e")!)).toBe(false);
    expect((e as Exception).getArg(0)).toBe(9);
  });

  it("catch_all catches any tag; a clause may go to the function's label or a loop", () => {
    const { call } = setup(wat);
    expect(call("catch-all", 1)).toEqual([1]);
    expect(call("catch-all", 2)).toEqual([1]);
    expect(call("catch-all", 0)).toEqual([0]);
    expect(call("to-function-label", 1)).toEqual([7, -5n, 2.5]);
    expect(call("to-function-label", 0)).toEqual([-1, -1n, -1]);
    expect(call("to-loop")).toEqual([3]);
  });

  it("an uncaught exception reaches the host with its tag and values", () => {
    const { call, instance } = setup(`(module (tag $e (export "e") (param i32 i64 f64))
      (func (export "f") (throw $e (i32.const 1) (i64.const 2) (f64.const 3))))`);
    const e = thrown(() => call("f")) as Exception;
    expect(e).toBeInstanceOf(Exception);
    expect(e.is(instance.getTag("e")!)).toBe(true);
    expect(e.tag).toBe(instance.getTag("e"));
    expect(e.values).toEqual([1, 2n, 3]);
    expect(e.getArg(1)).toBe(2n);
    expect(e.tag.type.params).toEqual([I32, I64, F64]);
    expect(() => e.getArg(3)).toThrow(RangeError);
  });

  it("traps are not exceptions: catch_all does not catch them", () => {
    const { call } = setup(`(module
      (func $div (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
      (func $deep (call $deep))
      (func (export "trap") (param i32) (result i32)
        (block $h (try_table (catch_all $h) (drop (call $div (local.get 0)))) (return (i32.const 0)))
        (i32.const 1))
      (func (export "overflow") (result i32)
        (block $h (try_table (catch_all $h) (call $deep)) (return (i32.const 0)))
        (i32.const 1)))`);
    expect(call("trap", 1)).toEqual([0]);
    const trap = thrown(() => call("trap", 0));
    expect(trap).toBeInstanceOf(Trap);
    expect((trap as Trap).code).toBe(TrapCode.IntegerDivideByZero);
    expect((thrown(() => call("overflow")) as Trap).code).toBe(TrapCode.StackOverflow);
  });
});

describe("the innermost handler among many regions", () => {
  it("is found for a throw in any of many sibling and nested try regions", () => {
    // 40 sibling regions, each catching $e; inside each a region catching only $other, which $e passes by
    const siblings = Array.from({ length: 40 }, (_, i) => `
      (local.set $r (i32.add (local.get $r)
        (block $b${i} (result i32)
          (try_table (result i32) (catch $e $b${i})
            (block $o${i} (result i32)
              (try_table (result i32) (catch $other $o${i})
                (call $thr (i32.eq (local.get $k) (i32.const ${i})) (i32.const ${i * 10}))
                (i32.const 0)))))))`).join("");
    const { call } = setup(`(module (tag $e (param i32)) (tag $other (param i32))
      (func $thr (param i32 i32) (if (local.get 0) (then (throw $e (local.get 1)))))
      (func (export "pick") (param $k i32) (result i32) (local $r i32)
        (block $all (try_table (catch_all $all) ${siblings}) (return (local.get $r)))
        (i32.const -1)))`);
    for (const k of [0, 1, 17, 20, 39, 40]) expect(call("pick", k)).toEqual([k < 40 ? k * 10 : 0]);
  });
});

describe("exnref, catch_ref and throw_ref", () => {
  const wat = `(module
    (tag $e (export "e") (param i32))
    (func $thrower (param i32) (throw $e (local.get 0)))
    (func $rethrower (param i32) (local $exn exnref)
      (block $h (result i32 exnref)
        (try_table (catch_ref $e $h) (call $thrower (local.get 0)))
        (return))
      (local.set $exn)
      (drop)
      (throw_ref (local.get $exn)))
    (func (export "outer") (param i32) (result i32)
      (block $h (result i32)
        (try_table (catch $e $h) (call $rethrower (local.get 0)))
        (i32.const -1)))
    (func (export "capture") (param i32) (result exnref)
      (block $h (result exnref)
        (try_table (catch_all_ref $h) (call $thrower (local.get 0)))
        (ref.null exn)))
    (func (export "rethrow") (param exnref) (throw_ref (local.get 0))))`;

  it("catch_ref takes the exception, throw_ref throws it again to an outer handler", () => {
    const { call } = setup(wat);
    expect(call("outer", 41)).toEqual([41]);
  });

  it("an exnref reaches the host as the Exception, and the host can pass it back to throw_ref", () => {
    const { call, instance } = setup(wat);
    const exn = call("capture", 5)[0] as Exception;
    expect(exn).toBeInstanceOf(Exception);
    expect(exn.is(instance.getTag("e")!)).toBe(true);
    expect(exn.getArg(0)).toBe(5);
    expect(thrown(() => call("rethrow", exn))).toBe(exn);
    const nul = thrown(() => call("rethrow", null));
    expect(nul).toBeInstanceOf(Trap);
    expect((nul as Trap).code).toBe(TrapCode.NullReference);
  });
});

describe("exceptions between the host and Wasm", () => {
  const wat = `(module
    (import "host" "tag" (tag $t (param i32)))
    (import "host" "throw" (func $host_throw (param i32)))
    (func (export "call-host") (param i32) (result i32)
      (block $h (result i32)
        (try_table (catch $t $h) (call $host_throw (local.get 0)))
        (i32.const -1)))
    (func (export "catch-all") (param i32) (result i32)
      (block $h
        (try_table (catch_all $h) (call $host_throw (local.get 0)))
        (return (i32.const 0)))
      (i32.const 1))
    (func (export "throw") (param i32) (throw $t (local.get 0))))`;

  function withHost(behaviour: (arg: number, tag: Tag, store: Store<null>) => void) {
    return setup(wat, (linker, store) => {
      const tag = new Tag(store, { params: [I32] });
      linker.define("host", "tag", tag);
      linker.define("host", "throw", Func.wrap(store, { params: [I32], results: [] }, (_caller, arg) => {
        behaviour(arg as number, tag, store);
      }));
    });
  }

  it("a host function throws an Exception that Wasm catches", () => {
    const { call } = withHost((arg, tag, store) => {
      throw new Exception(store, tag, [arg * 2]);
    });
    expect(call("call-host", 21)).toEqual([42]);
    expect(call("catch-all", 21)).toEqual([1]);
  });

  it("other JavaScript errors of host functions are not catchable, not even by catch_all", () => {
    const error = new Error("host failure");
    const { call } = withHost(() => {
      throw error;
    });
    expect(thrown(() => call("catch-all", 1))).toBe(error);
    expect(thrown(() => call("call-host", 1))).toBe(error);
  });

  it("an exception thrown by a nested call of Wasm unwinds the host function that made it, to an outer handler", () => {
    let self: Instance | null = null;
    let seen: unknown = null;
    const { call, instance } = withHost((arg) => {
      try {
        self!.getFunc("throw")!.call(arg + 1);
      } catch (e) {
        seen = e;
        throw e;
      }
    });
    self = instance;
    expect(call("call-host", 1)).toEqual([2]);
    expect(seen).toBeInstanceOf(Exception);
    expect(seen).not.toBeInstanceOf(Error);
  });

  it("an exception of another store is not thrown into Wasm", () => {
    const other = new Store(new Engine(), null);
    const foreign = new Exception(other, new Tag(other, { params: [I32] }), [1]);
    const { call } = withHost(() => {
      throw foreign;
    });
    expect(() => call("catch-all", 1)).toThrow(/different store/);
  });

  it("a host function called by return_call throws from outside the caller's try regions", () => {
    const { call } = setup(`(module
      (import "host" "tag" (tag $t (param i32)))
      (import "host" "throw" (func $host_throw (param i32)))
      (func $tail (param i32)
        (block $h (result i32)
          (try_table (catch $t $h) (return_call $host_throw (local.get 0)))
          (return))
        (unreachable))
      (func (export "outer") (param i32) (result i32)
        (block $h (result i32) (try_table (catch $t $h) (call $tail (local.get 0))) (i32.const -1))))`, (linker, store) => {
      const tag = new Tag(store, { params: [I32] });
      linker.define("host", "tag", tag);
      linker.define("host", "throw", Func.wrap(store, { params: [I32], results: [] }, (_c, x) => {
        throw new Exception(store, tag, [(x as number) + 1]);
      }));
    });
    expect(call("outer", 4)).toEqual([5]); // the outer handler, not $tail's (whose unreachable would trap)
  });

  it("a tag of the host matches only itself: an exception of an equal-typed tag is not caught", () => {
    const { call, store } = withHost((arg, _tag, s) => {
      throw new Exception(s, other, [arg]);
    });
    const other = new Tag(store, { params: [I32] });
    const e = thrown(() => call("call-host", 3)) as Exception;
    expect(e.is(other)).toBe(true);
    expect(e.getArg(0)).toBe(3);
  });

  it("tags are imported and exported through the linker, and their types must match", () => {
    const engine = new Engine();
    const store = new Store(engine, null);
    const linker = new Linker<null>(engine);
    const exporter = linker.instantiate(store, new Module(engine, parseWat(`(module (tag (export "t") (param i32)))`)));
    const tag = exporter.getTag("t")!;
    expect(tag.type.params).toEqual([I32]);
    linker.define("host", "tag", tag);
    linker.define("host", "throw", Func.wrap(store, { params: [I32], results: [] }, (_c, arg) => {
      throw new Exception(store, tag, [(arg as number) + 100]);
    }));
    const instance = linker.instantiate(store, new Module(engine, parseWat(wat)));
    expect(instance.getFunc("call-host")!.call(1)).toEqual([101]);
    const wrong = new Linker<null>(engine);
    wrong.define("host", "tag", new Tag(store, { params: [I64] }));
    wrong.define("host", "throw", Func.wrap(store, { params: [I32], results: [] }, () => {}));
    expect(() => wrong.instantiate(store, new Module(engine, parseWat(wat)))).toThrow(LinkError);
  });

  it("checks what it is given", () => {
    const store = new Store(new Engine(), null);
    expect(() => new Tag(store, { params: [I32], results: [I32] })).toThrow(TypeError);
    const tag = new Tag(store, { params: [I32, I64] });
    expect(() => new Exception(store, tag, [1])).toThrow(TypeError);
    expect(() => new Exception(store, tag, [1, 2])).toThrow(TypeError); // i64 needs a bigint
    expect(new Exception(store, tag, [1, 2n]).values).toEqual([1, 2n]);
  });
});

describe("legacy try, catch, catch_all, delegate and rethrow", () => {
  const wat = `(module
    (tag $a (param i32))
    (tag $b)
    (func $throw (param i32)
      (if (i32.eq (local.get 0) (i32.const 1)) (then (throw $a (i32.const 10))))
      (if (i32.eq (local.get 0) (i32.const 2)) (then (throw $b))))
    (func (export "catch") (param i32) (result i32)
      (try (result i32)
        (do (call $throw (local.get 0)) (i32.const 0))
        (catch $a (i32.add (i32.const 1)))
        (catch_all (i32.const 99))))
    (func (export "delegate") (param i32) (result i32)
      (try $outer (result i32)
        (do
          (try (result i32)
            (do (call $throw (local.get 0)) (i32.const 0))
            (delegate $outer)))
        (catch $a)))
    (func (export "delegate-to-caller") (param i32)
      (try (do (try (do (call $throw (local.get 0))) (delegate 1))) (catch_all)))
    (func (export "rethrow") (param i32) (result i32)
      (try (result i32)
        (do
          (try (result i32)
            (do (call $throw (local.get 0)) (i32.const 0))
            (catch $a (drop) (try (do (throw $b)) (catch_all (rethrow 1))) (i32.const -1))))
        (catch $a (i32.const 1000) (i32.add))
        (catch $b (i32.const 2000)))))`;

  it("catch takes the tag's values, catch_all anything, and falling through skips the clauses", () => {
    const { call } = setup(wat);
    expect(call("catch", 0)).toEqual([0]);
    expect(call("catch", 1)).toEqual([11]);
    expect(call("catch", 2)).toEqual([99]);
  });

  it("delegate hands the exception to the try of its label, or to the caller", () => {
    const { call } = setup(wat);
    expect(call("delegate", 1)).toEqual([10]);
    expect(call("delegate", 0)).toEqual([0]);
    expect(thrown(() => call("delegate", 2))).toBeInstanceOf(Exception);
    expect(thrown(() => call("delegate-to-caller", 1))).toBeInstanceOf(Exception);
    expect(call("delegate-to-caller", 0)).toEqual([]);
  });

  it("rethrow after a call throws the caught exception still (the callee's frame does not overwrite it)", () => {
    const { call } = setup(`(module (tag $e (param i32))
      (func $busy (param i32) (result i32) (local i32 i32 i32 i32 i32 i32 i32 i32)
        (local.set 1 (i32.const -1)) (local.set 2 (i32.const -1)) (local.set 3 (i32.const -1))
        (local.set 4 (i32.const -1)) (local.set 5 (i32.const -1)) (local.set 6 (i32.const -1))
        (local.set 7 (i32.const -1)) (local.set 8 (i32.const -1))
        (i32.add (local.get 0) (i32.const 1)))
      (func (export "f") (param i32) (result i32)
        (try (result i32)
          (do
            (try (do (throw $e (local.get 0)))
              (catch $e (drop (call $busy (call $busy (i32.const 0)))) (rethrow 0)))
            (i32.const -2))
          (catch $e))))`, undefined, new Engine({ jsTier: false })); // $busy runs in frames of the value stack
    expect(call("f", 77)).toEqual([77]);
  });

  it("a catch clause without rethrow keeps no reference to what it caught (no store references pile up)", () => {
    let live = -1;
    const { call } = setup(`(module (import "host" "probe" (func $probe))
      (tag $e (param i32))
      (func (export "many") (param $n i32) (result i32) (local $sum i32)
        (loop $l
          (try (do (throw $e (local.get $n)))
            (catch $e (local.set $sum (i32.add (local.get $sum)))))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (call $probe)
        (local.get $sum)))`, (linker, store) => {
      linker.define("host", "probe", Func.wrap(store, { params: [], results: [] }, () => {
        live = store.pruned.refs.size;
      }));
    });
    expect(call("many", 1000)).toEqual([500500]);
    expect(live).toBe(0);
  });

  it("rethrow throws the exception its catch clause caught, from inside a nested catch", () => {
    const { call } = setup(wat);
    expect(call("rethrow", 1)).toEqual([1010]); // $a rethrown past the inner catch_all's $b
    expect(call("rethrow", 2)).toEqual([2000]);
  });
});

describe("exception handling with the engine's other features", () => {
  const wat = `(module
    (import "host" "pause" (func $pause (result i32)))
    (tag $e (param i32))
    (func $thrower (param i32) (throw $e (local.get 0)))
    (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func (export "run") (param i32) (result i32) (local $i i32)
      (block $h (result i32)
        (try_table (catch $e $h)
          (loop $l
            (local.set $i (call $add (local.get $i) (i32.const 1)))
            (br_if $l (i32.lt_u (local.get $i) (local.get 0))))
          (call $thrower (i32.add (local.get $i) (call $pause))))
        (i32.const -1))))`;

  function instantiate(config: ConstructorParameters<typeof Engine>[0], pause: () => number) {
    const engine = new Engine(config);
    return setup(wat, (linker, store) => {
      linker.define("host", "pause", Func.wrap(store, { params: [], results: [I32] }, pause));
    }, engine);
  }

  it("fuel is metered across try regions and their handlers", () => {
    const { store, call } = instantiate({ consumeFuel: true }, () => 0);
    store.setFuel(10_000n);
    expect(call("run", 100)).toEqual([100]);
    const used = 10_000n - store.getFuel();
    expect(used).toBeGreaterThan(100n);
    store.setFuel(10_000n);
    expect(call("run", 100)).toEqual([100]);
    expect(10_000n - store.getFuel()).toBe(used); // deterministic
    store.setFuel(5n);
    expect((thrown(() => call("run", 100)) as Trap).code).toBe(TrapCode.OutOfFuel);
  });

  it("a loop that only throws and catches is stopped by a deadline (a caught exception counts as a branch)", () => {
    const { store, call } = setup(`(module (tag $e)
      (func (export "spin")
        (loop $again (try_table (catch $e $again) (throw $e)))))`);
    store.setDeadline(50);
    const trap = thrown(() => call("spin")) as Trap;
    expect(trap).toBeInstanceOf(Trap);
    expect(trap.code).toBe(TrapCode.Interrupted);
    expect(trap.frames.length).toBe(1);
  });

  it("a resumable call suspended inside a try region resumes, and its handler catches", () => {
    const { instance } = instantiate({}, () => {
      throw new HostSuspend("wait");
    });
    const call = instance.getFunc("run")!.callResumable(3);
    expect(call.kind).toBe("hostTrap");
    if (call.kind !== "hostTrap") return;
    const done = call.resume([100]);
    expect(done.kind).toBe("finished");
    if (done.kind === "finished") expect(done.results).toEqual([103]);
  });

  it("an async host function's rejection with an Exception is caught by Wasm (callAsync)", async () => {
    const engine = new Engine();
    const store = new Store(engine, null);
    const linker = new Linker<null>(engine);
    const tag = new Tag(store, { params: [I32] });
    linker.define("host", "tag", tag);
    linker.define("host", "wait", Func.wrapAsync(store, { params: [I32], results: [I32] }, async (_c, x) => {
      await Promise.resolve();
      if ((x as number) > 0) throw new Exception(store, tag, [(x as number) * 3]);
      return 0;
    }));
    const instance = linker.instantiate(store, new Module(engine, parseWat(`(module
      (import "host" "tag" (tag $t (param i32)))
      (import "host" "wait" (func $wait (param i32) (result i32)))
      (func (export "f") (param i32) (result i32)
        (block $h (result i32) (try_table (result i32) (catch $t $h) (call $wait (local.get 0)))))
      (func (export "uncaught") (param i32) (result i32) (call $wait (local.get 0))))`)));
    expect(await instance.getFunc("f")!.callAsync(5)).toEqual([15]);
    expect(await instance.getFunc("f")!.callAsync(0)).toEqual([0]);
    const e = await instance.getFunc("uncaught")!.callAsync(2).catch((error: unknown) => error);
    expect(e).toBeInstanceOf(Exception);
    expect((e as Exception).getArg(0)).toBe(6);
  });

  it("uncaught exceptions leave every kind of call as Exceptions: start functions, host functions, resumable calls", () => {
    const engine = new Engine();
    const store = new Store(engine, null);
    const start = parseWat(`(module (tag $t (param i32)) (func $s (throw $t (i32.const 1))) (start $s))`);
    expect(thrown(() => new Instance(store, new Module(engine, start), []))).toBeInstanceOf(Exception);
    const tag = new Tag(store, { params: [] });
    const exn = new Exception(store, tag, []);
    const host = Func.wrap(store, { params: [], results: [] }, () => {
      throw exn;
    });
    expect(thrown(() => host.call())).toBe(exn);
    const { instance } = setup(`(module (tag $t) (func (export "f") (throw $t)))`, undefined, engine);
    expect(thrown(() => instance.getFunc("f")!.callResumable())).toBeInstanceOf(Exception);
  });

  it("the JavaScript tier leaves functions that throw to the interpreter", () => {
    const { call } = setup(`(module (tag $e (param i32))
      (func $leaf (param i32) (result i32) (if (local.get 0) (then (throw $e (local.get 0)))) (i32.const 5))
      (func (export "f") (param i32) (result i32)
        (block $h (result i32) (try_table (result i32) (catch $e $h) (call $leaf (local.get 0))))))`);
    for (let i = 0; i < 3; i++) expect(call("f", 0)).toEqual([5]);
    expect(call("f", 8)).toEqual([8]);
  });

  it("is part of WebAssembly 3.0: WASM2_FEATURES rejects it", () => {
    const bytes = parseWat(`(module (tag))`);
    expect(() => new Module(new Engine({ features: WASM2_FEATURES }), bytes)).toThrow(CompileError);
    expect(() => new Module(new Engine(), parseWat(`(module (func (throw 0)))`))).toThrow(/unknown tag 0/);
    expect(() => new Module(new Engine(), parseWat(`(module (tag (result i32)))`))).toThrow(/non-empty tag result type/);
  });
});

describe("backtraces of uncaught exceptions", () => {
  const wat = `(module $m
    (import "env" "host" (func $host))
    (tag $e (export "e") (param i32))
    (func $thrower (export "thrower") (throw $e (i32.const 1)))
    (func $middle (call $thrower))
    (func (export "direct") (call $middle))
    (func (export "through-host") (call $host)))`;
  /** The module, its host function calling `nested()` (set later). */
  function withHost(engine = new Engine()) {
    let nested: Func | undefined;
    const result = setup(wat, (linker, store) => {
      linker.define("env", "host", Func.wrap(store, { params: [], results: [] }, () => void nested!.call()));
    }, engine);
    nested = result.instance.getFunc("thrower")!;
    return result;
  }

  it("name the frames the exception unwound, innermost first", () => {
    for (const jsTier of [false, true, "eager"] as const) {
      const direct = thrown(() => withHost(new Engine({ jsTier })).call("direct")) as Exception;
      expect(direct).toBeInstanceOf(Exception);
      expect(direct.frames.map((f) => f.name)).toEqual(["thrower", "middle", undefined]);
      expect(direct.frames.every((f) => f.moduleName === "m")).toBe(true);
    }
  });

  it("continue across a host function's nested call", () => {
    const crossed = thrown(() => withHost().call("through-host")) as Exception;
    // the nested run's frame, then the outer run's (the host function has none)
    expect(crossed.frames.map((f) => f.name)).toEqual(["thrower", undefined]);
  });

  it("are empty for an exception the host made and no Wasm code threw", () => {
    const { store, instance } = withHost();
    expect(new Exception(store, instance.getTag("e")!, [1]).frames).toEqual([]);
  });
});
