/**
 * Element names shared by the parser, the builder and the TraceHeader splicer (specs/vdxp.md §1).
 */

/** `Bussiness` is what the VNPT jar writes; BK's parser also accepts `Business` (§1.3). */
export const BUSINESS_NAMES = ['Bussiness', 'Business'] as const;

/**
 * Decides whether a header (the children of `MessageHeader`) is a status package (§1.5) rather than a
 * document package (§1.2). A `StatusCode` always means status. Without one, the status-only children
 * (`StaffInfo` and `Timestamp` sit directly under MessageHeader only in status packages) count as status
 * when none of the document-only children is present, so a status that merely forgot its StatusCode is
 * still validated as a status ("StatusCode missing") instead of as a document without recipients.
 */
export function isStatusHeader(childNames: ReadonlySet<string>): boolean {
  if (childNames.has('StatusCode')) return true;
  const statusOnly = childNames.has('StaffInfo') || childNames.has('Timestamp');
  const edocOnly = ['To', 'Code', 'Subject', 'DocumentId', 'PromulgationInfo', 'SteeringType'].some((n) => childNames.has(n));
  return statusOnly && !edocOnly;
}
