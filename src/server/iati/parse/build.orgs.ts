import type { IatiOrgRef, IatiParticipatingOrg } from '../iati.model.js';
import type { BuildContext } from './build.context.js';
import { narratives } from './narratives.js';
import { boolAttr } from './values.js';
import { attr, detached, type XNode } from './xml.tree.js';

/** An identifier attribute, trimmed; surrounding whitespace breaks matching, so it is reported. */
export function idAttr(node: XNode | undefined, name: string, ctx: BuildContext): string | null {
  const raw = node?.attrs[name];
  if (node === undefined || raw === undefined) return null;
  const trimmed = raw.trim();
  if (trimmed !== raw && trimmed !== '')
    ctx.report(
      'identifier.whitespace',
      `${name}="${raw}" starts or ends with spaces or newlines: read as "${trimmed}"`,
      node,
      name,
    );
  return trimmed === '' ? null : trimmed;
}

/** The iati-identifier text, trimmed (rule 1.3.1 warns about the whitespace); '' when missing. */
export function identifierText(node: XNode | undefined, ctx: BuildContext): string {
  if (!node) return '';
  // The identifier is the string callers keep longest (indexes, duplicate checks): detach it.
  const trimmed = detached(node.text.trim());
  if (trimmed !== node.text && trimmed !== '')
    ctx.report(
      'identifier.whitespace',
      'the iati-identifier starts or ends with spaces or newlines: they are removed',
      node,
    );
  return trimmed;
}

export function orgRef(node: XNode | undefined, ctx: BuildContext): IatiOrgRef {
  return { ref: idAttr(node, 'ref', ctx), type: attr(node, 'type'), name: narratives(node, ctx) };
}

export function reportingOrg(
  node: XNode | undefined,
  ctx: BuildContext,
): IatiOrgRef & { secondaryReporter: boolean | null } {
  return { ...orgRef(node, ctx), secondaryReporter: boolAttr(node, 'secondary-reporter', ctx) };
}

export function participatingOrg(node: XNode, ctx: BuildContext): IatiParticipatingOrg {
  return {
    ...orgRef(node, ctx),
    role: attr(node, 'role') ?? '',
    activityId: idAttr(node, 'activity-id', ctx),
    crsChannelCode: attr(node, 'crs-channel-code'),
  };
}

/** provider-org / receiver-org of a transaction or planned disbursement. */
export function transferOrg(
  node: XNode | undefined,
  side: 'provider' | 'receiver',
  ctx: BuildContext,
): (IatiOrgRef & { activityId: string | null }) | null {
  if (!node) return null;
  return { ...orgRef(node, ctx), activityId: idAttr(node, `${side}-activity-id`, ctx) };
}
