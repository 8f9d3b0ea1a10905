/**
 * The Audits view: recent audits → their checks with non-compliant counts → the findings of
 * a non-compliant check, which a task can then mitigate.
 */
import type { AuditFinding, AuditTaskMetadata } from '@aws-sdk/client-iot';
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import { retentionWindow } from '../shared/model/iotApi';
import { pageSize } from '../connection/settings';
import { auditCheckNodes, auditNode, findingNode, type NodeModel } from '../shared/model/treeModel';
import { PagedChildren } from '../shared/pagedChildren';
import { ConnectedTreeProvider } from '../shared/treeProvider';
import { errorNodes, itemFromModel, MessageNode, ModelNode, type TreeNode } from '../shared/treeNodes';

class AuditNode implements TreeNode {
  constructor(readonly audit: AuditTaskMetadata, private readonly tree: AuditsTreeProvider) {}

  get auditTaskId(): string {
    return this.audit.taskId ?? '';
  }

  treeItem(): vscode.TreeItem {
    return itemFromModel(auditNode(this.audit), `audit:${this.auditTaskId}`);
  }

  async children(): Promise<TreeNode[]> {
    try {
      const connection = await this.tree.connections.connection();
      const details = await connection.api.describeAudit(this.auditTaskId);
      const checks = auditCheckNodes(details.auditDetails);
      if (checks.length === 0) return [new MessageNode(vscode.l10n.t('No check results yet.'), 'info')];
      return checks.map(({ checkName, node }) => new AuditCheckNode(this.auditTaskId, checkName, node, this.tree));
    } catch (error) {
      return errorNodes(vscode.l10n.t('audit details'), this.tree.connections.explain(error));
    }
  }
}

export class AuditCheckNode implements TreeNode {
  private readonly findings: PagedChildren<AuditFinding>;

  constructor(
    readonly auditTaskId: string,
    readonly checkName: string,
    private readonly model: NodeModel,
    tree: AuditsTreeProvider,
  ) {
    this.findings = new PagedChildren({
      what: vscode.l10n.t('findings'),
      fetch: async (nextToken) => (await tree.connections.connection()).api.listFindings({ taskId: auditTaskId, checkName }, nextToken, pageSize()),
      node: (finding) => new ModelNode(findingNode(finding), `finding:${finding.findingId}`),
      empty: () => new MessageNode(vscode.l10n.t('No findings.'), 'info'),
      explain: (error) => tree.connections.explain(error),
      changed: () => tree.refreshNode(this),
    });
  }

  treeItem(): vscode.TreeItem {
    return itemFromModel(this.model, `audit:${this.auditTaskId}:${this.checkName}`);
  }

  children(): Promise<TreeNode[]> {
    return this.findings.children();
  }
}

export class AuditsTreeProvider extends ConnectedTreeProvider {
  private readonly audits: PagedChildren<AuditTaskMetadata>;
  /** The time window of the pages listed so far (nextToken is only valid with the same one). */
  private window = retentionWindow();

  constructor(connections: ConnectionManager) {
    super(connections);
    this.audits = new PagedChildren({
      what: vscode.l10n.t('audits'),
      fetch: async (nextToken) => {
        const connection = await this.connections.connection();
        if (!this.audits.loaded) this.window = retentionWindow();
        return connection.api.listAudits(this.window, nextToken, pageSize());
      },
      node: (audit) => new AuditNode(audit, this),
      empty: () => new MessageNode(vscode.l10n.t('No audits in the last 90 days: run one now.'), 'info', { title: '', command: 'mitigations.runAudit' }),
      explain: (error) => connections.explain(error),
      changed: () => this.changed.fire(undefined),
      topLevel: true,
    });
  }

  refresh(): void {
    this.audits.reset();
    this.changed.fire(undefined);
  }

  protected topLevel(): Promise<TreeNode[]> {
    return this.audits.children();
  }
}
