import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { StudyKind } from '../evidence/schema';
import { EARLIEST_YEAR, OUTCOME_KINDS, SETTINGS, isPlausibleYear, latestYear } from '../evidence/terms';
import { FILTER_PHASES, OUTCOME_INFO, PHASE_LABEL, PHASE_SHORT_LABEL, SETTING_LABEL, STUDY_KIND_LABEL } from '../evidence/vocabulary';
import { activeFilterCount } from '../model/active-filters';
import { useAppStore } from '../store/store-context';
import { useFoldedOnSmallScreen } from './use-layout-size';

const KINDS: StudyKind[] = ['ivig-rct', 'ivig-non-randomised', 'ivig-active-comparator-rct', 'comparator-rct'];

/** The filters every view shares: MS phase, setting, study kind, outcome, years, search. */
export function FilterBar() {
  const filters = useAppStore((s) => s.filters);
  const actions = useAppStore(
    useShallow((s) => ({
      togglePhase: s.togglePhase,
      toggleSetting: s.toggleSetting,
      toggleKind: s.toggleKind,
      setOutcome: s.setOutcome,
      setYearRange: s.setYearRange,
      setSearch: s.setSearch,
      resetFilters: s.resetFilters,
    })),
  );
  // Folded on a small screen, where they would fill the first screen, open on a wide one.
  const { open, toggle } = useFoldedOnSmallScreen();
  const formId = useId();
  return (
    <div className="filters">
    <button type="button" className="filters-toggle" aria-expanded={open} aria-controls={formId} onClick={toggle}>
      Filters ({activeFilterCount(filters)} active)
    </button>
    <form id={formId} hidden={!open} className="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>MS phase</legend>
        <div className="toggle-group">
          {FILTER_PHASES.map((phase) => (
            <button
              key={phase}
              type="button"
              aria-pressed={filters.phases.includes(phase)}
              title={PHASE_LABEL[phase] + (phase === 'SP' || phase === 'PP' ? ' (mixed PP+SP trials included)' : '')}
              onClick={() => actions.togglePhase(phase)}
            >
              {PHASE_SHORT_LABEL[phase]}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Setting</legend>
        <div className="toggle-group">
          {SETTINGS.map((setting) => (
            <button key={setting} type="button" aria-pressed={filters.settings.includes(setting)} onClick={() => actions.toggleSetting(setting)}>
              {SETTING_LABEL[setting]}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Studies</legend>
        {KINDS.map((kind) => (
          <label key={kind} className="check">
            <input type="checkbox" checked={filters.kinds.includes(kind)} onChange={() => actions.toggleKind(kind)} />
            {STUDY_KIND_LABEL[kind]}
          </label>
        ))}
      </fieldset>
      <fieldset className="inline-fields">
        <legend>Outcome and years</legend>
        <label>
          Outcome reported
          <select value={filters.outcome ?? ''} onChange={(e) => actions.setOutcome(e.target.value === '' ? null : (e.target.value as typeof filters.outcome))}>
            <option value="">Any outcome</option>
            {OUTCOME_KINDS.map((k) => <option key={k} value={k}>{OUTCOME_INFO[k].label}</option>)}
          </select>
        </label>
        <YearInput label="From year" value={filters.yearFrom} onCommit={(y) => actions.setYearRange(y, filters.yearTo)} />
        <YearInput label="To year" value={filters.yearTo} onCommit={(y) => actions.setYearRange(filters.yearFrom, y)} />
        <label>
          Search
          <input type="search" value={filters.search} placeholder="author, trial…" onChange={(e) => actions.setSearch(e.target.value)} />
        </label>
        <button type="button" onClick={actions.resetFilters}>Reset filters</button>
      </fieldset>
    </form>
    {filters.yearFrom !== null && filters.yearTo !== null && filters.yearFrom > filters.yearTo && (
      // Said, not swapped behind the user's back (they may be mid-edit); outside the form, so that
      // it shows while the filters are folded.
      <p className="year-hint" role="status">
        “From” {filters.yearFrom} is after “To” {filters.yearTo}: no study can match.{' '}
        <button type="button" onClick={() => actions.setYearRange(filters.yearTo, filters.yearFrom)}>Swap to {filters.yearTo}–{filters.yearFrom}</button>
      </p>
    )}
    </div>
  );
}

/** A year box that lets the user type "19…" without filtering on year 19: it commits a plausible
 * four-digit year, or no bound when emptied. */
function YearInput({ label, value, onCommit }: { label: string; value: number | null; onCommit: (year: number | null) => void }) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const [committed, setCommitted] = useState(value);
  // A reset or a link changed the bound from outside: show it (React's "adjust state on prop change").
  if (committed !== value) {
    setCommitted(value);
    setText(value === null ? '' : String(value));
  }
  return (
    <label>
      {label}
      <input
        type="number"
        inputMode="numeric"
        min={EARLIEST_YEAR}
        max={latestYear()}
        value={text}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          const n = Number(t);
          if (t === '') { setCommitted(null); onCommit(null); }
          else if (isPlausibleYear(n)) { setCommitted(n); onCommit(n); }
        }}
      />
    </label>
  );
}
