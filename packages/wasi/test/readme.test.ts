import { join } from "node:path";
import { describe } from "vitest";
import { readmeExamples } from "../../../config/readme-examples.js";

describe("README.md", () => readmeExamples(join(__dirname, "..", "README.md"), __dirname));
