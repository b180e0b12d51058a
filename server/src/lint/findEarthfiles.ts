// Moved to cli/findEarthfiles.ts. This forward stays only while test/harness/startDemo.ts imports it
// from here; nothing in server/ does.
export { findEarthfiles } from '../cli/findEarthfiles';
