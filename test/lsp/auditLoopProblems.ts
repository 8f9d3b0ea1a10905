/**
 * A mitigation file that sets off each problem code of the audit loop's sections once (issue
 * 15: auditConfiguration, scheduledAudits, suppressions), and what the editor and the check CLI
 * must report for it: code, severity, range and message. The ranges are found in the text by
 * the token each problem is about, so the expectations do not depend on the server's code.
 */
const CERT = 'c0ffee'.repeat(10) + 'c0ff';
const OTHER_CERT = 'beef'.repeat(16);
const schedule = (name: string) => `    "${name}": { "frequency": "DAILY", "targetCheckNames": ["LOGGING_DISABLED_CHECK"] },`;

export const AUDIT_LOOP_PROBLEMS_LINES: readonly string[] = [
  '{',
  '  "auditConfiguration": {',
  '    "roleArn": "arn:aws:iam::123456789012:role/AuditRole",',
  '    "auditCheckConfigurations": {',
  '      "CONFLICTING_CLIENT_IDS_CHECK": { "enabled": false },',
  '      "LOGGING_DISABLED_CHECK": { "enabled": true, "configuration": { "CERT_AGE_THRESHOLD_IN_DAYS": "400" } }',
  '    }',
  '  },',
  '  "scheduledAudits": {',
  '    "weekly": { "frequency": "WEEKLY", "dayOfWeek": "MON", "dayOfMonth": "1", "targetCheckNames": ["LOGGING_DISABLED_CHECK", "LOGGING_DISABLED_CHECK"] },',
  '    "clients": { "frequency": "DAILY", "targetCheckNames": ["CONFLICTING_CLIENT_IDS_CHECK"] },',
  schedule('third'),
  schedule('fourth'),
  schedule('fifth'),
  schedule('sixth').replace(/,$/, ''),
  '  },',
  '  "suppressions": [',
  '    { "checkName": "LOGGING_DISABLED_CHECK", "resourceIdentifier": { "account": "123456789012" }, "expirationDate": "2020-01-31", "description": "old" },',
  `    { "checkName": "DEVICE_CERTIFICATE_EXPIRING_CHECK", "resourceIdentifier": { "caCertificateId": "${CERT}" }, "suppressIndefinitely": true, "description": "wrong member" },`,
  '    { "checkName": "LOGGING_DISABLED_CHECK", "resourceIdentifier": { "account": "123456789012" }, "suppressIndefinitely": true },',
  `    { "checkName": "DEVICE_CERTIFICATE_AGE_CHECK", "resourceIdentifier": { "deviceCertificateId": "${CERT}" }, "expirationDate": "2099-02-30", "description": "no such day" },`,
  `    { "checkName": "DEVICE_CERTIFICATE_AGE_CHECK", "resourceIdentifier": { "deviceCertificateId": "${OTHER_CERT}" }, "description": "no terms" }`,
  '  ]',
  '}',
];

export const AUDIT_LOOP_PROBLEMS_TEXT = AUDIT_LOOP_PROBLEMS_LINES.join('\n');

export interface ExpectedProblem {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  /** Zero-based, as LSP counts. */
  readonly line: number;
  readonly character: number;
  readonly endCharacter: number;
  readonly message: string;
}

/** The `occurrence`-th (0-based) `token` on the line that contains `marker`. */
function at(marker: string, token: string, occurrence = 0): Pick<ExpectedProblem, 'line' | 'character' | 'endCharacter'> {
  const line = AUDIT_LOOP_PROBLEMS_LINES.findIndex((text) => text.includes(marker));
  if (line < 0) throw new Error(`no line has ${marker}`);
  let character = -1;
  for (let seen = 0; seen <= occurrence && (seen === 0 || character >= 0); seen++) character = AUDIT_LOOP_PROBLEMS_LINES[line].indexOf(token, character + 1);
  if (character < 0) throw new Error(`line ${line} has no ${token} #${occurrence}`);
  return { line, character, endCharacter: character + token.length };
}

/** Every problem of the file, in document order; `today` is the date the expiry message names (UTC). */
export function expectedAuditLoopProblems(today: string): ExpectedProblem[] {
  return [
    {
      code: 'check-configuration', severity: 'error', ...at('"LOGGING_DISABLED_CHECK": { "enabled": true', '"CERT_AGE_THRESHOLD_IN_DAYS"'),
      message: 'LOGGING_DISABLED_CHECK takes no configuration; only DEVICE_CERTIFICATE_EXPIRING_CHECK (CERT_EXPIRATION_THRESHOLD_IN_DAYS) and DEVICE_CERTIFICATE_AGE_CHECK (CERT_AGE_THRESHOLD_IN_DAYS) have thresholds.',
    },
    {
      code: 'scheduled-audit-quota', severity: 'error', ...at('"scheduledAudits"', '"scheduledAudits"'),
      message: 'This file defines 6 scheduled audits; an AWS account holds at most 5 per region (not adjustable).',
    },
    { code: 'schedule-day', severity: 'error', ...at('"weekly"', '"dayOfMonth"'), message: 'dayOfMonth applies to MONTHLY audits only; a WEEKLY audit runs on its dayOfWeek.' },
    { code: 'duplicate-check', severity: 'warning', ...at('"weekly"', '"LOGGING_DISABLED_CHECK"', 1), message: 'LOGGING_DISABLED_CHECK is already listed; the audit runs it once.' },
    {
      code: 'check-disabled', severity: 'error', ...at('"clients"', '"CONFLICTING_CLIENT_IDS_CHECK"'),
      message: 'CONFLICTING_CLIENT_IDS_CHECK is disabled in this file\'s auditConfiguration ("enabled": false); a scheduled audit can only run enabled checks.',
    },
    {
      code: 'expiration-past', severity: 'error', ...at('"2020-01-31"', '"2020-01-31"'),
      message: `This suppression expired on 2020-01-31 (today is ${today}): the API accepts only a future expirationDate. Extend it, or remove the suppression.`,
    },
    {
      code: 'resource-identifier', severity: 'error', ...at('"wrong member"', '"caCertificateId"'),
      message: 'DEVICE_CERTIFICATE_EXPIRING_CHECK reports on DEVICE_CERTIFICATE resources, named by deviceCertificateId, not caCertificateId (caCertificateId names CA_CERTIFICATE resources).',
    },
    // A list item has no key: the problems about the whole suppression mark its opening brace.
    {
      code: 'missing-description', severity: 'warning', ...at('"suppressIndefinitely": true }', '{'),
      message: 'This suppression gives no reason: say in "description" why these findings are accepted, for the reviewers of this file and the Audits view.',
    },
    {
      code: 'duplicate-suppression', severity: 'error', ...at('"suppressIndefinitely": true }', '"LOGGING_DISABLED_CHECK"'),
      message: 'suppressions[0] already suppresses LOGGING_DISABLED_CHECK on this resource; the API refuses a second suppression of it (ResourceAlreadyExistsException).',
    },
    {
      code: 'expiration-date', severity: 'error', ...at('"no such day"', '"2099-02-30"'),
      message: '"2099-02-30" is not a date: write an ISO 8601 date such as 2027-01-31 (midnight UTC) or a date-time such as 2027-01-31T12:00:00Z.',
    },
    { code: 'suppression-terms', severity: 'error', ...at('"no terms"', '{'), message: 'A suppression needs an expirationDate or "suppressIndefinitely": true.' },
  ];
}

/** The codes issue 15 added to the validator's table (common/validate.ts PROBLEM_CODES). */
export const AUDIT_LOOP_CODES: readonly string[] = [
  'check-disabled', 'check-configuration', 'schedule-day', 'scheduled-audit-quota', 'duplicate-check', 'resource-identifier',
  'suppression-terms', 'expiration-date', 'expiration-past', 'missing-description', 'duplicate-suppression',
];
