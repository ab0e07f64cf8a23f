/** The phase comparison's panels leave the app as CSV: one row per compared phase. */
import { PHASE_ROW_LABEL, type PhasePanel } from '../model/phase-comparison-model';
import { toCsv } from './to-csv';

/**
 * The panel's cells as CSV. Under the Bayesian model `estimate`, `ci_lower` and `ci_upper` are the
 * posterior median and 95% central CrI (`interval` says which), with τ, the predictive interval,
 * P(benefit) and the prior in their own columns; I² and the subgroup test are random effects.
 */
export function phasePanelToCsv(panel: PhasePanel, method: string): string {
  return toCsv(
    ['outcome', 'measure', 'phase', 'k', 'participants', 'estimate', 'ci_lower', 'ci_upper', 'interval', 'I2_percent', 'I2_basis', 'studies', 'empty_reason', 'subgroup_Q', 'subgroup_df', 'subgroup_p',
      'method', 'prior', 'tau_median', 'tau_lower', 'tau_upper', 'pi_lower', 'pi_upper', 'p_benefit', 'benefit_statement'],
    panel.cells.map((c) => [
      panel.outcomeLabel, panel.measureLabel, PHASE_ROW_LABEL[c.row], c.k, c.participants, c.estimate, c.ciLower, c.ciUpper,
      c.estimate === null ? '' : c.bayesian ? '95% CrI (posterior median)' : '95% CI', c.I2, c.I2Basis ?? '', c.studies.join('; '), c.emptyReason,
      panel.subgroupTest?.Q ?? null, panel.subgroupTest?.df ?? null, panel.subgroupTest?.pValue ?? null,
      method, c.bayesian?.priorText ?? '', c.bayesian?.tau.median ?? null, c.bayesian?.tau.lower ?? null, c.bayesian?.tau.upper ?? null,
      c.bayesian?.piLower ?? null, c.bayesian?.piUpper ?? null, c.bayesian?.probabilityOfBenefit ?? null, c.bayesian?.benefitText ?? '',
    ]),
  );
}
