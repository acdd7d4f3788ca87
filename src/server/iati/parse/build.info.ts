import type {
  IatiActivity,
  IatiActivityDate,
  IatiContact,
  IatiDocumentLink,
  IatiPolicyMarker,
  IatiRelatedActivity,
  IatiTag,
} from '../iati.model.js';
import type { BuildContext } from './build.context.js';
import { idAttr } from './build.orgs.js';
import { dateAttr } from './dates.js';
import { narratives } from './narratives.js';
import { boolAttr } from './values.js';
import { attr, childNode, childNodes, type XNode } from './xml.tree.js';

/** IATI: a description without @type is a general description (DescriptionType 1). */
const GENERAL_DESCRIPTION = '1';

export function description(node: XNode, ctx: BuildContext): IatiActivity['descriptions'][number] {
  return { type: attr(node, 'type') ?? GENERAL_DESCRIPTION, narrative: narratives(node, ctx) };
}

export function activityDate(node: XNode, ctx: BuildContext): IatiActivityDate {
  return {
    type: attr(node, 'type') ?? '',
    isoDate: dateAttr(node, 'iso-date', ctx) ?? '',
    narrative: narratives(node, ctx),
  };
}

/** The first of repeatable children the model holds one of; the others are reported. */
function firstOf(node: XNode, name: string, ctx: BuildContext): XNode | undefined {
  const all = childNodes(node, name);
  const extra = all[1];
  if (extra)
    ctx.report(
      'model.value_dropped',
      `contact-info has ${all.length} <${name}> elements: only the first is imported (all stay in the original XML)`,
      extra,
    );
  return all[0];
}

function text(node: XNode | undefined): string | null {
  const t = node?.text.trim();
  return t === undefined || t === '' ? null : t;
}

export function contact(node: XNode, ctx: BuildContext): IatiContact {
  return {
    type: attr(node, 'type'),
    organisation: narratives(childNode(node, 'organisation'), ctx),
    department: narratives(childNode(node, 'department'), ctx),
    personName: narratives(childNode(node, 'person-name'), ctx),
    jobTitle: narratives(childNode(node, 'job-title'), ctx),
    telephone: text(firstOf(node, 'telephone', ctx)),
    email: text(firstOf(node, 'email', ctx)),
    website: text(firstOf(node, 'website', ctx)),
    mailingAddress: narratives(firstOf(node, 'mailing-address', ctx), ctx),
  };
}

export function tag(node: XNode, ctx: BuildContext): IatiTag {
  return {
    vocabulary: attr(node, 'vocabulary') ?? '',
    vocabularyUri: attr(node, 'vocabulary-uri'),
    code: attr(node, 'code') ?? '',
    narrative: narratives(node, ctx),
  };
}

export function policyMarker(node: XNode, ctx: BuildContext): IatiPolicyMarker {
  return {
    vocabulary: attr(node, 'vocabulary'),
    vocabularyUri: attr(node, 'vocabulary-uri'),
    code: attr(node, 'code') ?? '',
    significance: attr(node, 'significance'),
    narrative: narratives(node, ctx),
  };
}

export function documentLink(node: XNode, ctx: BuildContext): IatiDocumentLink {
  const codes = (name: string): string[] =>
    childNodes(node, name)
      .map((n) => attr(n, 'code'))
      .filter((c): c is string => c !== null);
  return {
    url: attr(node, 'url') ?? '',
    format: attr(node, 'format'),
    title: narratives(childNode(node, 'title'), ctx),
    description: narratives(childNode(node, 'description'), ctx),
    categories: codes('category'),
    languages: codes('language'),
    documentDate: dateAttr(childNode(node, 'document-date'), 'iso-date', ctx),
  };
}

export function relatedActivity(node: XNode, ctx: BuildContext): IatiRelatedActivity {
  return { ref: idAttr(node, 'ref', ctx) ?? '', type: attr(node, 'type') ?? '' };
}

export function conditions(node: XNode | undefined, ctx: BuildContext): IatiActivity['conditions'] {
  if (!node) return null;
  return {
    // Missing (reported by the reader) or unreadable: taken as not attached, the model needs a boolean.
    attached: boolAttr(node, 'attached', ctx) ?? false,
    items: childNodes(node, 'condition').map((c) => ({
      type: attr(c, 'type') ?? '',
      narrative: narratives(c, ctx),
    })),
  };
}
