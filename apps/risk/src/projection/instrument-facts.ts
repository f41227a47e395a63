import { asPrice, settlementOf } from '@qmt/domain';
import type { DeskDirectory } from '@qmt/runtime';
import type { InstrumentFacts } from './exposure-book.js';

const UNKNOWN: InstrumentFacts = { settlement: 'T1', multiplier: 1, preClose: asPrice(0) };

/** Settlement, multiplier and previous close per symbol, looked up once from the desk. */
export function instrumentFacts(desk: DeskDirectory): (symbol: string) => InstrumentFacts {
  const facts = new Map<string, InstrumentFacts>();
  for (const instrument of desk.instruments()) {
    facts.set(instrument.security.symbol, {
      settlement: settlementOf(instrument.security),
      multiplier: instrument.multiplier,
      preClose: instrument.preClose,
    });
  }
  return (symbol) => facts.get(symbol) ?? UNKNOWN;
}
