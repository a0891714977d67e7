/**
 * JSON as it came off the wire, read by assertions. A wrong shape fails the expect(), which is the
 * check, so tests do not restate every response schema. For tests only: src/ never uses `any`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one deliberate `any`, see above
export type Wire = any;
