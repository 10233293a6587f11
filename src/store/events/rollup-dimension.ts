/**
 * What an hourly rollup row counts, by the `dimension` column; `key` is then:
 *
 * | dimension | key | answers |
 * | --- | --- | --- |
 * | `total` | `''` | events per hour and action (dashboard counts) |
 * | `user` | username | top users (blocked, alerts) per day or week |
 * | `group` | policy group | a group's activity |
 * | `category` | category id, once per category of the event | top categories |
 * | `group-category` | `group` TAB `category` | a group's top categories |
 * | `host` | host; blocked, warned and alerted requests only | top blocked hosts (allowed traffic would make this table nearly as long as the events: a school sees thousands of hosts an hour, and it halved the insert rate in bench/store) |
 * | `search` | policy group | searches per group (and in total) |
 *
 * NOTE: values are stored: never rename one; add new dimensions at the end.
 */
export const ROLLUP_DIMENSIONS = [
  'total',
  'user',
  'group',
  'category',
  'group-category',
  'host',
  'search',
] as const;

export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
