// The entry "@wasmi-ts/polyfill/auto": importing it installs the polyfill where the host has no WebAssembly.
import { install } from "./install.js";

install();
