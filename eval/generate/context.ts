// What every part of one report's generation shares: the random source, the layout, the number style,
// the anomalies chosen up front, and the truth being written.
import { Decimal } from 'decimal.js';
import type { Rng } from './random.ts';
import type { AnomalyKind, Layout, TruthAnomaly } from './truth.ts';
import { formatFixed, inUnit, unitDecimals, type MoneyUnit, type NumberStyle } from './document.ts';

export class ReportContext {
  readonly anomalies: TruthAnomaly[] = [];
  readonly decoys = new Set<string>();

  constructor(
    readonly rng: Rng,
    readonly layout: Layout,
    /** Anomaly kinds to inject in this report (chosen so that no two touch the same numbers). */
    readonly planned: ReadonlySet<AnomalyKind>,
  ) {}

  wants(kind: AnomalyKind): boolean {
    return this.planned.has(kind);
  }

  record(anomaly: TruthAnomaly): void {
    this.anomalies.push(anomaly);
  }

  get style(): NumberStyle {
    return { thousands: this.layout.thousands, fullWidth: false };
  }

  /** A 元 amount printed in the report's money unit, e.g. "3,125.04万元"; full-width digits sometimes. */
  money(yuan: Decimal, unit: MoneyUnit = this.layout.moneyUnit, fullWidth = false): string {
    const wide = fullWidth && this.layout.fullWidth;
    return `${formatFixed(inUnit(yuan, unit), unitDecimals(unit), { thousands: this.layout.thousands && !wide, fullWidth: wide })}${unit}`;
  }

  /** The number part only (for table cells and formulas). */
  amount(yuan: Decimal, unit: MoneyUnit = this.layout.moneyUnit): string {
    return formatFixed(inUnit(yuan, unit), unitDecimals(unit), { thousands: this.layout.thousands, fullWidth: false });
  }
}

/** The printed value of an amount in a unit, as a plain decimal string (truth files use these). */
export function printedValue(yuan: Decimal, unit: MoneyUnit): string {
  return inUnit(yuan, unit).toFixed();
}
