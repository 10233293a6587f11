/**
 * A teacher's warning that a lesson will cause unusual traffic (the Sevenoaks policy asks
 * for it): alerts about pupils in `groups` within the window that touch the topic's
 * categories or keywords are marked "expected: <topic>" and lowered one level, never hidden.
 */
export interface ActivityNotice {
  readonly id: string;
  readonly createdBy: string;
  readonly groups: readonly string[];
  readonly topic: string;
  readonly keywords: readonly string[];
  readonly categories: readonly string[];
  readonly fromMs: number;
  readonly toMs: number;
}

/** What a notice is matched against: the alert's person, concern and one event's evidence. */
export interface NoticeProbe {
  readonly groups: readonly string[];
  readonly category: string;
  readonly timeMs: number;
  /** Search terms, URL and matched phrases of the event. */
  readonly texts: readonly string[];
}

/**
 * The first notice that covers `probe`, or null: the person is in one of its groups, the
 * event falls in its window, and the category is one of its categories or a keyword occurs
 * (case-insensitively, as a whole word or phrase) in the event's texts.
 *
 * ### Examples
 * ```ts
 * noticeCovering([{ groups: ['9x-history'], topic: 'WW2 propaganda', keywords: ['propaganda'], … }], probe);
 * ```
 */
export function noticeCovering(
  notices: readonly ActivityNotice[],
  probe: NoticeProbe,
): ActivityNotice | null {
  for (const notice of notices) {
    if (probe.timeMs < notice.fromMs || probe.timeMs >= notice.toMs) continue;
    if (!notice.groups.some((g) => probe.groups.includes(g))) continue;
    if (notice.categories.includes(probe.category)) return notice;
    if (notice.keywords.some((k) => probe.texts.some((t) => containsWords(t, k)))) return notice;
  }
  return null;
}

function containsWords(text: string, keyword: string): boolean {
  const words = (s: string) =>
    s
      .toLocaleLowerCase()
      .split(/[^\p{L}\p{M}\p{N}]+/u)
      .filter(Boolean);
  const haystack = ` ${words(text).join(' ')} `;
  const needle = words(keyword).join(' ');
  return needle !== '' && haystack.includes(` ${needle} `);
}
