/** The most of a body a trace event carries. @unit characters */
export const TRACE_BODY_LIMIT = 16 * 1024;

/**
 * The body as a trace shows it: whole when short, else its first {@link TRACE_BODY_LIMIT}
 * characters and how much was left out (a 8 MiB answer must not flood `--debug`: issue 20, defect 7).
 * Redact before cutting, so a secret cut in half cannot escape the redaction.
 */
export function traceExcerpt(body: string, limit = TRACE_BODY_LIMIT): string {
  if (body.length <= limit) return body;
  return `${body.slice(0, limit)}… (${body.length - limit} more characters not shown)`;
}
