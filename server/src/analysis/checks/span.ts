// The model reuses parsed parts (`{ text, start, end }`) as ranges; a finding carries a plain range.
import type { Range } from '../../parser';

export function span(range: Range): Range {
  return { start: range.start, end: range.end };
}
