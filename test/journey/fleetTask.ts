/**
 * A mitigation task at fleet scale on an emulator, for the details view's tests and benchmark:
 * a generated fleet (POST /_emulator/seed), an on-demand audit of the expiring-certificate check,
 * one action, and a task over the audit's findings, run at pace 0 until it completes (the pace
 * the emulator had is put back).
 * Everything goes through the emulator's AWS IoT HTTP API (restJson1) and its admin API.
 */

export interface FleetTask {
  readonly taskId: string;
  readonly auditTaskId: string;
  readonly findings: number;
}

async function call<T>(url: string, method: string, path: string, payload?: unknown): Promise<T> {
  const response = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: payload === undefined ? undefined : JSON.stringify(payload) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs / 1000} s`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

/** `things` generated things, `expiringPercent` of them with a certificate about to expire: one finding each. */
export async function buildFleetTask(url: string, options: { things: number; expiringPercent: number; taskId: string; prefix?: string }): Promise<FleetTask> {
  const check = 'DEVICE_CERTIFICATE_EXPIRING_CHECK';
  const { paceMs } = await call<{ paceMs: number }>(url, 'GET', '/_emulator/settings');
  await call(url, 'POST', '/_emulator/settings', { paceMs: 0 });
  await call(url, 'PATCH', '/audit/configuration', { roleArn: 'arn:aws:iam::123456789012:role/Audit', auditCheckConfigurations: { [check]: { enabled: true } } });
  await call(url, 'POST', '/_emulator/seed', { generate: { things: options.things, expiringPercent: options.expiringPercent, weakKeyPercent: 0, prefix: options.prefix ?? 'fleet' } });
  const { taskId: auditTaskId } = await call<{ taskId: string }>(url, 'POST', '/audit/tasks', { targetCheckNames: [check] });
  const audit = await until('the audit', async () => {
    const described = await call<{ taskStatus: string; auditDetails: Record<string, { nonCompliantResourcesCount?: number }> }>(url, 'GET', `/audit/tasks/${auditTaskId}`);
    return described.taskStatus === 'IN_PROGRESS' ? undefined : described;
  }, 10 * 60_000);
  const findings = audit.auditDetails[check]?.nonCompliantResourcesCount ?? 0;
  const actionName = `${options.taskId}-notify`;
  await call(url, 'POST', `/mitigationactions/actions/${actionName}`, { roleArn: 'arn:aws:iam::123456789012:role/Mitigation', actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } } });
  await call(url, 'POST', `/audit/mitigationactions/tasks/${options.taskId}`, { target: { auditTaskId }, auditCheckToActionsMapping: { [check]: [actionName] }, clientRequestToken: options.taskId });
  await until('the mitigation task', async () => {
    const task = await call<{ taskStatus: string }>(url, 'GET', `/audit/mitigationactions/tasks/${options.taskId}`);
    return task.taskStatus === 'IN_PROGRESS' ? undefined : task;
  }, 10 * 60_000);
  await call(url, 'POST', '/_emulator/settings', { paceMs });
  return { taskId: options.taskId, auditTaskId, findings };
}
