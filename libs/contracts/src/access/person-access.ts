import { z } from 'zod';
import { roleGrantSchema } from './actor';

/**
 * What organization tells the gateway about a signed-in person: their role bindings with each jurisdiction resolved.
 * The identity provider proves who someone is; which org units they serve is Gongzhi's own data.
 */
export const PERSON_ACCESS_PATH = '/internal/access/people';

/** `GET /internal/access/people/:subject` (internal token, audience organization): 200 with this, 404 when unknown. */
export const personAccessSchema = z.object({
  subject: z.string().min(1),
  name: z.string().nullable(),
  residentId: z.string().nullable(),
  householdId: z.string().nullable(),
  roles: z.array(roleGrantSchema),
});
export type PersonAccess = z.infer<typeof personAccessSchema>;

/** The URL of one person's access on the organization service, from its GraphQL URL. */
export function personAccessUrl(organizationGraphqlUrl: string, subject: string): string {
  return new URL(`${PERSON_ACCESS_PATH}/${encodeURIComponent(subject)}`, organizationGraphqlUrl).toString();
}
