/// The Cholesky factor L of a symmetric positive definite matrix A = L·Lᵀ, for solving the
/// small normal equations of a fit (a few dozen parameters at most).
///
///     // A = [[4, 2], [2, 3]], b = [2, 1]  →  x = [0.5, 0]
///     let x = CholeskyFactorization(symmetric: [4, 2, 2, 3], dimension: 2)?.solve([2, 1])
struct CholeskyFactorization {
    let dimension: Int
    /// L, row-major, the upper triangle left at zero.
    private var lower: [Double]

    /// Factors `matrix`; nil when it is not positive definite (a pivot is not > 0 or not finite),
    /// which a damped fit answers by damping more.
    ///
    /// - Parameters:
    ///   - matrix: n × n, row-major; only the lower triangle is read.
    ///   - dimension: n.
    /// - Complexity: O(n³/3).
    init?(symmetric matrix: [Double], dimension n: Int) {
        precondition(matrix.count == n * n, "a \(n) × \(n) matrix needs \(n * n) entries, not \(matrix.count)")
        dimension = n
        lower = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = matrix[i * n + j]
                for k in 0..<j { sum -= lower[i * n + k] * lower[j * n + k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    lower[i * n + i] = sum.squareRoot()
                } else {
                    lower[i * n + j] = sum / lower[j * n + j]
                }
            }
        }
    }

    /// x with A·x = b, by forward then backward substitution.
    ///
    /// - Parameter b: n entries.
    /// - Complexity: O(n²).
    func solve(_ b: [Double]) -> [Double] {
        let n = dimension
        precondition(b.count == n, "the right-hand side needs \(n) entries, not \(b.count)")
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= lower[i * n + k] * y[k] }
            y[i] /= lower[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n { y[i] -= lower[k * n + i] * y[k] }
            y[i] /= lower[i * n + i]
        }
        return y
    }
}
