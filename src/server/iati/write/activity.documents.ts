import type { IatiActivity, IatiContact, IatiDocumentLink } from '../iati.model.js';
import { each, type WriteContext } from './context.js';
import { narratives, requiredTextBlock, textBlock } from './narratives.js';
import { dateAttr, requiredAttr, uriAttr, uriTextElement } from './typed.js';
import { attr, element, textElement } from './xml.js';

function documentLinkXml(ctx: WriteContext, d: IatiDocumentLink): string {
  if (d.categories.length === 0)
    ctx.report('error', 'export.required', 'a document link needs a category', 'category');
  const content =
    requiredTextBlock(ctx, 'title', d.title) +
    textBlock(ctx, 'description', d.description) +
    d.categories.map((c) => element('category', attr('code', c), '')).join('') +
    d.languages.map((l) => element('language', attr('code', l), '')).join('') +
    (d.documentDate === null
      ? ''
      : ctx.within('document-date', () =>
          element('document-date', dateAttr(ctx, 'iso-date', d.documentDate), ''),
        ));
  const attrs = uriAttr(ctx, 'url', d.url) + requiredAttr(ctx, 'format', d.format);
  return element('document-link', attrs, content);
}

export function documentLinksXml(ctx: WriteContext, list: readonly IatiDocumentLink[]): string {
  return each(ctx, 'document-link', list, (d) => documentLinkXml(ctx, d));
}

function contactXml(ctx: WriteContext, c: IatiContact): string {
  const text = (name: string, value: string | null) =>
    value === null ? '' : textElement(name, '', value);
  const content =
    textBlock(ctx, 'organisation', c.organisation) +
    textBlock(ctx, 'department', c.department) +
    textBlock(ctx, 'person-name', c.personName) +
    textBlock(ctx, 'job-title', c.jobTitle) +
    text('telephone', c.telephone) +
    text('email', c.email) +
    uriTextElement(ctx, 'website', c.website) +
    textBlock(ctx, 'mailing-address', c.mailingAddress);
  return element('contact-info', attr('type', c.type), content);
}

export function contactsXml(ctx: WriteContext, list: readonly IatiContact[]): string {
  return each(ctx, 'contact-info', list, (c) => contactXml(ctx, c));
}

export function conditionsXml(ctx: WriteContext, c: IatiActivity['conditions']): string {
  if (c === null) return '';
  return ctx.within('conditions', () => {
    const items = each(ctx, 'condition', c.items, (item) => {
      const texts = narratives(ctx, item.narrative);
      if (texts === '')
        ctx.report('error', 'export.required', 'a condition needs a narrative', 'narrative');
      return element('condition', attr('type', item.type), texts);
    });
    return element('conditions', attr('attached', c.attached), items);
  });
}
