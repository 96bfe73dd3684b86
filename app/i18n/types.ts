/** The shape of a Dutch texts object with every text widened to string: what its English twin must match. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
