import { ScrollRegion } from '../../components/ScrollRegion';
import { useMemo, useState } from 'react';
import type { Study } from '../../evidence/schema';
import { PHASE_SHORT_LABEL, SETTING_LABEL, STUDY_KIND_BADGE as KIND_BADGE } from '../../evidence/vocabulary';
import { sameTrialText, sortEvidenceRows, toEvidenceRow, type EvidenceRowSortKey } from '../../model/evidence-table-model';
import { useAppStore } from '../../store/store-context';

const COLUMNS: { key: EvidenceRowSortKey | null; label: string }[] = [
  { key: 'label', label: 'Trial' },
  { key: 'year', label: 'Year' },
  { key: 'phase', label: 'Phase' },
  { key: null, label: 'Setting' },
  { key: null, label: 'Design' },
  { key: 'totalN', label: 'n per arm' },
  { key: null, label: 'Regimen (verbatim)' },
  { key: 'monthlyDoseValue', label: 'Monthly dose' },
  { key: null, label: 'Outcomes reported' },
];

export function EvidenceTable({ studies, allStudies = studies }: { studies: readonly Study[]; allStudies?: readonly Study[] }) {
  const [sort, setSort] = useState<{ key: EvidenceRowSortKey; descending: boolean }>({ key: 'year', descending: false });
  const selectStudy = useAppStore((s) => s.selectStudy);
  const selectedStudyId = useAppStore((s) => s.selectedStudyId);
  const sameTrialLabel = (id: string) => {
    const s = allStudies.find((x) => x.id === id);
    return s ? sameTrialText(s, allStudies) : null;
  };
  const rows = useMemo(() => sortEvidenceRows(studies.map(toEvidenceRow), sort.key, sort.descending), [studies, sort]);

  if (rows.length === 0) {
    return <p className="empty" role="status">No study matches these filters. Reset the filters to see all trials.</p>;
  }
  return (
    <ScrollRegion label="Trial table">
      <table className="evidence-table">
        <caption>Trials of IVIG in MS (click a trial for every number with its source quote)</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const active = c.key !== null && sort.key === c.key;
              return (
                <th key={c.label} scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                  {c.key === null ? c.label : (
                    <button type="button" className="sort" onClick={() => setSort({ key: c.key as EvidenceRowSortKey, descending: active ? !sort.descending : false })}>
                      {c.label}{active ? (sort.descending ? ' ▼' : ' ▲') : ''}
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} aria-selected={r.id === selectedStudyId} className={r.kind !== 'ivig-rct' ? 'muted' : undefined}>
              <th scope="row">
                <button type="button" className="link" data-study-id={r.id} aria-expanded={r.id === selectedStudyId} onClick={() => selectStudy(r.id === selectedStudyId ? null : r.id)}>{r.label}</button>
                {r.kind !== 'ivig-rct' && <span className="badge">{KIND_BADGE[r.kind]}</span>}
                {r.userSupplied && <span className="badge user">user-supplied</span>}
                {r.flags.includes('crossover-within-patient') && <span className="badge">crossover</span>}
                {r.flags.includes('possible-duplicate-cohort') && !r.sameTrialAs && <span className="badge">possible duplicate</span>}
                {r.sameTrialAs && <span className="badge same-trial">{sameTrialLabel(r.id)}</span>}
              </th>
              <td>{r.year ?? 'not reported'}</td>
              <td>{PHASE_SHORT_LABEL[r.phase]}</td>
              <td>{SETTING_LABEL[r.setting]}</td>
              <td>{r.design}</td>
              <td>{r.armSizes}</td>
              <td className="regimen"><span title={r.regimen}>{r.regimen}</span></td>
              <td>{r.monthlyDose}</td>
              <td>{r.outcomes.join(', ') || 'none with data'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
