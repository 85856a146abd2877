import { PERSON_ACCESS_PATH, type PersonAccess } from '@gongzhi/contracts';
import { currentActor } from '@gongzhi/platform';
import { Controller, Get, Header, HttpException, HttpStatus, Param } from '@nestjs/common';
import { RoleBindingsService } from './role-bindings.service';

/** The gateway's own actor: the only caller allowed to read who holds which roles. */
const GATEWAY_SERVICE = 'gateway';

/** Errors in the shape the trust boundary's 401 uses, so the gateway reads every refusal the same way. */
function refusal(status: HttpStatus, code: string, message: string): HttpException {
  return new HttpException({ errors: [{ message, extensions: { code } }] }, status);
}

/**
 * `GET /internal/access/people/:subject`: what the gateway needs to turn a signed-in person into an actor. The
 * identity provider proves who someone is; their roles and jurisdictions are organization's data.
 */
@Controller(PERSON_ACCESS_PATH)
export class PersonAccessController {
  constructor(private readonly bindings: RoleBindingsService) {}

  @Get(':subject')
  @Header('cache-control', 'no-store')
  async personAccess(@Param('subject') subject: string): Promise<PersonAccess> {
    const actor = currentActor();
    if (actor.kind !== 'service' || actor.id !== GATEWAY_SERVICE) {
      throw refusal(HttpStatus.FORBIDDEN, 'FORBIDDEN', "Only the gateway may read a person's access");
    }
    const access = await this.bindings.personAccess(subject);
    if (!access) throw refusal(HttpStatus.NOT_FOUND, 'PERSON_ACCESS.NOT_FOUND', `No role is bound to ${subject}`);
    return access;
  }
}
