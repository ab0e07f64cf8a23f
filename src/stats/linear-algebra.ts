/**
 * Small dense matrices for meta-regression (p × p with p = number of coefficients, usually < 10).
 * Row-major storage in a Float64Array. Not meant for large matrices: the k × p design matrix is
 * never multiplied out; `weighted-least-squares.ts` streams over studies instead.
 */
import { MetaAnalysisError } from './errors';

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major: element (i, j) is data[i * cols + j]. */
  readonly data: Float64Array;
}

export function createMatrix(rows: number, cols: number, data?: ArrayLike<number>): Matrix {
  const store = new Float64Array(rows * cols);
  if (data !== undefined) {
    if (data.length !== rows * cols) {
      throw new MetaAnalysisError(`matrix data must have ${rows * cols} entries, got ${data.length}`);
    }
    store.set(data);
  }
  return { rows, cols, data: store };
}

export function identityMatrix(n: number): Matrix {
  const m = createMatrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

export function matrixGet(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j] ?? Number.NaN;
}

/** A · B. */
export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) {
    throw new MetaAnalysisError(`cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  }
  const out = createMatrix(a.rows, b.cols);
  const A = a.data;
  const B = b.data;
  const C = out.data;
  for (let i = 0; i < a.rows; i++) {
    for (let l = 0; l < a.cols; l++) {
      const ail = A[i * a.cols + l] ?? 0;
      if (ail === 0) continue;
      for (let j = 0; j < b.cols; j++) {
        C[i * b.cols + j] = (C[i * b.cols + j] ?? 0) + ail * (B[l * b.cols + j] ?? 0);
      }
    }
  }
  return out;
}

/** Aᵀ. */
export function transpose(a: Matrix): Matrix {
  const out = createMatrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j] ?? 0;
  }
  return out;
}

/** The sub-matrix with the given row and column indices. */
export function subMatrix(a: Matrix, rowIdx: readonly number[], colIdx: readonly number[]): Matrix {
  const out = createMatrix(rowIdx.length, colIdx.length);
  rowIdx.forEach((r, i) => {
    colIdx.forEach((c, j) => {
      out.data[i * colIdx.length + j] = matrixGet(a, r, c);
    });
  });
  return out;
}

/**
 * Cholesky factor L (lower triangular, A = L·Lᵀ) of a symmetric positive-definite matrix.
 * Throws when A is not positive definite (collinear moderators, a constant moderator column),
 * naming the pivot.
 */
export function cholesky(a: Matrix): Matrix {
  const n = a.rows;
  if (a.cols !== n) throw new MetaAnalysisError(`Cholesky needs a square matrix, got ${a.rows}×${a.cols}`);
  const L = createMatrix(n, n);
  const l = L.data;
  for (let j = 0; j < n; j++) {
    const original = matrixGet(a, j, j);
    let diag = original;
    for (let m = 0; m < j; m++) diag -= (l[j * n + m] ?? 0) ** 2;
    // Scale-free test: a pivot that is a rounding residue of its own diagonal means the column is
    // (numerically) a combination of the previous ones.
    if (!(diag > original * 1e-12)) {
      throw new MetaAnalysisError(
        `matrix is not positive definite (pivot ${j + 1} is ${diag}): are the moderators collinear or constant?`,
      );
    }
    const ljj = Math.sqrt(diag);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = matrixGet(a, i, j);
      for (let m = 0; m < j; m++) s -= (l[i * n + m] ?? 0) * (l[j * n + m] ?? 0);
      l[i * n + j] = s / ljj;
    }
  }
  return L;
}

/** Solves A·x = b given the Cholesky factor L of A (forward then back substitution). */
export function choleskySolve(L: Matrix, b: ArrayLike<number>): Float64Array {
  const n = L.rows;
  const l = L.data;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i] ?? 0;
    for (let m = 0; m < i; m++) s -= (l[i * n + m] ?? 0) * (y[m] ?? 0);
    y[i] = s / (l[i * n + i] ?? 1);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] ?? 0;
    for (let m = i + 1; m < n; m++) s -= (l[m * n + i] ?? 0) * (x[m] ?? 0);
    x[i] = s / (l[i * n + i] ?? 1);
  }
  return x;
}

/** A⁻¹ from the Cholesky factor of A (column by column). */
export function choleskyInverse(L: Matrix): Matrix {
  const n = L.rows;
  const inv = createMatrix(n, n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(L, e);
    for (let i = 0; i < n; i++) inv.data[i * n + j] = col[i] ?? 0;
  }
  return inv;
}

/** ln det A = 2 Σ ln L_jj. */
export function logDeterminantFromCholesky(L: Matrix): number {
  let s = 0;
  for (let j = 0; j < L.rows; j++) s += Math.log(matrixGet(L, j, j));
  return 2 * s;
}

/** Inverse of a symmetric positive-definite matrix. */
export function inverseSpd(a: Matrix): Matrix {
  return choleskyInverse(cholesky(a));
}

/** xᵀ A⁻¹ x for symmetric positive-definite A (a Wald statistic). */
export function quadraticFormInverse(a: Matrix, x: ArrayLike<number>): number {
  const sol = choleskySolve(cholesky(a), x);
  let s = 0;
  for (let i = 0; i < sol.length; i++) s += (x[i] ?? 0) * (sol[i] ?? 0);
  return s;
}

/** xᵀ A y. */
export function bilinearForm(x: ArrayLike<number>, a: Matrix, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.rows; i++) {
    const xi = x[i] ?? 0;
    if (xi === 0) continue;
    for (let j = 0; j < a.cols; j++) s += xi * (a.data[i * a.cols + j] ?? 0) * (y[j] ?? 0);
  }
  return s;
}
