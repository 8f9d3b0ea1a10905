/**
 * "Export as CloudFormation": the mitigation file's actions, scheduled audits and audit
 * configuration as a template in a new editor (JSON), saying in the template what CloudFormation
 * cannot express. A file with errors is refused, as for a deploy.
 */
import * as vscode from 'vscode';
import { errorsOf, readDocumentModel } from '../../common';
import { errorsMessage } from '../connection/model/confirmations';
import { cloudFormationTemplate } from './model/cloudFormation';
import { mitigationDocument } from './fileDocument';
import type { Services } from '../services';

export async function exportCloudFormation(services: Services, uri?: vscode.Uri): Promise<vscode.TextEditor | undefined> {
  const document = await mitigationDocument(uri);
  if (!document) return undefined;
  const file = vscode.workspace.asRelativePath(document.uri);
  const model = readDocumentModel(document.getText());
  const errors = errorsOf(model);
  if (errors.length) {
    void vscode.window.showErrorMessage(errorsMessage('exported', file, errors.map((problem) => ({ line: problem.range.start.line + 1, message: problem.message }))));
    return undefined;
  }
  let exported;
  try {
    exported = cloudFormationTemplate(model, file.split('/').pop() ?? file);
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return undefined;
  }
  services.log.info(`Exported ${file} as CloudFormation: ${Object.keys(exported.template.Resources as object).length} resource(s)${exported.notExpressed.length ? `; not in the template: ${exported.notExpressed.join(' ')}` : ''}`);
  const output = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(exported.template, null, 2)}\n` });
  return vscode.window.showTextDocument(output, { preview: false });
}
