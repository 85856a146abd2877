import type { Service, ServiceDefinition, ServiceRequest } from './open311.documents';
import { w3DateTime } from './open311.documents';

/** The scope an api_key needs to file requests (POST requests), in the communities of its partner's agreements. */
export const API_KEY_SCOPE_OPEN311_REPORT = 'facilities:lamp-faults:report';

/** The one attribute of every lamp service: which lamp. Asset layers of reporting apps send it (attribute[asset_number]). */
export const ASSET_NUMBER_ATTRIBUTE = 'asset_number';

/** Gongzhi's lamp fault services, as facilities lists them (lampFaultServices). */
export interface LampFaultServiceView {
  serviceCode: string;
  serviceName: string;
  description: string;
  slaHours: number;
}

export const SERVICES_QUERY = `query Open311Services { lampFaultServices { serviceCode serviceName description slaHours } }`;

/** A fault as an Open311 request needs it; nothing about who reported it. */
export const REQUEST_FIELDS = `
  id status statusNotes serviceCode description agencyResponsible requestedAt updatedAt expectedAt mediaUrl
  location { latitude longitude }
  lamp { assetNumber placeDescription compound { name } community { id name street city } }`;

export interface LampFaultView {
  id: string;
  status: 'OPEN' | 'ASSIGNED' | 'IN_PROGRESS' | 'CLOSED';
  statusNotes: string | null;
  serviceCode: string;
  description: string;
  agencyResponsible: string;
  requestedAt: string;
  updatedAt: string;
  expectedAt: string;
  mediaUrl: string | null;
  location: { latitude: number; longitude: number };
  lamp: {
    assetNumber: string;
    placeDescription: string | null;
    compound: { name: string } | null;
    community: { id: string; name: string; street: string; city: string } | null;
  };
}

export function serviceOf(service: LampFaultServiceView): Service {
  return {
    service_code: service.serviceCode,
    service_name: service.serviceName,
    description: `${service.description} SLA ${service.slaHours} h.`,
    // Every lamp service asks which lamp (GET services/{service_code}).
    metadata: true,
    type: 'realtime',
    keywords: `路灯, 灯杆, street lamp, ${service.serviceName}`,
    group: '路灯 street lighting',
  };
}

export function serviceDefinitionOf(service: LampFaultServiceView): ServiceDefinition {
  return {
    service_code: service.serviceCode,
    attributes: [
      {
        variable: true,
        code: ASSET_NUMBER_ATTRIBUTE,
        datatype: 'string',
        required: true,
        datatype_description: '路灯编号, e.g. XT-SZ7-003',
        order: 1,
        description: '灯杆上喷涂的路灯编号 (the asset number painted on the pole).',
      },
    ],
  };
}

/** What the community undertakes for a request of this service: its SLA and what follows a missed one. */
export function serviceNoticeOf(service: LampFaultServiceView): string {
  return `${service.slaHours} 小时内修复；逾期未修复的由社区呼叫、街道吹哨、部门报到 (resolved within ${service.slaHours} h, else escalated).`;
}

/** Most specific to most general, as the spec asks: where on the road, the compound, the community, the street, the city. */
function addressOf({ lamp }: LampFaultView): string | null {
  const parts = [
    lamp.placeDescription,
    lamp.compound?.name,
    lamp.community?.name,
    lamp.community?.street,
    lamp.community?.city,
  ].filter((part): part is string => !!part);
  return parts.length ? parts.join(', ') : null;
}

export function serviceRequestOf(fault: LampFaultView, services: LampFaultServiceView[]): ServiceRequest {
  const service = services.find((candidate) => candidate.serviceCode === fault.serviceCode);
  return {
    service_request_id: fault.id,
    status: fault.status === 'CLOSED' ? 'closed' : 'open',
    status_notes: fault.statusNotes,
    service_name: service?.serviceName ?? fault.serviceCode,
    service_code: fault.serviceCode,
    description: fault.description,
    agency_responsible: fault.agencyResponsible,
    service_notice: service ? serviceNoticeOf(service) : null,
    requested_datetime: w3DateTime(fault.requestedAt),
    updated_datetime: w3DateTime(fault.updatedAt),
    expected_datetime: w3DateTime(fault.expectedAt),
    address: addressOf(fault),
    // The lamp's asset number is the address id Gongzhi keeps: the attribute a client sends to name the lamp.
    address_id: fault.lamp.assetNumber,
    zipcode: null,
    lat: fault.location.latitude,
    long: fault.location.longitude,
    media_url: fault.mediaUrl,
  };
}
