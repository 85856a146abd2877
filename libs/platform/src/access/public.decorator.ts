import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ACCESS = 'gongzhi:public-access';

/**
 * Marks a query, mutation, field or reference resolver that anonymous callers may use. Everything else needs a
 * signed-in caller (SignedInGuard), so a resolver added without a thought about access is closed, not open.
 */
export const Public = () => SetMetadata(PUBLIC_ACCESS, true);
