// How the translator encodes registers before the frame layout is final (see `relocate`):
//   s < CONST_BASE            absolute frame slot s (parameters and locals)
//   CONST_BASE + k            slot k of the constant area
//   TEMP_BASE + t             slot t of the temporaries
//   EXN_BASE + k              slot k between the constants and the temporaries: the exception a legacy
//                             `catch` clause caught (k: how many such clauses enclose it), for `rethrow`

export const CONST_BASE = 1 << 28;
export const TEMP_BASE = 1 << 29;
export const EXN_BASE = 3 << 28;
