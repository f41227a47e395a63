// The clock seam: the domain never reads the wall clock (STYLE §2.3 "Time and ids"); adapters
// pass a Clock or an instant, so every time rule is testable at any instant.

/** Source of the current instant, implemented by adapters (system clock, test clock). */
export interface Clock {
  now(): Date;
}
