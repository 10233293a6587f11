import { useMemo } from 'react';
import { createTimeFormat, type TimeFormat } from '../format/create-time-format.js';
import { useSession } from './use-session.js';

/** Time formats in the signed-in school's timezone. */
export function useTimeFormat(): TimeFormat {
  const timezone = useSession().session.school.timezone;
  return useMemo(() => createTimeFormat(timezone), [timezone]);
}
