/**
 * Where each of organization's creating mutations puts what it created: every mutation answers an `XPayload` with the
 * entity in a field named after its type (issue 13), so a fixture that builds territory asks for `{ <field> { id } }`.
 */
const CREATED = {
  CreateCommunity: 'community',
  CreateCompound: 'compound',
  CreateBuilding: 'building',
  RegisterHousehold: 'household',
  MoveResidentIn: 'resident',
  RegisterPartnerUnit: 'partnerUnit',
  SignCoBuildingAgreement: 'partnerUnit',
} as const;

export type OrganizationCreation = keyof typeof CREATED;

/** The operation that runs `mutation` with `$input`, and how to read the id of what it created from its data. */
export function organizationCreation(mutation: OrganizationCreation): {
  query: string;
  createdId: (data: unknown) => string;
} {
  const field = mutation[0].toLowerCase() + mutation.slice(1);
  const entity = CREATED[mutation];
  return {
    query: `mutation($input: ${mutation}Input!) { ${field}(input: $input) { ${entity} { id } } }`,
    createdId: (data) => (data as Record<string, Record<string, { id: string }>>)[field][entity].id,
  };
}
