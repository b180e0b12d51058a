// A full garbage collection on demand, for the benchmark: before a heap is measured, and before a
// section times something, so that what earlier sections left is not collected inside its timings.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
/** Collects the whole heap. */
export const fullGc = runInNewContext('gc') as () => void;
