/** DI token of the process's pino logger (its own file, so providers can import it cyclelessly). */
export const LOGGER = Symbol('LOGGER');
