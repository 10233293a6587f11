import type { Dashboard } from '../api/types.js';
import { formatCount } from '../format/format-count.js';

/** Today's headline numbers as a row of cards (a description list: name, then number). */
export function StatCards({
  today,
  openAlerts,
  showAlerts,
}: {
  readonly today: Dashboard['today'];
  readonly openAlerts: number;
  /** Whether the role sees alerts (else the open-alerts card would always say 0). */
  readonly showAlerts: boolean;
}) {
  const cards: { label: string; value: number; note: string; href?: string }[] = [
    { label: 'Requests', value: today.requests, note: 'web requests through the filter' },
    { label: 'Blocked', value: today.blocked, note: 'requests the policy blocked' },
    { label: 'Searches', value: today.searches, note: 'searches seen' },
    { label: 'People', value: today.people, note: 'different people online' },
  ];
  if (showAlerts) {
    cards.push({
      label: 'Open alerts',
      value: openAlerts,
      note: 'new or acknowledged, any day',
      href: '#/alerts',
    });
  }
  return (
    <dl className="stat-cards">
      {cards.map((card) => (
        <div key={card.label} className={`stat-card${card.href ? ' stat-card--link' : ''}`}>
          <dt className="stat-card__label">{card.label}</dt>
          <dd className="stat-card__value">
            {card.href === undefined ? (
              formatCount(card.value)
            ) : (
              <a href={card.href} className="stat-card__link">
                {formatCount(card.value)}
                <span className="visually-hidden">: view the queue</span>
              </a>
            )}
          </dd>
          <dd className="stat-card__note">{card.note}</dd>
        </div>
      ))}
    </dl>
  );
}
