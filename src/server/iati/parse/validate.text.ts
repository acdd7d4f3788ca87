import type { IatiActivity, Narratives } from '../iati.model.js';
import { nth, type Checker } from './validate.checker.js';

const empty = (n: Narratives): boolean => Object.keys(n).length === 0;

/** Elements that must hold at least one narrative (rules 4.3.1, 4.4.1 and the schema's textRequiredType). */
export function checkTexts(a: IatiActivity, c: Checker): void {
  if (empty(a.title))
    c.add(
      'activity.title_missing',
      'the activity has no title text: it cannot be stored without one',
      'title',
    );
  if (a.descriptions.length === 0)
    c.add('activity.description_missing', 'the activity has no description', 'description');
  a.descriptions.forEach((d, i) => {
    if (empty(d.narrative))
      c.add('narrative.missing', 'the description has no narrative text', nth('description', i));
  });
  if (a.status === null)
    c.add('activity.status_missing', 'the activity has no activity-status', 'activity-status');

  a.documentLinks.forEach((d, i) => {
    const path = nth('document-link', i);
    if (d.url === '') c.add('field.missing', 'document-link needs a @url', `${path}/@url`);
    if (empty(d.title)) c.add('narrative.missing', 'document-link needs a title', `${path}/title`);
    if (d.categories.length === 0)
      c.add('field.missing', 'document-link needs at least one category', `${path}/category`);
  });
  a.conditions?.items.forEach((item, i) => {
    const path = `conditions/${nth('condition', i)}`;
    if (empty(item.narrative)) c.add('narrative.missing', 'the condition has no text', path);
    if (item.type === '') c.add('field.missing', 'condition needs a @type', `${path}/@type`);
  });
  a.results.forEach((r, i) => {
    const path = nth('result', i);
    if (empty(r.title)) c.add('narrative.missing', 'the result has no title', `${path}/title`);
    r.indicators.forEach((ind, j) => {
      if (empty(ind.title))
        c.add(
          'narrative.missing',
          'the indicator has no title',
          `${path}/${nth('indicator', j)}/title`,
        );
    });
  });
}
