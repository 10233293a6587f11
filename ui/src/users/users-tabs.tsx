import { type KeyboardEvent, useRef } from 'react';

/** One tab: its key and its words. */
export interface UsersTab<K extends string> {
  readonly key: K;
  readonly label: string;
}

/**
 * The WAI-ARIA tabs pattern for the Users page's two lists: one tab stop, the arrow keys
 * (and Home, End) move between tabs and show the one reached, and the panel is labelled
 * by its tab. `panelId(key)` gives the id the panel must carry.
 */
export function UsersTabs<K extends string>({
  label,
  tabs,
  active,
  onSelect,
}: {
  readonly label: string;
  readonly tabs: readonly UsersTab<K>[];
  readonly active: K;
  readonly onSelect: (key: K) => void;
}) {
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((t) => t.key === active);
    const next =
      event.key === 'ArrowRight'
        ? (at + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (at - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    const key = tabs[next]!.key;
    onSelect(key);
    refs.current.get(key)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="tabs" onKeyDown={move}>
      {tabs.map((tab) => (
        <button
          key={tab.key}
          ref={(element) => {
            if (element === null) refs.current.delete(tab.key);
            else refs.current.set(tab.key, element);
          }}
          type="button"
          role="tab"
          id={tabId(tab.key)}
          aria-selected={tab.key === active}
          aria-controls={panelId(tab.key)}
          tabIndex={tab.key === active ? 0 : -1}
          className={`tabs__tab${tab.key === active ? ' tabs__tab--active' : ''}`}
          onClick={() => onSelect(tab.key)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

/** The id of a tab's button, which labels its panel. */
export function tabId(key: string): string {
  return `users-tab-${key}`;
}

/** The id a tab's panel carries. */
export function panelId(key: string): string {
  return `users-panel-${key}`;
}
