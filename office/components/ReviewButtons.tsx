import { Form } from 'react-router';
import { Csrf, useT } from '../lib/i18n';

/** The review steps open to this person for a record in this status; each is a small form. */
export function ReviewButtons({
  id,
  version,
  status,
  staff,
  canEdit,
  action,
}: {
  id: string;
  version: number;
  status: string;
  staff: boolean;
  canEdit: boolean;
  action?: string;
}) {
  const t = useT();
  const step = (review: string, label: string, reason = false) => (
    <Form method="post" action={action} className="row-actions" key={review}>
      <Csrf />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      {reason && (
        <div>
          <label htmlFor={`reason-${review}-${id}`}>{t('review.reason')}</label>
          <input id={`reason-${review}-${id}`} name="reason" type="text" required />
        </div>
      )}
      <button type="submit" name="review" value={review} className={reason ? 'danger' : undefined}>
        {label}
      </button>
    </Form>
  );
  const out = [];
  if (status === 'draft' && canEdit) out.push(step('submit', t('review.submit')));
  if (status === 'submitted' && staff) out.push(step('approve', t('review.approve')));
  if (status === 'approved' && staff) out.push(step('publish', t('review.publish')));
  if (status !== 'draft' && staff) out.push(step('return', t('review.return'), true));
  else if (status === 'submitted' && canEdit) out.push(step('return', t('review.withdraw')));
  return <div>{out}</div>;
}
