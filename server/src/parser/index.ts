// The parser's one face: `parse(text)`, `parseLossless` (which records the tokens in the same pass),
// `reparse` for an edited version, and what comes with their result (the syntax tree, the reading of
// references, IMPORT paths and overrides that the analysis builds on, the AST as JSON and the
// comparison of two trees by it). Analysis and features import the parser only from here.

export { parse, parseLossless, printLossless, splitFlags, INTERNAL_ERROR } from './parse';
export { reparse } from './reparse';
export { toAstJson, formatAstJson, type AstJsonOptions } from './astJson';
export { astEqual } from './astEqual';
export * from './references';
export * from './syntax';
