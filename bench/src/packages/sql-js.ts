// sql.js: SQLite compiled by Emscripten (a 700 KB module), with its JS bindings. A run makes a fresh
// in-memory database, inserts n rows in one transaction with a prepared statement, builds an index and runs
// aggregate queries (GROUP BY, a join, LIKE, a range and a top 5 over the index); the result is a short sha256 of the
// queries' results as JSON. The test computes the same results in plain JS from the same rows.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { Workload } from "../manifest.js";
import { xorshift32 } from "./inputs.js";

/** The part of sql.js the workload uses (the package ships no types). */
type InitSqlJs = (config: { locateFile: (file: string) => string }) => Promise<{ Database: new () => Database }>;
interface Database {
  run(sql: string): void;
  prepare(sql: string): { run(params: SqlValue[]): void; free(): void };
  exec(sql: string): { columns: string[]; values: SqlValue[][] }[];
  close(): void;
}
type SqlValue = number | string | null;

export interface ItemRow {
  id: number;
  category: number;
  name: string;
  price: number;
  qty: number;
}

export const CATEGORY_COUNT = 16;
const LABELS = ["books", "food", "games", "tools", "toys"];
/** A category's label: fewer labels than categories, so that the join groups several categories under one. */
export const categoryLabel = (id: number): string => LABELS[id % LABELS.length]!;

const rowCache = new Map<number, ItemRow[]>();

/** n deterministic rows: a category, a 6-letter name, a price in cents below 100000, a quantity 1-50. */
export function itemRows(n: number): ItemRow[] {
  let rows = rowCache.get(n);
  if (!rows) {
    const next = xorshift32(0x1234567);
    rows = [];
    for (let id = 1; id <= n; id++) {
      let name = "";
      for (let i = 0; i < 6; i++) name += String.fromCharCode(97 + (next() % 26));
      rows.push({ id, category: next() % CATEGORY_COUNT, name, price: next() % 100_000, qty: 1 + (next() % 50) });
    }
    rowCache.set(n, rows);
  }
  return rows;
}

/** The queries, in order; their results (rows of values) make the digest. */
const QUERIES = [
  "SELECT category, COUNT(*), SUM(price * qty), MIN(price), MAX(price) FROM items GROUP BY category ORDER BY category",
  "SELECT c.label, COUNT(*), SUM(i.qty) FROM items i JOIN categories c ON c.id = i.category WHERE i.price < 50000 GROUP BY c.label ORDER BY c.label",
  "SELECT COUNT(*), SUM(qty) FROM items WHERE name LIKE '%ab%'",
  "SELECT COUNT(*), SUM(qty) FROM items WHERE price BETWEEN 40000 AND 40999",
  "SELECT id, price FROM items ORDER BY price DESC, id LIMIT 5",
];

/** The digest of the queries' results: the first 16 hex digits of the sha256 of their JSON. */
export function resultsDigest(results: SqlValue[][][]): string {
  return createHash("sha256").update(JSON.stringify(results)).digest("hex").slice(0, 16);
}

function run(Database: new () => Database, n: number): string {
  const db = new Database();
  try {
    db.run("CREATE TABLE categories (id INTEGER PRIMARY KEY, label TEXT NOT NULL)");
    db.run(`INSERT INTO categories VALUES ${Array.from({ length: CATEGORY_COUNT }, (_, id) => `(${id}, '${categoryLabel(id)}')`).join(", ")}`);
    db.run("CREATE TABLE items (id INTEGER PRIMARY KEY, category INTEGER NOT NULL, name TEXT NOT NULL, price INTEGER NOT NULL, qty INTEGER NOT NULL)");
    db.run("BEGIN");
    const insert = db.prepare("INSERT INTO items VALUES (?, ?, ?, ?, ?)");
    for (const row of itemRows(n)) insert.run([row.id, row.category, row.name, row.price, row.qty]);
    insert.free();
    db.run("COMMIT");
    db.run("CREATE INDEX items_price ON items (price)");
    return resultsDigest(QUERIES.map((sql) => db.exec(sql)[0]?.values ?? []));
  } finally {
    db.close();
  }
}

export const SQLITE: Workload = {
  name: "sqlite",
  group: "packages",
  description: "sql.js (SQLite): n rows inserted in a transaction, an index, 5 aggregate queries (10000 rows)",
  export: "",
  async load() {
    const require = createRequire(import.meta.url);
    const initSqlJs = require("sql.js") as InitSqlJs;
    const { Database } = await initSqlJs({ locateFile: (file) => require.resolve(`sql.js/dist/${file}`) });
    return ([n]) => run(Database, n as number);
  },
  prepare: ([n]) => void itemRows(n as number),
  args: { full: [10_000], quick: [1_000], tiny: [1] },
  expected: {
    full: "0dfd21b795d60aa4",
    quick: "f671e1fea4901067",
  },
};
