import { packageTests } from "../../config/vitest.package.js";

export default packageTests;
