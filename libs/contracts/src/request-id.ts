/**
 * The request id every response echoes and every log line carries: the gateway adopts a client's when it is sane,
 * makes one otherwise, and forwards it to the subgraphs, which adopt it the same way.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's request id is adopted only when short and plain (1–128 of `A-Za-z0-9._:-`), so it cannot forge log lines. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Set by a subgraph on a response whose request left an access-audit entry (a read of a sensitive record): the
 * gateway then never hands that response to another request that waited for it (upstream deduplication), so every
 * read has an entry of its own.
 */
export const AUDITED_READ_HEADER = 'gongzhi-audited-read';
