/**
 * The Audits view: recent audits → their checks with non-compliant counts → the findings of
 * a non-compliant check, which a task can then mitigate.
 */
import type { AuditFinding, AuditTaskMetadata } from '@aws-sdk/client-iot';
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import { EmulatorStoppedError } from '../connection/emulatorProcess';
import { retentionWindow } from '../shared/model/iotApi';
import { pageSize } from '../connection/settings';
import { auditCheckNodes, auditNode, findingNode, PagedList, type NodeModel } from '../shared/model/treeModel';
import { errorNodes, itemFromModel, LoadMoreNode, MessageNode, type TreeNode } from '../shared/treeNodes';

export class AuditNode implements TreeNode {
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
  private readonly findings = new PagedList<AuditFinding>();

  constructor(
    readonly auditTaskId: string,
    readonly checkName: string,
    private readonly model: NodeModel,
    private readonly tree: AuditsTreeProvider,
  ) {}

  treeItem(): vscode.TreeItem {
    return itemFromModel(this.model, `audit:${this.auditTaskId}:${this.checkName}`);
  }

  private async loadPage(): Promise<void> {
    const connection = await this.tree.connections.connection();
    const page = await connection.api.listFindings({ taskId: this.auditTaskId, checkName: this.checkName }, this.findings.nextToken, pageSize());
    this.findings.append(page.items, page.nextToken);
  }

  async children(): Promise<TreeNode[]> {
    try {
      if (!this.findings.loaded) await this.loadPage();
    } catch (error) {
      return errorNodes(vscode.l10n.t('findings'), this.tree.connections.explain(error));
    }
    const nodes: TreeNode[] = this.findings.items.map((finding) => new FindingNode(finding));
    if (nodes.length === 0) nodes.push(new MessageNode(vscode.l10n.t('No findings.'), 'info'));
    if (this.findings.hasMore) {
      nodes.push(new LoadMoreNode(async () => {
        await this.loadPage();
        this.tree.refreshNode(this);
      }));
    }
    return nodes;
  }
}

export class FindingNode implements TreeNode {
  constructor(readonly finding: AuditFinding) {}

  treeItem(): vscode.TreeItem {
    return itemFromModel(findingNode(this.finding), `finding:${this.finding.findingId}`);
  }
}

export class AuditsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly audits = new PagedList<AuditTaskMetadata>();
  /** The time window of the pages listed so far (nextToken is only valid with the same one). */
  private window = retentionWindow();
  private readonly subscription: vscode.Disposable;

  constructor(readonly connections: ConnectionManager) {
    this.subscription = connections.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.audits.reset();
    this.changed.fire(undefined);
  }

  refreshNode(node: TreeNode): void {
    this.changed.fire(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.treeItem();
  }

  private async loadPage(): Promise<void> {
    const connection = await this.connections.connection();
    if (!this.audits.loaded) this.window = retentionWindow();
    const page = await connection.api.listAudits(this.window, this.audits.nextToken, pageSize());
    this.audits.append(page.items, page.nextToken);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.children ? node.children() : [];
    try {
      if (!this.audits.loaded) await this.loadPage();
    } catch (error) {
      if (error instanceof EmulatorStoppedError) return [];
      return errorNodes(vscode.l10n.t('audits'), this.connections.explain(error));
    }
    const nodes: TreeNode[] = this.audits.items.map((audit) => new AuditNode(audit, this));
    if (nodes.length === 0) {
      nodes.push(new MessageNode(vscode.l10n.t('No audits in the last 90 days: run one now.'), 'info', { title: '', command: 'mitigations.runAudit' }));
    }
    if (this.audits.hasMore) {
      nodes.push(new LoadMoreNode(async () => {
        await this.loadPage();
        this.changed.fire(undefined);
      }));
    }
    return nodes;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
