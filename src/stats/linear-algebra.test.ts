import { describe, expect, it } from 'vitest';
import {
  cholesky,
  createMatrix,
  inverseSpd,
  logDeterminantFromCholesky,
  matrixGet,
  multiply,
  quadraticFormInverse,
  transpose,
} from './linear-algebra';

describe('linear algebra', () => {
  const A = createMatrix(3, 3, [4, 2, 0.4, 2, 5, 1, 0.4, 1, 3]);

  it('multiplies and transposes', () => {
    const B = createMatrix(2, 3, [1, 2, 3, 4, 5, 6]);
    expect(Array.from(transpose(B).data)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(Array.from(multiply(B, transpose(B)).data)).toEqual([14, 32, 32, 77]);
    expect(() => multiply(B, B)).toThrow('cannot multiply 2×3 by 2×3');
  });

  it('inverts a symmetric positive-definite matrix', () => {
    const product = multiply(A, inverseSpd(A));
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) expect(matrixGet(product, i, j)).toBeCloseTo(i === j ? 1 : 0, 14);
    }
  });

  it('gives the log determinant and quadratic forms', () => {
    // det A = 4(15 − 1) − 2(6 − 0.4) + 0.4(2 − 2) = 44.8
    expect(logDeterminantFromCholesky(cholesky(A))).toBeCloseTo(Math.log(44.8), 14);
    const two = createMatrix(2, 2, [2, 0, 0, 8]);
    expect(quadraticFormInverse(two, [2, 4])).toBeCloseTo(4 / 2 + 16 / 8, 15);
  });

  it('refuses singular matrices', () => {
    expect(() => cholesky(createMatrix(2, 2, [1, 2, 2, 4]))).toThrow(/not positive definite \(pivot 2/);
  });
});
