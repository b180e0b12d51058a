// The parser's public surface: `parse(text)` and what comes with its result.

export { parse, printLossless, splitFlags, INTERNAL_ERROR } from './parse';
export { LineIndex, type Position } from './lineIndex';
export { toAstJson, formatAstJson, type AstJsonOptions } from './astJson';
export * from './syntax';
