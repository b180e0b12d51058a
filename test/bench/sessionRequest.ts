// What the completion benchmark asks of its LSP client process (lspSession.ts), and what it answers.
import type { Figures } from './typing';

export type Transport = 'ipc' | 'stdio';

export interface SessionRequest {
  readonly transport: Transport;
  readonly lines: number;
  readonly positions: number;
  /** Where the real server's answers are written, or, with `floor`, read from. */
  readonly answers: string;
  readonly floor: boolean;
}

/** Figures of one server session: its first edits (after one untimed pass) and its steady state (after `STEADY_PASSES - 1` passes). */
export interface Session {
  readonly first: Figures;
  readonly steady: Figures;
}

/**
 * Untimed passes over the positions before the steady state is timed: V8 sizes its young generation
 * and optimises the server's code over the first edits; measured over IPC at 300 lines, the edits > 3 ms
 * per pass of 400 fall from 12-18 in the second pass to 3-5 in the seventh, and scavenges from 5 to 1-2.
 */
export const STEADY_PASSES = 5;
