import { ScrollRegion } from '../../components/ScrollRegion';
import { useMemo } from 'react';
import type { Study } from '../../evidence/schema';
import { OUTCOME_INFO } from '../../evidence/vocabulary';
import { EVIDENCE_LEVEL_SYMBOL as SYMBOL, evidenceMapCellText, evidenceMapRowBadges } from '../../model/evidence-map-badges';
import { EVIDENCE_LEVEL_LABEL, evidenceMapCell, evidenceMapColumns, type EvidenceLevel } from '../../model/evidence-table-model';
import { ExportMenu } from '../../export/ExportMenu';
import { evidenceMapToCsv, evidenceMapToSvg } from '../../export/evidence-map-export';
import { exportFileName } from '../../export/file-name';

/** Trials × outcomes: what the sources give for each, so that an absence is visible as such. */
export function EvidenceMap({ studies, allStudies = studies, captionLines }: { studies: readonly Study[]; allStudies?: readonly Study[]; captionLines: readonly string[] }) {
  const columns = useMemo(() => evidenceMapColumns(studies), [studies]);
  if (studies.length === 0) return null;
  return (
    <section className="evidence-map" aria-labelledby="evidence-map-title">
      <h2 id="evidence-map-title">Evidence map: what each trial reports</h2>
      <ExportMenu
        label="evidence map"
        spec={{
          title: 'Evidence map: what each trial reports',
          captionLines,
          render: () => {
            const svg = evidenceMapToSvg(studies, columns, 'Evidence map: what each trial reports', captionLines, allStudies);
            const [, w, h] = svg.match(/width="(\d+)" height="(\d+)"/) ?? [];
            return { svg, width: Number(w), height: Number(h) };
          },
          fileName: (ext) => exportFileName(['evidence-map'], new Date(), ext),
          csv: () => evidenceMapToCsv(studies, columns, allStudies),
        }}
      />
      <ul className="map-legend" aria-label="Legend">
        {(Object.keys(SYMBOL) as EvidenceLevel[]).map((l) => (
          <li key={l}><span className={`cell level-${l}`} aria-hidden="true">{SYMBOL[l]}</span> {EVIDENCE_LEVEL_LABEL[l]}</li>
        ))}
        <li><span className="cell indirect" aria-hidden="true">*</span> includes derived or secondary-source values</li>
      </ul>
      <ScrollRegion label="Evidence map table">
        <table>
          <thead>
            <tr>
              <th scope="col">Trial</th>
              {columns.map((k) => <th key={k} scope="col" title={OUTCOME_INFO[k].label}>{OUTCOME_INFO[k].short}</th>)}
            </tr>
          </thead>
          <tbody>
            {studies.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.label}
                  {evidenceMapRowBadges(s, allStudies).map((b) => <span key={b.kind} className={b.kind === 'same-trial' ? 'badge same-trial' : 'badge'}>{b.text}</span>)}
                </th>
                {columns.map((k) => {
                  const cell = evidenceMapCell(s, k);
                  const text = evidenceMapCellText(s, k);
                  return (
                    <td key={k} className={`cell level-${cell.level}`} title={text} aria-label={`${s.label}, ${OUTCOME_INFO[k].label}: ${text}`}>
                      {SYMBOL[cell.level]}{cell.indirect && <span className="indirect">*</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
