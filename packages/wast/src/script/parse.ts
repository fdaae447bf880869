import type { Span } from "../errors.js";
import { readSExprs } from "../sexpr/reader.js";
import { headKeyword, isAnnotation, isKeyword, stripAnnotations } from "../sexpr/guards.js";
import type { List, SExpr } from "../sexpr/types.js";
import { readModule, withoutOwnAnnotations, withStackGuard, wrapFields } from "./module.js";
import { expectLength, isIdAtom, stringText, syntaxError } from "./syntax.js";
import type { Action, ScriptCommand, ScriptModule } from "./types.js";
import { parseArg, parseExpected } from "./values.js";

// WAST scripts (the spec test format): `script ::= command* | modulefield*`.

const COMMANDS: ReadonlySet<string> = new Set([
  "module",
  "register",
  "invoke",
  "get",
  "assert_return",
  "assert_trap",
  "assert_exhaustion",
  "assert_exception",
  "assert_malformed",
  "assert_invalid",
  "assert_unlinkable",
  "assert_uninstantiable",
  "assert_malformed_custom",
  "assert_invalid_custom",
]);

function asList(e: SExpr | undefined, parent: List): List {
  if (e === undefined) throw syntaxError("unexpected end of list", parent);
  if (e.type !== "list") throw syntaxError("unexpected token", e);
  return e;
}

function parseAction(e: SExpr | undefined, parent: List): Action {
  const list = stripAnnotations(asList(e, parent));
  const head = headKeyword(list);
  if (head !== "invoke" && head !== "get") throw syntaxError("unexpected token: expected invoke or get", list);
  const first = list.items[1];
  const module = isIdAtom(first) ? first.value : undefined;
  let i = module === undefined ? 1 : 2;
  const name = stringText(list.items[i++], list);
  if (head === "get") {
    expectLength(list, i);
    return { kind: "get", module, name, span: list.span };
  }
  return { kind: "invoke", module, name, args: list.items.slice(i).map(parseArg), span: list.span };
}

function parseModuleArg(e: SExpr | undefined, parent: List, file: string | undefined): ScriptModule {
  const list = asList(e, parent);
  if (headKeyword(withoutOwnAnnotations(list)) !== "module") {
    throw syntaxError("unexpected token: expected a module", list);
  }
  return readModule(list, file);
}

/** The message of an assertion; optional in some suites, "" when absent. */
function message(list: List, index: number): string {
  if (list.items.length === index) return "";
  expectLength(list, index + 1);
  return stringText(list.items[index], list);
}

type ModuleAssertion =
  | "assert_malformed"
  | "assert_invalid"
  | "assert_unlinkable"
  | "assert_uninstantiable"
  | "assert_malformed_custom"
  | "assert_invalid_custom";

/**
 * One command. Annotations may appear anywhere; only those among module fields mean something (to the
 * encoder), so modules are read from the original lists and everything else without annotations.
 */
function parseCommand(original: List, file: string | undefined): ScriptCommand {
  const span: Span = original.span;
  const list = withoutOwnAnnotations(original);
  const kind = headKeyword(list);
  switch (kind) {
    case "module": {
      if (isKeyword(list.items[1], "instance")) {
        const ids: string[] = [];
        for (const e of list.items.slice(2)) {
          if (!isIdAtom(e) || ids.length === 2) throw syntaxError("unexpected token", e);
          ids.push(e.value);
        }
        return { kind: "module_instance", instance: ids[0], definition: ids[1], span };
      }
      return { kind: "module", module: readModule(original, file), span };
    }
    case "register": {
      const name = stringText(list.items[1], list);
      const module = isIdAtom(list.items[2]) ? list.items[2].value : undefined;
      expectLength(list, module === undefined ? 2 : 3);
      return { kind: "register", name, module, span };
    }
    case "invoke":
    case "get":
      return { kind: "action", action: parseAction(list, list), span };
    case "assert_return": {
      const action = parseAction(list.items[1], list);
      const expected = list.items.slice(2).map((e) => parseExpected(stripAnnotations(e)));
      return { kind: "assert_return", action, expected, span };
    }
    case "assert_trap": {
      const target = asList(list.items[1], list);
      if (headKeyword(withoutOwnAnnotations(target)) === "module") {
        return { kind: "assert_trap_module", module: readModule(target, file), message: message(list, 2), span };
      }
      return { kind: "assert_trap", action: parseAction(target, list), message: message(list, 2), span };
    }
    case "assert_exhaustion":
      return {
        kind: "assert_exhaustion",
        action: parseAction(list.items[1], list),
        message: message(list, 2),
        span,
      };
    case "assert_exception":
      expectLength(list, 2);
      return { kind: "assert_exception", action: parseAction(list.items[1], list), span };
    case "assert_malformed":
    case "assert_invalid":
    case "assert_unlinkable":
    case "assert_uninstantiable":
    case "assert_malformed_custom":
    case "assert_invalid_custom":
      return {
        kind: kind satisfies ModuleAssertion,
        module: parseModuleArg(list.items[1], list, file),
        message: message(list, 2),
        span,
      };
    default:
      throw syntaxError(`unknown command${kind === undefined ? "" : ` ${kind}`}`, list);
  }
}

/**
 * Parses a WAST script into its commands. Lexical and structural errors throw `WastSyntaxError`; text
 * modules are only encoded when their `binary()` is requested.
 */
export function parseScript(text: string, filename?: string): ScriptCommand[] {
  return withStackGuard(() => parseCommands(text, filename), filename);
}

function parseCommands(text: string, file: string | undefined): ScriptCommand[] {
  const items = readSExprs(text);
  const lists: List[] = [];
  for (const e of items) {
    if (e.type !== "list") throw syntaxError("unexpected token", e);
    if (!isAnnotation(e)) lists.push(e);
  }
  const first = lists.length === 0 ? undefined : headKeyword(withoutOwnAnnotations(lists[0]!));
  if (lists.length > 0 && (first === undefined || !COMMANDS.has(first))) {
    // A script of bare module fields is one module.
    const span = lists[0]!.span;
    return [{ kind: "module", module: readModule(wrapFields(lists, span), file), span }];
  }
  return lists.map((list) => parseCommand(list, file));
}
