import { ANONYMOUS, type Actor } from '@gongzhi/contracts';
import {
  internalAuthorization,
  personActor,
  testDatabaseName,
  testEventsNamespace,
  testInternalKeyEnv,
  testMongoUri,
  testNatsUrl,
  within,
} from '@gongzhi/testing';
import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import {
  Directive,
  Field,
  ID,
  Info,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import mongoose, { type Connection } from 'mongoose';
import request from 'supertest';
import { createSubgraphApp } from '../bootstrap';
import { loadConfig, serviceConfigSchema } from '../config/config';
import { ReferenceInfo } from '../graphql/reference-context.decorator';
import { selectedFieldNames } from '../graphql/selected-fields';
import { SubgraphPlatformModule } from '../subgraph-platform.module';
import { Public } from './public.decorator';
import { SensitiveReadAudit } from './sensitive-read-audit';

/** A service on offer: public, but for the nurse on duty. */
@ObjectType()
class CareService {
  @Field()
  name!: string;
}

/** A care plan of 居家养老: health data, so every read is audited. */
@ObjectType()
@Directive('@key(fields: "id")')
class CarePlan {
  @Field(() => ID)
  id!: string;

  @Field()
  service!: string;

  @Field()
  diagnosis!: string;

  residentId!: string;
}

const PLANS: CarePlan[] = [
  { id: 'plan-1', service: '康复护理', diagnosis: '脑卒中后遗症', residentId: 'r-沈雪珍' },
  { id: 'plan-2', service: '助餐', diagnosis: '糖尿病', residentId: 'r-居伟锋' },
];
const referencesResolved: string[] = [];

@Resolver(() => CareService)
class CareServiceResolver {
  @Public()
  @Query(() => [CareService])
  careServices() {
    return [{ name: '康复护理' }];
  }

  @Public()
  @ResolveField(() => String)
  provider() {
    return '龙惠社区卫生服务站';
  }

  @ResolveField(() => String, { nullable: true })
  nurseOnDuty() {
    return '李秀英';
  }
}

@Resolver(() => CarePlan)
class CarePlanResolver {
  constructor(private readonly audit: SensitiveReadAudit) {}

  @Query(() => [CarePlan], { nullable: true })
  async carePlans(@Info() info: GraphQLResolveInfo) {
    await Promise.all(PLANS.map((plan) => this.auditRead(plan, selectedFieldNames(info, 'CarePlan'))));
    return PLANS;
  }

  @ResolveReference()
  async resolveReference(@Parent() reference: { id: string }, @ReferenceInfo() info: GraphQLResolveInfo) {
    referencesResolved.push(reference.id);
    const plan = PLANS.find((candidate) => candidate.id === reference.id)!;
    await this.auditRead(plan, selectedFieldNames(info, 'CarePlan'));
    return plan;
  }

  private auditRead(plan: CarePlan, fields: string[]) {
    return this.audit.recordRead({
      subjectType: 'CarePlan',
      subjectId: plan.id,
      residentId: plan.residentId,
      category: 'HEALTH',
      fields,
    });
  }
}

@Controller('internal')
class PingController {
  @Get('ping')
  ping() {
    return { pong: true };
  }
}

@Module({ providers: [CareServiceResolver, CarePlanResolver], controllers: [PingController] })
class CarePlansModule {}

describe('access in a subgraph: the signed-in guard and the audit of sensitive reads', () => {
  let app: INestApplication;
  let connection: Connection;
  const outbox = () => connection.collection('outbox');
  const nurse = personActor('idp|zhao-min', 'GRID_WORKER', within({ communityIds: ['c-龙惠'] }));

  beforeAll(async () => {
    const config = loadConfig(serviceConfigSchema, {
      PORT: '4099',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      MONGODB_URI: testMongoUri(),
      MONGODB_DB: testDatabaseName('access'),
      NATS_URL: testNatsUrl(),
      EVENTS_NAMESPACE: testEventsNamespace(),
      INTERNAL_TOKEN_JWKS: (await testInternalKeyEnv()).INTERNAL_TOKEN_JWKS,
    });
    app = await createSubgraphApp({
      module: class CarePlansApp {},
      imports: [SubgraphPlatformModule.forRoot({ serviceName: 'care', config }), CarePlansModule],
    });
    await app.init();
    connection = app.get<Connection>(getConnectionToken());
  });
  afterAll(async () => {
    await connection?.dropDatabase();
    await app?.close();
  });

  const call = async (query: string, actor: Actor, purpose?: string) =>
    (
      await request(app.getHttpServer())
        .post('/graphql')
        .set(await internalAuthorization(actor, 'care', 'req-longhui-1', purpose))
        .send({ query })
    ).body;

  it('answers public fields to anonymous callers and refuses the rest on the field alone, with UNAUTHENTICATED', async () => {
    const result = await call('{ careServices { name provider nurseOnDuty } carePlans { id } }', ANONYMOUS);
    expect(result.data).toEqual({
      careServices: [{ name: '康复护理', provider: '龙惠社区卫生服务站', nurseOnDuty: null }],
      carePlans: null,
    });
    expect(result.errors.map((error: any) => [error.path, error.extensions.code])).toEqual([
      [['carePlans'], 'UNAUTHENTICATED'],
      [['careServices', 0, 'nurseOnDuty'], 'UNAUTHENTICATED'],
    ]);
    expect((await call('{ careServices { nurseOnDuty } }', nurse)).data).toEqual({
      careServices: [{ nurseOnDuty: '李秀英' }],
    });
  });

  it('runs for reference resolvers (the _entities path): an anonymous representation never reaches the resolver', async () => {
    referencesResolved.length = 0;
    const query =
      '{ _entities(representations: [{ __typename: "CarePlan", id: "plan-1" }]) { ... on CarePlan { service } } }';
    const anonymous = await call(query, ANONYMOUS);
    expect(anonymous.data).toEqual({ _entities: [null] });
    expect(anonymous.errors.map((error: any) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
    expect(referencesResolved).toEqual([]);

    expect((await call(query, nurse)).data).toEqual({ _entities: [{ service: '康复护理' }] });
    expect(referencesResolved).toEqual(['plan-1']);
  });

  it('leaves REST routes to their own rules', async () => {
    const res = await request(app.getHttpServer())
      .get('/internal/ping')
      .set(await internalAuthorization(ANONYMOUS, 'care'));
    expect(res.body).toEqual({ pong: true });
  });

  it('audits each sensitive record read with the fields selected, the caller and the stated purpose, in one insert per request', async () => {
    await outbox().deleteMany({});
    const inserts: string[] = [];
    // Only inserts: the outbox relay polls the same collections meanwhile.
    mongoose.set(
      'debug',
      (collection: string, method: string) =>
        void (method.startsWith('insert') && inserts.push(`${collection}.${method}`)),
    );
    try {
      await call(
        '{ carePlans { service ... on CarePlan { diagnosis } ...planId } } fragment planId on CarePlan { id }',
        nurse,
        '季度随访',
      );
    } finally {
      mongoose.set('debug', false);
    }
    expect(inserts).toEqual(['outbox.insertMany']);
    const events = (await outbox().find().sort({ _id: 1 }).toArray()).map((record) => record.envelope);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      type: 'access.sensitive-record.read',
      source: 'care',
      requestId: 'req-longhui-1',
      actor: { kind: 'person', id: 'idp|zhao-min' },
      payload: {
        subjectType: 'CarePlan',
        subjectId: 'plan-1',
        residentId: 'r-沈雪珍',
        category: 'HEALTH',
        fields: ['service', 'diagnosis', 'id'],
        purpose: '季度随访',
      },
    });
    expect(events[1].payload).toMatchObject({ subjectId: 'plan-2', residentId: 'r-居伟锋' });
  });

  it('names the fields read through _entities, and says when no purpose was stated', async () => {
    await outbox().deleteMany({});
    await call(
      '{ _entities(representations: [{ __typename: "CarePlan", id: "plan-2" }]) { __typename ... on CarePlan { diagnosis } } }',
      nurse,
    );
    const [event] = await outbox().find().toArray();
    expect(event.envelope.payload).toMatchObject({ subjectId: 'plan-2', fields: ['diagnosis'], purpose: 'not stated' });
  });
});
