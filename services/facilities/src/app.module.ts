import { type SubgraphAppOptions, SubgraphPlatformModule } from '@gongzhi/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { FacilitiesConfig } from './config';
import { FACILITIES_CONFIG } from './facilities.tokens';
import { CostSharingModule } from './cost-sharing/cost-sharing.module';
import { GardensModule } from './gardens/gardens.module';
import { LightingModule } from './lighting/lighting.module';
import { ParkingModule } from './parking/parking.module';
import { PlaceExtensionsModule } from './organization-copy/place-extensions.module';
import { RoomsModule } from './rooms/rooms.module';

export const SERVICE_NAME = 'facilities';

/**
 * The facilities subgraph: the shared things of a neighbourhood — street lighting, rooms, parking, shared gardens —
 * on the places organization registers, extended in the graph with what they have here.
 */
@Module({})
export class AppModule {
  static forRoot(config: FacilitiesConfig, { clock }: SubgraphAppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SubgraphPlatformModule.forRoot({ serviceName: SERVICE_NAME, config, clock }),
        LightingModule,
        RoomsModule,
        ParkingModule,
        GardensModule,
        CostSharingModule,
        PlaceExtensionsModule,
      ],
      providers: [{ provide: FACILITIES_CONFIG, useValue: config }],
      exports: [FACILITIES_CONFIG],
      global: true,
    };
  }
}
