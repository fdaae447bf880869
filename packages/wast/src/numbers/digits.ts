import { notANumber } from "./errors.js";

// Digit sequences of the text format: `digit ('_'? digit)*`. An underscore must sit between two digits.

const isDec = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDec(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/**
 * Reads a digit sequence of `text` from `start`; returns the digits without underscores and the end index.
 * Throws if it is empty or an underscore is not between two digits.
 */
export function readDigits(text: string, start: number, hex: boolean, whole: string): { digits: string; end: number } {
  const accept = hex ? isHex : isDec;
  let i = start;
  let digits = "";
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (accept(c)) {
      digits += text[i];
      i++;
    } else if (c === 0x5f /* _ */ && digits.length > 0 && i + 1 < text.length && accept(text.charCodeAt(i + 1))) {
      i++;
    } else {
      break;
    }
  }
  if (digits.length === 0) throw notANumber(whole);
  return { digits, end: i };
}

/** `text[i]` is the start of a digit of the given base. */
export function digitAt(text: string, i: number, hex: boolean): boolean {
  return i < text.length && (hex ? isHex : isDec)(text.charCodeAt(i));
}
