/**
 * The operations `npm run bench` measures, each a named constant in this one place: when the API changes shape (the
 * renames of issue 13), adapt the string here and nothing else. Every one is checked to answer data without errors,
 * as a person and as a partner key, before it is measured.
 */

/** One subgraph (organization): what a screen's header asks. Also sent to organization directly. */
export const ONE_SUBGRAPH_QUERY = '{ communities(first: 1) { totalCount edges { node { name } } } }';

/**
 * The examples' community tree (`examples/organization.graphql`, CommunityTree): communities → their compounds → their
 * buildings, all organization's and all hinted for the gateway's response cache. Measured as the cached rows with
 * ONE_SUBGRAPH_QUERY: the same request over and over, as many readers of one screen send it.
 */
export const COMMUNITY_TREE_QUERY = `{
  communities(first: 10) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name street
    compounds(first: 20) { edges { node { id name hasPropertyCompany
      buildings(first: 20) { edges { node { id name floors } } }
    } } }
  } } }
}`;

/**
 * Sent with every request of the rows measured without the cache, a new value each time: the gateway's response cache
 * keys answers by their variables, so each request is a miss (and the answer is stored, as any miss is), while the
 * document, and so every cache of parsing, validation and query plans, stays the same. Operations ignore a variable
 * they do not declare.
 */
export const UNCACHED_VARIABLE = 'benchRequest';

/**
 * Answered without the database (facilities' Open311 service list is a constant): what the gateway itself adds per
 * request shows here, where the emulated database cannot hide it. Also sent to facilities directly.
 */
export const NO_DATABASE_QUERY = '{ lampFaultServices { serviceCode serviceName slaHours } }';

/**
 * Deep and cross-subgraph, in the shape of The Guild's federation benchmark (many entity fetches, three rounds of
 * them): communities and their compounds (organization) → their lamps (facilities) and motions (deliberation) → the
 * lamps' buildings and compounds and the motions' compounds (organization again). Depth 9, inside the gateway's limit.
 */
export const DEEP_QUERY = `{
  communities(first: 3) { edges { node { name
    compounds(first: 3) { edges { node { name
      lamps(first: 5) { edges { node { assetNumber status } } }
      motions(first: 3) { edges { node { title status } } }
    } } }
    lamps(first: 5) { edges { node { assetNumber building { name floors } compound { name } } } }
    motions(first: 3) { edges { node { title compound { name } } } }
  } } }
}`;

/**
 * A list of `$first` lamps (facilities) with nested entities from the two other subgraphs: each lamp's compound
 * (organization) and that compound's motions (deliberation). Measured at 100; the database operations per request
 * are counted at 10 and at 100 (the same number at both is the target: no query per item).
 */
export const LIST_QUERY = `query Lamps($first: Int!) {
  lamps(first: $first) { edges { node { assetNumber status
    compound { name motions(first: 2) { totalCount edges { node { title } } } }
  } } }
}`;
export const LIST_SIZE = 100;
/** The list sizes the database operations per request are counted at. */
export const LIST_SIZES_COUNTED = [10, 100] as const;

/**
 * A write: street staff recording a resident's opinion (民意) taken on the hotline, in a community (deliberation).
 * Every request a new opinion, so each is a real insert. Partners may not record opinions: measured as a person only.
 * Also sent to deliberation directly.
 */
export const MUTATION = `mutation Opinion($input: RecordOpinionInput!) {
  recordOpinion(input: $input) { opinion { id } }
}`;
/** The mutation's variables for the n-th request of a run, in the community `placeId`. */
export function mutationVariables(placeId: string, run: string, n: number): Record<string, unknown> {
  return {
    input: { placeId, text: `楼道灯不亮，请尽快修理（压测 ${run} 第 ${n} 条）`, channel: 'HOTLINE', tags: ['路灯'] },
  };
}

/** The demo partner units and their agreements, to issue the partner runs' key to one with an agreement in force. */
export const PARTNER_UNITS_QUERY =
  '{ partnerUnits(first: 50) { edges { node { id name agreements(first: 20) { edges { node { validFrom validUntil community { id } } } } } } } }';
export const ISSUE_API_KEY_MUTATION =
  'mutation Issue($input: IssueApiKeyInput!) { issueApiKey(input: $input) { apiKey { id } secret } }';
/** Revokes the partner runs' key at the end. */
export const REVOKE_API_KEY_MUTATION =
  'mutation Revoke($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id } } }';
