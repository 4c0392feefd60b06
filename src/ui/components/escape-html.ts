/**
 * ECharts draws a tooltip formatter's string as HTML. Names come from files and from people
 * (supplier and category names, rule sets brought from elsewhere), so every piece of text that
 * goes into such a string passes through here first.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
