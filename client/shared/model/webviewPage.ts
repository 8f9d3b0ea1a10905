/**
 * The one page skeleton of the extension's webviews (vscode-free): a Content Security Policy
 * that allows nothing by default, scripts only with the page's nonce, styles either from the
 * extension's media folder or nonce'd inline, and theme colours through VS Code's CSS variables.
 */

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

interface WebviewPage {
  readonly title: string;
  /** The nonce every script (and an inline style) carries. */
  readonly nonce: string;
  /** A stylesheet from the media folder (with the webview's cspSource), or inline CSS. */
  readonly style: { readonly href: string; readonly cspSource: string } | { readonly inline: string };
  readonly body: string;
}

function contentSecurityPolicy(page: Pick<WebviewPage, 'nonce' | 'style'>): string {
  const styleSources = 'href' in page.style ? [`img-src ${page.style.cspSource}`, `style-src ${page.style.cspSource}`] : [`style-src 'nonce-${page.nonce}'`];
  return ["default-src 'none'", ...styleSources, `script-src 'nonce-${page.nonce}'`].join('; ');
}

export function renderWebviewPage(page: WebviewPage): string {
  const style = 'href' in page.style
    ? `<link rel="stylesheet" href="${escapeHtml(page.style.href)}">`
    : `<style nonce="${page.nonce}">${page.style.inline}</style>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(page)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${style}
<title>${escapeHtml(page.title)}</title>
</head>
<body>
${page.body}
</body>
</html>`;
}
