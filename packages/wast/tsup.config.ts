import { libraryBuild } from "../../config/tsup.library.js";

export default libraryBuild;
