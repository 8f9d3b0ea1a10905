/** One step of a multi-step QuickPick: a Back button, and OK with nothing picked stays and says why. */
import * as vscode from 'vscode';

/** A QuickPick step with a Back button: resolves to the labels picked, 'back' or undefined. */
export function pickMany(title: string, items: vscode.QuickPickItem[], canGoBack: boolean): Promise<string[] | 'back' | undefined> {
  return quickPickStep(title, items, true, canGoBack) as Promise<string[] | 'back' | undefined>;
}

export function pickOne(title: string, items: vscode.QuickPickItem[]): Promise<string | 'back' | undefined> {
  return quickPickStep(title, items, false, true).then((result) => (Array.isArray(result) ? result[0] : result));
}

function quickPickStep(title: string, items: vscode.QuickPickItem[], many: boolean, canGoBack: boolean): Promise<string[] | 'back' | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick();
    pick.title = title;
    pick.items = items;
    pick.canSelectMany = many;
    pick.selectedItems = items.filter((item) => item.picked);
    pick.ignoreFocusOut = true;
    if (canGoBack) pick.buttons = [vscode.QuickInputButtons.Back];
    let settled = false;
    const finish = (value: string[] | 'back' | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      pick.dispose();
    };
    pick.onDidTriggerButton((button) => { if (button === vscode.QuickInputButtons.Back) finish('back'); });
    const placeholder = pick.placeholder;
    // Picked labels in list order (the order actions run in), not in the order clicked.
    pick.onDidAccept(() => {
      const chosen = new Set((many ? pick.selectedItems : pick.activeItems).map((item) => item.label));
      if (chosen.size === 0) {
        // OK with nothing selected stays here and says why, instead of closing the wizard.
        pick.placeholder = many ? vscode.l10n.t('Select at least one item (Space toggles), or press Escape to leave.') : placeholder;
        return;
      }
      finish(items.filter((item) => chosen.has(item.label)).map((item) => item.label));
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}
