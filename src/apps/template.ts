/** Returns a template with `{{name}}` replaced by `vars[name]` (unknown names become ''). */
export function renderTemplate(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, k: string) => vars[k] ?? '')
}
