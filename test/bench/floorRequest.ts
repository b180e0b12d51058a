/** The floor server's request that hands it the list to answer the next completion with. */
export const NEXT_ANSWER = 'bench/nextAnswer';
