/** pgvector's text form of a vector. */
export const toVectorLiteral = (vector: number[]) => `[${vector.join(',')}]`;
