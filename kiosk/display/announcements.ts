// 办结公告 (seed 004 办结公告制度) in the hall display's notice band: finished cases of matters marked 须公告,
// masked, for the centre's configured number of days. Asked again every few minutes; a failed request keeps
// what was shown. The same band carries the 公示 of cases in their 公示期 (issue 22 ⑦; seed 004 附件2
// “做好审核阶段的公示、接受社会监督等工作”): matter, masked applicant, 公示期.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.ts';

interface Announcement {
  matterName: string;
  applicant: string;
  date: string;
  result: string;
}

interface PublicityNotice {
  matterName: string;
  applicant: string;
  startDate: string;
  endDate: string;
}

const monthDay = (date: string) => `${date.slice(5).replace('-', '月')}日`;

export function announcementText(list: Announcement[], publicity: PublicityNotice[] = []): string {
  const parts: string[] = [];
  if (publicity.length)
    parts.push(
      `公示：${publicity.map((p) => `${p.matterName}　${p.applicant}　公示期${monthDay(p.startDate)}至${monthDay(p.endDate)}`).join('；')}，接受社会监督`,
    );
  if (list.length)
    parts.push(
      `办结公告：${list.map((a) => `${a.matterName}　${a.applicant}　${monthDay(a.date)}${a.result}`).join('；')}`,
    );
  return parts.join('　　');
}

export function useAnnouncements(everyMs = 5 * 60_000): string {
  const [text, setText] = useState('');
  useEffect(() => {
    const load = () =>
      api<{ announcements: Announcement[]; publicity?: PublicityNotice[] }>('GET', '/api/announcements')
        .then((r) => setText(announcementText(r.announcements, r.publicity ?? [])))
        .catch(() => undefined);
    void load();
    const t = setInterval(() => void load(), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return text;
}
