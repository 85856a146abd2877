import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readApiSchema, RELEASED_FILE, SUPERGRAPH_DIR, SUPERGRAPH_FILE } from './supergraph-schema';

export const ACCEPTED_CHANGES_FILE = `${SUPERGRAPH_DIR}/accepted-changes.json`;

/** A breaking change made on purpose since the last release: `path` and `type` as GraphQL Inspector reports them. */
export interface AcceptedChange {
  type: string;
  path: string;
  /** Why clients may live with it (who was told, what replaces it). */
  reason: string;
}

export interface BreakingChange {
  type: string;
  path: string;
  message: string;
}

/** The breaking changes (GraphQL Inspector's BREAKING level) from the released supergraph to the composed one. */
export async function breakingChanges(repoRoot: string): Promise<BreakingChange[]> {
  return breakingChangesBetween(readApiSchema(repoRoot, RELEASED_FILE), readApiSchema(repoRoot, SUPERGRAPH_FILE));
}

export async function breakingChangesBetween(
  released: GraphQLSchema,
  composed: GraphQLSchema,
): Promise<BreakingChange[]> {
  const changes: Change[] = await diff(released, composed);
  return changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .map((change) => ({ type: change.type as string, path: change.path ?? '', message: change.message }));
}

export function readAcceptedChanges(repoRoot: string): AcceptedChange[] {
  const file = path.join(repoRoot, ACCEPTED_CHANGES_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as AcceptedChange[]) : [];
}

const same = (a: { type: string; path: string }, b: { type: string; path: string }) =>
  a.type === b.type && a.path === b.path;

/** Breaking changes not accepted, accepted changes that no longer happen, and acceptances without a reason. */
export function unacceptedChanges(
  breaking: BreakingChange[],
  accepted: AcceptedChange[],
): { unaccepted: BreakingChange[]; stale: AcceptedChange[]; unexplained: AcceptedChange[] } {
  return {
    unaccepted: breaking.filter((change) => !accepted.some((entry) => same(entry, change))),
    stale: accepted.filter((entry) => !breaking.some((change) => same(entry, change))),
    unexplained: accepted.filter((entry) => typeof entry.reason !== 'string' || entry.reason.trim().length < 10),
  };
}
