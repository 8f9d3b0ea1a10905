/** DescribeCertificate, ListCertificates, UpdateCertificate, DescribeCACertificate, ListCACertificates. */
import { CertificateId, CertificateStatusShape, TemplateName } from '../../common/model';
import { certificateState, invalidRequest, notFound } from '../errors';
import { paginate, timeKey } from '../pagination';
import type { CaCertificate, Certificate, CertificateStatus } from '../state/types';
import { compact, seconds, type Handler } from './operation';

/** A stand-in PEM block: the emulator keeps no key material. */
function pemOf(certificateId: string): string {
  const body = Buffer.from(`IoT Mitigations emulator certificate ${certificateId}`).toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

export const describeCertificate: Handler = ({ state, input }) => {
  const id = input.label('certificateId', CertificateId);
  const certificate = state.certificates.get(id);
  if (!certificate) throw notFound(`Certificate ${id} does not exist.`);
  return {
    certificateDescription: compact({
      certificateArn: certificate.certificateArn,
      certificateId: certificate.certificateId,
      caCertificateId: certificate.caCertificateId,
      status: certificate.status,
      certificatePem: pemOf(certificate.certificateId),
      ownedBy: state.account,
      creationDate: seconds(certificate.creationDate),
      lastModifiedDate: seconds(certificate.lastModifiedDate),
      customerVersion: certificate.customerVersion,
      generationId: `${certificate.certificateId.slice(0, 8)}-${certificate.customerVersion}`,
      validity: { notBefore: seconds(certificate.notBefore), notAfter: seconds(certificate.notAfter) },
      certificateMode: 'DEFAULT',
    }),
  };
};

function listPage<T extends Certificate | CaCertificate>(operation: string, items: T[], pageSize: number | undefined, marker: string | undefined, ascending: boolean, extraFilters: unknown) {
  return paginate(items, { operation, filters: { ascending, extraFilters }, keyOf: (item) => timeKey(item.creationDate, item.certificateId), order: 'key', descending: !ascending, maxResults: pageSize, nextToken: marker, alphabet: 'base64' });
}

export const listCertificates: Handler = ({ state, input }) => {
  const pageSize = input.queryInt('pageSize', 1, 250);
  const ascending = input.queryBool('isAscendingOrder') ?? false;
  const page = listPage('ListCertificates', [...state.certificates.values()], pageSize, input.queryString('marker'), ascending, null);
  return compact({
    certificates: page.items.map((certificate) => ({ certificateArn: certificate.certificateArn, certificateId: certificate.certificateId, status: certificate.status, certificateMode: 'DEFAULT', creationDate: seconds(certificate.creationDate) })),
    nextMarker: page.nextToken,
  });
};

/** UpdateCertificate only moves between ACTIVE, INACTIVE and REVOKED; a revoked certificate stays revoked. */
export const updateCertificate: Handler = ({ state, input, now }) => {
  const id = input.label('certificateId', CertificateId);
  const newStatus = input.queryString('newStatus', CertificateStatusShape, true) as CertificateStatus;
  const certificate = state.certificates.get(id);
  if (!certificate) throw notFound(`Certificate ${id} does not exist.`);
  if (!['ACTIVE', 'INACTIVE', 'REVOKED'].includes(newStatus)) throw invalidRequest(`newStatus ${newStatus} cannot be set with UpdateCertificate; use ACTIVE, INACTIVE or REVOKED.`);
  if (certificate.status === 'PENDING_TRANSFER') throw certificateState(`Certificate ${id} is PENDING_TRANSFER; accept, reject or cancel the transfer first.`);
  if (certificate.status === 'REVOKED' && newStatus !== 'REVOKED') throw certificateState(`Certificate ${id} is REVOKED and cannot be reactivated.`);
  if (certificate.status !== newStatus) {
    state.certificates.put(id, { ...certificate, status: newStatus, lastModifiedDate: now, customerVersion: certificate.customerVersion + 1 });
  }
  return undefined;
};

export const describeCACertificate: Handler = ({ state, input }) => {
  const id = input.label('caCertificateId', CertificateId);
  const ca = state.caCertificates.get(id);
  if (!ca) throw notFound(`CA certificate ${id} does not exist.`);
  return {
    certificateDescription: {
      certificateArn: ca.certificateArn,
      certificateId: ca.certificateId,
      status: ca.status,
      certificatePem: pemOf(ca.certificateId),
      ownedBy: state.account,
      creationDate: seconds(ca.creationDate),
      autoRegistrationStatus: ca.autoRegistrationStatus,
      lastModifiedDate: seconds(ca.lastModifiedDate),
      customerVersion: ca.customerVersion,
      generationId: `${ca.certificateId.slice(0, 8)}-${ca.customerVersion}`,
      validity: { notBefore: seconds(ca.notBefore), notAfter: seconds(ca.notAfter) },
      certificateMode: 'DEFAULT',
    },
  };
};

export const listCACertificates: Handler = ({ state, input }) => {
  const pageSize = input.queryInt('pageSize', 1, 250);
  const ascending = input.queryBool('isAscendingOrder') ?? false;
  const templateName = input.queryString('templateName', TemplateName);
  // No CA certificate has a provisioning template in the emulator, so a template filter matches none.
  const items = templateName === undefined ? [...state.caCertificates.values()] : [];
  const page = listPage('ListCACertificates', items, pageSize, input.queryString('marker'), ascending, templateName ?? null);
  return compact({
    certificates: page.items.map((ca) => ({ certificateArn: ca.certificateArn, certificateId: ca.certificateId, status: ca.status, creationDate: seconds(ca.creationDate) })),
    nextMarker: page.nextToken,
  });
};
