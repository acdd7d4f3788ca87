import type { IatiOrgRef, IatiParticipatingOrg, Narratives } from '../iati.model.js';
import type { WriteContext } from './context.js';
import { narratives } from './narratives.js';
import { requiredAttr } from './typed.js';
import { attr, element } from './xml.js';

/** The reporting organisation as both files have it: ref and type required, a name required. */
export interface ReportingOrgInput {
  ref: string | null;
  type: string | null;
  name: Narratives;
  secondaryReporter?: boolean | null;
}

export function reportingOrgXml(ctx: WriteContext, o: ReportingOrgInput): string {
  return ctx.within('reporting-org', () => {
    const attrs =
      requiredAttr(ctx, 'ref', o.ref) +
      requiredAttr(ctx, 'type', o.type) +
      attr('secondary-reporter', o.secondaryReporter);
    const names = narratives(ctx, o.name);
    if (names === '')
      ctx.report(
        'error',
        'export.required',
        'reporting-org needs a name (a narrative)',
        'narrative',
      );
    return element('reporting-org', attrs, names);
  });
}

export function participatingOrgXml(ctx: WriteContext, o: IatiParticipatingOrg): string {
  const attrs =
    attr('ref', o.ref) +
    attr('type', o.type) +
    attr('role', o.role) +
    attr('activity-id', o.activityId) +
    attr('crs-channel-code', o.crsChannelCode);
  return element('participating-org', attrs, narratives(ctx, o.name));
}

type Party = (IatiOrgRef & { activityId: string | null }) | null;

/** provider-org or receiver-org of a transaction or planned disbursement. */
export function partyXml(ctx: WriteContext, role: 'provider' | 'receiver', p: Party): string {
  if (p === null) return '';
  const name = `${role}-org`;
  const attrs =
    attr('ref', p.ref) + attr(`${role}-activity-id`, p.activityId) + attr('type', p.type);
  return ctx.within(name, () => element(name, attrs, narratives(ctx, p.name)));
}
