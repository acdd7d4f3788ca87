import { NavLink } from 'react-router';
import { useT } from '../lib/i18n';

/** The parts of one activity, each its own screen: the record, money, results, documents. */
export function ActivityTabs({ id }: { id: string }) {
  const t = useT();
  const links = [
    [`/activities/${id}`, t('rec.tab_record')],
    [`/activities/${id}/money`, t('rec.tab_money')],
    [`/activities/${id}/results`, t('rec.tab_results')],
    [`/activities/${id}/documents`, t('rec.tab_documents')],
    [`/activities/${id}/history`, t('edit.history')],
    [`/activities/${id}/review`, t('review.actions')],
  ] as const;
  return (
    <nav aria-label={t('rec.tabs')} className="tabs">
      <ul>
        {links.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to} end>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
